/**
 * Scope matrix: every API route × four callers around 卧龙区 — the city office (parent), the
 * 卧龙区 office (own), the 宛城区 office (sibling) and the 光武街道 office (child, inside 卧龙区).
 * A route added without an entry here fails this test. A fifth caller, a leader of the whole city
 * (read capabilities only), must be refused by every write route of the table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../test-support/app.js';
import { PNG } from '../../test-support/fixtures.js';

type Who = 'parent' | 'own' | 'sibling' | 'child';
const USERS: Record<Who, string> = { parent: 'city', own: 'wolong', sibling: 'wancheng', child: 'guangwu' };

let t: TestApp;
const c = {} as Record<Who, Client>;
const ids = { run: 0, readingsImport: 0, check: 0, job: '', district: 0, grid: 0, street: 0, gridUser: 0, surveyGrid: 0, card: 0, photo: 0, well: 0, campaign: 0, tip: 0, otherTip: 0, inspection: 0, finding: 0, article: 0, series: 0, issued: 0, draft: 0 };


beforeAll(async () => {
  t = await demoApp();
  for (const w of Object.keys(USERS) as Who[]) c[w] = await t.login(USERS[w]);
  const units = (await c.parent.get('/api/org/units')).json().units as { id: number; name: string }[];
  ids.district = units.find((u) => u.name === '卧龙区')!.id;
  ids.street = units.find((u) => u.name === '光武街道')!.id;
  ids.grid = units.find((u) => u.name === '光彩社区第1网格')!.id;
  const users = (await c.parent.get('/api/users')).json().users as { id: number; username: string }[];
  ids.gridUser = users.find((u) => u.username === 'grid01')!.id;
  ids.surveyGrid = units.find((u) => u.name === '光彩社区第2网格')!.id;
  ids.card = (await c.parent.get(`/api/survey/grids/${ids.surveyGrid}/cards`)).json().cards[0].id;
  ids.photo = (await c.parent.send('POST', `/api/cards/${ids.card}/photos`, { fileName: 'a.png', content: PNG })).json().id;
  const well = await c.parent.send('POST', '/api/wells', { ...wellBody, orgUnitId: ids.surveyGrid });
  ids.well = well.json().id;
  ids.campaign = (await c.parent.get('/api/campaigns')).json().campaigns[0].id;
  // a tip given to 卧龙区 and passed on to 光武街道
  const tip = (await c.parent.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-01-08T09:00:00+08:00', content: '矩阵测试线索：某处有井' })).json();
  const assigned = (await c.parent.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', onDate: '2024-01-08', data: { districtId: ids.district }, version: tip.version })).json();
  await c.parent.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'pass', onDate: '2024-01-09', data: { streetId: ids.street }, version: assigned.version });
  ids.tip = tip.id;
  ids.otherTip = (await c.parent.send('POST', '/api/tips', { channel: 'phone', receivedAt: '2024-01-09T09:00:00+08:00', content: '矩阵测试线索二' })).json().id;
  // an inspection of 光武街道 by the city office, a finding it raised there, and an article by 卧龙区
  ids.inspection = (await c.parent.send('POST', '/api/inspections', inspectionBody())).json().id;
  ids.finding = (await c.parent.send('POST', '/api/findings', findingBody())).json().id;
  ids.article = (await c.own.send('POST', '/api/articles', articleBody)).json().id;
  // the bulletins: the issued 第12期 and a new draft of the city office
  ids.series = (await c.parent.get('/api/bulletins/series')).json().series.find((x: { name: string }) => x.name === '工作简报').id;
  ids.issued = (await c.parent.get('/api/bulletins')).json().bulletins.find((b: { number: number }) => b.number === 12).id;
  ids.draft = (await c.parent.send('POST', '/api/bulletins', { seriesId: ids.series, issuedOn: '2024-07-01', asOf: '2024-06-30', sections: [] })).json().id;
  // the water company's data: the demo's latest ranking, its readings import, the 光武街道 compound of batch 第1批, a run of the city office
  ids.run = (await c.parent.get('/api/suspects/runs')).json().runs[0].id;
  ids.readingsImport = (await c.parent.get('/api/utility/imports')).json().imports.find((i: { kind: string }) => i.kind === 'readings').id;
  ids.check = (await c.parent.get('/api/suspects/checks?pageSize=100')).json().items.find((x: { place: string }) => x.place.includes('光武街道')).id;
  ids.job = (await c.parent.send('POST', '/api/suspects/runs', { asOf: '2023-10' })).json().id;
  // the grid is surveyed again (reopened), so that cards can be added to it
  await c.parent.send('POST', `/api/survey/grids/${ids.surveyGrid}/reopen`, { reason: '矩阵测试' });
});
afterAll(() => t.close());

async function version(path: string, pick: (j: any) => number): Promise<number> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return pick((await c.parent.get(path)).json());
}
const userVersion = () => version('/api/users', (j) => j.users.find((u: { id: number }) => u.id === ids.gridUser).version);
const gridVersion = () => version(`/api/org/units/${ids.grid}`, (j) => j.version);

const wellBody = { ownerName: '矩阵测试井', use: 'domestic', foundVia: 'inspection', discoveredOn: '2024-01-10', lat: 33.0, lng: 112.5 };
const wellVersion = () => version(`/api/wells/${ids.well}`, (j) => j.version);
const cardVersion = () => version(`/api/cards/${ids.card}`, (j) => j.version);
const b64 = (s: string) => Buffer.from(s).toString('base64');
const cardBody = { kind: 'shop', name: '矩阵测试门店', waterSource: 'tap', tapAccounts: ['9990001'], surveyedOn: '2024-01-20', pledgeSigned: true };

const inspectionBody = () => ({ onDate: '2024-01-10', kind: 'site_check', title: '矩阵测试督导', leaders: [{ name: '督导组', title: '' }], areaUnitId: ids.street, targets: [{ kind: 'address', label: '光武街道某小区' }] });
const findingBody = () => ({ foundOn: '2024-01-10', unitId: ids.street, category: 'not_thorough', description: '矩阵测试问题' });
const articleBody = { category: 'info', title: '矩阵测试稿件', onDate: '2024-01-10', paragraphs: ['矩阵测试正文'] };
const inspectionVersion = () => version(`/api/inspections/${ids.inspection}`, (j) => j.version);
const findingVersion = () => version(`/api/findings/${ids.finding}`, (j) => j.version);
const articleVersion = () => version(`/api/articles/${ids.article}`, (j) => j.version);

/** 'seen': the record was reached; a business rule may still refuse (400/409/422), but never 403/404. */
type Expect = number | 'seen';
type Entry = {
  method: string;
  route: string;
  call: (who: Client) => Promise<{ statusCode: number; json(): unknown }>;
  expect: Record<Who, Expect>;
  undo?: () => Promise<unknown>;
};

// routes that are not about org-scoped records: who may call them is tested in auth.test.ts
const UNSCOPED = new Set([
  'POST /api/auth/login', 'GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password', 'GET /api/health', 'GET /api/openapi.json',
  // the public tip pages: no login; what they may show is tested in tips.test.ts
  'GET /api/public/tips/form', 'POST /api/public/tips', 'GET /api/public/tips/:code',
]);

const entries: Entry[] = [
  { method: 'GET', route: '/api/org/units/:id', call: (w) => w.get(`/api/org/units/${ids.district}`), expect: { parent: 200, own: 200, sibling: 404, child: 404 } },
  { method: 'GET', route: '/api/org/units/:id', call: (w) => w.get(`/api/org/units/${ids.grid}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/org/units', call: (w) => w.get('/api/org/units'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'PATCH', route: '/api/org/units/:id',
    call: async (w) => w.send('PATCH', `/api/org/units/${ids.grid}`, { version: await gridVersion(), name: `光彩社区第1网格-${w.username}` }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'GET', route: '/api/org/export', call: (w) => w.get('/api/org/export?format=csv'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/org/import',
    call: (w) => w.send('POST', '/api/org/import', { fileName: 'a.csv', content: Buffer.from('区,街道,社区,网格编号,网格名称\n卧龙区,光武街道,光彩社区,411303003001001,光彩社区第1网格\n').toString('base64'), dryRun: true }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/users', call: (w) => w.get('/api/users'), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  {
    method: 'POST', route: '/api/users',
    call: (w) => w.send('POST', '/api/users', { username: `n${w.username}${Date.now() % 100000}`, displayName: '新网格员', password: 'Passw0rd1', grants: [{ role: 'grid', orgUnitId: ids.grid }] }),
    expect: { parent: 200, own: 200, sibling: 403, child: 403 },
  },
  {
    method: 'PATCH', route: '/api/users/:id',
    call: async (w) => w.send('PATCH', `/api/users/${ids.gridUser}`, { version: await userVersion(), displayName: `网格员 刘洋（${w.username}）` }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  {
    method: 'POST', route: '/api/users/:id/disable',
    call: async (w) => w.send('POST', `/api/users/${ids.gridUser}/disable`, { version: await userVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
    undo: async () => c.parent.send('POST', `/api/users/${ids.gridUser}/enable`, { version: await userVersion() }),
  },
  {
    method: 'POST', route: '/api/users/:id/enable',
    call: async (w) => w.send('POST', `/api/users/${ids.gridUser}/enable`, { version: await userVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  {
    method: 'POST', route: '/api/users/:id/password',
    call: async (w) => w.send('POST', `/api/users/${ids.gridUser}/password`, { version: await userVersion(), password: 'Reset2024x' }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'GET', route: '/api/tokens', call: (w) => w.get('/api/tokens'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  {
    method: 'POST', route: '/api/tokens',
    call: (w) => w.send('POST', '/api/tokens', { userId: ids.gridUser, name: 'x' }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  {
    method: 'DELETE', route: '/api/tokens/:id',
    call: async (w) => {
      const made = await c.parent.send('POST', '/api/tokens', { userId: ids.gridUser, name: 'y' });
      return w.send('DELETE', `/api/tokens/${made.json().view.id}`);
    },
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/audit', call: (w) => w.get('/api/audit'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },

  // grid survey and cards: the grid 光彩社区第2网格 lies in 光武街道, 卧龙区
  { method: 'GET', route: '/api/survey/grids', call: (w) => w.get('/api/survey/grids'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/survey/grids/:gridId', call: (w) => w.get(`/api/survey/grids/${ids.surveyGrid}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/survey/grids/:gridId/cards', call: (w) => w.get(`/api/survey/grids/${ids.surveyGrid}/cards`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'POST', route: '/api/cards', call: (w) => w.send('POST', '/api/cards', { ...cardBody, gridId: ids.surveyGrid }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'POST', route: '/api/survey/grids/:gridId/start', call: (w) => w.send('POST', `/api/survey/grids/${ids.surveyGrid}/start`, {}), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' } },
  { method: 'POST', route: '/api/survey/grids/:gridId/complete', call: (w) => w.send('POST', `/api/survey/grids/${ids.surveyGrid}/complete`, {}), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' } },
  { method: 'POST', route: '/api/survey/grids/:gridId/reopen', call: (w) => w.send('POST', `/api/survey/grids/${ids.surveyGrid}/reopen`, { reason: '复查' }), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' } },
  { method: 'GET', route: '/api/cards/:id', call: (w) => w.get(`/api/cards/${ids.card}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/cards/:id',
    call: async (w) => {
      const card = (await c.parent.get(`/api/cards/${ids.card}`)).json();
      return w.send('PATCH', `/api/cards/${ids.card}`, { ...card, remarks: `by ${w.username}`, version: await cardVersion() });
    },
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  { method: 'GET', route: '/api/cards/:id/versions', call: (w) => w.get(`/api/cards/${ids.card}/versions`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'POST', route: '/api/cards/:id/photos', call: (w) => w.send('POST', `/api/cards/${ids.card}/photos`, { fileName: 'b.png', content: PNG }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/photos/:id', call: (w) => w.get(`/api/photos/${ids.photo}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/survey/progress', call: (w) => w.get(`/api/survey/progress?unitId=${ids.district}`), expect: { parent: 200, own: 200, sibling: 404, child: 404 } },
  { method: 'GET', route: '/api/survey/report', call: (w) => w.get('/api/survey/report?asOf=2024-01-12'), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
  { method: 'GET', route: '/api/survey/report/export', call: (w) => w.get('/api/survey/report/export?asOf=2024-01-12&format=md'), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
  { method: 'GET', route: '/api/survey/issues', call: (w) => w.get(`/api/survey/issues?kind=pledges&unitId=${ids.street}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'POST', route: '/api/survey/import/cards',
    call: (w) => w.send('POST', '/api/survey/import/cards', { fileName: 'c.csv', dryRun: true, content: b64('网格编号,类别,名称,水源,自来水户号,排查人,排查日期,承诺书签字\n411303003001002,沿街门店,导入门店,自来水,123,张三,2024-01-20,是\n') }),
    expect: { parent: 200, own: 200, sibling: 422, child: 403 },
  },
  {
    method: 'POST', route: '/api/survey/import/progress',
    call: (w) => w.send('POST', '/api/survey/import/progress', { fileName: 'p.csv', dryRun: true, content: b64('网格编号,开始排查日期,完成排查日期\n411303003001002,2023-12-01,\n') }),
    expect: { parent: 'seen', own: 'seen', sibling: 422, child: 403 },
  },
  { method: 'GET', route: '/api/survey/cards/export', call: (w) => w.get('/api/survey/cards/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/survey/cards/template', call: (w) => w.get('/api/survey/cards/template'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },

  // wells and campaigns: the matrix well lies in 光彩社区第2网格 (光武街道, 卧龙区)
  { method: 'GET', route: '/api/wells', call: (w) => w.get('/api/wells'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/wells', call: (w) => w.send('POST', '/api/wells', { ...wellBody, orgUnitId: ids.surveyGrid }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/wells/export', call: (w) => w.get('/api/wells/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/wells/import',
    call: (w) => w.send('POST', '/api/wells/import', { fileName: 'w.csv', dryRun: true, content: b64(`井编号,区,街道,社区,网格编号,权属单位,用途,发现日期\nM${w.username},卧龙区,光武街道,光彩社区,411303003001002,导入井,生活,2024-01-05\n`) }),
    expect: { parent: 200, own: 200, sibling: 422, child: 403 },
  },
  { method: 'GET', route: '/api/wells/:id', call: (w) => w.get(`/api/wells/${ids.well}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/wells/:id',
    call: async (w) => w.send('PATCH', `/api/wells/${ids.well}`, { ...wellBody, remarks: w.username, version: await wellVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  {
    method: 'POST', route: '/api/wells/:id/transitions',
    call: async (w) => w.send('POST', `/api/wells/${ids.well}/transitions`, { event: 'verify', onDate: '2024-01-11', version: await wellVersion() }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' },
  },
  { method: 'POST', route: '/api/wells/:id/photos', call: (w) => w.send('POST', `/api/wells/${ids.well}/photos`, { fileName: 'w.png', content: PNG, stage: 'before', lat: 33.0, lng: 112.5 }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/wells/:id/tag', call: (w) => w.get(`/api/wells/${ids.well}/tag`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/campaigns', call: (w) => w.get('/api/campaigns'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/campaigns', call: (w) => w.send('POST', '/api/campaigns', { name: `矩阵${w.username}`, title: '测试', startsOn: '2024-07-01', endsOn: '2024-07-31' }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/campaigns/:campaignId/tasks', call: (w) => w.get(`/api/campaigns/${ids.campaign}/tasks`), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/campaigns/:campaignId/tasks',
    call: (w) => w.send('POST', `/api/campaigns/${ids.campaign}/tasks`, { tasks: [{ wellId: ids.well, disposition: 'seal' }] }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/campaigns/:campaignId/progress', call: (w) => w.get(`/api/campaigns/${ids.campaign}/progress?asOf=2024-06-23`), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
  // tips: the matrix tip is with 光武街道 (卧龙区)
  { method: 'GET', route: '/api/tips', call: (w) => w.get('/api/tips'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/tips', call: (w) => w.send('POST', '/api/tips', { channel: 'phone', receivedAt: '2024-01-10T09:00:00+08:00', content: '登记' }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/tips/summary', call: (w) => w.get('/api/tips/summary?asOf=2024-01-12'), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
  { method: 'GET', route: '/api/tips/summary/export', call: (w) => w.get('/api/tips/summary/export?asOf=2024-01-12&format=md'), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
  { method: 'GET', route: '/api/tips/overdue', call: (w) => w.get('/api/tips/overdue'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/tips/export', call: (w) => w.get('/api/tips/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/tips/import',
    call: (w) => w.send('POST', '/api/tips/import', { fileName: 't.csv', dryRun: true, content: b64('线索编号,受理日期,来源渠道,所属区,交办日期,办结日期,是否有效,内容\nM1,2024-01-02,电话,卧龙区,2024-01-03,,,矩阵\n') }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/tips/:id', call: (w) => w.get(`/api/tips/${ids.tip}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'POST', route: '/api/tips/:id/transitions',
    call: async (w) => w.send('POST', `/api/tips/${ids.tip}/transitions`, { event: 'investigate', data: { result: 'unsubstantiated', evidence: '未发现' }, version: await version(`/api/tips/${ids.tip}`, (j) => j.version) }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' },
  },
  { method: 'GET', route: '/api/tips/:id/reporter', call: (w) => w.get(`/api/tips/${ids.tip}/reporter`), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  // inspections, findings and articles: the inspection and the finding lie in 光武街道; the article is 卧龙区's
  { method: 'GET', route: '/api/inspections', call: (w) => w.get('/api/inspections'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/inspections', call: (w) => w.send('POST', '/api/inspections', inspectionBody()), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'GET', route: '/api/inspections/vocabulary', call: (w) => w.get('/api/inspections/vocabulary'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'PUT', route: '/api/inspections/vocabulary',
    call: (w) => w.send('PUT', '/api/inspections/vocabulary', { extraCategories: [], extraMethods: [] }),
    expect: { parent: 200, own: 400, sibling: 400, child: 403 },
  },
  { method: 'GET', route: '/api/inspections/:id', call: (w) => w.get(`/api/inspections/${ids.inspection}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/inspections/:id',
    call: async (w) => w.send('PATCH', `/api/inspections/${ids.inspection}`, { ...inspectionBody(), narrative: w.username, version: await inspectionVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'POST', route: '/api/inspections/:id/wells', call: (w) => w.send('POST', `/api/inspections/${ids.inspection}/wells`, { wellId: ids.well }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'POST', route: '/api/inspections/:id/photos', call: (w) => w.send('POST', `/api/inspections/${ids.inspection}/photos`, { fileName: 'i.png', content: PNG }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'GET', route: '/api/findings', call: (w) => w.get('/api/findings'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/findings', call: (w) => w.send('POST', '/api/findings', findingBody()), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'GET', route: '/api/findings/board', call: (w) => w.get('/api/findings/board'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/findings/summary', call: (w) => w.get(`/api/findings/summary?weekEnd=2024-01-12&unitId=${ids.district}`), expect: { parent: 200, own: 200, sibling: 404, child: 404 } },
  {
    method: 'PUT', route: '/api/findings/summary',
    call: (w) => w.send('PUT', '/api/findings/summary', { weekEnd: '2024-01-12', unitId: ids.district, text: `矩阵 ${w.username}`, version: null }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 403 },
  },
  {
    method: 'POST', route: '/api/findings/import',
    call: (w) => w.send('POST', '/api/findings/import', { fileName: 'f.csv', dryRun: true, content: b64('发现日期,所属区,单位/社区,问题类别,问题描述\n2024-01-10,卧龙区,光武街道,排查不细,矩阵导入\n') }),
    expect: { parent: 200, own: 200, sibling: 422, child: 403 },
  },
  { method: 'GET', route: '/api/findings/export', call: (w) => w.get('/api/findings/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/findings/:id', call: (w) => w.get(`/api/findings/${ids.finding}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'POST', route: '/api/findings/:id/transitions',
    call: async (w) => w.send('POST', `/api/findings/${ids.finding}/transitions`, { event: 'start', onDate: '2024-01-11', version: await findingVersion() }),
    expect: { parent: 403, own: 'seen', sibling: 404, child: 'seen' },
  },
  { method: 'POST', route: '/api/findings/:id/photos', call: (w) => w.send('POST', `/api/findings/${ids.finding}/photos`, { fileName: 'f.png', content: PNG }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/articles', call: (w) => w.get('/api/articles'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/articles', call: (w) => w.send('POST', '/api/articles', articleBody), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/articles/:id', call: (w) => w.get(`/api/articles/${ids.article}`), expect: { parent: 200, own: 200, sibling: 404, child: 404 } },
  {
    method: 'PATCH', route: '/api/articles/:id',
    call: async (w) => w.send('PATCH', `/api/articles/${ids.article}`, { ...articleBody, title: `矩阵测试稿件 ${w.username}`, version: await articleVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 404 },
  },
  {
    method: 'POST', route: '/api/articles/:id/actions',
    call: async (w) => w.send('POST', `/api/articles/${ids.article}/actions`, { action: 'submit', version: await articleVersion() }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 404 },
  },
  // bulletins are the city office's; issued ones go to the districts (and leaders), never to streets
  { method: 'GET', route: '/api/bulletins/series', call: (w) => w.get('/api/bulletins/series'), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  {
    method: 'PUT', route: '/api/bulletins/series/:id',
    call: (w) => w.send('PUT', `/api/bulletins/series/${ids.series}`, { title: '“飓风”行动工作简报', office: '市中心城区自备井封停及南水北调水源置换工作领导小组办公室', reportLine: '报：市领导小组组长、副组长、执行副组长。', sendLine: '发：中心城区四区政府（管委会），各成员单位。' }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/bulletins', call: (w) => w.get('/api/bulletins'), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  { method: 'POST', route: '/api/bulletins', call: (w) => w.send('POST', '/api/bulletins', { seriesId: ids.series, issuedOn: '2024-07-02', asOf: '2024-07-01', sections: [] }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'POST', route: '/api/bulletins/notice', call: async (w) => w.send('POST', '/api/bulletins/notice', { campaignId: ids.campaign, date: '2024-06-23' }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/bulletins/:id', call: (w) => w.get(`/api/bulletins/${ids.issued}`), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  { method: 'GET', route: '/api/bulletins/:id', call: (w) => w.get(`/api/bulletins/${ids.draft}`), expect: { parent: 200, own: 404, sibling: 404, child: 403 } },
  {
    method: 'PATCH', route: '/api/bulletins/:id',
    call: async (w) => w.send('PATCH', `/api/bulletins/${ids.draft}`, { issuedOn: '2024-07-01', asOf: '2024-06-30', sections: [], version: await version(`/api/bulletins/${ids.draft}`, (j) => j.version) }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/bulletins/:id/render', call: (w) => w.get(`/api/bulletins/${ids.issued}/render?format=html`), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  {
    method: 'POST', route: '/api/bulletins/:id/issue',
    call: async (w) => w.send('POST', `/api/bulletins/${ids.draft}/issue`, { version: await version(`/api/bulletins/${ids.draft}`, (j) => j.version) }),
    expect: { parent: 'seen', own: 403, sibling: 403, child: 403 },
  },
  { method: 'POST', route: '/api/tips/:id/merge', call: (w) => w.send('POST', `/api/tips/${ids.otherTip}/merge`, { intoId: ids.tip }), expect: { parent: 'seen', own: 403, sibling: 403, child: 403 } },
  // the water company's uploads and accounts: the city office and the company only (the company's own scope is tested in utility.test.ts)
  { method: 'GET', route: '/api/utility/imports', call: (w) => w.get('/api/utility/imports'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  {
    method: 'POST', route: '/api/utility/imports/readings',
    call: (w) => w.send('POST', '/api/utility/imports/readings?fileName=m.csv', Buffer.from(`户号,期间,用水量\nNOPE${w.username},2023-01,1\n`), { 'content-type': 'application/octet-stream' }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/utility/imports/:id', call: (w) => w.get(`/api/utility/imports/${ids.readingsImport}`), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'POST', route: '/api/utility/imports/:id/accept', call: (w) => w.send('POST', `/api/utility/imports/${ids.readingsImport}/accept`), expect: { parent: 'seen', own: 403, sibling: 403, child: 403 } },
  { method: 'POST', route: '/api/utility/imports/:id/discard', call: (w) => w.send('POST', `/api/utility/imports/${ids.readingsImport}/discard`), expect: { parent: 'seen', own: 403, sibling: 403, child: 403 } },
  {
    method: 'POST', route: '/api/utility/accounts/import',
    call: (w) => w.send('POST', '/api/utility/accounts/import', { fileName: 'a.csv', content: b64('户号,户名,用水类别,人数\nM0001,矩阵测试户,居民,3\n'), dryRun: true }),
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/utility/accounts', call: (w) => w.get('/api/utility/accounts'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/utility/outcomes', call: (w) => w.get('/api/utility/outcomes'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  // the suspect rankings: the districts and streets see their own accounts (lists filtered: see below), the city office runs and sends them
  { method: 'GET', route: '/api/suspects/norms', call: (w) => w.get('/api/suspects/norms'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'PUT', route: '/api/suspects/norms',
    call: async (w) => {
      const now = (await c.parent.get('/api/suspects/norms')).json();
      return w.send('PUT', '/api/suspects/norms', { householdSize: now.householdSize, categories: now.categories.map(({ isDefault: _d, ...n }: { isDefault: boolean }) => n) });
    },
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'POST', route: '/api/suspects/runs', call: (w) => w.send('POST', '/api/suspects/runs', { asOf: '2023-09' }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/suspects/jobs/:id', call: (w) => w.get(`/api/suspects/jobs/${ids.job}`), expect: { parent: 200, own: 404, sibling: 404, child: 404 } },
  { method: 'GET', route: '/api/suspects/runs', call: (w) => w.get('/api/suspects/runs'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/suspects/runs/:id/scores', call: (w) => w.get(`/api/suspects/runs/${ids.run}/scores`), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/suspects/runs/:id/export', call: (w) => w.get(`/api/suspects/runs/${ids.run}/export`), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/suspects/batches', call: (w) => w.get('/api/suspects/batches'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/suspects/batches', call: (w) => w.send('POST', '/api/suspects/batches', { runId: ids.run, topN: 1 }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
  { method: 'GET', route: '/api/suspects/checks', call: (w) => w.get('/api/suspects/checks'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/suspects/checks/:id/outcome',
    call: async (w) => {
      const v = (await c.parent.get('/api/suspects/checks?pageSize=100')).json().items.find((x: { id: number }) => x.id === ids.check).version;
      return w.send('POST', `/api/suspects/checks/${ids.check}/outcome`, { outcome: 'no_access', checkedOn: '2024-01-10', note: `矩阵测试（${w.username}）`, version: v });
    },
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  // the command dashboard: every block in the caller's scope; drilling into a unit outside it is "not found"
  { method: 'GET', route: '/api/dashboard', call: (w) => w.get('/api/dashboard?asOf=2024-01-12'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/dashboard', call: (w) => w.get(`/api/dashboard?asOf=2024-01-12&unitId=${ids.district}`), expect: { parent: 200, own: 200, sibling: 404, child: 404 } },
  // the map: each layer filtered by its own capability's scope (see map.test.ts); boundaries are the city office's
  { method: 'GET', route: '/api/map/config', call: (w) => w.get('/api/map/config'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/map/layers', call: (w) => w.get('/api/map/layers?layers=grids,wells,tips,suspects'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/map/boundaries/import',
    call: async (w) => {
      const grid = (await c.parent.get(`/api/org/units/${ids.grid}`)).json() as { code: string };
      const square = [[[112.5, 33.0], [112.501, 33.0], [112.501, 33.001], [112.5, 33.001], [112.5, 33.0]]];
      const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 网格编号: grid.code }, geometry: { type: 'Polygon', coordinates: square } }] };
      return w.send('POST', '/api/map/boundaries/import', { fileName: 'b.geojson', content: b64(JSON.stringify(fc)), dryRun: true });
    },
    expect: { parent: 200, own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/campaigns/:campaignId/progress/export', call: (w) => w.get(`/api/campaigns/${ids.campaign}/progress/export?asOf=2024-06-23&format=md`), expect: { parent: 200, own: 200, sibling: 200, child: 400 } },
];

// 地温空调: a project of the city office in 光武街道 (inside 卧龙区); the districts and the city record, a street only reads
const hp = { project: 0 };
beforeAll(async () => {
  hp.project = (await c.parent.send('POST', '/api/heatpump/projects', { name: '矩阵测试地温空调', orgUnitId: ids.street })).json().id;
});
const hpVersion = () => version(`/api/heatpump/projects/${hp.project}`, (j) => j.version);
const hpDay: Record<string, string> = { city: '2024-10-01', wolong: '2024-10-02', wancheng: '2024-10-03', guangwu: '2024-10-04', leader: '2024-10-05' };
entries.push(
  { method: 'GET', route: '/api/heatpump/projects', call: (w) => w.get('/api/heatpump/projects'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/heatpump/projects', call: (w) => w.send('POST', '/api/heatpump/projects', { name: `矩阵测试热泵-${w.username}`, orgUnitId: ids.street }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'GET', route: '/api/heatpump/projects/export', call: (w) => w.get('/api/heatpump/projects/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/heatpump/rules', call: (w) => w.get('/api/heatpump/rules'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'PUT', route: '/api/heatpump/rules', call: (w) => w.send('PUT', '/api/heatpump/rules', { ratioThreshold: 0.95, meteringThresholdM3PerYear: 50_000 }), expect: { parent: 200, own: 400, sibling: 400, child: 403 } },
  {
    method: 'POST', route: '/api/heatpump/readings/import',
    call: (w) => w.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64('项目名称,日期/期间,抽水量,回灌量\n矩阵测试地温空调,2024-09,100,99\n'), dryRun: true }),
    expect: { parent: 200, own: 200, sibling: 422, child: 403 },
  },
  { method: 'GET', route: '/api/heatpump/projects/:id', call: (w) => w.get(`/api/heatpump/projects/${hp.project}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/heatpump/projects/:id',
    call: async (w) => w.send('PATCH', `/api/heatpump/projects/${hp.project}`, { name: '矩阵测试地温空调', orgUnitId: ids.street, remarks: w.username, version: await hpVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'PUT', route: '/api/heatpump/projects/:id/wells', call: async (w) => w.send('PUT', `/api/heatpump/projects/${hp.project}/wells`, { wellIds: [], version: await hpVersion() }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  {
    method: 'POST', route: '/api/heatpump/projects/:id/readings',
    call: (w) => w.send('POST', `/api/heatpump/projects/${hp.project}/readings`, { period: hpDay[w.username], pumpedM3: 100, reinjectedM3: 99, method: 'ultrasonic' }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  {
    method: 'POST', route: '/api/heatpump/projects/:id/observations',
    call: (w) => w.send('POST', `/api/heatpump/projects/${hp.project}/observations`, { onDate: '2024-10-05', kind: 'other', note: `矩阵测试（${w.username}）` }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
);

// 水样 and 水源置换: a sample and a switch project of the city office in 光武街道 (inside 卧龙区)
const sw = { sample: 0, project: 0 };
beforeAll(async () => {
  sw.sample = (await c.parent.send('POST', '/api/samples', { sampledOn: '2024-01-10', unitId: ids.street, address: '光武街道矩阵测试点', point: 'tap', labResults: { totalHardness: 300 } })).json().id;
  sw.project = (await c.parent.send('POST', '/api/switch/projects', { name: '矩阵测试管网改造', unitId: ids.street, households: 10, persons: 30 })).json().id;
});
const sampleVersion = () => version(`/api/samples/${sw.sample}`, (j) => j.version);
const projectVersion = () => version(`/api/switch/projects/${sw.project}`, (j) => j.version);
entries.push(
  { method: 'GET', route: '/api/samples', call: (w) => w.get('/api/samples'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/samples', call: (w) => w.send('POST', '/api/samples', { sampledOn: '2024-01-11', unitId: ids.street, address: '光武街道矩阵测试点', point: 'tap', labResults: { tds: 200 } }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'GET', route: '/api/samples/mixing', call: (w) => w.get('/api/samples/mixing'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'PUT', route: '/api/samples/mixing',
    call: async (w) => {
      const m = (await c.parent.get('/api/samples/mixing')).json() as { floor: number; version: number; city: { tracer: string; tap: number | null; well: number | null }[] };
      const city = Object.fromEntries(m.city.filter((t) => t.tap !== null && t.well !== null).map((t) => [t.tracer, { tap: t.tap, well: t.well }]));
      return w.send('PUT', '/api/samples/mixing', { floor: m.floor, city, districts: {}, version: m.version });
    },
    // district offices hold samples.edit but the end-members are the city office's alone
    expect: { parent: 'seen', own: 403, sibling: 403, child: 403 },
  },
  { method: 'GET', route: '/api/samples/link-targets', call: (w) => w.get('/api/samples/link-targets?kind=inspection&q='), expect: { parent: 200, own: 200, sibling: 200, child: 403 } },
  { method: 'POST', route: '/api/samples/import', call: (w) => w.send('POST', '/api/samples/import', { fileName: 's.csv', content: b64('样品编号,采样日期\nX,2024-01-10\n'), dryRun: true }), expect: { parent: 'seen', own: 'seen', sibling: 'seen', child: 403 } },
  { method: 'GET', route: '/api/samples/export', call: (w) => w.get('/api/samples/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/samples/:id', call: (w) => w.get(`/api/samples/${sw.sample}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PUT', route: '/api/samples/:id',
    call: async (w) => w.send('PUT', `/api/samples/${sw.sample}`, { sampledOn: '2024-01-10', unitId: ids.street, address: '光武街道矩阵测试点', point: 'tap', labResults: { totalHardness: 310 }, note: w.username, version: await sampleVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'POST', route: '/api/samples/:id/links', call: (w) => w.send('POST', `/api/samples/${sw.sample}/links`, { kind: 'inspection', refId: ids.inspection }), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 403 } },
  {
    method: 'DELETE', route: '/api/samples/:id/links/:kind/:refId',
    call: async (w) => {
      await c.parent.send('POST', `/api/samples/${sw.sample}/links`, { kind: 'inspection', refId: ids.inspection });
      return w.send('DELETE', `/api/samples/${sw.sample}/links/inspection/${ids.inspection}`);
    },
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  { method: 'GET', route: '/api/switch/projects', call: (w) => w.get('/api/switch/projects'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/switch/projects', call: (w) => w.send('POST', '/api/switch/projects', { name: `矩阵测试改造-${w.username}`, unitId: ids.street }), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'GET', route: '/api/switch/wells', call: (w) => w.get(`/api/switch/wells?unitId=${ids.street}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  { method: 'POST', route: '/api/switch/projects/import', call: (w) => w.send('POST', '/api/switch/projects/import', { fileName: 'p.csv', content: b64('项目名称\nX\n'), dryRun: true }), expect: { parent: 'seen', own: 'seen', sibling: 'seen', child: 'seen' } },
  { method: 'GET', route: '/api/switch/projects/export', call: (w) => w.get('/api/switch/projects/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/switch/projects/:id', call: (w) => w.get(`/api/switch/projects/${sw.project}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/switch/projects/:id',
    call: async (w) => w.send('PATCH', `/api/switch/projects/${sw.project}`, { name: '矩阵测试管网改造', unitId: ids.street, remarks: w.username, version: await projectVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  {
    method: 'POST', route: '/api/switch/projects/:id/progress',
    call: async (w) => w.send('POST', `/api/switch/projects/${sw.project}/progress`, { state: 'planning', progress: 5, onDate: '2024-07-01', note: w.username, version: await projectVersion() }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' },
  },
);

// 执法案件 and small users: a case of the city office against a party in 光武街道 (inside 卧龙区); the matrix's well for volumes
const cs = { case: 0 };
beforeAll(async () => {
  cs.case = (await c.parent.send('POST', '/api/cases', { filedOn: '2024-01-10', unitId: ids.street, partyName: '矩阵测试当事人', violation: 'concealed' })).json().id;
});
const caseVersion = () => version(`/api/cases/${cs.case}`, (j) => j.version);
entries.push(
  { method: 'GET', route: '/api/cases', call: (w) => w.get('/api/cases'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/cases', call: (w) => w.send('POST', '/api/cases', { filedOn: '2024-01-11', unitId: ids.street, partyName: `矩阵测试-${w.username}`, violation: 'refused' }), expect: { parent: 200, own: 200, sibling: 404, child: 403 } },
  { method: 'POST', route: '/api/cases/import', call: (w) => w.send('POST', '/api/cases/import', { fileName: 'c.csv', content: b64('案件编号\nX\n'), dryRun: true }), expect: { parent: 'seen', own: 'seen', sibling: 'seen', child: 403 } },
  { method: 'GET', route: '/api/cases/export', call: (w) => w.get('/api/cases/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/cases/small-users', call: (w) => w.get('/api/cases/small-users'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'GET', route: '/api/cases/small-users/export', call: (w) => w.get('/api/cases/small-users/export'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'POST', route: '/api/cases/small-users/import', call: (w) => w.send('POST', '/api/cases/small-users/import', { fileName: 'v.csv', content: b64('井编号,年取水量\nNOPE,10\n'), dryRun: true }), expect: { parent: 'seen', own: 'seen', sibling: 'seen', child: 'seen' } },
  {
    method: 'PUT', route: '/api/cases/small-users/:id/volume',
    call: async (w) => w.send('PUT', `/api/cases/small-users/${ids.well}/volume`, { annualVolumeM3: 500, version: await wellVersion() }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 'seen' },
  },
  { method: 'GET', route: '/api/cases/:id', call: (w) => w.get(`/api/cases/${cs.case}`), expect: { parent: 200, own: 200, sibling: 404, child: 200 } },
  {
    method: 'PATCH', route: '/api/cases/:id',
    call: async (w) => w.send('PATCH', `/api/cases/${cs.case}`, { filedOn: '2024-01-10', unitId: ids.street, partyName: '矩阵测试当事人', violation: 'concealed', facts: w.username, version: await caseVersion() }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
  {
    method: 'POST', route: '/api/cases/:id/transitions',
    call: async (w) => w.send('POST', `/api/cases/${cs.case}/transitions`, { event: 'investigate', onDate: '2024-01-12', version: await caseVersion() }),
    expect: { parent: 'seen', own: 'seen', sibling: 404, child: 403 },
  },
  { method: 'POST', route: '/api/cases/:id/typical', call: async (w) => w.send('POST', `/api/cases/${cs.case}/typical`, { typical: true, version: await caseVersion() }), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 403 } },
  { method: 'POST', route: '/api/cases/:id/article', call: async (w) => w.send('POST', `/api/cases/${cs.case}/article`, { version: await caseVersion() }), expect: { parent: 'seen', own: 'seen', sibling: 404, child: 403 } },
);

// 外业模式 (field app): each caller's own bundle; queued operations on the card of 光彩社区第2网格 (光武街道, 卧龙区)
entries.push(
  { method: 'GET', route: '/api/field/bundle', call: (w) => w.get('/api/field/bundle'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  {
    method: 'POST', route: '/api/field/ops',
    call: (w) => w.send('POST', '/api/field/ops', { opId: crypto.randomUUID(), kind: 'card.create', card: { ...cardBody, name: `外业矩阵-${w.username}`, gridId: ids.surveyGrid } }),
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  {
    method: 'POST', route: '/api/field/ops',
    call: async (w) => w.send('POST', '/api/field/ops', { opId: crypto.randomUUID(), kind: 'card.update', card: { id: ids.card }, baseVersion: await cardVersion(), data: { ...cardBody, remarks: `外业-${w.username}` } }),
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  // 定位精度上限: the city office's setting
  { method: 'GET', route: '/api/field/settings', call: (w) => w.get('/api/field/settings'), expect: { parent: 200, own: 200, sibling: 200, child: 200 } },
  { method: 'PUT', route: '/api/field/settings', call: (w) => w.send('PUT', '/api/field/settings', { gpsAccuracyLimitM: 50 }), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
);

// personal information: the full phone of a 卧龙区 card (光武街道) and of the 卧龙区 grid worker
entries.push(
  {
    method: 'POST', route: '/api/personal-info/reveal',
    call: (w) => w.send('POST', '/api/personal-info/reveal', { kind: 'card', id: ids.card, field: 'contactPhone' }),
    expect: { parent: 200, own: 200, sibling: 404, child: 200 },
  },
  {
    method: 'POST', route: '/api/personal-info/reveal',
    call: (w) => w.send('POST', '/api/personal-info/reveal', { kind: 'user', id: ids.gridUser, field: 'phone' }),
    expect: { parent: 200, own: 200, sibling: 404, child: 403 },
  },
);

// the whole database as a backup stream: the city office only (it holds every district's records)
entries.push(
  { method: 'POST', route: '/api/system/backup', call: (w) => w.send('POST', '/api/system/backup'), expect: { parent: 200, own: 403, sibling: 403, child: 403 } },
);

describe('scope matrix', () => {
  it('has an entry for every API route', () => {
    const covered = new Set([...entries.map((e) => `${e.method} ${e.route}`), ...UNSCOPED]);
    const missing = t.routes.map((r) => `${r.method} ${r.url}`).filter((r) => r.startsWith('GET /api') || r.includes(' /api')).filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  for (const [i, e] of entries.entries()) {
    for (const who of ['parent', 'own', 'sibling', 'child'] as Who[]) {
      it(`${e.method} ${e.route} #${i} as ${who} → ${e.expect[who]}`, async () => {
        const res = await e.call(c[who]);
        const why = (res as { body?: string }).body?.slice(0, 300);
        const want = e.expect[who];
        if (want === 'seen') expect([200, 400, 409, 422], why).toContain(res.statusCode);
        else expect(res.statusCode, why).toBe(want);
        if (res.statusCode === 404) expect(res.json()).toMatchObject({ message: '记录不存在或无权访问' });
        if (res.statusCode === 200 && e.undo) await e.undo();
      });
    }
  }
});

// The matrix's fifth caller: a leader (领导) of the whole city holds read capabilities only, so every
// write route of the table — wherever the record lies — must refuse them, whatever the route is.
describe('a leader reads and never writes', () => {
  let leader: Client;
  beforeAll(async () => {
    leader = await t.login('leader');
  });
  const writes = entries.filter((e) => e.method !== 'GET');
  it('the table has write routes to try', () => {
    expect(writes.length).toBeGreaterThan(80);
  });
  for (const [i, e] of writes.entries()) {
    it(`${e.method} ${e.route} #${i} as leader → 403`, async () => {
      const res = await e.call(leader);
      expect([403, 404], (res as { body?: string }).body?.slice(0, 300)).toContain(res.statusCode);
    });
  }
});

describe('what each caller sees in lists', () => {
  it('suspect rankings and verification tasks hold only the caller’s accounts', async () => {
    const places = async (w: Who, url: string) => ((await c[w].get(url)).json().items as { place: string }[]).map((x) => x.place);
    for (const url of [`/api/suspects/runs/${ids.run}/scores?pageSize=500`, '/api/suspects/checks?pageSize=500']) {
      expect((await places('sibling', url)).every((p) => p.startsWith('宛城区'))).toBe(true);
      expect((await places('child', url)).every((p) => p.startsWith('卧龙区 光武街道'))).toBe(true);
      expect((await places('own', url)).every((p) => p.startsWith('卧龙区'))).toBe(true);
      expect(new Set((await places('parent', url)).map((p) => p.split(' ')[0])).size).toBeGreaterThan(2);
    }
    expect((await places('child', '/api/suspects/checks?pageSize=500')).length).toBeGreaterThan(0);
  });

  const pathOf = async (id: number) => ((await c.parent.get(`/api/org/units/${id}`)).json() as { path: string }).path;

  it('a sibling district sees nothing of 卧龙区; the parent sees all of it', async () => {
    const wolong = await pathOf(ids.district);
    const list = async (w: Who) => ((await c[w].get('/api/org/units')).json().units as { path: string }[]).filter((u) => u.path.startsWith(wolong));
    expect(await list('sibling')).toEqual([]);
    expect((await list('parent')).length).toBe((await list('own')).length);
    expect((await list('own')).filter((u) => u.path !== wolong).length).toBeGreaterThan(500);
    const street = await pathOf(ids.street);
    const childList = (await c.child.get('/api/org/units')).json().units as { path: string }[];
    expect(childList.length).toBeGreaterThan(0);
    expect(childList.every((u) => u.path.startsWith(street))).toBe(true);
  });

  it('exports only the caller’s grids', async () => {
    const sibling = (await c.sibling.get('/api/org/export?format=csv')).body;
    const parent = (await c.parent.get('/api/org/export?format=csv')).body;
    expect(sibling).toContain('宛城区');
    expect(sibling).not.toContain('卧龙区');
    expect(parent).toContain('卧龙区');
    expect(parent.trim().split('\n')).toHaveLength(1153);
  });

  it('user lists hold only users granted inside the caller’s scope', async () => {
    const names = async (w: Who) => ((await c[w].get('/api/users')).json().users as { username: string }[]).map((u) => u.username);
    expect(await names('sibling')).not.toContain('grid01');
    expect(await names('sibling')).toContain('wancheng');
    expect(await names('own')).toEqual(expect.arrayContaining(['wolong', 'guangwu', 'grid01']));
    expect(await names('own')).not.toContain('city');
    expect(await names('parent')).toEqual(expect.arrayContaining(['city', 'wolong', 'wancheng', 'grid01']));
  });

  it('card exports and survey lists hold only the caller’s grids', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const codes = async (w: Who) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await c[w].get('/api/survey/cards/export')).rawPayload as unknown as ArrayBuffer);
      const col = wb.worksheets[0]!.getColumn(2).values.slice(2) as string[];
      return new Set(col.map((v) => String(v).slice(0, 6)));
    };
    expect([...(await codes('sibling'))]).toEqual(['411302']);
    expect([...(await codes('child'))]).toEqual(['411303']);
    expect((await codes('parent')).size).toBe(4);
    const wells = (await c.sibling.get('/api/wells?pageSize=500')).json() as { wells: { district: string }[] };
    expect(wells.wells.length).toBeGreaterThan(0);
    expect(wells.wells.every((w) => w.district === '宛城区')).toBe(true);
    const notice = (await c.sibling.get(`/api/campaigns/${ids.campaign}/progress?asOf=2024-06-23`)).json() as { rows: { district: string }[] };
    expect(notice.rows.map((r) => r.district)).toEqual(['宛城区']);
    const sibling = (await c.sibling.get('/api/survey/grids?pageSize=500')).json() as { total: number; grids: { code: string }[] };
    expect(sibling.total).toBe(241);
    expect(sibling.grids.every((g) => g.code.startsWith('411302'))).toBe(true);
  });
});

