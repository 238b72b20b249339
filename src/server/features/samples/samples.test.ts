import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { DEFAULT_END_MEMBERS, type Tracer } from '../../../domain/sample/mixing.js';
import { readSheet } from '../../files/sheet.js';

let t: TestApp;
let city: Client, wancheng: Client, wolong: Client, enforce: Client, grid01: Client;
const units: { id: number; name: string; code: string; level: string }[] = [];
const unit = (name: string) => units.find((u) => u.name === name)!.id;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Lab results of a sample made of `f` groundwater and 1 − f tap water, by the default end-members. */
const mix = (f: number) =>
  Object.fromEntries((['totalHardness', 'tds', 'conductivity', 'nitrate'] as Tracer[]).map((x) => [x, DEFAULT_END_MEMBERS[x]!.tap + f * (DEFAULT_END_MEMBERS[x]!.well - DEFAULT_END_MEMBERS[x]!.tap)]));

beforeAll(async () => {
  t = await demoApp();
  [city, wancheng, wolong, enforce, grid01] = await Promise.all([t.login('city'), t.login('wancheng'), t.login('wolong'), t.login('enforce'), t.login('grid01')]);
  units.push(...(await city.get('/api/org/units')).json().units);
});
afterAll(() => t.close());

type S = { id: number; code: string; district: string; version: number; estimate: { share: number; belowDetection: boolean; text: string } | null };
const byCode = async (c: Client, code: string) => (await c.get(`/api/samples?q=${encodeURIComponent(code)}`)).json().samples.find((s: S) => s.code === code) as S | undefined;

describe('water samples', () => {
  it('loads the demo samples with their estimates and links', async () => {
    const list = (await city.get('/api/samples')).json();
    expect(list.samples.map((s: S) => s.code).sort()).toEqual(['SY-20240108-01', 'SY-20240109-01', 'SY-20240109-02', 'SY-20240109-03']);
    const well = (await city.get(`/api/samples/${(await byCode(city, 'SY-20240109-01'))!.id}`)).json();
    expect(well.estimate.share).toBeGreaterThan(0.9);
    expect(well.links.map((l: { kind: string; label: string }) => l.kind).sort()).toEqual(['account', 'inspection', 'suspect_check']);
    expect(well.links.find((l: { kind: string }) => l.kind === 'account').label).toContain('漫香湖小区物业服务中心');
    const tap = (await city.get(`/api/samples/${(await byCode(city, 'SY-20240109-02'))!.id}`)).json();
    expect(tap.estimate.share).toBeGreaterThan(0.35);
    expect(tap.estimate.share).toBeLessThan(0.45);
    expect(tap.chlorineEvidence).toContain('井水');
    expect(tap.lab.map((r: { label: string }) => r.label)).toContain('硝酸盐（以N计）');
    const hotel = (await byCode(city, 'SY-20240109-03'))!;
    expect(hotel.estimate).toMatchObject({ belowDetection: true });
    expect(hotel.estimate!.text).toContain('低于检出限');
    // the samples of an inspection
    const insp = well.links.find((l: { kind: string }) => l.kind === 'inspection').refId;
    expect((await city.get(`/api/samples?linkKind=inspection&linkId=${insp}`)).json().total).toBe(3);
  });

  it('shows a district only its own samples', async () => {
    const mine = (await wancheng.get('/api/samples')).json();
    expect(mine.samples.map((s: S) => s.code)).toEqual(['SY-20240108-01']);
    expect(mine.samples.every((s: S) => s.district === '宛城区')).toBe(true);
    const other = (await byCode(city, 'SY-20240109-01'))!;
    expect((await wancheng.get(`/api/samples/${other.id}`)).statusCode).toBe(404);
    expect((await grid01.get('/api/samples')).statusCode).toBe(403);
  });

  it('gives a constructed sample its known share through the API, and says "below detection" under the floor', async () => {
    const res = await enforce.send('POST', '/api/samples', {
      sampledOn: '2024-03-01', unitId: unit('卧龙区'), address: '卧龙区测试路 1 号住户龙头', point: 'tap', fieldChlorine: 'absent', labResults: { ...mix(0.3), 氯化物: 40, 锶: 0.8 },
    });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.code).toBe('SY-20240301-01');
    expect(s.estimate.share).toBeCloseTo(0.3, 6);
    expect(s.estimate.belowDetection).toBe(false);
    expect(s.estimate.perTracer).toHaveLength(4);
    expect(s.labResults).toMatchObject({ chloride: 40, 锶: 0.8 });
    expect(s.chlorineEvidence).not.toBeNull();
    const low = (await enforce.send('POST', '/api/samples', { sampledOn: '2024-03-01', unitId: unit('卧龙区'), address: '卧龙区测试路 2 号', point: 'tank', labResults: mix(0.05) })).json();
    expect(low.code).toBe('SY-20240301-02');
    expect(low.estimate).toMatchObject({ belowDetection: true });
    expect(low.estimate.text).toContain('低于检出限（<12%');
    expect(low.chlorineEvidence).toBeNull();
    const codes = async (q: string) => (await city.get(`/api/samples?districtId=${unit('卧龙区')}&${q}`)).json().samples.map((x: S) => x.code);
    expect(await codes('minShare=25')).toEqual(['SY-20240301-01']);
    expect(await codes('minShare=35')).toEqual([]);
    expect(await codes('belowDetection=true')).toEqual(['SY-20240301-02']);
    // bad lab values are refused
    const bad = await enforce.send('POST', '/api/samples', { sampledOn: '2024-03-01', unitId: unit('卧龙区'), address: 'x', point: 'tap', labResults: { totalHardness: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('总硬度');
    expect((await enforce.send('POST', '/api/samples', { sampledOn: '2024-03-01', unitId: unit('卧龙区'), point: 'tap' })).statusCode).toBe(400);
  });

  it('links a sample only to records in the caller\'s scope', async () => {
    const s = (await wancheng.send('POST', '/api/samples', { code: 'SY-T-WC', sampledOn: '2024-03-02', unitId: unit('东关街道'), address: '东关街道测试井', point: 'well_head' })).json();
    expect(s.districtId).toBe(unit('宛城区'));
    // 漫香湖小区 is in 高新区: out of 宛城区's scope
    const account = (await city.get(`/api/samples/${(await byCode(city, 'SY-20240109-01'))!.id}`)).json().links.find((l: { kind: string }) => l.kind === 'account').refId;
    // a district office does not read the water company's accounts at all (utility.read): it may not link one
    expect((await wancheng.send('POST', `/api/samples/${s.id}/links`, { kind: 'account', refId: account })).statusCode).toBe(403);
    expect((await wancheng.send('POST', `/api/samples/${s.id}/links`, { kind: 'tip', refId: 999999 })).statusCode).toBe(404);
    // and another district cannot touch this sample
    expect((await wolong.send('POST', `/api/samples/${s.id}/links`, { kind: 'inspection', refId: 1 })).statusCode).toBe(404);
    const tips = (await wancheng.get('/api/samples/link-targets?kind=tip')).json().targets;
    expect(tips.length).toBeGreaterThan(0);
    const linked = await wancheng.send('POST', `/api/samples/${s.id}/links`, { kind: 'tip', refId: tips[0].refId });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().links).toMatchObject([{ kind: 'tip', kindLabel: '举报线索', refId: tips[0].refId }]);
    expect((await city.get(`/api/samples?linkKind=tip&linkId=${tips[0].refId}`)).json().samples.map((x: S) => x.code)).toContain('SY-T-WC');
    const unlinked = await wancheng.send('DELETE', `/api/samples/${s.id}/links/tip/${tips[0].refId}`);
    expect(unlinked.json().links).toEqual([]);
  });

  it('refuses a stale edit with 409', async () => {
    const s = (await city.send('POST', '/api/samples', { code: 'SY-T-409', sampledOn: '2024-03-03', unitId: unit('卧龙区'), address: '版本测试', point: 'other' })).json();
    const body = { code: s.code, sampledOn: s.sampledOn, unitId: s.unitId, address: s.address, point: s.point, labResults: { totalHardness: 200 } };
    const first = await city.send('PUT', `/api/samples/${s.id}`, { ...body, version: s.version });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(s.version + 1);
    expect((await city.send('PUT', `/api/samples/${s.id}`, { ...body, version: s.version })).statusCode).toBe(409);
    expect((await city.send('PUT', `/api/samples/${s.id}`, { ...body, code: 'SY-20240109-01', version: first.json().version })).statusCode).toBe(400);
  });

  it('imports a sample sheet whole, or reports each bad row and imports nothing', async () => {
    const header = '样品编号,采样日期,区,单位/社区,地址,采样点,余氯,总硬度,溶解性总固体,电导率,硝酸盐,氟化物,氯化物,硫酸盐,其他指标\n';
    const good = 'SY-20240305-01,2024-03-05,卧龙区,,卧龙区导入路1号,水龙头,无,311.4,285.6,438,9.4,0.3,40,60,锶=0.7\n';
    const before = (await city.get('/api/samples?pageSize=1')).json().total;
    const bad = await city.send('POST', '/api/samples/import', {
      fileName: 's.csv', dryRun: false, content: b64(`${header}${good}SY-20240109-01,2024-03-05,卧龙区,,x,龙头水管,有,abc,,,,,,,\n`),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.rowErrors).toEqual([
      { row: 3, column: '样品编号', message: '样品编号 SY-20240109-01 已存在' },
      { row: 3, column: '采样点', message: '应为 水龙头、水箱、非饮用出水口、井口、其他 之一' },
      { row: 3, column: '总硬度', message: '“abc”不是数值' },
    ]);
    expect((await city.get('/api/samples?pageSize=1')).json().total).toBe(before);
    expect((await city.send('POST', '/api/samples/import', { fileName: 's.csv', dryRun: true, content: b64(`${header}${good}`) })).json()).toEqual({ applied: false, created: 1 });
    expect((await city.send('POST', '/api/samples/import', { fileName: 's.csv', dryRun: false, content: b64(`${header}${good}`) })).json()).toEqual({ applied: true, created: 1 });
    const s = (await byCode(city, 'SY-20240305-01'))!;
    expect(s.estimate!.share).toBeCloseTo(0.4, 6);
    expect(s).toMatchObject({ fieldChlorine: 'absent', point: 'tap', labResults: { 锶: 0.7 } });
    expect((await wancheng.send('POST', '/api/samples/import', { fileName: 's.csv', dryRun: true, content: b64(`${header}${good.replace('-01,', '-02,')}`) })).statusCode).toBe(422);

    const xlsx = await city.get('/api/samples/export');
    expect(xlsx.statusCode).toBe(200);
    const sheet = await readSheet(xlsx.rawPayload, 'samples.xlsx');
    expect(sheet.header.slice(0, 10)).toEqual(['样品编号', '采样日期', '区', '单位/社区', '地址', '纬度', '经度', '采样人', '采样点', '余氯']);
    const row = sheet.body.find((r) => r[0] === 'SY-20240305-01')!;
    expect(row[sheet.header.indexOf('其他指标')]).toBe('锶=0.7');
  });

  it('lets the city office set the end-members and the floor', async () => {
    const view = (await wancheng.get('/api/samples/mixing')).json();
    expect(view.editable).toBe(false);
    expect(view.floor).toBe(0.12);
    const body = { floor: 0.12, city: DEFAULT_END_MEMBERS, districts: {}, version: view.version };
    expect((await wancheng.send('PUT', '/api/samples/mixing', body)).statusCode).toBe(403);
    // 卧龙区's own groundwater is harder: the 30 % sample reads lower
    const wolongId = unit('卧龙区');
    const saved = await city.send('PUT', '/api/samples/mixing', { ...body, floor: 0.03, districts: { [wolongId]: { ...DEFAULT_END_MEMBERS, totalHardness: { tap: 135, well: 1017 } } } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().districts.find((d: { districtId: number }) => d.districtId === wolongId).custom).toBe(true);
    expect((await city.send('PUT', '/api/samples/mixing', body)).statusCode).toBe(409);
    const s = (await byCode(city, 'SY-20240301-01'))!;
    const detail = (await city.get(`/api/samples/${s.id}`)).json();
    expect(detail.endMembersArea).toBe('卧龙区');
    expect(detail.estimate.perTracer.find((x: { tracer: string }) => x.tracer === 'totalHardness').share).toBeCloseTo(0.15, 6);
    expect((await byCode(city, 'SY-20240301-02'))!.estimate!.belowDetection).toBe(false);
    // back to the defaults
    expect((await city.send('PUT', '/api/samples/mixing', { ...body, version: saved.json().version })).statusCode).toBe(200);
  });
});
