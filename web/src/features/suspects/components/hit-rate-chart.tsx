import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { SuspectBatch } from '../api/suspects-api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const asPercent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** Hit rate of each batch: the top N as bars, the random control slice as a line (when there is one to show). */
export function HitRateChart({ batches, height = 280 }: { batches: SuspectBatch[]; height?: number }) {
  const option = useMemo(() => {
    const withControl = batches.some((b) => b.controlHitRate !== null);
    return {
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#595959' } },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '—' : `${String(v)}%`) },
      xAxis: {
        type: 'category',
        data: batches.map((b) => `第${b.number}批`),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#d9d9d9' } },
        axisLabel: { color: '#262626' },
      },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#8c8c8c', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#eef1f6' } } },
      series: [
        {
          name: '前N户命中率',
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: '#1a5fb4', borderRadius: [4, 4, 0, 0] },
          label: { show: true, position: 'top', color: '#1a5fb4', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : '') },
          data: batches.map((b) => asPercent(b.hitRate)),
        },
        ...(withControl
          ? [
              {
                name: '随机对照命中率',
                type: 'line',
                connectNulls: true,
                symbolSize: 8,
                itemStyle: { color: '#d48806' },
                lineStyle: { width: 2, type: 'dashed' },
                data: batches.map((b) => asPercent(b.controlHitRate)),
              },
            ]
          : []),
      ],
    };
  }, [batches]);

  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}
