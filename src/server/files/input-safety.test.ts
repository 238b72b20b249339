/**
 * Hostile files at the file layer: formula injection in every export, zip bombs and over-wide rows
 * in sheet imports, pixel floods and disguised files in photo uploads, path traversal in names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { displayName, storePhoto } from './photo-store.js';
import { readSharedStrings, streamRows } from './row-stream.js';
import { readSheet, writeCsv, writeXlsx, xlsxBuffer } from './sheet.js';
import { PNG } from '../../test-support/fixtures.js';
import { pngHeader, xlsxBomb, xlsxSharedStringsBomb } from '../../test-support/hostile-files.js';
import sharp from 'sharp';

/** Text that a spreadsheet would run as a formula, and text that only looks odd. */
export const FORMULAS = ['=CMD|\' /C calc\'!A0', '@SUM(1+1)', '+1+1', '-1+1', '=HYPERLINK("http://x.invalid","点我")', '\t=1+1', '\r=1+1'];
const HARMLESS = ['-12.5', '-3', '普通文本', "'; drop table cards;--", '<img src=x onerror=alert(1)>'];

async function cellsOf(data: Buffer): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void cells.push(c)));
  return cells;
}

const chinese400 = (err: unknown) => err instanceof AppError && err.statusCode === 400 && /[\u4e00-\u9fff]/.test(err.message);

describe('exports neutralise formula injection', () => {
  it('writes formula-like text as Text-formatted strings, verbatim, and leaves numbers alone', async () => {
    const rows = [...FORMULAS, ...HARMLESS].map((v, i) => [String(i), v]);
    const cells = await cellsOf(await writeXlsx('表', ['序号', '内容'], rows));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toBe(false);
    // (a leading TAB or CR is whitespace to the XML reader: those two are checked in the CSV test)
    for (const v of FORMULAS.filter((x) => x.trim() === x)) {
      const c = cells.find((x) => x.value === v);
      expect(c, v).toBeDefined();
      expect(c!.numFmt, v).toBe('@');
    }
    for (const v of HARMLESS) {
      const c = cells.find((x) => x.value === v);
      expect(c, v).toBeDefined();
      expect(c!.numFmt ?? 'General', v).not.toBe('@');
    }
  });

  it('covers hand-built report workbooks too (the one writer), numbers staying numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('报表');
    ws.getCell('A1').value = '=1+2';
    ws.addRow(['@区', -3, 4.5]);
    const cells = await cellsOf(await xlsxBuffer(wb));
    expect(cells.find((c) => c.value === '=1+2')!.numFmt).toBe('@');
    expect(cells.find((c) => c.value === '@区')!.numFmt).toBe('@');
    const minus = cells.find((c) => c.value === -3)!;
    expect(minus.type).toBe(ExcelJS.ValueType.Number);
    expect(minus.numFmt ?? 'General').not.toBe('@');
  });

  it('prefixes CSV cells with an apostrophe (OWASP), and imports them back unchanged', async () => {
    const rows = [...FORMULAS, ...HARMLESS].map((v) => ['1', v]);
    const csv = writeCsv(['号', '内容'], rows);
    const back = parse(csv.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    for (const [i, v] of [...FORMULAS, ...HARMLESS].entries()) expect(back[i + 1]![1]).toBe(FORMULAS.includes(v) ? `'${v}` : v);
    const sheet = await readSheet(csv, 'x.csv');
    expect(sheet.body.map((r) => r[1])).toEqual([...FORMULAS, ...HARMLESS]);
  });

  it('is the only way a sheet leaves the server (no export writes an xlsx or CSV by itself)', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const sources = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const offenders = sources.filter((f) => {
      if (f === path.join('files', 'sheet.ts')) return false;
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      // the demo set-up writes its own CSVs for import, never for a user
      return /\.xlsx\.writeBuffer\(|\.xlsx\.write\(|WorkbookWriter/.test(text) || (/from 'csv-stringify/.test(text) && !f.endsWith('init.service.ts'));
    });
    expect(sources.length).toBeGreaterThan(50);
    expect(offenders).toEqual([]);
  });

  it('round-trips an exported xlsx through the importer verbatim', async () => {
    const values = [...FORMULAS.filter((v) => v.trim() === v), ...HARMLESS];
    const sheet = await readSheet(await writeXlsx('表', ['内容'], values.map((v) => [v])), 'x.xlsx');
    expect(sheet.body.map((r) => r[0])).toEqual(values);
  });
});

describe('sheet imports refuse hostile files', () => {
  it('refuses a zip bomb quickly and with bounded memory', async () => {
    const bomb = xlsxBomb(2048); // 2 GB of rows
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const err = await readSheet(bomb, 'bomb.xlsx').catch((e: unknown) => e);
    expect(chinese400(err), String(err)).toBe(true);
    expect((err as Error).message).toContain('解压后过大');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(600 * 1024 * 1024);
  });

  it('refuses text or a picture named .xlsx, and a malformed CSV, in Chinese', async () => {
    for (const data of [Buffer.from('这不是表格'), Buffer.from(PNG, 'base64'), Buffer.from('PK\u0003\u0004garbage')]) {
      expect(chinese400(await readSheet(data, 'x.xlsx').catch((e: unknown) => e))).toBe(true);
    }
    expect(chinese400(await readSheet(Buffer.from('a,b\n"x,y\n'), 'x.csv').catch((e: unknown) => e))).toBe(true);
    expect(chinese400(await readSheet(Buffer.from('x'), '../../etc/passwd').catch((e: unknown) => e))).toBe(true);
  });

  it('refuses a streamed xlsx row wider than the importer reads', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(Array.from({ length: 1500 }, (_, i) => `c${i}`));
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const read = async () => {
      for await (const _row of streamRows(Readable.from([data]), 'wide.xlsx')) void _row;
    };
    const err = await read().catch((e: unknown) => e);
    expect(chinese400(err), String(err)).toBe(true);
  });

  it('refuses a streamed xlsx whose shared strings would fill the memory, quickly and with bounded memory', async () => {
    const bomb = xlsxSharedStringsBomb(1024); // 1 GB of <si>: 63 million strings for the reader's cache
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    global.gc?.();
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    let rows = 0;
    const err = await (async () => {
      for await (const _row of streamRows(Readable.from([bomb]), 'readings.xlsx')) rows++;
    })().catch((e: unknown) => e);
    expect(chinese400(err), String(err)).toBe(true);
    expect((err as Error).message).toBe('Excel 文件中不同的文字过多（超过 200 万条或 3000 万字），请另存为 CSV 文件后导入');
    expect(rows).toBe(0);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(400 * 1024 * 1024);
  });

  it('counts shared strings, their characters and the bytes of their part against the limits', async () => {
    const xml = (n: number, text: string) => ['<sst>', ...Array.from({ length: n }, () => `<si><t>${text}</t></si>`), '</sst>'];
    const limits = { strings: 100, chars: 1000, xmlBytes: 100_000 };
    expect(await readSharedStrings(Readable.from(xml(100, 'ab')), limits)).toHaveLength(100);
    for (const parts of [xml(101, 'a'), xml(10, 'x'.repeat(101)), ['<sst>', `<si><t>a</t>${'<rPr/>'.repeat(20_000)}</si>`, '</sst>']]) {
      const err = await readSharedStrings(Readable.from(parts), limits).catch((e: unknown) => e);
      expect(chinese400(err), String(err)).toBe(true);
      expect((err as Error).message).toContain('请另存为 CSV 文件后导入');
    }
    expect(chinese400(await readSharedStrings(Readable.from(['<sst><si><t>a</si>'])).catch((e: unknown) => e))).toBe(true);
  });

  it('reads shared strings as exceljs writes them: rich text joined, entities decoded, Chinese split across chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['户号', '期间', '用水量', '户名']);
    ws.addRow(['4101001', '2024-01', 12.5, 'A&B <公司> "甲"']);
    ws.addRow(['4101001', '2024-02', 3, { richText: [{ text: '南阳', font: { bold: true } }, { text: '水务' }] }]);
    const data = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings: true } as ExcelJS.XlsxWriteOptions));
    // one byte at a time: every multi-byte character arrives split
    const rows: string[][] = [];
    for await (const r of streamRows(Readable.from((function* () { for (const b of data) yield Buffer.from([b]); })()), 'r.xlsx')) rows.push(r.cells);
    expect(rows).toEqual([['户号', '期间', '用水量', '户名'], ['4101001', '2024-01', '12.5', 'A&B <公司> "甲"'], ['4101001', '2024-02', '3', '南阳水务']]);
  });
});

// ---------------------------------------------------------------- photos

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-input-'));
const store = path.join(dir, 'files');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function filesUnder(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('photo uploads', () => {
  it('refuses files that are not the pictures they claim to be', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    for (const [data, name] of [[exe, 'setup.jpg'], [pdf, 'scan.png'], [Buffer.from('plain text'), 'a.webp'], [Buffer.alloc(0), 'empty.jpg']] as const) {
      const err = await storePhoto(store, data, name).catch((e: unknown) => e);
      expect(chinese400(err), name).toBe(true);
    }
    expect(fs.existsSync(store) ? filesUnder(store) : []).toEqual([]);
  });

  it('refuses a picture whose header declares a pixel flood', async () => {
    const err = await storePhoto(store, pngHeader(50_000, 50_000), 'flood.png').catch((e: unknown) => e);
    expect(chinese400(err), String(err)).toBe(true);
    expect((err as Error).message).toContain('50000×50000');
    // a header with no picture behind it is not a photo (it is decoded when its metadata is stripped)
    const hollow = await storePhoto(store, pngHeader(4000, 3000), 'hollow.png').catch((e: unknown) => e);
    expect(chinese400(hollow), String(hollow)).toBe(true);
    const real = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    const ok = await storePhoto(store, real, 'ok.png');
    expect(ok.mime).toBe('image/png');
  });

  it('never lets a client file name reach the disk', async () => {
    const names = ['../../etc/passwd.jpg', '..\\..\\x.xlsx', '/etc/cron.d/evil.png', 'C:\\Windows\\win.ini.png', 'a\u0000.png\u0000.sh', '..', ''];
    const before = new Set(filesUnder(dir));
    const stored = [];
    for (const n of names) stored.push(await storePhoto(store, Buffer.from(PNG, 'base64'), n));
    expect(stored.map((s) => s.fileName)).toEqual(['passwd.jpg', 'x.xlsx', 'evil.png', 'win.ini.png', 'a_.png_.sh', '照片', '照片']);
    const added = filesUnder(dir).filter((f) => !before.has(f));
    expect(added).toHaveLength(names.length);
    for (const f of added) {
      expect(f.startsWith(store + path.sep)).toBe(true);
      expect(path.basename(f)).toMatch(/^[0-9a-f-]{36}\.png$/);
    }
    for (const s of stored) expect(s.storageKey).toMatch(/^\d{4}-\d{2}\/[0-9a-f-]{36}\.png$/);
    expect(displayName('照片/../../现场.jpg')).toBe('现场.jpg');
  });
});
