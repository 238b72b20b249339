import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client, wolong: Client, wancheng: Client, guangwu: Client, enforce: Client, leader: Client;
let units: { id: number; name: string; level: string }[];
const unit = (name: string) => units.find((u) => u.name === name)!.id;
type Project = { id: number; name: string; district: string; districtId: number; low: boolean; latestMonth: { period: string; ratio: number } | null; openFindings: number; version: number; foundWells: number; registeredWells: number; meteringRequired: boolean | null };
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  t = await demoApp();
  [city, wolong, wancheng, guangwu, enforce, leader] = (await Promise.all(['city', 'wolong', 'wancheng', 'guangwu', 'enforce', 'leader'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client, Client];
  units = (await city.get('/api/org/units')).json().units;
});
afterAll(() => t.close());

const projects = async (c: Client, query = ''): Promise<Project[]> => {
  const res = await c.get(`/api/heatpump/projects${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().projects;
};
const byName = async (name: string) => (await projects(city)).find((p) => p.name === name)!;
const findingsOf = async (c: Client, id: number) => (await c.get(`/api/heatpump/projects/${id}`)).json().findings as { id: number; category: string; districtId: number; description: string; foundOn: string; raisedBy: string }[];

describe('the demo projects', () => {
  it('are the three of bulletin 第12期, with their latest month, open findings and the metering rule', async () => {
    const all = await projects(city);
    expect(all.map((p) => [p.name, p.district])).toEqual([
      ['白河沿岸地温空调项目', '卧龙区'], ['向阳荷花广场小区地温空调', '宛城区'], ['人力大厦地温空调', '示范区'],
    ]);
    const [baihe, hehua, renli] = all as [Project, Project, Project];
    // a short September (86%) raised for 卧龙区; 荷花广场's 外排 is being rectified; 人力大厦's missed wells are closed
    expect(baihe.latestMonth).toMatchObject({ period: '2024-09' });
    expect(baihe.low).toBe(true);
    expect(baihe.openFindings).toBe(1);
    expect(hehua.low).toBe(false);
    expect(hehua.openFindings).toBe(1);
    expect([renli.registeredWells, renli.foundWells, renli.openFindings]).toEqual([1, 5, 0]);
    expect(baihe.meteringRequired).toBe(true); // 480 m³ a day × 240 days
    expect(renli.meteringRequired).toBe(false); // 160 × 200 = 32,000 m³
    expect((await projects(city, '?low=true')).map((p) => p.name)).toEqual(['白河沿岸地温空调项目']);
  });

  it('point to the findings the January inspections raised, and add none of their own before 2024-01-15', async () => {
    const hehua = (await city.get(`/api/heatpump/projects/${(await byName('向阳荷花广场小区地温空调')).id}`)).json();
    expect(hehua.findings.map((f: { description: string }) => f.description)).toEqual(['向阳荷花广场小区存在地温空调回灌水外排问题']);
    expect(hehua.observations[0]).toMatchObject({ onDate: '2024-01-08', kind: 'discharge', findingId: hehua.findings[0].id });
    expect(hehua.months.find((m: { period: string }) => m.period === '2024-01')).toMatchObject({ low: true, findingId: hehua.findings[0].id });
    const renli = (await city.get(`/api/heatpump/projects/${(await byName('人力大厦地温空调')).id}`)).json();
    expect(renli.wells).toHaveLength(5);
    expect(renli.findings.map((f: { category: string; description: string }) => f.category)).toEqual(['missed']);
    const january = (await city.get('/api/findings?from=2024-01-01&to=2024-01-14&pageSize=500')).json();
    expect(january.total).toBe(12);
    const baihe = (await city.get(`/api/heatpump/projects/${(await byName('白河沿岸地温空调项目')).id}`)).json();
    expect(baihe.findings.map((f: { foundOn: string; category: string; district: string }) => [f.foundOn, f.category, f.district])).toEqual([['2024-09-30', 'discharge', '卧龙区']]);
  });
});

describe('the board and the map', () => {
  it('count the projects whose latest month as of the date is below the threshold', async () => {
    const on = async (asOf: string) => (await city.get(`/api/dashboard?asOf=${asOf}`)).json().heatpump;
    // January 2024: 荷花广场's spot measurement on the 8th (56%)
    expect(await on('2024-01-31')).toMatchObject({ threshold: 0.95, projects: 3, low: 1, rows: [{ district: '卧龙区', low: 0 }, { district: '宛城区', low: 1 }, { district: '示范区', low: 0 }] });
    expect((await on('2024-06-30')).low).toBe(0);
    expect((await on('2024-10-01')).rows.map((r: { district: string; low: number }) => [r.district, r.low])).toEqual([['卧龙区', 1], ['宛城区', 0], ['示范区', 0]]);
    const layer = (await city.get('/api/map/layers?layers=heatpump')).json().heatpump as { name: string; low: boolean }[];
    expect(layer.filter((p) => p.low).map((p) => p.name)).toEqual(['白河沿岸地温空调项目']);
    expect(layer).toHaveLength(3);
  });
});

describe('scope', () => {
  it('a district sees only its own projects; others answer “not found”', async () => {
    expect((await projects(wancheng)).map((p) => p.name)).toEqual(['向阳荷花广场小区地温空调']);
    expect((await projects(wolong)).map((p) => p.name)).toEqual(['白河沿岸地温空调项目']);
    // 光武街道 is in 卧龙区, but 白河沿岸 lies in 梅溪街道
    expect(await projects(guangwu)).toEqual([]);
    expect((await projects(leader)).length).toBe(3);
    const baihe = await byName('白河沿岸地温空调项目');
    expect((await wancheng.get(`/api/heatpump/projects/${baihe.id}`)).statusCode).toBe(404);
    expect((await wancheng.send('POST', `/api/heatpump/projects/${baihe.id}/readings`, { period: '2024-10', pumpedM3: 100, reinjectedM3: 10, method: 'meter' })).statusCode).toBe(404);
    // reading is not recording: a street office and a leader only look
    const hehua = await byName('向阳荷花广场小区地温空调');
    expect((await leader.send('POST', `/api/heatpump/projects/${hehua.id}/readings`, { period: '2024-10', pumpedM3: 100, reinjectedM3: 10, method: 'meter' })).statusCode).toBe(403);
    // the export holds the caller's projects only
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await wancheng.get('/api/heatpump/projects/export')).rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(2);
    // the map layer and the board too
    const layer = (await wancheng.get('/api/map/layers?layers=heatpump')).json().heatpump;
    expect(layer.map((p: { name: string }) => p.name)).toEqual(['向阳荷花广场小区地温空调']);
    expect((await wancheng.get('/api/dashboard?asOf=2024-10-01')).json().heatpump).toMatchObject({ projects: 1, low: 0 });
    expect((await guangwu.get('/api/map/layers?layers=heatpump')).json().heatpump).toEqual([]);
  });
});

describe('readings and observations raise findings', () => {
  it('a low month raises exactly one finding for the owning district; recording again that month does not repeat it', async () => {
    const hehua = await byName('向阳荷花广场小区地温空调');
    const before = (await findingsOf(wancheng, hehua.id)).length;
    const res = await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/readings`, { period: '2024-10', pumpedM3: 5000, reinjectedM3: 4000, method: 'meter', waterTempC: 18.1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().raised).toHaveLength(1);
    const f = (await wancheng.get(`/api/findings/${res.json().raised[0]}`)).json();
    expect(f).toMatchObject({ category: 'discharge', districtId: unit('宛城区'), foundOn: '2024-10-31', raisedBy: '宛城区封停办' });
    expect(f.description).toBe('向阳荷花广场小区地温空调2024年10月回灌率80%（抽水5,000立方米，回灌4,000立方米），低于95%');
    // a spot measurement later that month: still low, the same month, no second finding
    const again = await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/readings`, { period: '2024-10-20', pumpedM3: 200, reinjectedM3: 150, method: 'ultrasonic' });
    expect(again.json().raised).toEqual([]);
    expect(await findingsOf(wancheng, hehua.id)).toHaveLength(before + 1);
    // the same reading twice is refused
    expect((await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/readings`, { period: '2024-10', pumpedM3: 1, reinjectedM3: 1, method: 'meter' })).statusCode).toBe(400);
    // a future month is refused
    expect((await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/readings`, { period: '2999-01', pumpedM3: 1, reinjectedM3: 1, method: 'meter' })).statusCode).toBe(400);
    // the board and the list follow
    expect((await projects(wancheng))[0]).toMatchObject({ low: true, latestMonth: { period: '2024-10' } });
  });

  it('a discharge seen raises one finding; a pump-stop comparison none', async () => {
    const hehua = await byName('向阳荷花广场小区地温空调');
    const seen = await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/observations`, { onDate: '2024-11-05', kind: 'discharge', note: '小区东侧雨水井内有持续清水流出' });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().raised).toHaveLength(1);
    expect(seen.json().project.findings.find((x: { id: number }) => x.id === seen.json().raised[0]).description).toBe('2024年11月5日检查发现向阳荷花广场小区地温空调抽取的地下水外排：小区东侧雨水井内有持续清水流出');
    const test = await wancheng.send('POST', `/api/heatpump/projects/${hehua.id}/observations`, { onDate: '2024-11-06', kind: 'pump_stop_test', note: '停泵后雨水井来水停止' });
    expect(test.json().raised).toEqual([]);
  });

  it('law enforcement records readings; what they call for is raised in the city office’s name', async () => {
    const renli = await byName('人力大厦地温空调');
    const res = await enforce.send('POST', `/api/heatpump/projects/${renli.id}/readings`, { period: '2024-09', pumpedM3: 4000, reinjectedM3: 3000, method: 'meter' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().raised).toHaveLength(1);
    const f = (await city.get(`/api/findings/${res.json().raised[0]}`)).json();
    expect(f).toMatchObject({ raisedBy: '市封停办', districtId: unit('城乡一体化示范区'), category: 'discharge' });
  });

  it('wells found beyond those registered are raised once per count, as 漏排 in their grid', async () => {
    const grid = unit('白河湾社区第1网格');
    const made = await city.send('POST', '/api/heatpump/projects', { name: '白河湾测试热泵', orgUnitId: unit('白河湾社区'), registeredWells: 1, stage: 'operation', lat: 33.0, lng: 112.55 });
    expect(made.statusCode, made.body).toBe(200);
    const p = made.json();
    const well = async (use: string) => (await city.send('POST', '/api/wells', { ownerName: '白河湾测试热泵', use, foundVia: 'heat_pump', discoveredOn: '2024-10-01', orgUnitId: grid })).json().id as number;
    const a = await well('gshp_extraction');
    const b = await well('gshp_reinjection');
    const domestic = await well('domestic');
    expect((await city.send('PUT', `/api/heatpump/projects/${p.id}/wells`, { wellIds: [a, domestic], version: p.version })).statusCode).toBe(400);
    const linked = await city.send('PUT', `/api/heatpump/projects/${p.id}/wells`, { wellIds: [a, b], version: p.version });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().raised).toHaveLength(1);
    const f = (await city.get(`/api/findings/${linked.json().raised[0]}`)).json();
    expect(f).toMatchObject({ category: 'missed', gridId: grid, districtId: unit('卧龙区') });
    expect(f.description).toBe('白河湾测试热泵登记取水、回灌井1眼，实际发现2眼，1眼未登记');
    // the same wells again: nothing new
    const same = await city.send('PUT', `/api/heatpump/projects/${p.id}/wells`, { wellIds: [a, b], version: linked.json().project.version });
    expect(same.json().raised).toEqual([]);
    // a well already on another project is refused
    const renli = (await city.get(`/api/heatpump/projects/${(await byName('人力大厦地温空调')).id}`)).json();
    expect((await city.send('PUT', `/api/heatpump/projects/${p.id}/wells`, { wellIds: [a, renli.wells[0].id], version: same.json().project.version })).statusCode).toBe(400);
  });
});

describe('editing', () => {
  it('refuses a stale version (409) and keeps the name unique', async () => {
    const baihe = (await city.get(`/api/heatpump/projects/${(await byName('白河沿岸地温空调项目')).id}`)).json();
    const body = {
      name: baihe.name, operator: baihe.operator, address: baihe.address, lat: baihe.lat, lng: baihe.lng, orgUnitId: baihe.orgUnitId, approvalNo: baihe.approvalNo,
      approvalDate: baihe.approvalDate, approvalAuthority: baihe.approvalAuthority, approvalDocuments: baihe.approvalDocuments, stage: baihe.stage, registeredWells: baihe.registeredWells,
      designPumpM3PerDay: baihe.designPumpM3PerDay, designReinjectM3PerDay: baihe.designReinjectM3PerDay, operatingDaysPerYear: baihe.operatingDaysPerYear, remarks: '改为全年运行',
    };
    const ok = await wolong.send('PATCH', `/api/heatpump/projects/${baihe.id}`, { ...body, version: baihe.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().project.remarks).toBe('改为全年运行');
    expect((await wolong.send('PATCH', `/api/heatpump/projects/${baihe.id}`, { ...body, version: baihe.version })).statusCode).toBe(409);
    expect((await wolong.send('PATCH', `/api/heatpump/projects/${baihe.id}`, { ...body, name: '人力大厦地温空调', version: ok.json().project.version })).statusCode).toBe(400);
    // a district cannot move a project out of its scope
    expect((await wolong.send('PATCH', `/api/heatpump/projects/${baihe.id}`, { ...body, orgUnitId: unit('荷花广场社区'), version: ok.json().project.version })).statusCode).toBe(404);
  });

  it('the city office sets the thresholds; a district may not', async () => {
    expect((await wolong.send('PUT', '/api/heatpump/rules', { ratioThreshold: 0.9, meteringThresholdM3PerYear: 20_000 })).statusCode).toBe(400);
    const saved = await city.send('PUT', '/api/heatpump/rules', { ratioThreshold: 0.95, meteringThresholdM3PerYear: 30_000 });
    expect(saved.json()).toEqual({ ratioThreshold: 0.95, meteringThresholdM3PerYear: 30_000 });
    expect((await byName('人力大厦地温空调')).meteringRequired).toBe(true);
    await city.send('PUT', '/api/heatpump/rules', { ratioThreshold: 0.95, meteringThresholdM3PerYear: 50_000 });
  });
});

describe('the readings sheet', () => {
  const header = '项目名称,日期/期间,抽水量,回灌量,方式,水温\n';
  it('imports every row or none, and raises what the rows call for', async () => {
    const baihe = await byName('白河沿岸地温空调项目');
    const count = async () => (await city.get(`/api/heatpump/projects/${baihe.id}`)).json().readings.length as number;
    const before = await count();
    const bad = `${header}白河沿岸地温空调项目,2024-10,12000,11900,计量表,18.0\n白河沿岸地温空调项目,2024-11,abc,100,计量表,\n不存在的项目,2024-11,1,1,,\n`;
    const refused = await city.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64(bad) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.rowErrors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([[3, '抽水量'], [4, '项目名称']]);
    expect(await count()).toBe(before);
    // a district imports only its own projects
    const good = `${header}白河沿岸地温空调项目,2024-10,12000,11900,计量表,18.0\n白河沿岸地温空调项目,2024-11,9000,7000,计量表,17.5\n`;
    expect((await wancheng.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64(good) })).statusCode).toBe(422);
    const dry = await wolong.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64(good), dryRun: true });
    expect(dry.json()).toEqual({ applied: false, readings: 2, projects: 1, raised: 0 });
    expect(await count()).toBe(before);
    const done = await wolong.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64(good) });
    expect(done.json()).toEqual({ applied: true, readings: 2, projects: 1, raised: 1 });
    expect(await count()).toBe(before + 2);
    // the same file again: every row already on file, nothing recorded
    expect((await wolong.send('POST', '/api/heatpump/readings/import', { fileName: 'r.csv', content: b64(good) })).statusCode).toBe(422);
  });
});
