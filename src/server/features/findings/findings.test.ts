import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { PNG } from '../../../test-support/fixtures.js';

let t: TestApp;
let city: Client;
let wolong: Client;
let wancheng: Client;
let guangwu: Client;
let units: { id: number; name: string; level: string }[];
const unit = (name: string) => units.find((u) => u.name === name)!.id;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  t = await demoApp();
  [city, wolong, wancheng, guangwu] = (await Promise.all(['city', 'wolong', 'wancheng', 'guangwu'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  units = (await city.get('/api/org/units')).json().units;
});
afterAll(() => t.close());

describe('the weekly findings summary of bulletin 第12期', () => {
  it('is written from the demo records for the week ending 2024-01-12, covering the four districts with the seed facts', async () => {
    const s = (await city.get('/api/findings/summary?weekEnd=2024-01-12')).json();
    expect(s.from).toBe('2024-01-06');
    const lines = s.generated.split('\n');
    expect(lines[0]).toBe('通过本周市封停办的现场调研和工作督导，发现在排查工作中存在领导重视程度不够、排查不细不实、排查质量不高、台账资料不健全等问题。');
    expect(s.paragraphs.map((p: { heading: string }) => p.heading)).toEqual(['（一）卧龙区', '（二）宛城区', '（三）高新区', '（四）示范区']);
    const [wl, wc, gx, sf] = s.paragraphs.map((p: { body: string }) => p.body);
    expect(wl).toContain('本周检查了王村乡 2 个村和光武街道 3 个社区。');
    expect(wl).toContain('王村乡王村村、贺营村，光武街道光彩社区、榆树庄社区、麒麟社区网格排查没有对沿街门店和城中村住户纳入一户一卡登记。');
    expect(wl).toContain('卧龙岗街道工作人员都忙于拆迁');
    expect(wc).toMatch(/三川盛唐小区群众多次举报.*最终查实了 3 眼自备井。.*向阳荷花广场小区存在地温空调回灌水外排问题。$/);
    expect(gx).toMatch(/^本周检查了中关村街道 4 个社区。王庄社区具体负责同志因公未到场.*漫香湖小区.*属地网格漏排。$/);
    expect(sf).toMatch(/^枣林街道兴隆社区.*漏排4眼。长江社区鸿运招待所.*未发现。$/);
    expect(s.edited).toBeNull();
    expect(s.text).toBe(s.generated);
  });

  it('keeps an office edit beside the generated text, refuses a stale edit, and flags an edit the records have overtaken', async () => {
    const base = (await city.get('/api/findings/summary?weekEnd=2024-01-12')).json();
    const saved = await city.send('PUT', '/api/findings/summary', { weekEnd: '2024-01-12', text: `${base.generated}\n（编辑补充）`, version: null });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().edited).toMatchObject({ generatedText: base.generated, version: 1, stale: false });
    expect(saved.json().text).toMatch(/（编辑补充）$/);
    expect(saved.json().generated).toBe(base.generated);
    // a second office window that still holds “no edit yet” does not overwrite it
    expect((await city.send('PUT', '/api/findings/summary', { weekEnd: '2024-01-12', text: '另一个版本', version: null })).statusCode).toBe(409);
    expect((await city.send('PUT', '/api/findings/summary', { weekEnd: '2024-01-12', text: '另一个版本', version: 7 })).statusCode).toBe(409);
    // a district's summary is its own district only
    const mine = (await wolong.get('/api/findings/summary?weekEnd=2024-01-12')).json();
    expect(mine.paragraphs.map((p: { heading: string }) => p.heading)).toEqual(['（一）卧龙区']);
    expect(mine.edited).toBeNull();
    expect((await wolong.get(`/api/findings/summary?weekEnd=2024-01-12&unitId=${unit('宛城区')}`)).statusCode).toBe(404);
  });
});

describe('findings and their rectification', () => {
  it('a district sees only its own findings; another district cannot reach them', async () => {
    const all = (await city.get('/api/findings?pageSize=500')).json();
    const mine = (await wolong.get('/api/findings?pageSize=500')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.findings.every((f: { district: string }) => f.district === '卧龙区')).toBe(true);
    expect(all.total).toBeGreaterThan(mine.total);
    const theirs = all.findings.find((f: { district: string }) => f.district === '宛城区');
    expect((await wolong.get(`/api/findings/${theirs.id}`)).statusCode).toBe(404);
    const board = (await wolong.get('/api/findings/board')).json();
    expect(board.districts.map((d: { district: string }) => d.district)).toEqual(['卧龙区']);
    const street = (await guangwu.get('/api/findings?pageSize=500')).json();
    expect(street.findings.length).toBeGreaterThan(0);
    expect(street.findings.every((f: { place: string[] }) => f.place[1] === '光武街道')).toBe(true);
  });

  it('filters by state, overdue, district and category, then pages, as the whole list does', async () => {
    type F = { id: number; state: string; overdue: boolean; districtId: number; category: string };
    const all = (await city.get('/api/findings?pageSize=500')).json() as { total: number; findings: F[] };
    expect(all.findings).toHaveLength(all.total);
    const ids = (xs: F[]) => xs.map((f) => f.id);
    const pages = async (query: string, expected: F[]) => {
      const one = (await city.get(`/api/findings?${query}&pageSize=500`)).json();
      expect(one.total, query).toBe(expected.length);
      expect(ids(one.findings), query).toEqual(ids(expected));
      // page 2 of 3 is the list's 4th–6th
      const second = (await city.get(`/api/findings?${query}&page=2&pageSize=3`)).json();
      expect(second.total, query).toBe(expected.length);
      expect(ids(second.findings), query).toEqual(ids(expected.slice(3, 6)));
    };
    const states = [...new Set(all.findings.map((f) => f.state))];
    expect(states.length).toBeGreaterThan(1);
    for (const state of states) await pages(`state=${state}`, all.findings.filter((f) => f.state === state));
    await pages('overdue=true', all.findings.filter((f) => f.overdue));
    await pages('overdue=false', all.findings.filter((f) => !f.overdue));
    const district = all.findings[0]!.districtId;
    await pages(`districtId=${district}&state=${states[0]}`, all.findings.filter((f) => f.districtId === district && f.state === states[0]));
    const category = all.findings[0]!.category;
    await pages(`category=${category}`, all.findings.filter((f) => f.category === category));
    await pages('', all.findings);
  });

  it('a missed well (漏排) sends the grid back to surveying; the owner submits, only the raising office verifies', async () => {
    const gridId = unit('光武社区第1网格');
    expect((await city.get(`/api/survey/grids/${gridId}`)).json().state).toBe('completed');
    const raised = await city.send('POST', '/api/findings', { foundOn: '2024-03-01', unitId: unit('光武社区'), gridId, category: '漏排', description: '光武社区某小区漏排一眼井' });
    expect(raised.statusCode).toBe(200);
    const f = raised.json();
    expect(f).toMatchObject({ category: 'missed', categoryLabel: '漏排', state: 'open', district: '卧龙区', gridReopened: true, next: [], deadline: '2024-03-08' });
    expect((await city.get(`/api/survey/grids/${gridId}`)).json().state).toBe('in_progress');
    // a missed well without a grid to send back is refused
    expect((await city.send('POST', '/api/findings', { foundOn: '2024-03-01', unitId: unit('光武社区'), category: 'missed', description: '没有网格的漏排' })).json().message).toContain('漏排问题须关联网格');

    const viewed = (await guangwu.get(`/api/findings/${f.id}`)).json();
    expect(viewed.next).toEqual(['start', 'submit']);
    expect((await guangwu.send('POST', `/api/findings/${f.id}/transitions`, { event: 'submit', data: {}, version: viewed.version })).json().message).toContain('请填写整改情况');
    const photo = await guangwu.send('POST', `/api/findings/${f.id}/photos`, { fileName: 'fix.png', content: PNG });
    expect(photo.statusCode).toBe(200);
    const submitted = await guangwu.send('POST', `/api/findings/${f.id}/transitions`, { event: 'submit', data: { evidence: '已重新排查并补录该井' }, version: viewed.version });
    expect(submitted.json().state).toBe('submitted');
    // the same step from a stale page is a conflict, not a silent overwrite
    expect((await wolong.send('POST', `/api/findings/${f.id}/transitions`, { event: 'submit', data: { evidence: 'x' }, version: viewed.version })).statusCode).toBe(409);
    // 卧龙区 did not raise it: only the city office verifies
    const v = submitted.json().version;
    expect((await wolong.send('POST', `/api/findings/${f.id}/transitions`, { event: 'verify', version: v })).statusCode).toBe(400);
    expect((await guangwu.send('POST', `/api/findings/${f.id}/transitions`, { event: 'verify', version: v })).statusCode).toBe(403);
    const closed = await city.send('POST', `/api/findings/${f.id}/transitions`, { event: 'verify', version: v });
    expect(closed.json()).toMatchObject({ state: 'closed', overdue: false });
    expect(closed.json().events.map((e: { event: string }) => e.event)).toEqual(['submit', 'verify']);
    expect(closed.json().photos).toHaveLength(1);
  });

  it('a district raises a finding in its own district only, and verifies what it raised', async () => {
    expect((await wolong.send('POST', '/api/findings', { foundOn: '2024-03-02', unitId: unit('东关街道'), category: 'not_thorough', description: '越界登记' })).statusCode).toBe(404);
    const f = (await wolong.send('POST', '/api/findings', { foundOn: '2024-03-02', unitId: unit('光武街道'), category: '资料不健全', description: '光武街道网格台账缺页', deadline: '2024-03-05' })).json();
    expect(f).toMatchObject({ raisedBy: '卧龙区封停办', overdue: true, state: 'open' });
    const s = (await guangwu.send('POST', `/api/findings/${f.id}/transitions`, { event: 'submit', data: { evidence: '已补齐' }, version: f.version })).json();
    expect(s.overdue).toBe(false);
    const returned = (await wolong.send('POST', `/api/findings/${f.id}/transitions`, { event: 'return', data: { reason: '仍缺汇总表' }, version: s.version })).json();
    expect(returned).toMatchObject({ state: 'returned', returns: 1, overdue: true });
    expect((await wolong.get('/api/findings?overdue=true&pageSize=500')).json().findings.some((x: { id: number }) => x.id === f.id)).toBe(true);
  });

  it('imports a findings sheet whole, or reports each bad row and imports nothing', async () => {
    const header = '发现日期,所属区,单位/社区,问题类别,问题描述,整改期限,整改状态\n';
    const before = (await city.get('/api/findings?pageSize=1')).json().total;
    const bad = await city.send('POST', '/api/findings/import', { fileName: 'f.csv', dryRun: false, content: b64(`${header}2024-02-01,卧龙区,光彩社区,排查不细,门店漏登,2024-02-08,整改中\n2024-02-01,卧龙区,不存在社区,外排,外排,,\n`) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.rowErrors).toEqual([{ row: 3, column: '单位/社区', message: '卧龙区没有名为“不存在社区”的街道、社区或网格' }]);
    expect((await city.get('/api/findings?pageSize=1')).json().total).toBe(before);
    const ok = await city.send('POST', '/api/findings/import', { fileName: 'f.csv', dryRun: false, content: b64(`${header}2024-02-01,卧龙区,光彩社区,排查不细,门店漏登,2024-02-08,已销号\n`) });
    expect(ok.json()).toEqual({ applied: true, created: 1 });
    expect((await city.get('/api/findings?pageSize=1')).json().total).toBe(before + 1);
    const xlsx = await city.get('/api/findings/export');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('inspections', () => {
  it('records a visit that finds a well and raises a finding in one go; the well joins the registry', async () => {
    const gridId = unit('光武社区第2网格');
    const body = {
      onDate: '2024-03-03', kind: 'site_check', title: '光武社区暗访', leaders: [{ name: '督导三组', title: '市封停办' }], areaUnitId: unit('光武街道'),
      targets: [{ kind: 'unit', refId: unit('光武社区') }, { kind: 'address', label: '光武社区洗车行' }], methods: ['翻看井盖', '暗访群众', '自定方法'],
      narrative: '暗访发现洗车行后院有井。', samples: [{ label: 'SY-1', place: '井口' }],
      foundWells: [{ orgUnitId: gridId, ownerName: '光武社区洗车行', use: 'production', lat: 33.0, lng: 112.5 }],
      findings: [{ category: 'missed', unitId: unit('光武社区'), gridId, description: '洗车行自备井网格未登记', wellIndex: 0 }],
    };
    const made = await city.send('POST', '/api/inspections', body);
    expect(made.statusCode).toBe(200);
    const insp = made.json();
    expect(insp).toMatchObject({ kindLabel: '现场核查', office: '市封停办', wellsFound: 1, findingsRaised: 1, methods: ['翻看井盖', '暗访群众', '自定方法'] });
    expect(insp.targets[0]).toEqual({ kind: 'unit', refId: unit('光武社区'), label: '光武社区' });
    expect(insp.findings[0]).toMatchObject({ wellCode: insp.wells[0].code, inspectionTitle: '光武社区暗访' });
    const well = (await city.get(`/api/wells/${insp.wells[0].id}`)).json();
    expect(well).toMatchObject({ ownerName: '光武社区洗车行', foundVia: 'inspection', discoveredOn: '2024-03-03', stage: 'discovered' });
    expect((await wolong.get(`/api/inspections/${insp.id}`)).statusCode).toBe(200);
    expect((await wancheng.get(`/api/inspections/${insp.id}`)).statusCode).toBe(404);
    expect((await city.send('POST', `/api/inspections/${insp.id}/photos`, { fileName: 'p.png', content: PNG })).statusCode).toBe(200);
    // a target outside the area is refused, and nothing of the visit is kept
    const total = (await city.get('/api/inspections?pageSize=1')).json().total;
    const wrong = await city.send('POST', '/api/inspections', { ...body, targets: [{ kind: 'unit', refId: unit('东关街道') }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('不在检查区域');
    expect((await city.get('/api/inspections?pageSize=1')).json().total).toBe(total);
    // an edit from a stale page is a conflict
    const edited = await city.send('PATCH', `/api/inspections/${insp.id}`, { ...body, title: '光武社区暗访（修订）', version: insp.version });
    expect(edited.statusCode).toBe(200);
    expect((await city.send('PATCH', `/api/inspections/${insp.id}`, { ...body, version: insp.version })).statusCode).toBe(409);
  });

  it('holds both seed weeks, and the vocabulary is the city office to extend', async () => {
    const jan = (await city.get('/api/inspections?from=2024-01-08&to=2024-01-13&pageSize=50')).json();
    expect(jan.total).toBe(11);
    const suspects = jan.inspections.find((i: { title: string }) => i.title.includes('芒果一号酒店'));
    expect(suspects).toMatchObject({ leadersLine: '市领导小组办公室副主任、市水利局副局长张响', wellsFound: 1, findingsRaised: 1 });
    expect((await wolong.send('PUT', '/api/inspections/vocabulary', { extraCategories: ['台账造假'], extraMethods: [] })).statusCode).toBe(400);
    expect((await city.send('PUT', '/api/inspections/vocabulary', { extraCategories: ['漏排'], extraMethods: [] })).json().message).toContain('已是内置');
    const v = (await city.send('PUT', '/api/inspections/vocabulary', { extraCategories: ['台账造假'], extraMethods: ['无人机巡查'] })).json();
    expect(v.categories.at(-1)).toEqual({ code: '台账造假', label: '台账造假', builtIn: false });
    const f = await wolong.send('POST', '/api/findings', { foundOn: '2024-03-04', unitId: unit('光武街道'), category: '台账造假', description: '网格台账与实际不符' });
    expect(f.json().categoryLabel).toBe('台账造假');
  });
});

describe('articles', () => {
  it('the demo holds the article titles of both seed bulletins, used in them', async () => {
    const list = (await city.get('/api/articles?pageSize=100')).json();
    const titles = list.articles.map((a: { displayTitle: string }) => a.displayTitle);
    for (const title of ['刘江副市长专项调研“飓风”行动排查阶段工作进展情况', '市领导小组办公室召开办公室主任会议', '示范区：多措并举全力打好自备井封停攻坚战', '卧龙区：崔庄社区城中村水源置换管网改造工程开工', '宛城区：召开自备井封停工作约谈会']) {
      expect(titles).toContain(title);
    }
    expect(list.articles.every((a: { state: string; usedIn: string }) => a.state === 'used' && /^工作简报第(12|30)期$/.test(a.usedIn))).toBe(true);
    expect((await wolong.get('/api/articles?pageSize=100')).json().articles.map((a: { district: string }) => a.district)).toEqual(['卧龙区', '卧龙区']);
  });

  it('a district writes 工作信息, submits it; the city office returns or approves; an approved article is frozen', async () => {
    const body = { category: 'info', title: '召开网格排查推进会', onDate: '2024-03-05', paragraphs: ['3月5日，卧龙区召开推进会。\n\n会议部署下步工作。'] };
    expect((await wolong.send('POST', '/api/articles', { ...body, category: 'work' })).json().message).toContain('只能撰写“工作信息”');
    const a = (await wolong.send('POST', '/api/articles', body)).json();
    expect(a).toMatchObject({ state: 'draft', displayTitle: '卧龙区：召开网格排查推进会', paragraphs: ['3月5日，卧龙区召开推进会。', '会议部署下步工作。'], actions: ['submit'], editable: true, author: '卧龙区封停办' });
    expect((await wancheng.get(`/api/articles/${a.id}`)).statusCode).toBe(404);
    const s = (await wolong.send('POST', `/api/articles/${a.id}/actions`, { action: 'submit', version: a.version })).json();
    expect(s.state).toBe('submitted');
    expect((await wolong.send('POST', `/api/articles/${a.id}/actions`, { action: 'approve', version: s.version })).statusCode).toBe(400);
    const r = (await city.send('POST', `/api/articles/${a.id}/actions`, { action: 'return', reason: '请补充参会人员', version: s.version })).json();
    expect(r).toMatchObject({ state: 'draft', returnReason: '请补充参会人员' });
    const e = (await wolong.send('PATCH', `/api/articles/${a.id}`, { ...body, paragraphs: ['3月5日，卧龙区召开推进会，各街道分管负责人参会。'], version: r.version })).json();
    expect(e.returnReason).toBeNull();
    expect((await wolong.send('PATCH', `/api/articles/${a.id}`, { ...body, version: r.version })).statusCode).toBe(409);
    const s2 = (await wolong.send('POST', `/api/articles/${a.id}/actions`, { action: 'submit', version: e.version })).json();
    const ok = (await city.send('POST', `/api/articles/${a.id}/actions`, { action: 'approve', version: s2.version })).json();
    expect(ok).toMatchObject({ state: 'approved', editable: false });
    expect((await city.send('PATCH', `/api/articles/${a.id}`, { ...body, version: ok.version })).json().message).toContain('不能修改');
    expect((await city.get('/api/articles?state=submitted&pageSize=100')).json().articles.some((x: { id: number }) => x.id === a.id)).toBe(false);
  });
});
