/**
 * Loading survey progress kept elsewhere (columns 网格编号, 开始排查日期, 完成排查日期). Pure: rows
 * in, either row errors or the dated events to add. A grid's existing history is never rewritten.
 */
import type { RowError } from '../org/org-import.js';
import { parseDay } from '../shared/dates.js';
import { surveyStateAt, type DatedEvent, type SurveyEventKind } from './survey-state.js';

export type SurveySheetRow = { rowNumber: number; gridCode: string; startedOn: string; completedOn: string | null };

const COLUMNS = [
  { key: 'gridCode', label: '网格编号', aliases: ['网格编号', 'grid_code'] },
  { key: 'startedOn', label: '开始排查日期', aliases: ['开始排查日期', '开始日期', 'started_on'] },
  { key: 'completedOn', label: '完成排查日期', aliases: ['完成排查日期', '完成日期', 'completed_on'] },
] as const;

export function readSurveySheet(header: readonly string[], body: readonly (readonly string[])[], firstDataRow: number): { rows: SurveySheetRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const at: Record<string, number> = {};
  for (const c of COLUMNS) {
    const i = header.findIndex((h) => c.aliases.some((a) => a === (h ?? '').trim()));
    if (i < 0) errors.push({ row: firstDataRow - 1, column: c.label, message: `缺少必填列“${c.label}”` });
    else at[c.key] = i;
  }
  if (errors.length) return { rows: [], errors };
  const rows: SurveySheetRow[] = [];
  body.forEach((cells, idx) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const row = idx + firstDataRow;
    const get = (k: string) => (cells[at[k]!] ?? '').trim();
    const gridCode = get('gridCode');
    const start = get('startedOn');
    const done = get('completedOn');
    const startedOn = parseDay(start);
    const completedOn = done ? parseDay(done) : null;
    const before = errors.length;
    if (!gridCode) errors.push({ row, column: '网格编号', message: '不能为空' });
    if (!start) errors.push({ row, column: '开始排查日期', message: '不能为空' });
    else if (!startedOn) errors.push({ row, column: '开始排查日期', message: `“${start}”不是有效日期` });
    if (done && !completedOn) errors.push({ row, column: '完成排查日期', message: `“${done}”不是有效日期` });
    if (startedOn && completedOn && completedOn < startedOn) errors.push({ row, column: '完成排查日期', message: '完成日期早于开始日期' });
    if (errors.length === before) rows.push({ rowNumber: row, gridCode, startedOn: startedOn!, completedOn });
  });
  return { rows, errors };
}

export type PlannedEvent = { gridId: number; event: SurveyEventKind; onDate: string };

export function planSurveyImport(
  rows: readonly SurveySheetRow[],
  grids: ReadonlyMap<string, { id: number; events: readonly DatedEvent[] }>,
  today: string,
): { events: PlannedEvent[]; grids: number; unchanged: number; errors: RowError[] } {
  const errors: RowError[] = [];
  const events: PlannedEvent[] = [];
  const seen = new Map<string, number>();
  let unchanged = 0;
  for (const r of rows) {
    const grid = grids.get(r.gridCode);
    if (!grid) {
      errors.push({ row: r.rowNumber, column: '网格编号', message: `网格“${r.gridCode}”不存在、已关闭或不在管辖范围内` });
      continue;
    }
    if (seen.has(r.gridCode)) {
      errors.push({ row: r.rowNumber, column: '网格编号', message: `与第${seen.get(r.gridCode)}行重复` });
      continue;
    }
    seen.set(r.gridCode, r.rowNumber);
    if (r.startedOn > today) errors.push({ row: r.rowNumber, column: '开始排查日期', message: '不能晚于今天' });
    if (r.completedOn && r.completedOn > today) errors.push({ row: r.rowNumber, column: '完成排查日期', message: '不能晚于今天' });
    if (r.startedOn > today || (r.completedOn && r.completedOn > today)) continue;

    const history = grid.events;
    if (history.length === 0) {
      events.push({ gridId: grid.id, event: 'start', onDate: r.startedOn });
      if (r.completedOn) events.push({ gridId: grid.id, event: 'complete', onDate: r.completedOn });
      continue;
    }
    const started = history.find((e) => e.event === 'start')?.onDate;
    const state = surveyStateAt(history, '9999-12-31');
    const lastComplete = [...history].reverse().find((e) => e.event === 'complete')?.onDate ?? null;
    const lastDate = history.map((e) => e.onDate).sort().at(-1)!;
    if (started !== r.startedOn) {
      errors.push({ row: r.rowNumber, column: '开始排查日期', message: `系统中该网格已于 ${started} 开始排查，与表中不符` });
    } else if (state === 'completed' && lastComplete === r.completedOn) {
      unchanged += 1;
    } else if (state === 'in_progress' && r.completedOn === null) {
      unchanged += 1;
    } else if (state === 'in_progress' && r.completedOn && r.completedOn >= lastDate) {
      events.push({ gridId: grid.id, event: 'complete', onDate: r.completedOn });
    } else {
      errors.push({ row: r.rowNumber, column: '完成排查日期', message: `系统中该网格已有不同的排查记录（${state === 'completed' ? `已于 ${lastComplete} 完成` : '排查中'}），不能用导入覆盖` });
    }
  }
  return { events: errors.length ? [] : events, grids: new Set(events.map((e) => e.gridId)).size, unchanged, errors };
}
