import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { PNG } from '../../../test-support/fixtures.js';

let t: TestApp;
let city: Client;
let campaignId = 0;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  campaignId = (await city.get('/api/campaigns')).json().campaigns.find((c: { name: string }) => c.name === '决战六月').id;
});
afterAll(() => t.close());

const SEED_30 = {
  campaign: '决战六月',
  asOf: '2024-06-23',
  rows: [
    { district: '示范区', rank: 1, share: '35.11%', seal: { tasks: 84, done: 33, share: '39.29%' }, permit: { tasks: 10, done: 0, share: '0.00%' }, all: { tasks: 94, done: 33, share: '35.11%' } },
    { district: '卧龙区', rank: 2, share: '29.76%', seal: { tasks: 29, done: 21, share: '72.41%' }, permit: { tasks: 55, done: 4, share: '7.27%' }, all: { tasks: 84, done: 25, share: '29.76%' } },
    { district: '宛城区', rank: 3, share: '26.32%', seal: { tasks: 38, done: 10, share: '26.32%' }, permit: { tasks: 0, done: 0, share: '0.00%' }, all: { tasks: 38, done: 10, share: '26.32%' } },
    { district: '高新区', rank: 4, share: '15.38%', seal: { tasks: 34, done: 9, share: '26.47%' }, permit: { tasks: 57, done: 5, share: '8.77%' }, all: { tasks: 91, done: 14, share: '15.38%' } },
  ],
  total: { seal: { tasks: 185, done: 73, share: '39.46%' }, permit: { tasks: 122, done: 9, share: '7.38%' }, all: { tasks: 307, done: 82, share: '26.71%' } },
};

describe('the 决战六月 daily notice of bulletin 第30期', () => {
  it('comes out of the demo well records to the digit as of 2024-06-23', async () => {
    expect((await city.get(`/api/campaigns/${campaignId}/progress?asOf=2024-06-23`)).json()).toEqual(SEED_30);
    const md = (await city.get(`/api/campaigns/${campaignId}/progress/export?asOf=2024-06-23&format=md`)).body;
    expect(md).toContain('| 示范区 | 应封停 | 84 | 33 | 39.29% | 35.11% | 1 |');
  });

  it('moves with the records: later seals count from their day on, a task added later never changes a past notice', async () => {
    const later = (await city.get(`/api/campaigns/${campaignId}/progress?asOf=2024-06-30`)).json();
    expect(later.total.all.done).toBeGreaterThan(82);
    // a well found in January (鸿运招待所) joins the campaign today and is walked to sealed
    const well = (await city.get('/api/wells?q=鸿运招待所')).json().wells[0];
    expect(well).toMatchObject({ stage: 'discovered', district: '示范区' });
    expect((await city.send('POST', `/api/campaigns/${campaignId}/tasks`, { tasks: [{ wellId: well.id, disposition: 'seal' }] })).statusCode).toBe(200);
    const before = (await city.get(`/api/campaigns/${campaignId}/progress`)).json();
    let version = well.version;
    const steps = [
      { event: 'verify', data: {} },
      { event: 'decide', data: { disposition: 'seal', sealMode: 'backfill', legalBasis: '《地下水管理条例》第四十九条' } },
      { event: 'serve_notice', data: { deadline: '2024-07-10' } },
      { event: 'connect_supply', data: { switchProject: '长江社区管网接入' } },
      { event: 'seal', data: { method: 'clay_backfill', materials: '黏土', contractor: '示范区水利工程队', depthFromM: 0, depthToM: 60 } },
      { event: 'accept', data: { acceptedBy: '示范区封停办', conclusion: '合格' } },
    ];
    for (const [i, s] of steps.entries()) {
      const res = await city.send('POST', `/api/wells/${well.id}/transitions`, { ...s, onDate: `2024-07-0${i + 1}`, version });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const after = (await city.get(`/api/campaigns/${campaignId}/progress`)).json();
    const shi = (x: typeof after) => x.rows.find((r: { district: string }) => r.district === '示范区');
    expect(shi(after).seal.tasks).toBe(shi(before).seal.tasks);
    expect(shi(after).seal.done).toBe(shi(before).seal.done + 1);
    expect((await city.get(`/api/campaigns/${campaignId}/progress?asOf=2024-06-23`)).json()).toEqual(SEED_30);
    const file = (await city.get(`/api/wells/${well.id}`)).json();
    expect(file).toMatchObject({ stage: 'accepted', inUseStatus: 'sealed', campaigns: [{ name: '决战六月', done: true }] });
    expect((await city.get(`/api/wells/${well.id}?asOf=2024-07-03`)).json()).toMatchObject({ stage: 'notice_served', inUseStatus: 'in_use' });
  });
});

describe('one file per well', () => {
  it('refuses a step out of order, naming the missing step, and a stale version', async () => {
    const made = (await city.send('POST', '/api/wells', { ownerName: '测试宾馆', use: 'domestic', foundVia: 'tip', discoveredOn: '2024-02-01', orgUnitId: (await city.get('/api/wells?q=三川盛唐')).json().wells[0].orgUnitId, lat: 33.0, lng: 112.53 })).json();
    expect(made.code).toMatch(/^411302\d{9}J\d{2}$/);
    const skip = await city.send('POST', `/api/wells/${made.id}/transitions`, { event: 'seal', onDate: '2024-02-02', version: made.version, data: { method: 'clay_backfill', materials: '黏土', contractor: '甲' } });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().message).toBe('不能封井：先供水、后封井：请先登记“接通替代水源”');
    const early = await city.send('POST', `/api/wells/${made.id}/transitions`, { event: 'verify', onDate: '2024-01-01', version: made.version });
    expect(early.json().message).toBe('日期不能早于发现日期（2024-02-01）');
    const ok = await city.send('POST', `/api/wells/${made.id}/transitions`, { event: 'verify', onDate: '2024-02-03', version: made.version });
    expect(ok.json()).toMatchObject({ stage: 'verified', next: ['decide'] });
    const stale = await city.send('PATCH', `/api/wells/${made.id}`, { ownerName: '改名', use: 'domestic', foundVia: 'tip', version: made.version });
    expect(stale.statusCode).toBe(409);
  });

  it('flags a sealing photo taken far from the well, and prints a QR tag', async () => {
    const well = (await city.get('/api/wells?q=三川盛唐')).json().wells[0];
    const near = await city.send('POST', `/api/wells/${well.id}/photos`, { stage: 'before', lat: well.lat + 0.0005, lng: well.lng, fileName: 'a.png', content: PNG });
    expect(near.json()).toMatchObject({ stage: 'before', farFromWell: false, distanceM: 56 });
    const far = await city.send('POST', `/api/wells/${well.id}/photos`, { stage: 'after', lat: well.lat + 0.01, lng: well.lng, fileName: 'b.png', content: PNG });
    expect(far.json()).toMatchObject({ farFromWell: true, distanceM: 1112 });
    expect((await city.get(far.json().url)).statusCode).toBe(200);
    expect((await (await t.login('gaoxin')).get(far.json().url)).statusCode).toBe(404);
    const tag = await city.get(`/api/wells/${well.id}/tag`);
    expect(tag.headers['content-type']).toContain('image/svg+xml');
    expect(tag.body).toContain(well.code);
    expect(tag.body).toContain('一井一牌一码');
  });
});

describe('the ledger import', () => {
  it('applies nothing when one row is bad, and names it', async () => {
    const sheet = '井编号,区,街道,社区,网格编号,权属单位,用途,处置方式,发现日期,任务批次,完成日期\nNEW-1,卧龙区,光武街道,光彩社区,,新井一,生活,应封停,2024-03-01,决战六月,\nNEW-2,卧龙区,光武街道,光彩社区,,新井二,生活,应封停,2024-06-10,,2024-06-01\n';
    const res = await city.send('POST', '/api/wells/import', { fileName: 'w.csv', content: b64(sheet) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rowErrors).toEqual([{ row: 3, column: '完成日期', message: '完成日期早于发现日期' }]);
    expect((await city.get('/api/wells?q=NEW-1')).json().total).toBe(0);
  });
  it('round-trips the exported registry as far as the sheet goes', async () => {
    const sheet = '井编号,区,街道,社区,网格编号,权属单位,用途,处置方式,发现日期,任务批次,完成日期\nNEW-3,卧龙区,光武街道,光彩社区,,新井三,生活,应纳管,,决战六月,2024-06-15\n';
    const res = await city.send('POST', '/api/wells/import', { fileName: 'w.csv', content: b64(sheet) });
    expect(res.json()).toEqual({ applied: true, created: 1, tasks: 1 });
    const well = (await city.get('/api/wells?q=NEW-3')).json().wells[0];
    expect(well).toMatchObject({ discoveredOn: '2024-06-01', stage: 'tax_registered', disposition: 'permit' });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await city.get('/api/wells/export')).rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRows(2, wb.worksheets[0]!.rowCount)!.find((r) => r.getCell(1).text === 'NEW-3')!;
    expect([row.getCell(11).text, row.getCell(12).text, row.getCell(14).text]).toEqual(['应纳管', '2024-06-01', '2024-06-15']);
  });
});
