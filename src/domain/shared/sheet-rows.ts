/**
 * The part every sheet import shares: find the named columns (a missing required one is an error
 * on the header row), skip blank lines, check the required cells, and hand each data row to the
 * planner with its cells by column name and a way to say what is wrong with it (row number,
 * column, why). Pure.
 */
import type { RowError } from '../org/org-import.js';

export type SheetRow = {
  row: number;
  /** the trimmed text of a column, '' when the column or the cell is absent */
  cell(column: string): string;
  fail(column: string, message: string): void;
  /** whether this row has reported an error so far */
  failed(): boolean;
};

/** Calls `each` for every non-blank data row; returns all errors (header errors stop before any row). */
export function eachSheetRow(
  sheet: { header: readonly string[]; body: readonly (readonly string[])[]; firstDataRow: number },
  columns: { all: readonly string[]; required: ReadonlySet<string>; aliases?: Readonly<Record<string, readonly string[]>> },
  each: (r: SheetRow) => void,
): RowError[] {
  const errors: RowError[] = [];
  const at = new Map<string, number>();
  for (const col of columns.all) {
    const names = [col, ...(columns.aliases?.[col] ?? [])];
    const i = sheet.header.findIndex((h) => names.includes((h ?? '').trim()));
    if (i >= 0) at.set(col, i);
    else if (columns.required.has(col)) errors.push({ row: sheet.firstDataRow - 1, column: col, message: `缺少必填列“${col}”` });
  }
  if (errors.length) return errors;
  sheet.body.forEach((cells, idx) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const row = idx + sheet.firstDataRow;
    const before = errors.length;
    const r: SheetRow = {
      row,
      cell: (c) => (at.has(c) ? (cells[at.get(c)!] ?? '').trim() : ''),
      fail: (column, message) => errors.push({ row, column, message }),
      failed: () => errors.length > before,
    };
    for (const c of columns.required) if (!r.cell(c)) r.fail(c, '不能为空');
    each(r);
  });
  return errors;
}
