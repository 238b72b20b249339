import { useMemo } from 'react';
import type { CommandSurveyRow } from '../api/command-api';
import { ChartTable, CommandChart, type CommandTheme } from './command-chart';

const SERIES = [
  { key: 'completed', name: '已完成', color: '#52c41a' },
  { key: 'inProgress', name: '排查中', color: '#1a5fb4' },
  { key: 'notStarted', name: '未开展', color: '#bfbfbf' },
] as const;

/** Grids of each unit by survey state, stacked; a click on a bar opens the list behind it. */
export function CommandSurveyChart({ rows, theme, onPick }: { rows: CommandSurveyRow[]; theme: CommandTheme; onPick: (row: CommandSurveyRow) => void }) {
  const ordered = useMemo(() => [...rows].reverse(), [rows]); // top of the chart = first row
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 32, top: theme.font * 3, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: theme.font, itemHeight: theme.font * 0.8, textStyle: { color: theme.text, fontSize: theme.font } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)} 个网格` },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: theme.line } }, axisLabel: { color: theme.muted, fontSize: theme.font } },
      yAxis: { type: 'category', data: ordered.map((r) => `${r.name}  ${r.rate}`), axisTick: { show: false }, axisLabel: { color: theme.text, fontSize: theme.font, width: theme.font * 12, overflow: 'truncate' } },
      series: SERIES.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'grids',
        barMaxWidth: theme.font * 2.4,
        itemStyle: { color: s.color },
        cursor: 'pointer',
        data: ordered.map((r) => (s.key === 'completed' ? r.completed : s.key === 'inProgress' ? r.started - r.completed : r.grids - r.started)),
      })),
    }),
    [ordered, theme],
  );
  const pick = (p: { dataIndex?: number }) => {
    const row = p.dataIndex === undefined ? undefined : ordered[p.dataIndex];
    if (row) onPick(row);
  };
  return (
    <>
      <CommandChart testId="command-survey-chart" option={option} height={Math.max(theme.font * 14, rows.length * theme.font * 4 + theme.font * 4)} onPick={pick} />
      <ChartTable
        testId="command-survey-table"
        caption="排查进度"
        head={['单位', '网格数', '已开展', '已完成', '完成率']}
        rows={rows.map((r) => [r.name, r.grids, r.started, r.completed, r.rate])}
      />
    </>
  );
}
