import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { emptyDatabase } from '../../../test-support/db.js';
import { systemActor } from '../../auth/actor.js';
import { initDatabase } from '../system/init.service.js';
import { findCity } from './org.repo.js';
import { exportOrgSheet, importOrgSheet, listOrgUnits } from './org.service.js';
import { AppError } from '../../http/errors.js';

let t: TestApp;
let city: Client;
beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
});
afterAll(() => t.close());

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const header = '区,街道,社区,网格编号,网格名称\n';

describe('org tree', () => {
  it('holds the seed districts with 504, 241, 118 and 289 grids, 1152 in all', async () => {
    const units = (await city.get('/api/org/units')).json().units as { name: string; level: string; gridCount: number }[];
    const root = units.find((u) => u.level === 'city')!;
    expect(root.gridCount).toBe(1152);
    const districts = Object.fromEntries(units.filter((u) => u.level === 'district').map((u) => [u.name, u.gridCount]));
    expect(districts).toEqual({ 卧龙区: 504, 宛城区: 241, 高新区: 118, 城乡一体化示范区: 289 });
    expect(units.filter((u) => u.level === 'grid')).toHaveLength(1152);
  });

  it('refuses a stale version with 409 and keeps the other writer’s change', async () => {
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string; version: number }[];
    const grid = units.find((u) => u.name === '七里园社区第1网格')!;
    const first = await city.send('PATCH', `/api/org/units/${grid.id}`, { version: grid.version, name: '七里园社区一网格' });
    expect(first.statusCode).toBe(200);
    const second = await city.send('PATCH', `/api/org/units/${grid.id}`, { version: grid.version, name: '七里园社区壹网格' });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('数据已被他人修改，请刷新后重试');
    expect((await city.get(`/api/org/units/${grid.id}`)).json().name).toBe('七里园社区一网格');
  });

  it('closes a grid with a date, keeping it in history but out of the counts', async () => {
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string; version: number; level: string }[];
    const grid = units.find((u) => u.name === '王庄社区第2网格')!;
    const street = units.find((u) => u.name === '中关村街道')!;
    expect((await city.send('PATCH', `/api/org/units/${street.id}`, { version: street.version, closedOn: '2024-03-01' })).json().message).toBe('请先关闭下级单位');
    expect((await city.send('PATCH', `/api/org/units/${grid.id}`, { version: grid.version, closedOn: '2024-03-01' })).statusCode).toBe(200);
    const after = (await city.get('/api/org/units')).json().units as { name: string; gridCount: number }[];
    expect(after.find((u) => u.name === '高新区')!.gridCount).toBe(117);
    expect(after.some((u) => u.name === '王庄社区第2网格')).toBe(false);
    const withClosed = (await city.get('/api/org/units?includeClosed=true')).json().units as { name: string; closedOn: string | null }[];
    expect(withClosed.find((u) => u.name === '王庄社区第2网格')!.closedOn).toBe('2024-03-01');
    const audit = (await city.get('/api/audit?q=王庄社区第2网格')).json().entries as { summary: string }[];
    expect(audit[0]!.summary).toBe('网格“王庄社区第2网格”关闭（2024-03-01）');
  });
});

describe('org import', () => {
  it('round-trips an exported xlsx sheet: re-importing changes nothing', async () => {
    const xlsx = (await city.get('/api/org/export?format=xlsx')).rawPayload as Buffer;
    const res = await city.send('POST', '/api/org/import', { fileName: '网格.xlsx', content: b64(xlsx) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, created: { district: 0, street: 0, community: 0, grid: 0 }, renamed: 0 });
    expect(res.json().unchanged).toBeGreaterThanOrEqual(1150);
  });

  it('rebuilds the same tree in an empty city from the exported sheet', async () => {
    const database = await emptyDatabase();
    try {
      await initDatabase(database.db, { cityName: '南阳市', cityCode: '411300', demo: false });
      const ctx = { db: database.db, actor: systemActor((await findCity(database.db))!), requestId: null };
      const csv = await exportOrgSheet({ db: t.database.db, actor: systemActor((await findCity(t.database.db))!), requestId: null }, 'csv');
      await expect(importOrgSheet(ctx, { data: csv, fileName: 'g.csv', allowNewUnits: false, dryRun: false })).rejects.toThrow(AppError);
      const r = await importOrgSheet(ctx, { data: csv, fileName: 'g.csv', allowNewUnits: true, dryRun: false });
      expect(r.created.district).toBe(4);
      const units = await listOrgUnits(ctx, { includeClosed: false });
      const again = await exportOrgSheet(ctx, 'csv');
      expect(again.toString()).toBe(csv.toString());
      expect(units.find((u) => u.level === 'city')!.gridCount).toBe(csv.toString().trim().split('\n').length - 1);
    } finally {
      await database.close();
    }
  });

  it('rejects a sheet with a missing column, in Chinese', async () => {
    const res = await city.send('POST', '/api/org/import', { fileName: 'x.csv', content: b64('区,街道,网格编号,网格名称\n卧龙区,光武街道,1,a\n') });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rowErrors).toEqual([{ row: 1, column: '社区', message: '缺少必填列“社区”' }]);
  });

  it('applies nothing when one row names an unknown community, and names that row', async () => {
    const sheet = header + '卧龙区,光武街道,光彩社区,411303003001901,光彩社区新网格\n卧龙区,光武街道,不存在社区,411303003099001,新网格\n';
    const res = await city.send('POST', '/api/org/import', { fileName: 'x.csv', content: b64(sheet) });
    expect(res.statusCode).toBe(422);
    expect(res.json().message).toBe('导入文件有错误，未导入任何数据');
    expect(res.json().details.rowErrors).toEqual([
      { row: 3, column: '社区', message: '社区“不存在社区”在“光武街道”下不存在（如需新建，请勾选“允许新建区/街道/社区”或使用 --new-units）' },
    ]);
    const units = (await city.get('/api/org/units')).json().units as { code: string }[];
    expect(units.some((u) => u.code === '411303003001901')).toBe(false);
  });

  it('reads a GB18030 CSV as Excel in China saves it, and a dry run writes nothing', async () => {
    const text = header + '卧龙区,光武街道,光彩社区,411303003001902,光彩社区试点网格\n';
    const { default: iconv } = await import('iconv-lite');
    const res = await city.send('POST', '/api/org/import', { fileName: 'g.csv', content: b64(iconv.encode(text, 'gb18030')), dryRun: true });
    expect(res.json()).toMatchObject({ applied: false, created: { grid: 1 } });
    const units = (await city.get('/api/org/units')).json().units as { code: string }[];
    expect(units.some((u) => u.code === '411303003001902')).toBe(false);
    const real = await city.send('POST', '/api/org/import', { fileName: 'g.csv', content: b64(iconv.encode(text, 'gb18030')) });
    expect(real.json()).toMatchObject({ applied: true, created: { grid: 1 } });
    const after = (await city.get('/api/org/units')).json().units as { code: string; name: string }[];
    expect(after.find((u) => u.code === '411303003001902')!.name).toBe('光彩社区试点网格');
  });

  it('rejects files that are not spreadsheets', async () => {
    const res = await city.send('POST', '/api/org/import', { fileName: 'x.xlsx', content: b64('not a zip') });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('无法读取 Excel 文件，请确认是 .xlsx 格式');
    const exe = await city.send('POST', '/api/org/import', { fileName: 'x.exe', content: b64('MZ') });
    expect(exe.json().message).toBe('只支持 .xlsx 或 .csv 文件');
  });
});
