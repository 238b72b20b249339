import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { periodLabel } from '@domain/heatpump/project';
import type { HeatPumpDetail } from '../api/heatpump-api';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/** Each month's reinjection ratio against the threshold; months below it in red. */
export function RatioChart({ months, threshold }: { months: HeatPumpDetail['months']; threshold: number }) {
  const option = useMemo(() => {
    const values = months.map((m) => pct(m.ratio)).filter((v): v is number => v !== null);
    const min = Math.max(0, Math.floor((Math.min(threshold * 100, ...values) - 5) / 5) * 5);
    return {
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      xAxis: { type: 'category', data: months.map((m) => periodLabel(m.period).replace(/^\d{4}年/, (y) => `${y.slice(2)}`)) },
      yAxis: { type: 'value', min, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: '月回灌率',
          type: 'line',
          symbolSize: 8,
          itemStyle: { color: '#1a5fb4' },
          data: months.map((m) => ({ value: pct(m.ratio), itemStyle: { color: m.low ? '#ff4d4f' : '#1a5fb4' } })),
        },
        { name: `标准 ${Math.round(threshold * 100)}%`, type: 'line', symbol: 'none', lineStyle: { type: 'dashed', color: '#fa8c16' }, itemStyle: { color: '#fa8c16' }, data: months.map(() => threshold * 100) },
      ],
    };
  }, [months, threshold]);
  return (
    <div data-testid="heatpump-ratio-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge lazyUpdate />
    </div>
  );
}
