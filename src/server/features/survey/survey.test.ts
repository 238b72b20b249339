import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { PNG } from '../../../test-support/fixtures.js';

let t: TestApp;
let city: Client;
let grid01: Client;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const unitId = async (name: string) => ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === name)!.id;
const shop = { kind: 'shop', name: '光彩便利店', waterSource: 'tap', tapAccounts: ['0109001'], surveyedOn: '2024-01-20', pledgeSigned: true, pledgeDate: '2024-01-20' };

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  grid01 = await t.login('grid01');
});
afterAll(() => t.close());

describe('the survey progress table of bulletin 第12期', () => {
  it('comes out of the demo records to the digit as of 2024-01-12', async () => {
    const res = await city.get('/api/survey/report?asOf=2024-01-12');
    expect(res.json()).toEqual({
      asOf: '2024-01-12',
      rows: [
        { district: '卧龙区', grids: 504, started: 504, completed: 452, rate: '89%' },
        { district: '宛城区', grids: 241, started: 241, completed: 219, rate: '90%' },
        { district: '高新区', grids: 118, started: 118, completed: 118, rate: '100%' },
        { district: '城乡一体化示范区', grids: 289, started: 289, completed: 289, rate: '100%' },
      ],
      total: { grids: 1152, started: 1152, completed: 1078, rate: '93%' },
    });
    const md = (await city.get('/api/survey/report/export?asOf=2024-01-12&format=md')).body;
    expect(md).toContain('| 卧龙区 | 504 | 504 | 452 | 89% |');
  });

  it('is computed from records: a later event changes today’s table, never a past one', async () => {
    const grid = await unitId('榆树庄社区第1网格');
    const before = (await city.get('/api/survey/report')).json();
    const res = await city.send('POST', `/api/survey/grids/${grid}/reopen`, { reason: '督导发现漏排沿街门店' });
    expect(res.statusCode).toBe(200);
    expect(res.json().state).toBe('in_progress');
    const after = (await city.get('/api/survey/report')).json();
    expect(after.rows[0].completed).toBe(before.rows[0].completed - 1);
    expect((await city.get('/api/survey/report?asOf=2024-01-12')).json().rows[0].completed).toBe(452);
  });

  it('drills down from districts to streets, communities and grids', async () => {
    const top = (await city.get('/api/survey/progress?asOf=2024-01-12')).json();
    expect(top.rows.map((r: { name: string }) => r.name)).toEqual(['卧龙区', '宛城区', '高新区', '城乡一体化示范区']);
    const wolong = (await city.get(`/api/survey/progress?asOf=2024-01-12&unitId=${top.rows[0].unitId}`)).json();
    const gang = wolong.rows.find((r: { name: string }) => r.name === '卧龙岗街道');
    expect(gang).toMatchObject({ level: 'street', completed: gang.grids - 52 });
    const community = (await city.get(`/api/survey/progress?asOf=2024-01-12&unitId=${await unitId('光彩社区')}`)).json();
    expect(community.rows[0]).toMatchObject({ level: 'grid', state: 'completed', grids: 1 });
  });
});

describe('cards', () => {
  it('starts a grid’s survey with its first card', async () => {
    const imp = await city.send('POST', '/api/org/import', { fileName: 'g.csv', content: b64('区,街道,社区,网格编号,网格名称\n卧龙区,光武街道,光彩社区,411303003001099,光彩社区新增网格\n') });
    expect(imp.statusCode).toBe(200);
    const grid = await unitId('光彩社区新增网格');
    expect((await city.get(`/api/survey/grids/${grid}`)).json().state).toBe('not_started');
    const made = await city.send('POST', '/api/cards', { ...shop, gridId: grid });
    expect(made.statusCode).toBe(200);
    const detail = (await city.get(`/api/survey/grids/${grid}`)).json();
    expect(detail).toMatchObject({ state: 'in_progress', startedOn: '2024-01-20', cards: 1 });
  });

  it('refuses a new card in a completed grid until it is reopened', async () => {
    const res = await city.send('POST', '/api/cards', { ...shop, gridId: await unitId('麒麟社区第1网格') });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('已完成排查，新增一户一卡前请先重新打开');
  });

  it('keeps every version, and the second of two concurrent writers gets 409', async () => {
    const grid = await unitId('光彩社区第1网格'); // reopened in the demo: 漏排 found by the city office
    const card = (await grid01.send('POST', '/api/cards', { ...shop, gridId: grid })).json();
    const first = await grid01.send('PATCH', `/api/cards/${card.id}`, { ...shop, version: card.version, persons: 2 });
    const second = await city.send('PATCH', `/api/cards/${card.id}`, { ...shop, version: card.version, persons: 9 });
    expect([first.statusCode, second.statusCode]).toEqual([200, 409]);
    const versions = (await city.get(`/api/cards/${card.id}/versions`)).json().versions as { version: number; changedBy: string; data: { persons: number | null } }[];
    expect(versions.map((v) => [v.version, v.data.persons])).toEqual([[2, 2], [1, null]]);
    expect(versions[0]!.changedBy).toBe('网格员 刘洋');
  });

  it('explains a card that contradicts itself', async () => {
    const res = await grid01.send('POST', '/api/cards', { ...shop, gridId: await unitId('光彩社区第1网格'), waterSource: 'well', wellsDeclared: 0, tapAccounts: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('水源含自备井，申报自备井数不能为 0');
  });

  it('completes a grid only when the checklist passes, and archives its summaries', async () => {
    const grid = await unitId('光彩社区第1网格');
    const unit = (await grid01.send('POST', '/api/cards', { ...shop, gridId: grid, kind: 'unit', name: '光彩小区物业', pledgeStamped: false })).json();
    const street = await t.login('guangwu');
    const refused = await street.send('POST', `/api/survey/grids/${grid}/complete`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('单位承诺书已盖章（未盖章：光彩小区物业）');
    expect((await grid01.send('POST', `/api/survey/grids/${grid}/complete`, {})).statusCode).toBe(403);
    await grid01.send('PATCH', `/api/cards/${unit.id}`, { ...shop, kind: 'unit', name: '光彩小区物业', pledgeStamped: true, version: unit.version });
    const done = await street.send('POST', `/api/survey/grids/${grid}/complete`, {});
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ state: 'completed', canComplete: false });
    expect(done.json().summary.byKind.unit).toBeGreaterThanOrEqual(1);
    const audit = (await city.get('/api/audit?entityType=grid_survey')).json().entries[0];
    expect(audit.summary).toMatch(/^网格“光彩社区第1网格”完成排查/);
  });
});

describe('photos', () => {
  it('stores a real image and serves it only inside scope', async () => {
    const grid = await unitId('光彩社区第2网格');
    const card = (await city.get(`/api/survey/grids/${grid}/cards`)).json().cards[0];
    const up = await city.send('POST', `/api/cards/${card.id}/photos`, { fileName: '../../etc/passwd.png', content: PNG });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ mime: 'image/png', fileName: 'passwd.png' });
    const img = await city.get(up.json().url);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    // grid01 works in 光彩社区第1网格 only
    expect((await grid01.get(up.json().url)).statusCode).toBe(404);
    expect((await grid01.get(`/api/cards/${card.id}`)).statusCode).toBe(404);
    expect((await (await t.login('wancheng')).get(up.json().url)).statusCode).toBe(404);
  });

  it('refuses what is not an image, whatever its name, and oversized files', async () => {
    const card = (await city.get(`/api/survey/grids/${await unitId('光彩社区第2网格')}/cards`)).json().cards[0];
    const fake = await city.send('POST', `/api/cards/${card.id}/photos`, { fileName: 'x.jpg', content: b64('%PDF-1.4 not an image') });
    expect(fake.statusCode).toBe(400);
    expect(fake.json().message).toBe('只能上传 JPEG、PNG 或 WebP 图片');
    const big = Buffer.concat([Buffer.from(PNG, 'base64'), Buffer.alloc(8 * 1024 * 1024)]);
    const huge = await city.send('POST', `/api/cards/${card.id}/photos`, { fileName: 'big.png', content: big.toString('base64') });
    expect(huge.json().message).toBe('照片不能超过 8 MB');
  });
});

describe('problem lists', () => {
  it('lists unstamped unit pledges, completed grids without shops, and users without a tap account', async () => {
    const pledges = (await city.get('/api/survey/issues?kind=pledges&pageSize=500')).json();
    expect(pledges.cards.map((c: { name: string }) => c.name)).toContain('漫香湖小区物业服务中心');
    const noShops = (await city.get('/api/survey/issues?kind=no-shops&pageSize=500')).json();
    expect(noShops.grids.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['王村村第1网格', '贺营村第1网格', '麒麟社区第1网格']));
    const noTap = (await city.get('/api/survey/issues?kind=no-tap&pageSize=500')).json();
    expect(noTap.total).toBeGreaterThan(0);
    expect(noTap.cards.every((c: { waterSource: string }) => c.waterSource !== 'tap')).toBe(true);
  });
});

describe('card and progress sheets', () => {
  it('re-imports an exported sheet without changing anything', async () => {
    const wolong = await t.login('wolong');
    const xlsx = (await wolong.get(`/api/survey/cards/export?unitId=${await unitId('麒麟社区')}`)).rawPayload;
    const res = await wolong.send('POST', '/api/survey/import/cards', { fileName: 'k.xlsx', content: xlsx.toString('base64') });
    expect(res.json()).toMatchObject({ applied: true, created: 0, updated: 0 });
    expect(res.json().unchanged).toBeGreaterThan(20);
  });

  it('applies nothing when one row is bad, and names the row', async () => {
    const sheet = '网格编号,类别,名称,水源,自来水户号,排查人,排查日期,承诺书签字\n411303003002002,沿街门店,新门店甲,自来水,901,张三,2024-01-20,是\n411399999999999,沿街门店,新门店乙,自来水,902,张三,2024-01-20,是\n';
    const res = await city.send('POST', '/api/survey/import/cards', { fileName: 'c.csv', content: b64(sheet) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rowErrors).toEqual([{ row: 3, column: '网格编号', message: '网格“411399999999999”不存在、已关闭或不在管辖范围内' }]);
    const issues = (await city.get('/api/survey/issues?kind=pledges&pageSize=500')).json();
    expect(JSON.stringify(issues)).not.toContain('新门店甲');
  });

  it('loads survey progress kept elsewhere for a new grid', async () => {
    await city.send('POST', '/api/org/import', { fileName: 'g.csv', content: b64('区,街道,社区,网格编号,网格名称\n宛城区,新华街道,新华社区,411302002001099,新华社区新增网格\n') });
    const res = await city.send('POST', '/api/survey/import/progress', { fileName: 'p.csv', content: b64('网格编号,开始排查日期,完成排查日期\n411302002001099,2024年2月1日,2024/2/20\n') });
    expect(res.json()).toEqual({ applied: true, grids: 1, events: 2, unchanged: 0 });
    const again = await city.send('POST', '/api/survey/import/progress', { fileName: 'p.csv', content: b64('网格编号,开始排查日期,完成排查日期\n411302002001099,2024-02-01,2024-02-20\n') });
    expect(again.json()).toMatchObject({ events: 0, unchanged: 1 });
  });
});
