import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { badRequest } from '../http/errors.js';
import { cellText } from './row-stream.js';

export type Sheet = { header: string[]; body: string[][]; firstDataRow: number };

export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

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

/** Reverses defuse() so that an exported sheet imports back unchanged. */
function undefuse(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/** Spreadsheet formula injection: a cell that starts like a formula is written as text. */
function defuse(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function writeXlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Wellseal';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  // exceljs writes strings as shared strings, never formulas; the prefix keeps re-saved CSVs safe too
  for (const r of rows) ws.addRow(r.map(defuse));
  ws.columns.forEach((col, i) => {
    const widest = Math.max(header[i]?.length ?? 4, ...rows.slice(0, 500).map((r) => r[i]?.length ?? 0));
    col.width = Math.min(40, widest * 2 + 2);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function writeCsv(header: string[], rows: string[][]): Buffer {
  // BOM so that Excel opens UTF-8 Chinese correctly
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([header, ...rows.map((r) => r.map(defuse))]))]);
}
