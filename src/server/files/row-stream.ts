/**
 * Reads a CSV or XLSX file row by row without holding it in memory (a water company's readings
 * run to millions of rows). CSV may be UTF-8 or GB18030 (as Excel in China saves it).
 */
import { PassThrough, Transform, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { badRequest } from '../http/errors.js';

/** The widest row read (the imports have a few dozen columns). */
export const MAX_ROW_CELLS = 1000;

/**
 * An .xlsx keeps each distinct text once, in its shared-strings part, which a reader must hold in
 * memory while it streams the rows. Bounded so that the whole table stays near 150 MB at worst: a
 * readings file of a million accounts with their names fits; a larger one can be sent as CSV.
 */
export const SHARED_STRINGS_LIMITS = { strings: 2_000_000, chars: 30_000_000, xmlBytes: 128 * 1024 * 1024 };

/** One row: its number in the file (1 = the first line) and its cells as trimmed text. */
export type FileRow = { row: number; cells: string[] };

/** The rows of `input`, the header first; `onBytes` hears how many bytes have been read so far. */
export function streamRows(input: Readable, fileName: string, onBytes?: (bytes: number) => void): AsyncGenerator<FileRow> {
  let bytes = 0;
  const counted = new PassThrough();
  input.on('error', (err) => counted.destroy(err));
  counted.on('close', () => input.destroy());
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

/**
 * The shared strings of a workbook as plain texts (rich text joined, phonetic guides left out), read
 * with the limits above counted as the part inflates: a hostile part is refused after a few MB of
 * work, however large it claims (or inflates) to be.
 */
export async function readSharedStrings(entry: AsyncIterable<Buffer | string>, limits = SHARED_STRINGS_LIMITS): Promise<string[]> {
  const strings: string[] = [];
  const parser = new SaxesParser();
  let parts: string[] = [];
  let inText = false, phonetic = 0, chars = 0, bytes = 0;
  let broken = false;
  const local = (tag: { name: string }) => tag.name.slice(tag.name.indexOf(':') + 1);
  parser.on('error', () => void (broken = true));
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = local(tag);
    if (name === 'si') parts = [];
    else if (name === 't') inText = true;
    else if (name === 'rPh') phonetic++;
  });
  parser.on('text', (text: string) => {
    if (!inText || phonetic) return;
    chars += text.length;
    parts.push(text);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = local(tag);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') strings.push(parts.join(''));
  });
  const tooMany = () =>
    badRequest(`Excel 文件中不同的文字过多（超过 ${limits.strings / 10_000} 万条或 ${Math.round(limits.chars / 10_000)} 万字），请另存为 CSV 文件后导入`);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entry) {
    bytes += chunk.length;
    if (bytes > limits.xmlBytes) throw tooMany();
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (broken) throw badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式');
    if (strings.length > limits.strings || chars > limits.chars) throw tooMany();
  }
  parser.write(decoder.decode());
  parser.close();
  if (broken) throw badRequest('无法读取 Excel 文件，请确认是 .xlsx 格式');
  return strings;
}

/**
 * exceljs' streaming reader with its shared-strings cache replaced by `readSharedStrings`: exceljs
 * (4.4.0, pinned) reads that part in `_parseSharedStrings` and would keep every entry, with no limit,
 * as a string or a rich-text object. The input-safety test fails if this hook is no longer called.
 */
class BoundedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  declare sharedStrings?: string[];
  // a generator that yields nothing: exceljs delegates to it with yield*
  // eslint-disable-next-line require-yield
  async *_parseSharedStrings(entry: Readable): AsyncGenerator<never> {
    this.sharedStrings = await readSharedStrings(entry);
  }
}

async function* xlsxRows(input: Readable): AsyncGenerator<FileRow> {
  const reader = new BoundedWorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
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
    input.destroy(); // a refused file is not read on (and its file is closed)
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
