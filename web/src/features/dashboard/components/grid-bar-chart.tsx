import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export type GridBar = { name: string; grids: number };

/** Grids per unit (district, or street for a district office), as horizontal bars. */
export function GridBarChart({ bars, height = 300 }: { bars: GridBar[]; height?: number }) {
  const option = useMemo(() => {
    const sorted = [...bars].sort((a, b) => a.grids - b.grids);
    return {
      grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => `${String(v)} 个网格` },
      xAxis: { type: 'value', splitLine: { lineStyle: { color: '#eef1f6' } }, axisLabel: { color: '#8c8c8c' } },
      yAxis: {
        type: 'category',
        data: sorted.map((b) => b.name),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#d9d9d9' } },
        axisLabel: { color: '#262626', fontSize: 13 },
      },
      series: [
        {
          type: 'bar',
          data: sorted.map((b) => b.grids),
          barMaxWidth: 26,
          itemStyle: {
            borderRadius: [0, 4, 4, 0],
            color: new echarts.graphic.LinearGradient(0, 0, 1, 0, [
              { offset: 0, color: '#4096ff' },
              { offset: 1, color: '#1a5fb4' },
            ]),
          },
          label: { show: true, position: 'right', color: '#1a5fb4', fontWeight: 600 },
        },
      ],
    };
  }, [bars]);

  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}
