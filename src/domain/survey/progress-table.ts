/** The survey progress table (自备井排查进度表): rules of DESIGN.md, figure 2. Pure. */
import { formatChineseDate } from '../shared/dates.js';
import { mdRow } from '../shared/markdown.js';

/** completed / all as a whole percent, rounded DOWN (452/504 → 89%). 0 grids → 0%. */
export function floorPercent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  return `${Math.floor((part * 100) / whole)}%`;
}

export type SurveyCounts = { grids: number; started: number; completed: number };
export type SurveyProgressRow = { district: string } & SurveyCounts & { rate: string };
export type SurveyProgressTable = { asOf: string; rows: SurveyProgressRow[]; total: SurveyCounts & { rate: string } };

export function surveyProgressTable(asOf: string, districts: readonly ({ district: string } & SurveyCounts)[]): SurveyProgressTable {
  const total = districts.reduce(
    (t, d) => ({ grids: t.grids + d.grids, started: t.started + d.started, completed: t.completed + d.completed }),
    { grids: 0, started: 0, completed: 0 },
  );
  return {
    asOf,
    rows: districts.map((d) => ({ district: d.district, grids: d.grids, started: d.started, completed: d.completed, rate: floorPercent(d.completed, d.grids) })),
    total: { ...total, rate: floorPercent(total.completed, total.grids) },
  };
}

/** The table as Markdown, laid out as the bulletin prints it. */
export function surveyProgressMarkdown(t: SurveyProgressTable): string {
  const lines = [
    '四区自备井排查进度表',
    '',
    `截止日期：${formatChineseDate(t.asOf)}`,
    '',
    '| 区域 \\ 类别 | 网格总数 | 已开展排查网格数 | 已完成排查网格数 | 排查完成率 |',
    '|---|---:|---:|---:|---:|',
    mdRow(['合计', t.total.grids, t.total.started, t.total.completed, t.total.rate]),
    ...t.rows.map((r) => mdRow([r.district, r.grids, r.started, r.completed, r.rate])),
  ];
  return lines.join('\n') + '\n';
}
