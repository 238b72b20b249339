import { describe, expect, it } from 'vitest';
import { awaitsFieldSealing, NEW_WELL, nextWellEvents, transitionWell, wellAsOf, WellRuleError, WELL_EVENTS, WELL_STAGES, type WellEvent, type WellEventKind, type WellFacts } from './lifecycle.js';
import { distanceMetres, wellCode } from './well.js';
import { impliedEvents, planWellSheet } from './well-sheet.js';

const EVIDENCE: Record<WellEventKind, WellEvent['data']> = {
  verify: {},
  decide: { disposition: 'seal', sealMode: 'backfill', legalBasis: '《地下水管理条例》第四十九条' },
  serve_notice: { deadline: '2024-06-30' },
  connect_supply: { switchProject: '崔庄社区管网改造' },
  seal: { method: 'clay_backfill', materials: '黏土、水泥', contractor: '宛城水利工程队', depthFromM: 0, depthToM: 80 },
  accept: { acceptedBy: '区水利局', conclusion: '封填密实，合格' },
  reactivate: { applicationNo: '宛水许〔2024〕12号' },
  issue_permit: { permitNo: 'D411300G2024-0001', annualVolumeM3: 800, permitExpiresOn: '2029-06-30' },
  install_meter: { meterSerial: 'M-001' },
  register_tax: { taxRegisteredNo: 'T-001' },
};
const step = (w: WellFacts, event: WellEventKind, data = EVIDENCE[event]) => transitionWell(w, { event, onDate: '2024-06-01', data });
const path = (events: WellEventKind[], decide = EVIDENCE.decide) => events.reduce((w, e) => step(w, e, e === 'decide' ? decide : EVIDENCE[e]), NEW_WELL);

const SEAL: WellEventKind[] = ['verify', 'decide', 'serve_notice', 'connect_supply', 'seal', 'accept'];
const PERMIT: WellEventKind[] = ['verify', 'decide', 'issue_permit', 'install_meter', 'register_tax'];
const permitDecision = { disposition: 'permit' as const, legalBasis: '《取水许可和水资源费征收管理条例》' };

describe('the well lifecycle', () => {
  it('walks the seal path from discovered to accepted', () => {
    expect(path(SEAL).stage).toBe('accepted');
  });
  it('walks the permit path to tax registration, and keep ends at the decision', () => {
    expect(path(PERMIT, permitDecision).stage).toBe('tax_registered');
    expect(path(['verify', 'decide'], { disposition: 'keep', legalBasis: '消防用井' })).toEqual({ stage: 'decided', disposition: 'keep', sealMode: null });
  });
  it('reactivates a standby well only with an approved application', () => {
    const standby = path(SEAL, { ...EVIDENCE.decide, sealMode: 'standby' });
    expect(step(standby, 'reactivate').stage).toBe('reactivated');
    expect(() => step(standby, 'reactivate', {})).toThrow('启用备用井须有已批准的申请');
    expect(() => step(path(SEAL), 'reactivate')).toThrow('只有“封存备用”的井才能启用');
  });

  // every (stage, event) pair that is not on a path is refused, naming what is missing
  const legal = new Set<string>();
  const reach: Record<string, WellFacts> = {};
  for (const [events, decide] of [[SEAL, EVIDENCE.decide], [PERMIT, permitDecision]] as const) {
    let w = NEW_WELL;
    reach[`${w.stage}|${w.disposition}`] = w;
    for (const e of events) {
      legal.add(`${w.stage}|${w.disposition}|${e}`);
      w = step(w, e, e === 'decide' ? decide : EVIDENCE[e]);
      reach[`${w.stage}|${w.disposition}`] = w;
    }
  }
  for (const w of Object.values(reach)) {
    for (const e of WELL_EVENTS) {
      if (legal.has(`${w.stage}|${w.disposition}|${e}`) || e === 'reactivate') continue;
      it(`refuses ${e} at ${w.stage}${w.disposition ? ` (${w.disposition})` : ''}`, () => {
        expect(() => step(w, e)).toThrow(WellRuleError);
        expect(() => step(w, e)).toThrow(/^不能.+：/);
      });
    }
  }
  it('names the missing step: seal before the new supply', () => {
    expect(() => step(path(['verify', 'decide', 'serve_notice']), 'seal')).toThrow('不能封井：先供水、后封井：请先登记“接通替代水源”');
    expect(() => step(NEW_WELL, 'decide')).toThrow('请先完成“现场核实”');
    expect(() => step(path(['verify', 'decide']), 'issue_permit')).toThrow('该井处置方式为“应封停”');
  });
  it('requires the evidence of each step', () => {
    expect(() => step(path(['verify']), 'decide', { disposition: 'seal' })).toThrow('请填写处置依据');
    expect(() => step(path(['verify', 'decide', 'serve_notice', 'connect_supply']), 'seal', { method: 'clay_backfill' })).toThrow('请填写施工单位；请填写回填材料');
  });
  it('offers exactly the next legal steps', () => {
    expect(nextWellEvents(NEW_WELL)).toEqual(['verify']);
    expect(nextWellEvents(path(['verify', 'decide']))).toEqual(['serve_notice']);
    expect(nextWellEvents(path(['verify', 'decide'], permitDecision))).toEqual(['issue_permit']);
    expect(WELL_STAGES).toContain('accepted');
  });
  it('replays the history up to any day', () => {
    const events: WellEvent[] = SEAL.map((e, i) => ({ event: e, onDate: `2024-06-0${i + 1}`, data: EVIDENCE[e] }));
    expect(wellAsOf(events, '2024-05-31').stage).toBe('discovered');
    expect(wellAsOf(events, '2024-06-04')).toMatchObject({ stage: 'supply_connected', dates: { serve_notice: '2024-06-03' } });
    expect(wellAsOf(events, '2024-06-30').stage).toBe('accepted');
  });

  it('keeps a well on the phones’ 待封井 list until its acceptance, with 验收 the step after 封井', () => {
    let w = NEW_WELL;
    const onList: boolean[] = [];
    for (const e of SEAL) {
      w = transitionWell(w, { event: e, onDate: '2024-06-01', data: EVIDENCE[e] });
      onList.push(awaitsFieldSealing(w.stage));
      if (w.stage === 'sealed') expect(nextWellEvents(w)).toEqual(['accept']);
    }
    expect(onList).toEqual(SEAL.map((e) => e !== 'accept'));
    expect(awaitsFieldSealing('reactivated')).toBe(false);
  });
});

describe('well identity', () => {
  it('codes a well after its grid, never reusing a code', () => {
    expect(wellCode('411303003001001', new Set())).toBe('411303003001001J01');
    expect(wellCode('411303003001001', new Set(['411303003001001J01']))).toBe('411303003001001J02');
    expect(wellCode('411303', new Set())).toBe('411303J0001');
  });
  it('measures the distance between two points in metres', () => {
    expect(Math.round(distanceMetres({ lat: 33, lng: 112.5 }, { lat: 33.001, lng: 112.5 }))).toBe(111);
  });
});

describe('the well ledger sheet', () => {
  const header = ['井编号', '区', '街道', '社区', '网格编号', '权属单位', '经度', '纬度', '井深', '用途', '处置方式', '发现日期', '任务批次', '完成日期'];
  const units = [
    { id: 1, name: '南阳市', code: '411300', level: 'city', parentId: null },
    { id: 2, name: '卧龙区', code: '411303', level: 'district', parentId: 1 },
    { id: 3, name: '光武街道', code: '411303003', level: 'street', parentId: 2 },
    { id: 4, name: '光彩社区', code: '411303003001', level: 'community', parentId: 3 },
    { id: 5, name: '光彩社区第1网格', code: '411303003001001', level: 'grid', parentId: 4 },
  ];
  const ctx = { units, cityId: 1, takenCodes: new Set(['OLD1']), campaigns: [{ id: 9, name: '决战六月', startsOn: '2024-06-01', endsOn: '2024-06-30' }], today: '2024-07-01' };
  it('starts a row without a discovery date at its earliest known date, never today', () => {
    const { wells, errors } = planWellSheet(header, [['W1', '卧龙区', '光武街道', '光彩社区', '411303003001001', '某宾馆', '112.5', '33.0', '80', '生活', '应封停', '', '决战六月', '2024-06-20']], 2, ctx);
    expect(errors).toEqual([]);
    expect(wells[0]).toMatchObject({ unitId: 5, districtId: 2, discoveredOn: '2024-06-01', task: { campaignId: 9, disposition: 'seal', addedOn: '2024-06-01' } });
    expect(wellAsOf(wells[0]!.events, '2024-06-20').dates.seal).toBe('2024-06-20');
    expect(wellAsOf(wells[0]!.events, '2024-06-19').dates.seal).toBeUndefined();
  });
  it('reports each bad row and applies nothing', () => {
    const { wells, errors } = planWellSheet(header, [
      ['W1', '卧龙区', '光武街道', '光彩社区', '', '甲', '', '', '', '生活', '', '2024-01-01', '', ''],
      ['OLD1', '卧龙区', '', '', '', '乙', '', '', '', '生活', '', '2024-01-01', '', ''],
      ['W1', '未知区', '', '', '', '丙', '', '', '', '生活', '', '2024-01-01', '', ''],
      ['W3', '卧龙区', '', '', '', '丁', '200', '33', '', '生活', '', '2024-01-01', '', ''],
      ['W4', '卧龙区', '', '', '', '戊', '', '', '', '生活', '应封停', '2024-06-10', '', '2024-06-01'],
      ['W5', '卧龙区', '光武街道', '光彩社区', '999', '己', '', '', '', '生活', '', '2024-01-01', '', ''],
    ], 2, ctx);
    expect(wells).toEqual([]);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, '井编号'], [4, '井编号'], [4, '区'], [5, '经度'], [6, '完成日期'], [7, '网格编号'],
    ]);
    expect(errors.find((e) => e.row === 6)!.message).toBe('完成日期早于发现日期');
  });
  it('implies a history the transition table accepts', () => {
    expect(impliedEvents('permit', '2024-01-01', '2024-06-10').map((e) => e.event)).toEqual(['verify', 'decide', 'issue_permit', 'install_meter', 'register_tax']);
    expect(impliedEvents(null, '2024-01-01', null)).toEqual([]);
  });
});
