/**
 * The water company's two files, row by row: what each column must hold and what is wrong when it
 * does not (in words the company's clerk understands). Pure; the loaders stream the files.
 */
import { parseDay } from '../shared/dates.js';
import type { Account, NormTable } from './norms.js';

export const ACCOUNT_COLUMNS = ['户号', '户名', '地址', '用水类别', '行业', '户数', '人数', '床位', '建筑面积', '网格编号'] as const;
export const ACCOUNT_REQUIRED = new Set(['户号', '户名', '用水类别']);
export const READING_COLUMNS = ['户号', '期间', '用水量'] as const;
export const READING_REQUIRED = new Set(READING_COLUMNS);
/** Other names the companies' billing systems print. */
export const ALIASES: Readonly<Record<string, readonly string[]>> = {
  户号: ['用户号', '账户号', '客户编号'], 户名: ['用户名称', '客户名称'], 用水类别: ['用水性质'], 期间: ['抄表期间', '账期', '日期'],
  用水量: ['用水量（立方米）', '用水量(m³)', '水量'], 建筑面积: ['建筑面积（平方米）'],
};

export type CellError = { column: string; message: string };
export type AccountFields = {
  accountNo: string; name: string; address: string; category: string; industry: string | null;
  households: number | null; persons: number | null; beds: number | null; areaM2: number | null; gridCode: string | null;
};

const MAX_TEXT = 200;

function count(text: string, column: string, errors: CellError[]): number | null {
  if (!text) return null;
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) {
    errors.push({ column, message: '应为不小于0的整数' });
    return null;
  }
  return n;
}

/** One row of the accounts file; `cell` gives a column's trimmed text. */
export function parseAccountRow(cell: (column: string) => string): { value: AccountFields; errors: CellError[] } {
  const errors: CellError[] = [];
  const text = (column: string, max = MAX_TEXT) => {
    const t = cell(column);
    if (t.length > max) errors.push({ column, message: `过长（最多${max}字）` });
    return t;
  };
  const accountNo = text('户号', 40);
  if (accountNo && !/^[0-9A-Za-z-]+$/.test(accountNo)) errors.push({ column: '户号', message: '只能由数字、字母和“-”组成' });
  const area = cell('建筑面积');
  let areaM2: number | null = null;
  if (area) {
    const n = Number(area.replace(/,/g, ''));
    if (!Number.isFinite(n) || n < 0) errors.push({ column: '建筑面积', message: '应为不小于0的数字（平方米）' });
    else areaM2 = Math.round(n * 100) / 100;
  }
  const value: AccountFields = {
    accountNo, name: text('户名'), address: text('地址'), category: text('用水类别', 40), industry: text('行业', 40) || null,
    households: count(cell('户数'), '户数', errors), persons: count(cell('人数'), '人数', errors), beds: count(cell('床位'), '床位', errors),
    areaM2, gridCode: cell('网格编号') || null,
  };
  return { value, errors };
}

/**
 * The account as the engine sees it. The norm is looked up by 用水类别 first and then by 行业, so a
 * "非居民" account in the hotel trade is measured as a hotel.
 */
export function engineAccount(a: Omit<AccountFields, 'gridCode'>, norms: NormTable): Account {
  const known = (k: string | null) => !!k && Object.hasOwn(norms.categories, k);
  const category = known(a.category) ? a.category : known(a.industry) ? a.industry! : a.category;
  return {
    accountNo: a.accountNo, name: a.name, category,
    ...(a.households !== null ? { households: a.households } : {}), ...(a.persons !== null ? { persons: a.persons } : {}),
    ...(a.beds !== null ? { beds: a.beds } : {}), ...(a.areaM2 !== null ? { areaM2: a.areaM2 } : {}),
  };
}

export type ReadingFields = { accountNo: string; period: string; m3: number };

/**
 * One meter reading. 期间 is a month (2024-01, 2024/1, 2024年1月) or a day for daily data; a period
 * after `today` is an error. 用水量 is m³, not negative.
 */
export function parseReadingRow(accountNo: string, periodText: string, m3Text: string, today: string): { value: ReadingFields | null; errors: CellError[] } {
  const errors: CellError[] = [];
  if (!accountNo) errors.push({ column: '户号', message: '不能为空' });
  const period = parsePeriod(periodText);
  if (!period) errors.push({ column: '期间', message: periodText ? `“${periodText.slice(0, 20)}”不是有效期间（应为2024-01或2024-01-15）` : '不能为空' });
  else if (period > today) errors.push({ column: '期间', message: '期间晚于今天' });
  const m3 = Number(m3Text.replace(/,/g, ''));
  if (!m3Text) errors.push({ column: '用水量', message: '不能为空' });
  else if (!Number.isFinite(m3)) errors.push({ column: '用水量', message: `“${m3Text.slice(0, 20)}”不是数字` });
  else if (m3 < 0) errors.push({ column: '用水量', message: '用水量不能为负数' });
  return errors.length ? { value: null, errors } : { value: { accountNo, period: period!, m3 }, errors };
}

const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
/** '2024-1', '2024/01', '2024年1月', '202401' → '2024-01'; a day → 'YYYY-MM-DD'; else null. */
export function parsePeriod(text: string): string | null {
  const t = text.trim();
  const m = MONTH.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  return parseDay(t.replace(/T.*$/, ''));
}
