import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ProgressBar = { id: number; name: string; grids: number; started: number; completed: number };

const SERIES = [
  { key: 'completed', name: '已完成', color: '#389e0d' },
  { key: 'inProgress', name: '排查中', color: '#1a5fb4' },
  { key: 'notStarted', name: '未开展', color: '#d9d9d9' },
] as const;

/** Grids of each unit by survey state, stacked: completed, in progress, not started. */
export function SurveyProgressChart({ bars, height, onPick }: { bars: ProgressBar[]; height: number; onPick?: (id: number) => void }) {
  const option = useMemo(() => {
    // top of the chart = first row of the table
    const rows = [...bars].reverse();
    const values = {
      completed: rows.map((b) => b.completed),
      inProgress: rows.map((b) => b.started - b.completed),
      notStarted: rows.map((b) => b.grids - b.started),
    };
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#595959' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)} 个网格` },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } }, axisLabel: { color: '#8c8c8c' } },
      yAxis: {
        type: 'category',
        data: rows.map((b) => b.name),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#d9d9d9' } },
        axisLabel: { color: '#262626', fontSize: 12, width: 110, overflow: 'truncate' },
      },
      series: SERIES.map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'grids',
        barMaxWidth: 24,
        itemStyle: { color: s.color },
        emphasis: { focus: 'series' },
        data: values[s.key],
      })),
    };
  }, [bars]);

  const events = useMemo(
    () => ({
      click: (p: { dataIndex?: number }) => {
        const bar = p.dataIndex === undefined ? undefined : [...bars].reverse()[p.dataIndex];
        if (bar && onPick) onPick(bar.id);
      },
    }),
    [bars, onPick],
  );

  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate onEvents={events} />;
}
