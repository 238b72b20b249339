/**
 * Heat-pump monitoring readings kept in spreadsheets (columns 项目名称, 日期/期间, 抽水量, 回灌量,
 * 方式, 水温). Pure: every bad row, or the readings to record — never some of them.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parsePeriod, periodStarted, READING_METHOD_LABELS, READING_METHODS, type ReadingMethod } from './project.js';

export const READING_SHEET_COLUMNS = ['项目名称', '日期/期间', '抽水量', '回灌量', '方式', '水温'] as const;
const REQUIRED = new Set(['项目名称', '日期/期间', '抽水量', '回灌量']);
const ALIASES: Record<string, readonly string[]> = {
  '日期/期间': ['日期', '期间', '月份', '监测日期'],
  抽水量: ['抽水量（立方米）', '抽水量(立方米)', '抽水量（m³）', '取水量'],
  回灌量: ['回灌量（立方米）', '回灌量(立方米)', '回灌量（m³）'],
  方式: ['计量方式', '监测方式'],
  水温: ['水温（℃）', '水温(℃)'],
};
/** Words people write for the two methods, besides the labels. */
const METHOD_WORDS: Record<string, ReadingMethod> = { 计量表: 'meter', 水表: 'meter', 在线计量: 'meter', 流量计: 'meter', 超声波抽测: 'ultrasonic', 超声波: 'ultrasonic', 超声波流量计: 'ultrasonic', 抽测: 'ultrasonic' };

export type PlannedReading = { rowNumber: number; projectId: number; period: string; pumpedM3: number; reinjectedM3: number; method: ReadingMethod; waterTempC: number | null };

export function planReadingSheet(
  sheet: { header: readonly string[]; body: readonly (readonly string[])[]; firstDataRow: number },
  ctx: {
    /** the projects the importer may record for, by name */
    projects: readonly { id: number; name: string }[];
    /** `${projectId}|${period}|${method}` of the readings already on file */
    taken: ReadonlySet<string>;
    today: string;
  },
): { readings: PlannedReading[]; errors: RowError[] } {
  const readings: PlannedReading[] = [];
  const seen = new Map<string, number>();
  const errors = eachSheetRow(sheet, { all: READING_SHEET_COLUMNS, required: REQUIRED, aliases: ALIASES }, ({ row, cell, fail, failed }) => {
    const name = cell('项目名称');
    const project = name ? ctx.projects.find((p) => p.name === name) : undefined;
    if (name && !project) fail('项目名称', `项目“${name}”不存在或不在管辖范围内`);
    const periodText = cell('日期/期间');
    const period = periodText ? parsePeriod(periodText) : null;
    if (periodText && !period) fail('日期/期间', `“${periodText}”不是有效的日期或月份（如 2024-06-03 或 2024-06）`);
    else if (period && !periodStarted(period, ctx.today)) fail('日期/期间', '不能晚于今天');
    const volume = (c: string) => {
      const t = cell(c).replace(/,/g, '');
      if (!t) return null;
      const v = Number(t);
      if (!Number.isFinite(v) || v < 0) return fail(c, `“${cell(c)}”不是有效的水量（立方米，不小于 0）`), null;
      return v;
    };
    const pumpedM3 = volume('抽水量');
    const reinjectedM3 = volume('回灌量');
    const methodText = cell('方式');
    const method = methodText ? (READING_METHODS.find((m) => m === methodText || READING_METHOD_LABELS[m] === methodText) ?? METHOD_WORDS[methodText]) : 'meter';
    if (!method) fail('方式', `应为 ${READING_METHODS.map((m) => READING_METHOD_LABELS[m]).join('、')} 之一`);
    const tempText = cell('水温').replace(/℃$/, '');
    const waterTempC = tempText ? Number(tempText) : null;
    if (waterTempC !== null && (!Number.isFinite(waterTempC) || waterTempC < -5 || waterTempC > 100)) fail('水温', `“${cell('水温')}”不是有效的水温（℃）`);
    if (failed() || !project || !period || pumpedM3 === null || reinjectedM3 === null || !method) return;
    const key = `${project.id}|${period}|${method}`;
    if (ctx.taken.has(key)) return fail('日期/期间', `该项目${period}的${READING_METHOD_LABELS[method]}读数已登记`);
    if (seen.has(key)) return fail('日期/期间', `与第${seen.get(key)}行重复`);
    seen.set(key, row);
    readings.push({ rowNumber: row, projectId: project.id, period, pumpedM3, reinjectedM3, method, waterTempC });
  });
  return { readings: errors.length ? [] : readings, errors };
}
