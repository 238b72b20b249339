/**
 * The demo's enforcement cases of 2024 — 向阳荷花广场小区 (地温空调 water piped to the storm drain,
 * a typical case), 三川盛唐商务苑 (3 wells concealed through every survey) and 人力大厦 (4 heat-pump
 * wells left off the register, under investigation) — and the annual volumes that make a few
 * permitted wells small users (小用水户). Loaded through the services, as an office would.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { systemActor } from '../../auth/actor.js';
import type { CaseEventKind, CaseEventData } from '../../../domain/case/case.js';
import * as repo from './cases.repo.js';
import type { CaseFields } from './cases.schema.js';
import { createCase, markTypical, recordCaseEvent } from './cases.service.js';

type DemoCase = {
  card?: string; wellsOf?: string; partyName: string; contact: string; fields: Omit<CaseFields, 'unitId' | 'partyCardId' | 'partyName' | 'partyContact' | 'wellIds' | 'typical'>;
  steps: [CaseEventKind, string, CaseEventData][]; typical: boolean;
};

const DEMO_CASES: DemoCase[] = [
  {
    card: '向阳荷花广场小区物业', partyName: '向阳荷花广场小区物业服务中心', contact: '物业经理 王某 13803770000',
    fields: {
      filedOn: '2024-01-10', violation: 'discharge', violationOther: null, legalBasis: ['gwr-51', 'gwr-63'], fineYuan: null, otherMeasures: '',
      facts: '1月8日联合执法检查时，该小区地温空调回灌水量明显小于取水量，雨水管道内有持续来水；截取管道水样送检，确认回灌水经雨水管道外排',
    },
    steps: [
      ['investigate', '2024-01-10', { note: '调取运行记录，超声波流量计测量取水与回灌水量' }],
      ['decide', '2024-01-24', { fineYuan: 100_000, otherMeasures: '责令立即停止外排，限期整改回灌设施', decisionNo: '宛水罚决〔2024〕1号' }],
      ['enforce', '2024-01-31', { note: '送达处罚决定书' }],
      ['close', '2024-02-29', { executionNote: '罚款已缴纳，回灌设施已整改并经复查合格' }],
    ],
    typical: true,
  },
  {
    card: '三川盛唐商务苑物业', wellsOf: '三川盛唐商务苑', partyName: '三川盛唐商务苑物业', contact: '物业负责人 李某',
    fields: {
      filedOn: '2024-01-12', violation: 'concealed', violationOther: null, legalBasis: ['gwr-35', 'gwr-49', 'gwr-58'], fineYuan: null, otherMeasures: '',
      facts: '群众多次举报该小区使用自备井，物业在网格排查和区、街道复查中一直上报“无”；市封停办现场排查查实自备井3眼',
    },
    steps: [
      ['investigate', '2024-01-12', { note: '宛城区专案组对比自来水用量，取样化验水质' }],
      ['decide', '2024-01-26', { fineYuan: 100_000, otherMeasures: '责令限期回填封井', decisionNo: '宛水罚决〔2024〕2号' }],
      ['enforce', '2024-02-05', { note: '送达处罚决定书，督促限期封井' }],
    ],
    typical: false,
  },
  {
    wellsOf: '人力大厦（地温空调）', partyName: '人力大厦', contact: '',
    fields: {
      filedOn: '2024-01-15', violation: 'concealed', violationOther: null, legalBasis: ['gwr-49', 'gwr-63'], fineYuan: null, otherMeasures: '',
      facts: '网格排查登记地温空调井1眼，核查发现实有5眼，未申报取水井、回灌井4眼',
    },
    steps: [['investigate', '2024-01-16', { note: '调取地温空调项目施工资料' }]],
    typical: false,
  },
];

/** Permitted wells given an annual volume per district: position in the district's list → m³ (one above the threshold). */
const DEMO_VOLUMES: [number, number][] = [[0, 450], [1, 820], [2, 1800], [-1, 680], [-2, 960]];

export async function loadDemoCases(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const ctx = { db, actor: { ...systemActor(city), displayName: '市水利局执法支队' }, requestId: null };
  for (const c of DEMO_CASES) {
    const card = c.card ? await repo.demoCardByName(db, c.card) : undefined;
    if (c.card && !card) throw new Error(`demo cases: no card ${c.card}`);
    const wells = c.wellsOf ? await repo.demoWellsByOwner(db, c.wellsOf) : [];
    if (c.wellsOf && wells.length === 0) throw new Error(`demo cases: no wells of ${c.wellsOf}`);
    let view = await createCase(ctx, {
      ...c.fields, unitId: card?.gridId ?? wells[0]!.orgUnitId, partyCardId: card?.id ?? null, partyName: c.partyName, partyContact: c.contact,
      wellIds: wells.map((w) => w.id), typical: false,
    });
    for (const [event, onDate, data] of c.steps) view = await recordCaseEvent(ctx, view.id, { event, onDate, data, version: view.version });
    if (c.typical) await markTypical(ctx, view.id, { typical: true, version: view.version });
  }
  const permit = await repo.demoPermitWells(db);
  for (const d of await repo.allDistricts(db)) {
    const mine = permit.filter((w) => w.orgPath.startsWith(d.path));
    if (mine.length < 5) continue;
    for (const [at, volume] of DEMO_VOLUMES) await repo.demoSetVolume(db, mine.at(at)!.id, volume);
  }
}
