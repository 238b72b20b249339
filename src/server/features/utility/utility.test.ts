import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { systemActor } from '../../auth/actor.js';
import { importReadings } from './utility.import.js';

let t: TestApp;
let city: Client, utility: Client, wolong: Client, wancheng: Client;
const units: { id: number; name: string; code: string; level: string }[] = [];

const csv = (rows: (string | number)[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\n'));
const b64 = (buf: Buffer) => buf.toString('base64');
const MONTHS = Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
const SEASON = [0.9, 0.85, 0.9, 0.95, 1.05, 1.15, 1.25, 1.25, 1.1, 1.0, 0.9, 0.9];
/** 20 compounds of 100 households (280 persons) in 卧龙区 and 宛城区, one that switched to a well in 2023-06, one vacant. */
function accountsCsv(gridWolong: string, gridWancheng: string) {
  const rows: (string | number)[][] = [['户号', '户名', '地址', '用水类别', '行业', '户数', '人数', '床位', '建筑面积', '网格编号']];
  for (let i = 1; i <= 20; i++) rows.push([`T${String(i).padStart(4, '0')}`, `测试小区${i}`, `测试路${i}号`, '居民', '', 100, 280, '', '', i % 2 ? gridWolong : gridWancheng]);
  rows.push(['T0021', '空置房', '测试路21号', '居民', '', 1, 0, '', '', gridWolong]);
  return csv(rows);
}
const use = (no: number, month: string, i: number) => {
  const base = 280 * 0.11 * 30 * SEASON[Number(month.slice(5)) - 1]! * (0.95 + (no % 5) * 0.03);
  if (no === 7 && month >= '2023-06') return (base * 0.35).toFixed(1); // a well since June 2023
  if (no === 21) return '0.2';
  return (base * (1 + ((i * no) % 7) / 100)).toFixed(1);
};
function readingsCsv(extra: (string | number)[][] = []) {
  const rows: (string | number)[][] = [['户号', '期间', '用水量']];
  for (let no = 1; no <= 21; no++) MONTHS.forEach((m, i) => rows.push([`T${String(no).padStart(4, '0')}`, m, use(no, m, i)]));
  return csv([...rows, ...extra]);
}

async function upload(client: Client, fileName: string, body: Buffer) {
  return client.send('POST', `/api/utility/imports/readings?fileName=${encodeURIComponent(fileName)}`, body, { 'content-type': 'application/octet-stream' });
}
async function settled(client: Client, id: number) {
  for (let i = 0; i < 200; i++) {
    const imp = (await client.get(`/api/utility/imports/${id}`)).json();
    if (imp.state !== 'loading') return imp;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not settle');
}
async function job(client: Client, id: string) {
  for (let i = 0; i < 400; i++) {
    const j = (await client.get(`/api/suspects/jobs/${id}`)).json();
    if (j.state !== 'running') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not end');
}

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  utility = await t.login('utility');
  wolong = await t.login('wolong');
  wancheng = await t.login('wancheng');
  units.push(...(await city.get('/api/org/units')).json().units);
});
afterAll(() => t.close());

describe('water-company data and the suspect engine', () => {
  const grid = (district: string) => units.find((u) => u.level === 'grid' && u.name.includes('网格') && u.code.startsWith(units.find((d) => d.name === district)!.code))!;

  it('imports accounts all or nothing, matching them to grids', async () => {
    const bad = csv([['户号', '户名', '用水类别', '人数', '网格编号'], ['T9001', '甲', '居民', '-3', ''], ['T9001', '乙', '居民', '2', 'NOPE'], ['', '丙', '', '', '']]);
    const res = await utility.send('POST', '/api/utility/accounts/import', { fileName: 'bad.csv', content: b64(bad), dryRun: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rowErrors).toEqual(expect.arrayContaining([
      { row: 2, column: '人数', message: '应为不小于0的整数' },
      { row: 3, column: '户号', message: '与第2行重复' },
      { row: 3, column: '网格编号', message: '网格编号“NOPE”不存在' },
      { row: 4, column: '户号', message: '不能为空' },
    ]));
    const file = accountsCsv(grid('卧龙区').code, grid('宛城区').code);
    const dry = (await utility.send('POST', '/api/utility/accounts/import', { fileName: 'accounts.csv', content: b64(file), dryRun: true })).json();
    expect(dry).toMatchObject({ applied: false, created: 21, matchedByGridCode: 21 });
    expect((await utility.get('/api/utility/accounts?q=T00')).json().total).toBe(0);
    const done = (await utility.send('POST', '/api/utility/accounts/import', { fileName: 'accounts.csv', content: b64(file), dryRun: false })).json();
    expect(done).toMatchObject({ applied: true, created: 21 });
    expect((await utility.get('/api/utility/accounts?q=T00')).json().total).toBe(21);
  });

  it('holds back a readings file with bad rows until it is accepted; re-importing a period replaces it', async () => {
    const bad = readingsCsv([['T0001', '2024-13', '5'], ['NOPE', '2023-01', '5'], ['T0002', '2023-02', '-1'], ['T0003', '2023-03', 'abc'], ['T0004', '2023-04', '1']]);
    const first = await upload(utility, 'readings.csv', bad);
    expect(first.statusCode).toBe(200);
    const held = await settled(utility, first.json().id);
    expect(held).toMatchObject({ state: 'held', badRows: 5, rowsLoaded: 21 * 24 });
    const dataRows = 21 * 24 + 1;
    expect(held.errors).toEqual([
      { row: dataRows + 1, column: '期间', message: '“2024-13”不是有效期间（应为2024-01或2024-01-15）' },
      { row: dataRows + 2, column: '户号', message: '户号“NOPE”不存在（请先导入用水户）' },
      { row: dataRows + 3, column: '用水量', message: '用水量不能为负数' },
      { row: dataRows + 4, column: '用水量', message: '“abc”不是数字' },
      { row: dataRows + 5, column: '期间', message: '与文件中前面的行重复（同一户号、同一期间）' },
    ]);
    // held rows do not count: the accounts have no use yet, so nothing to say about them
    const heldRun = await job(city, (await city.send('POST', '/api/suspects/runs', { asOf: '2023-11' })).json().id);
    const unread = (await city.get(`/api/suspects/runs/${heldRun.result.runId}/scores?q=T00`)).json();
    expect(unread.items.map((s: { reasons: string[] }) => s.reasons)).toEqual(Array(21).fill([]));
    // the same file again finds the same held import
    expect((await upload(utility, 'readings.csv', bad)).json().id).toBe(held.id);
    const accepted = (await utility.send('POST', `/api/utility/imports/${held.id}/accept`)).json();
    expect(accepted.state).toBe('applied');
    // a corrected December 2023 replaces the one loaded
    const again = await upload(utility, 'dec.csv', csv([['户号', '期间', '用水量'], ...Array.from({ length: 21 }, (_, i) => [`T${String(i + 1).padStart(4, '0')}`, '2023-12', '777'])]));
    const applied = await settled(utility, again.json().id);
    expect(applied).toMatchObject({ state: 'applied', rowsLoaded: 21, periods: ['2023-12'], message: '已替换此前导入的同期数据21行' });
    const n = await t.database.db.selectFrom('utilityReadings').innerJoin('utilityAccounts', 'utilityAccounts.id', 'utilityReadings.accountId')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('period', '=', '2023-12').where('accountNo', 'like', 'T%').executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(21);
    const wrong = await upload(utility, 'x.csv', csv([['户号', '用水量'], ['T0001', '3']]));
    expect(await settled(utility, wrong.json().id)).toMatchObject({ state: 'failed', message: expect.stringContaining('期间') });
    expect((await upload(utility, 'x.pdf', Buffer.from('x'))).statusCode).toBe(400);
  });

  it('takes a readings file from the company’s system with an API token (no browser, no CSRF token)', async () => {
    const users = (await city.get('/api/users')).json().users as { id: number; username: string }[];
    const token = (await city.send('POST', '/api/tokens', { userId: users.find((u) => u.username === 'utility')!.id, name: '北控水务营收系统' })).json().token as string;
    const res = await t.app.inject({
      method: 'POST', url: '/api/utility/imports/readings?fileName=api.csv', payload: csv([['户号', '期间', '用水量'], ['T0001', '2022-01', '800']]),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode).toBe(200);
    expect(await settled(utility, res.json().id)).toMatchObject({ state: 'applied', rowsLoaded: 1, periods: ['2022-01'] });
  });

  it('streams an Excel file too: a month typed as a date cell stays a month, a day stays a day', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('用水量');
    ws.addRow(['户号', '期间', '用水量']);
    ws.addRow(['T0002', '2022-01', 812.5]);
    const month = ws.addRow(['T0002', new Date(Date.UTC(2022, 1, 1)), 790]);
    month.getCell(2).numFmt = 'yyyy"年"m"月"';
    const day = ws.addRow(['T0002', new Date(Date.UTC(2021, 11, 15)), 26]);
    day.getCell(2).numFmt = 'yyyy-mm-dd';
    const res = await upload(utility, '用水量.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await settled(utility, res.json().id)).toMatchObject({ state: 'applied', rowsLoaded: 3, badRows: 0, periods: ['2021-12-15', '2022-01', '2022-02'] });
    const broken = await upload(utility, 'x.xlsx', Buffer.from('not a zip at all'));
    expect(await settled(utility, broken.json().id)).toMatchObject({ state: 'failed', message: '无法读取 Excel 文件，请确认是 .xlsx 格式' });
  });

  it('resumes a load cut off mid-way after its last committed chunk, with no row twice', async () => {
    const cityUnit = units.find((u) => u.level === 'city')! as unknown as { id: number; path: string; name: string };
    const ctx = { db: t.database.db, actor: systemActor({ ...cityUnit, path: (await city.get(`/api/org/units/${cityUnit.id}`)).json().path }), requestId: null };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ws-resume-')), 'r.csv');
    // 2022-01 … 2023-12 again, 10 % more: 504 rows in chunks of 100
    fs.writeFileSync(file, readingsCsv().toString().replace(/,(\d+\.\d)$/gm, (_m, v: string) => `,${(Number(v) * 1.1).toFixed(1)}`));
    let commits = 0;
    const cut = importReadings(ctx, { path: file, fileName: 'r.csv' }, { chunkRows: 100, progress: () => { if (++commits === 3) throw new Error('断电'); } });
    await expect(cut).rejects.toThrow('断电');
    const [imp] = await t.database.db.selectFrom('utilityImports').selectAll().where('fileName', '=', 'r.csv').execute();
    expect(imp).toMatchObject({ state: 'loading', rowsLoaded: 300, lastRow: 301 });
    const resumed = await importReadings(ctx, { path: file, fileName: 'r.csv' }, { chunkRows: 100 });
    expect(resumed).toMatchObject({ id: imp!.id, state: 'applied', rowsLoaded: 504, badRows: 0 });
    const rows = (await t.database.db.selectFrom('utilityReadings').innerJoin('utilityAccounts', 'utilityAccounts.id', 'utilityReadings.accountId')
      .select(['accountNo', 'period', 'm3', 'importId']).where('accountNo', 'like', 'T%').execute()).filter((r) => r.period.length === 7); // the Excel test's daily reading stays
    expect(rows).toHaveLength(504); // every earlier reading of these accounts replaced, none twice
    expect(new Set(rows.map((r) => r.importId))).toEqual(new Set([imp!.id]));
  });

  it('ranks the account that switched to a well first, with reasons in Chinese, and sends a batch to the districts', async () => {
    const started = await city.send('POST', '/api/suspects/runs', { asOf: '2023-11' });
    const done = await job(city, started.json().id);
    expect(done.state).toBe('done');
    const runId = (done.result as { runId: number }).runId;
    const scores = (await city.get(`/api/suspects/runs/${runId}/scores?q=T00`)).json();
    expect(scores.items[0]).toMatchObject({ accountNo: 'T0007', rank: expect.any(Number) });
    expect(scores.items[0].reasons.join('；')).toMatch(/2023年6月起用水量骤降\d+%/);
    expect(scores.items.find((s: { accountNo: string }) => s.accountNo === 'T0021').score).toBeLessThan(0.05); // vacant: explained
    // a district sees its own accounts only
    const mine = (await wolong.get(`/api/suspects/runs/${runId}/scores?q=T00&pageSize=100`)).json();
    expect(mine.items.map((s: { accountNo: string }) => Number(s.accountNo.slice(1)) % 2 || s.accountNo === 'T0021')).not.toContain(0);
    // the top of the list down to T0007 (the demo's own suspects rank among them)
    const batch = (await city.send('POST', '/api/suspects/batches', { runId, topN: scores.items[0].rank, controlShare: 0.05 })).json();
    expect(batch.control).toBe(Math.max(1, Math.round(0.05 * (batch.checks - batch.control))));
    const checks = (await wolong.get(`/api/suspects/checks?batchId=${batch.id}&pageSize=500`)).json();
    const top = checks.items.find((c: { accountNo: string }) => c.accountNo === 'T0007');
    expect(top).toMatchObject({ inControl: null, outcome: null, outcomeLabel: '待核查' });
    expect((await wancheng.get(`/api/suspects/checks?batchId=${batch.id}&pageSize=500`)).json().items.some((c: { accountNo: string }) => c.accountNo === 'T0007')).toBe(false);
    const found = await wolong.send('POST', `/api/suspects/checks/${top.id}/outcome`, {
      outcome: 'found', checkedOn: '2024-01-09', note: '小区东侧发现一眼在用自备井', version: top.version,
      newWell: { ownerName: '测试小区7', address: '测试路7号', use: 'domestic', orgUnitId: grid('卧龙区').id },
    });
    expect(found.statusCode).toBe(200);
    const stale = await wolong.send('POST', `/api/suspects/checks/${top.id}/outcome`, { outcome: 'normal', checkedOn: '2024-01-09', version: top.version });
    expect(stale.statusCode).toBe(409);
    const well = (await city.get(`/api/wells/${found.json().wellId}`)).json();
    expect(well).toMatchObject({ foundVia: 'analytics', ownerName: '测试小区7' });
    const batches = (await city.get('/api/suspects/batches')).json();
    expect(batches.batches.at(-1)).toMatchObject({ number: batch.number, found: 1, visited: 1, hitRate: 1 });
    expect(batches.model.outcomes).toBeGreaterThan(0);
  });

  it('shows the water company the outcomes of its own accounts and nothing else', async () => {
    const outcomes = (await utility.get('/api/utility/outcomes')).json().items;
    expect(outcomes.find((o: { accountNo: string }) => o.accountNo === 'T0007')).toEqual({ id: expect.any(Number), batchNumber: expect.any(Number), accountNo: 'T0007', name: '测试小区7', outcome: 'found', outcomeLabel: '发现自备井', checkedOn: '2024-01-09' });
    expect(JSON.stringify(outcomes)).not.toContain('自备井”'); // no notes
    for (const url of ['/api/suspects/checks', '/api/suspects/batches', '/api/tips', '/api/wells', '/api/survey/progress']) expect((await utility.get(url)).statusCode).toBe(403);
    expect((await wolong.get('/api/utility/outcomes')).statusCode).toBe(403);
    expect((await wolong.send('POST', '/api/suspects/runs', {})).statusCode).toBe(403);
    // nothing in any answer the company gets names a tip's reporter
    const tip = (await city.get('/api/tips?pageSize=5')).json();
    const reporter = tip.tips?.find((x: { reporterName?: string | null }) => x.reporterName)?.reporterName as string | undefined;
    const answers = await Promise.all(['/api/utility/outcomes', '/api/utility/accounts?pageSize=500', '/api/utility/imports'].map(async (u) => (await utility.get(u)).body));
    for (const body of answers) expect(body).not.toMatch(/reporter|举报人/);
    if (reporter) for (const body of answers) expect(body).not.toContain(reporter);
  });

  it('a second water company (a district’s) sees only the accounts it supplies and their outcomes', async () => {
    const wolongUnit = units.find((u) => u.name === '卧龙区')!;
    const made = await city.send('POST', '/api/users', { username: 'wolongwater', displayName: '卧龙区供水公司', password: 'Water2024a', grants: [{ role: 'utility', orgUnitId: wolongUnit.id }] });
    expect(made.statusCode).toBe(200);
    const other = await t.login('wolongwater', 'Water2024a');
    // a first password is changed before anything else (the server refuses everything else until then)
    expect((await other.send('POST', '/api/auth/password', { currentPassword: 'Water2024a', newPassword: 'Water2024b' })).statusCode).toBe(200);
    expect((await other.get('/api/utility/accounts')).json().total).toBe(0);
    expect((await other.get('/api/utility/outcomes')).json().items).toEqual([]);
    expect((await other.get('/api/utility/imports')).json().imports).toEqual([]);
    // an account of 北控水务 cannot be taken over, nor can readings be sent for it
    const steal = await other.send('POST', '/api/utility/accounts/import', { fileName: 'a.csv', content: b64(csv([['户号', '户名', '用水类别'], ['T0007', '改名', '居民']])), dryRun: true });
    expect(steal.json().details.rowErrors).toEqual([{ row: 2, column: '户号', message: '该户号由其他供水单位管理' }]);
    const own = await other.send('POST', '/api/utility/accounts/import', { fileName: 'a.csv', content: b64(csv([['户号', '户名', '用水类别', '人数'], ['W0001', '卧龙区某户', '居民', '3']])), dryRun: false });
    expect(own.json()).toMatchObject({ applied: true, created: 1 });
    const sent = await upload(other, 'w.csv', csv([['户号', '期间', '用水量'], ['W0001', '2023-01', '9'], ['T0007', '2023-01', '9']]));
    const held = await settled(other, sent.json().id);
    expect(held.errors).toEqual([{ row: 3, column: '户号', message: '户号“T0007”不存在（请先导入用水户）' }]);
    expect((await other.get('/api/utility/accounts')).json().items.map((a: { accountNo: string }) => a.accountNo)).toEqual(['W0001']);
    expect((await utility.get(`/api/utility/imports/${held.id}`)).statusCode).toBe(200); // the city-wide company's scope covers the district's
    expect((await other.get(`/api/utility/imports/${(await utility.get('/api/utility/imports')).json().imports.at(-1).id}`)).statusCode).toBe(404);
  });
});
