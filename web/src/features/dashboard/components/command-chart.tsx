import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Colours and sizes of the board: the office page, or the meeting-room screen (大屏, dark, large). */
export type CommandTheme = { dark: boolean; text: string; muted: string; line: string; font: number };
export const themeOf = (dark: boolean): CommandTheme =>
  dark ? { dark, text: '#e8f0ff', muted: '#9fb3d1', line: '#25406a', font: 20 } : { dark, text: '#262626', muted: '#8c8c8c', line: '#eef1f6', font: 12 };

export type ChartClick = { dataIndex?: number; seriesIndex?: number; name?: string; data?: unknown };

/** One ECharts chart; a click on a data item calls `onPick`. */
export function CommandChart({ option, height, onPick, testId }: { option: object; height: number; onPick?: (p: ChartClick) => void; testId?: string }) {
  const events = useMemo(() => ({ click: (p: ChartClick) => onPick?.(p) }), [onPick]);
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate onEvents={events} />
    </div>
  );
}

/** The chart's numbers as a table for screen readers and tests (canvas text cannot be read). */
export function ChartTable({ caption, head, rows, testId }: { caption: string; head: string[]; rows: (string | number)[][]; testId: string }) {
  return (
    <table className="ws-command-sr" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}</tr>
        ))}
      </tbody>
    </table>
  );
}

/** Grouped bars, one group per district, one bar per series (tips, findings). */
export function districtBarsOption<R extends { district: string }>(theme: CommandTheme, rows: readonly R[], series: { name: string; color: string; value: (r: R) => number }[]) {
  return {
    grid: { left: 8, right: 16, top: theme.font * 3, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: theme.text, fontSize: theme.font } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: rows.map((r) => r.district), axisLabel: { color: theme.text, fontSize: theme.font, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: theme.font }, splitLine: { lineStyle: { color: theme.line } } },
    series: series.map((s) => ({ name: s.name, type: 'bar', cursor: 'pointer', itemStyle: { color: s.color }, data: rows.map(s.value) })),
  };
}
