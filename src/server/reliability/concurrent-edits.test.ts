import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { readConfig } from '../config.js';
import { demoDatabase } from '../../test-support/db.js';
import { loginAs, type Client, type Res } from '../../test-support/app.js';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import type { Database } from '../db/engine.js';
import type { FastifyInstance } from 'fastify';
import { DEFAULT_END_MEMBERS } from '../../domain/sample/mixing.js';
import { officeToday } from '../clock.js';

/**
 * Two writers holding the same version of a record send their edits at the same instant. Exactly
 * one wins (200), the other gets 409 with a Chinese message, and the record shows only the
 * winner's change. On PostgreSQL the two requests really run in parallel on separate connections,
 * so a check done by reading first and then writing without the version in the UPDATE's WHERE
 * would let both through.
 *
 * The routes to cover are read from the app itself: every route whose request body carries a
 * `version`. A new versioned route without a race below fails the coverage test.
 */

type Race = {
  /** the route under test, as registered */
  route: string;
  /** makes a fresh record and answers the two requests to fire and how to read the result */
  setup(): Promise<{ url: string; a: unknown; b: unknown; winner(): Promise<unknown>; expectA: unknown; expectB: unknown }>;
};

let database: Database;
let app: FastifyInstance;
const versioned: string[] = [];
const users: Record<string, Client> = {};
const as = (name: string) => users[name]!;
let units: { id: number; name: string; version: number; level: string }[] = [];
const unit = (name: string) => units.find((u) => u.name === name)!;

beforeAll(async () => {
  database = await demoDatabase();
  const config = readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  app = await buildApp({
    db: database.db, config, engine: database.kind,
    onRoute: (r) => {
      const shape = (r.schema as { body?: { shape?: Record<string, unknown> } } | undefined)?.body?.shape;
      if (shape && 'version' in shape) for (const m of [r.method].flat()) versioned.push(`${m} ${r.url}`);
    },
  });
  await app.ready();
  for (const u of ['city', 'wolong', 'wancheng', 'grid01', 'enforce']) users[u] = await loginAs(app, u, DEMO_PASSWORD);
  units = (await as('city').get('/api/org/units')).json().units;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const urlOf = (route: string, id: number) => route.split(' ')[1]!.replace(':id', String(id));
const ok = (r: Res, what: string) => {
  if (r.statusCode !== 200) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return r.json();
};

/** The same writer twice (its session), or two writers: either way only the version decides. */
function racer(user: string, method: 'POST' | 'PATCH' | 'PUT') {
  return (url: string, body: unknown) => as(user).send(method, url, body);
}

const races: (Race & { user: string; method: 'POST' | 'PATCH' | 'PUT' })[] = [
  {
    route: 'PATCH /api/org/units/:id', user: 'city', method: 'PATCH',
    async setup() {
      const g = (await as('city').get(`/api/org/units/${unit('七里园社区第2网格').id}`)).json();
      return {
        url: `/api/org/units/${g.id}`, a: { version: g.version, name: '七里园社区二网格甲' }, b: { version: g.version, name: '七里园社区二网格乙' },
        winner: async () => (await as('city').get(`/api/org/units/${g.id}`)).json().name, expectA: '七里园社区二网格甲', expectB: '七里园社区二网格乙',
      };
    },
  },
  ...(['PATCH /api/users/:id', 'POST /api/users/:id/disable', 'POST /api/users/:id/password'] as const).map((route, i) => ({
    route, user: 'city', method: route.startsWith('PATCH') ? 'PATCH' as const : 'POST' as const,
    async setup() {
      const name = ['leader', 'shifan', 'gaoxin'][i]!;
      const u = ((await as('city').get('/api/users')).json().users as { id: number; username: string; version: number }[]).find((x) => x.username === name)!;
      const url = urlOf(route, u.id);
      const read = async () => ((await as('city').get('/api/users')).json().users as { id: number; displayName: string; version: number }[]).find((x) => x.id === u.id)!;
      if (i === 0) return { url, a: { version: u.version, displayName: '甲' }, b: { version: u.version, displayName: '乙' }, winner: async () => (await read()).displayName, expectA: '甲', expectB: '乙' };
      // disable / reset password: the same step twice; the loser must not have bumped the version again
      const body = i === 1 ? { version: u.version } : { version: u.version, password: 'Neu-Passw0rt-2024' };
      return { url, a: body, b: body, winner: async () => (await read()).version, expectA: u.version + 1, expectB: u.version + 1 };
    },
  })),
  {
    route: 'POST /api/users/:id/enable', user: 'city', method: 'POST',
    async setup() {
      const list = async () => (await as('city').get('/api/users')).json().users as { id: number; username: string; version: number; disabled: boolean }[];
      const u = (await list()).find((x) => x.username === 'leader')!;
      const off = ok(await as('city').send('POST', `/api/users/${u.id}/disable`, { version: u.version }), 'disable');
      return {
        url: `/api/users/${u.id}/enable`, a: { version: off.version }, b: { version: off.version },
        winner: async () => (await list()).find((x) => x.id === u.id)!.version, expectA: off.version + 1, expectB: off.version + 1,
      };
    },
  },
  {
    route: 'PATCH /api/cards/:id', user: 'grid01', method: 'PATCH',
    async setup() {
      const shop = { kind: 'shop', name: '并发测试便利店', waterSource: 'tap', tapAccounts: ['0109777'], surveyedOn: '2024-01-20', pledgeSigned: true, pledgeDate: '2024-01-20' };
      const card = ok(await as('grid01').send('POST', '/api/cards', { ...shop, gridId: unit('光彩社区第1网格').id }), 'card');
      return {
        url: `/api/cards/${card.id}`, a: { ...shop, version: card.version, persons: 2 }, b: { ...shop, version: card.version, persons: 9 },
        // the card's history holds the first version and the winner's, nothing of the loser
        winner: async () => ((await as('city').get(`/api/cards/${card.id}/versions`)).json().versions as { version: number; data: { persons: number | null } }[]).map((v) => [v.version, v.data.persons]),
        expectA: [[2, 2], [1, null]], expectB: [[2, 9], [1, null]],
      };
    },
  },
  ...(['PATCH /api/wells/:id', 'POST /api/wells/:id/transitions', 'PUT /api/cases/small-users/:id/volume'] as const).map((route, i) => ({
    route, user: i === 2 ? 'enforce' : 'city', method: route.split(' ')[0] as 'PATCH' | 'POST' | 'PUT',
    async setup() {
      const w = ok(await as('city').send('POST', '/api/wells', { ownerName: `并发测试井${i}`, use: 'domestic', foundVia: 'tip', discoveredOn: '2024-02-01', orgUnitId: unit('光彩社区第1网格').id, lat: 33.0, lng: 112.53 }), 'well');
      const url = urlOf(route, w.id);
      const read = async () => (await as('city').get(`/api/wells/${w.id}`)).json();
      if (i === 0) return { url, a: { ownerName: '甲', use: 'domestic', foundVia: 'tip', version: w.version }, b: { ownerName: '乙', use: 'domestic', foundVia: 'tip', version: w.version }, winner: async () => (await read()).ownerName, expectA: '甲', expectB: '乙' };
      if (i === 1) return { url, a: { event: 'verify', onDate: '2024-02-03', version: w.version }, b: { event: 'verify', onDate: '2024-02-04', version: w.version }, winner: async () => (await database.db.selectFrom('wellEvents').select('onDate').where('wellId', '=', w.id).execute()).map((e) => e.onDate), expectA: ['2024-02-03'], expectB: ['2024-02-04'] };
      return { url, a: { annualVolumeM3: 100, version: w.version }, b: { annualVolumeM3: 200, version: w.version }, winner: async () => Number((await database.db.selectFrom('wells').select('annualVolumeM3').where('id', '=', w.id).executeTakeFirstOrThrow()).annualVolumeM3), expectA: 100, expectB: 200 };
    },
  })),
  {
    route: 'POST /api/tips/:id/transitions', user: 'wolong', method: 'POST',
    async setup() {
      const tip = ((await as('wolong').get('/api/tips?state=assigned&pageSize=500')).json().tips as { id: number; version: number; district: string }[]).find((t) => t.district === '卧龙区')!;
      // the tip's page shows the winner's finding and nothing of the loser's
      const marks = async () => { const d = (await as('wolong').get(`/api/tips/${tip.id}`)).json(); return [JSON.stringify(d).includes('核查记录甲'), JSON.stringify(d).includes('核查记录乙'), d.version]; };
      return {
        url: `/api/tips/${tip.id}/transitions`, a: { event: 'investigate', data: { result: 'substantiated', evidence: '核查记录甲' }, version: tip.version }, b: { event: 'investigate', data: { result: 'substantiated', evidence: '核查记录乙' }, version: tip.version },
        winner: marks, expectA: [true, false, tip.version + 1], expectB: [false, true, tip.version + 1],
      };
    },
  },
  {
    route: 'PATCH /api/inspections/:id', user: 'city', method: 'PATCH',
    async setup() {
      const body = { onDate: '2024-03-03', kind: 'site_check', title: '并发测试检查', leaders: [{ name: '督导三组', title: '市封停办' }], areaUnitId: unit('光武街道').id, targets: [{ kind: 'unit', refId: unit('光武社区').id }], methods: ['翻看井盖'], narrative: '并发测试。' };
      const insp = ok(await as('city').send('POST', '/api/inspections', body), 'inspection');
      return {
        url: `/api/inspections/${insp.id}`, a: { ...body, title: '并发测试检查甲', version: insp.version }, b: { ...body, title: '并发测试检查乙', version: insp.version },
        winner: async () => (await as('city').get(`/api/inspections/${insp.id}`)).json().title, expectA: '并发测试检查甲', expectB: '并发测试检查乙',
      };
    },
  },
  {
    // the first edit of a week's summary: both writers saw no edit yet (version null)
    route: 'PUT /api/findings/summary', user: 'city', method: 'PUT',
    async setup() {
      return {
        url: '/api/findings/summary', a: { weekEnd: '2024-03-08', text: '汇总甲', version: null }, b: { weekEnd: '2024-03-08', text: '汇总乙', version: null },
        winner: async () => (await as('city').get('/api/findings/summary?weekEnd=2024-03-08')).json().edited?.text, expectA: '汇总甲', expectB: '汇总乙',
      };
    },
  },
  {
    route: 'POST /api/findings/:id/transitions', user: 'wolong', method: 'POST',
    async setup() {
      const f = ok(await as('city').send('POST', '/api/findings', { foundOn: '2024-03-01', unitId: unit('卧龙区').id, category: 'records_incomplete', description: '并发测试问题一条' }), 'finding');
      return {
        url: `/api/findings/${f.id}/transitions`, a: { event: 'submit', data: { evidence: '整改甲' }, version: f.version }, b: { event: 'submit', data: { evidence: '整改乙' }, version: f.version },
        winner: async () => ((await as('city').get(`/api/findings/${f.id}`)).json().events as { data: { evidence?: string } }[]).flatMap((e) => (e.data?.evidence ? [e.data.evidence] : [])),
        expectA: ['整改甲'], expectB: ['整改乙'],
      };
    },
  },
  ...(['PATCH /api/articles/:id', 'POST /api/articles/:id/actions'] as const).map((route, i) => ({
    route, user: 'wolong', method: route.split(' ')[0] as 'PATCH' | 'POST',
    async setup() {
      const body = { category: 'info', title: `并发测试稿件${i}`, onDate: '2024-03-05', paragraphs: ['并发测试。'] };
      const a = ok(await as('wolong').send('POST', '/api/articles', body), 'article');
      const url = urlOf(route, a.id);
      const read = async () => (await as('wolong').get(`/api/articles/${a.id}`)).json();
      if (i === 0) return { url, a: { ...body, title: '并发稿件甲', version: a.version }, b: { ...body, title: '并发稿件乙', version: a.version }, winner: async () => (await read()).title, expectA: '并发稿件甲', expectB: '并发稿件乙' };
      return { url, a: { action: 'submit', version: a.version }, b: { action: 'submit', version: a.version }, winner: async () => (await read()).version, expectA: a.version + 1, expectB: a.version + 1 };
    },
  })),
  ...(['PATCH /api/bulletins/:id', 'POST /api/bulletins/:id/issue'] as const).map((route, i) => ({
    route, user: 'city', method: route.split(' ')[0] as 'PATCH' | 'POST',
    async setup() {
      const series = ((await as('city').get('/api/bulletins/series')).json().series as { id: number; name: string }[]).find((s) => s.name === '工作简报')!;
      const d = ok(await as('city').send('POST', '/api/bulletins', { seriesId: series.id, issuedOn: '2024-07-01', asOf: '2024-06-28', sections: [{ kind: 'table', table: 'survey' }] }), 'bulletin');
      const url = urlOf(route, d.id);
      const read = async () => (await as('city').get(`/api/bulletins/${d.id}`)).json();
      if (i === 0) return { url, a: { issuedOn: '2024-07-01', asOf: '2024-06-27', sections: [], version: d.version }, b: { issuedOn: '2024-07-01', asOf: '2024-06-26', sections: [], version: d.version }, winner: async () => (await read()).asOf, expectA: '2024-06-27', expectB: '2024-06-26' };
      // issued once: one audit line, one version step
      return {
        url, a: { version: d.version }, b: { version: d.version },
        winner: async () => {
          const b = await read();
          const audit = (await as('city').get(`/api/audit?entityType=bulletin&entityId=${d.id}`)).json();
          return [b.state, b.version, (audit.entries ?? audit.items ?? []).filter((e: { action: string }) => e.action === 'issue').length];
        },
        expectA: ['issued', d.version + 1, 1], expectB: ['issued', d.version + 1, 1],
      };
    },
  })),
  {
    route: 'POST /api/suspects/checks/:id/outcome', user: 'wolong', method: 'POST',
    async setup() {
      const c = ((await as('wolong').get('/api/suspects/checks?outcome=pending&pageSize=500')).json().items as { id: number; version: number }[])[0]!;
      return {
        url: `/api/suspects/checks/${c.id}/outcome`, a: { outcome: 'normal', checkedOn: '2024-01-09', note: '核查甲', version: c.version }, b: { outcome: 'no_access', checkedOn: '2024-01-09', note: '核查乙', version: c.version },
        winner: async () => ((await as('wolong').get('/api/suspects/checks?pageSize=500')).json().items as { id: number; note: string }[]).find((x) => x.id === c.id)!.note,
        expectA: '核查甲', expectB: '核查乙',
      };
    },
  },
  ...(['PATCH /api/cases/:id', 'POST /api/cases/:id/transitions', 'POST /api/cases/:id/typical', 'POST /api/cases/:id/article'] as const).map((route, i) => ({
    route, user: 'wancheng', method: route.split(' ')[0] as 'PATCH' | 'POST',
    async setup() {
      const grid = units.find((u) => u.level === 'grid' && u.name.startsWith('新华') ) ?? units.find((u) => u.level === 'district' && u.name === '宛城区')!;
      const body = { filedOn: '2024-03-01', unitId: grid.id, partyName: `并发测试当事人${i}`, violation: 'refused' };
      const c = ok(await as('wancheng').send('POST', '/api/cases', body), 'case');
      const url = urlOf(route, c.id);
      const read = async () => (await as('wancheng').get(`/api/cases/${c.id}`)).json();
      if (i === 0) return { url, a: { ...body, partyName: '当事人甲', version: c.version }, b: { ...body, partyName: '当事人乙', version: c.version }, winner: async () => (await read()).partyName, expectA: '当事人甲', expectB: '当事人乙' };
      if (i === 1) return { url, a: { event: 'investigate', data: { note: '立案调查甲' }, version: c.version }, b: { event: 'investigate', data: { note: '立案调查乙' }, version: c.version },
        winner: async () => { const j = JSON.stringify(await read()); return [j.includes('立案调查甲'), j.includes('立案调查乙')]; }, expectA: [true, false], expectB: [false, true] };
      if (i === 2) return { url, a: { typical: true, version: c.version }, b: { typical: true, version: c.version }, winner: async () => (await read()).version, expectA: c.version + 1, expectB: c.version + 1 };
      // 生成工作信息稿 needs a decided, typical case: the races only the last step
      let v = c.version;
      for (const [event, data] of [['investigate', {}], ['decide', { fineYuan: 5000 }]] as const) v = ok(await as('wancheng').send('POST', `/api/cases/${c.id}/transitions`, { event, data, version: v }), event).version;
      v = ok(await as('wancheng').send('POST', `/api/cases/${c.id}/typical`, { typical: true, version: v }), 'typical').version;
      const articles = async () => (await as('city').get('/api/articles?pageSize=1')).json().total as number;
      const before = await articles();
      return { url, a: { version: v }, b: { version: v }, winner: async () => [(await read()).version, (await articles()) - before], expectA: [v + 1, 1], expectB: [v + 1, 1] };
    },
  })),
  ...(['PATCH /api/switch/projects/:id', 'POST /api/switch/projects/:id/progress'] as const).map((route, i) => ({
    route, user: 'wolong', method: route.split(' ')[0] as 'PATCH' | 'POST',
    async setup() {
      const body = { name: `并发测试管网工程${i}`, unitId: unit('崔庄社区').id, households: 40, persons: 150, budgetWan: 60, contractor: '某市政公司', plannedFinish: '2099-12-31', wellIds: [] };
      const p = ok(await as('wolong').send('POST', '/api/switch/projects', body), 'switch');
      const url = urlOf(route, p.id);
      const read = async () => (await as('wolong').get(`/api/switch/projects/${p.id}`)).json();
      if (i === 0) return { url, a: { ...body, households: 45, version: p.version }, b: { ...body, households: 46, version: p.version }, winner: async () => (await read()).households, expectA: 45, expectB: 46 };
      return { url, a: { state: 'started', progress: 10, onDate: officeToday(), version: p.version }, b: { state: 'started', progress: 20, onDate: officeToday(), version: p.version }, winner: async () => (await read()).progress, expectA: 10, expectB: 20 };
    },
  })),
  {
    route: 'PUT /api/samples/mixing', user: 'city', method: 'PUT',
    async setup() {
      const view = (await as('city').get('/api/samples/mixing')).json();
      const city = DEFAULT_END_MEMBERS;
      return {
        url: '/api/samples/mixing', a: { floor: 0.05, city, districts: {}, version: view.version }, b: { floor: 0.06, city, districts: {}, version: view.version },
        winner: async () => (await as('city').get('/api/samples/mixing')).json().floor, expectA: 0.05, expectB: 0.06,
      };
    },
  },
  {
    route: 'PUT /api/samples/:id', user: 'city', method: 'PUT',
    async setup() {
      const s = ok(await as('city').send('POST', '/api/samples', { code: 'SY-T-RACE', sampledOn: '2024-03-03', unitId: unit('卧龙区').id, address: '并发测试', point: 'other' }), 'sample');
      const body = { code: s.code, sampledOn: s.sampledOn, unitId: s.unitId, address: s.address, point: s.point };
      return {
        url: `/api/samples/${s.id}`, a: { ...body, labResults: { totalHardness: 200 }, version: s.version }, b: { ...body, labResults: { totalHardness: 300 }, version: s.version },
        winner: async () => (await as('city').get(`/api/samples/${s.id}`)).json().labResults.totalHardness, expectA: 200, expectB: 300,
      };
    },
  },
  ...(['PATCH /api/heatpump/projects/:id', 'PUT /api/heatpump/projects/:id/wells'] as const).map((route, i) => ({
    route, user: route.endsWith('/wells') ? 'city' : 'wolong', method: route.split(' ')[0] as 'PATCH' | 'PUT',
    async setup() {
      const list = (await as('wolong').get('/api/heatpump/projects')).json();
      const id = (list.projects as { id: number; name: string }[]).find((p) => p.name === '白河沿岸地温空调项目')!.id;
      const p = (await as('wolong').get(`/api/heatpump/projects/${id}`)).json();
      const url = urlOf(route, id);
      const read = async () => (await as('wolong').get(`/api/heatpump/projects/${id}`)).json();
      if (i === 0) {
        const body = {
          name: p.name, operator: p.operator, address: p.address, lat: p.lat, lng: p.lng, orgUnitId: p.orgUnitId, approvalNo: p.approvalNo, approvalDate: p.approvalDate, approvalAuthority: p.approvalAuthority,
          approvalDocuments: p.approvalDocuments, stage: p.stage, registeredWells: p.registeredWells, designPumpM3PerDay: p.designPumpM3PerDay, designReinjectM3PerDay: p.designReinjectM3PerDay, operatingDaysPerYear: p.operatingDaysPerYear,
        };
        return { url, a: { ...body, remarks: '备注甲', version: p.version }, b: { ...body, remarks: '备注乙', version: p.version }, winner: async () => (await read()).remarks, expectA: '备注甲', expectB: '备注乙' };
      }
      // a project of the district that has wells: one writer clears them, the other keeps them
      const withWells = (await database.db.selectFrom('heatPumpWells').select('projectId').orderBy('projectId').executeTakeFirstOrThrow()).projectId;
      const q = (await as('city').get(`/api/heatpump/projects/${withWells}`)).json();
      const wells = (q.wells as { id: number }[]).map((w) => w.id);
      expect(wells.length).toBeGreaterThan(0);
      const qurl = urlOf(route, q.id);
      return { url: qurl, a: { wellIds: [], version: q.version }, b: { wellIds: wells, version: q.version }, winner: async () => (await database.db.selectFrom('heatPumpWells').select('wellId').where('projectId', '=', q.id).execute()).length, expectA: 0, expectB: wells.length };
    },
  })),
];

describe('concurrent edits of the same record', () => {
  it('covers every route that takes a version', () => {
    expect(versioned.length).toBeGreaterThan(20);
    const covered = new Set(races.map((r) => r.route));
    expect(versioned.filter((r) => !covered.has(r)), 'versioned routes without a race in concurrent-edits.test.ts').toEqual([]);
  });

  for (const race of races) {
    it(`${race.route}: one 200, one 409, only the winner's change is kept`, async () => {
      const s = await race.setup();
      const send = racer(race.user, race.method);
      const [a, b] = await Promise.all([send(s.url, s.a), send(s.url, s.b)]);
      const codes = [a.statusCode, b.statusCode];
      expect(codes.slice().sort(), `${a.body} | ${b.body}`).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().message).toMatch(/[\u4e00-\u9fff]/);
      expect(await s.winner()).toEqual(a.statusCode === 200 ? s.expectA : s.expectB);
    });
  }
});
