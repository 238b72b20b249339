import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { badRequest } from '../http/errors.js';
import { cellText } from './row-stream.js';

export type Sheet = { header: string[]; body: string[][]; firstDataRow: number };

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;
/** An .xlsx is a zip: what it inflates to is bounded too (a 2 MB zip bomb can inflate to GBs). */
export const MAX_SHEET_UNZIPPED_BYTES = 100 * 1024 * 1024;

/** Reads the first worksheet of an .xlsx, or a .csv (UTF-8, or GB18030 as Excel in China saves it). */
export async function readSheet(data: Buffer, fileName: string): Promise<Sheet> {
  if (data.length > MAX_SHEET_BYTES) throw badRequest('文件过大（上限 20 MB）');
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(data);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return readCsv(data);
  throw badRequest('只支持 .xlsx 或 .csv 文件');
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('gb18030').decode(data);
  }
}

function readCsv(data: Buffer): Sheet {
  let records: string[][];
  try {
    records = parse(decodeText(data), { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (err) {
    throw badRequest(`CSV 文件格式错误：${(err as Error).message}`);
  }
  const [header = [], ...body] = records;
  return { header: header.map((h) => h.trim()), body: body.map((r) => r.map(undefuse)), firstDataRow: 2 };
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  await assertUnzipsWithin(data, MAX_SHEET_UNZIPPED_BYTES);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('Excel 文件中没有工作表');
  const rows: string[][] = [];
  let headerRow = 0;
  // columnCount scans every row: read it once, not once per row
  const columns = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    // a date cell reads as a day (or a month), never as the date's JavaScript text
    for (let c = 1; c <= columns; c++) cells.push(undefuse(cellText(row.getCell(c))));
    if (!headerRow && cells.some((c) => c !== '')) headerRow = n;
    if (headerRow) rows[n - headerRow] = cells;
  });
  const [header = [], ...body] = Array.from(rows, (r) => r ?? []);
  return { header, body, firstDataRow: headerRow + 1 };
}

/**
 * Inflates every entry of a zip, counting the bytes as they come out, and refuses it as soon as the
 * total passes `limit` (the sizes a zip declares can lie). Memory stays at one chunk.
 */
async function assertUnzipsWithin(data: Buffer, limit: number): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式');
  }
  const tooBig = badRequest(`Excel 文件解压后过大（上限 ${limit / 1024 / 1024} MB），请拆分后再导入`);
  let total = 0;
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > limit) {
            stream.pause();
            reject(tooBig);
          }
        })
        .on('error', () => reject(badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式')))
        .on('end', () => resolve());
    });
  }
}

/** Reverses the CSV apostrophe (and that of sheets exported before) so that an export imports back unchanged. */
function undefuse(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/**
 * Spreadsheet formula injection (OWASP "CSV injection"): text that begins with = + - @ TAB or CR
 * would be read as a formula by Excel, WPS or LibreOffice. A number, negative ones included, is
 * not a formula and stays a number.
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text);
}

/** A CSV cell: OWASP's rule, a leading apostrophe, so that a spreadsheet shows it as text. */
export function csvCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * The one way an xlsx leaves the server. Every text cell that looks like a formula gets the Text
 * number format ('@'): exceljs writes strings as strings (never formulas), and the Text format keeps
 * Excel and WPS from turning the cell into a formula when it is edited. The text is kept verbatim.
 */
export async function xlsxBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : null;
        if (text !== null && looksLikeFormula(text)) cell.numFmt = '@';
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeXlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wellseal';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((col, i) => {
    const widest = Math.max(header[i]?.length ?? 4, ...rows.slice(0, 500).map((r) => r[i]?.length ?? 0));
    col.width = Math.min(40, widest * 2 + 2);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return xlsxBuffer(wb);
}

export function writeCsv(header: string[], rows: string[][]): Buffer {
  // BOM so that Excel opens UTF-8 Chinese correctly
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([header, ...rows.map((r) => r.map(csvCell))]))]);
}
