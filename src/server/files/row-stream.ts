/**
 * Reads a CSV or XLSX file row by row without holding it in memory (a water company's readings
 * run to millions of rows). CSV may be UTF-8 or GB18030 (as Excel in China saves it).
 */
import { PassThrough, Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { badRequest } from '../http/errors.js';

/** The widest row read (the imports have a few dozen columns). */
export const MAX_ROW_CELLS = 1000;

/** One row: its number in the file (1 = the first line) and its cells as trimmed text. */
export type FileRow = { row: number; cells: string[] };

/** The rows of `input`, the header first; `onBytes` hears how many bytes have been read so far. */
export function streamRows(input: Readable, fileName: string, onBytes?: (bytes: number) => void): AsyncGenerator<FileRow> {
  let bytes = 0;
  const counted = new PassThrough();
  input.on('error', (err) => counted.destroy(err));
  input.pipe(counted);
  if (onBytes) counted.on('data', (chunk: Buffer) => onBytes((bytes += chunk.length)));
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return xlsxRows(counted);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return csvRows(counted);
  throw badRequest('只支持 .xlsx 或 .csv 文件');
}

async function* csvRows(input: Readable): AsyncGenerator<FileRow> {
  // csv-parse's `info` option would give line numbers but triples the parse time; count them here:
  // one line per record plus the line breaks inside its quoted cells (blank lines are records too)
  const parser = input.pipe(decoder()).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = ++line;
      for (const c of record) if (c.includes('\n')) line += c.split('\n').length - 1;
      yield { row, cells: record.map((c) => c.trim()) };
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('CSV_')) throw badRequest(`CSV 文件格式错误：${(err as Error).message}`);
    throw err;
  }
}

/** UTF-8 unless the first 64 KB are not valid UTF-8, then GB18030; decoded as a stream. */
function decoder(): Transform {
  let dec: TextDecoder | null = null;
  let head: Buffer[] = [], headBytes = 0;
  const pick = (sample: Buffer) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
      return new TextDecoder('utf-8');
    } catch {
      return new TextDecoder('gb18030');
    }
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!dec) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes < 65536) return done();
        const all = Buffer.concat(head);
        head = [];
        dec = pick(all);
        return done(null, dec.decode(all, { stream: true }));
      }
      done(null, dec.decode(chunk, { stream: true }));
    },
    flush(done) {
      if (!dec) {
        const all = Buffer.concat(head);
        dec = pick(all);
        return done(null, dec.decode(all));
      }
      done(null, dec.decode());
    },
  });
}

async function* xlsxRows(input: Readable): AsyncGenerator<FileRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        // a sheet of a few columns: a row reaching far to the right is a malformed (or hostile) file
        if (row.cellCount > MAX_ROW_CELLS) throw badRequest(`Excel 第 ${row.number} 行超过 ${MAX_ROW_CELLS} 列，请检查文件`);
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell)));
        yield { row: row.number, cells: Array.from(cells, (c) => c ?? '') };
      }
      return; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof Error && /zip|central directory|signature|end of data/i.test(err.message)) throw badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式');
    throw err;
  }
}

/** A cell as text; a date cell is a day, or a month when its format shows no day. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date) {
    const iso = v.toISOString().slice(0, 10);
    return /d/i.test(cell.numFmt ?? 'yyyy-mm-dd') ? iso : iso.slice(0, 7);
  }
  if (v !== null && typeof v === 'object') {
    if ('result' in v) return String(v.result ?? '').trim();
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
  }
  return v === null || v === undefined ? '' : String(v).trim();
}
