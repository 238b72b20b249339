import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { TaskProgress } from '../api/campaigns-api';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** "35.11%" → 35.11, for bar heights only: labels print the server's strings. */
const percent = (s: string) => Number.parseFloat(s) || 0;

const SERIES = [
  { key: 'seal', name: '应封停', color: '#cf1322' },
  { key: 'permit', name: '应纳管', color: '#722ed1' },
  { key: 'all', name: '合计', color: '#1a5fb4' },
] as const;

/** Each district's share of tasks done (应封停, 应纳管, 合计), in rank order, against the total. */
export function TaskShareChart({ progress, height = 320, onPick }: { progress: TaskProgress; height?: number; onPick?: (district: string) => void }) {
  const option = useMemo(() => {
    const rows = progress.rows;
    return {
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#595959' } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: { dataIndex: number; seriesName: string; marker: string }[]) => {
          const r = rows[items[0]?.dataIndex ?? 0];
          if (!r) return '';
          const line = (name: string, c: { tasks: number; done: number; share: string }, marker = '') => `${marker}${name}：${c.done} / ${c.tasks}，${c.share}`;
          // the tooltip is HTML: a district's name is text from the org tree, so it is escaped
          return [`<strong>${echarts.format.encodeHTML(r.district)}</strong>（第 ${r.rank} 名）`, ...items.map((i) => line(i.seriesName, r[SERIES.find((s) => s.name === i.seriesName)?.key ?? 'all'], i.marker))].join('<br/>');
        },
      },
      xAxis: { type: 'category', data: rows.map((r) => r.district), axisTick: { show: false }, axisLine: { lineStyle: { color: '#d9d9d9' } }, axisLabel: { color: '#262626', fontSize: 13 } },
      yAxis: { type: 'value', max: 100, axisLabel: { color: '#8c8c8c', formatter: '{value}%' }, splitLine: { lineStyle: { color: '#eef1f6' } } },
      series: SERIES.map((s) => ({
        name: s.name,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: s.color, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => ({ value: percent(r[s.key].share), label: r[s.key].share })),
        label: {
          show: s.key === 'all',
          position: 'top',
          color: '#1a5fb4',
          fontWeight: 600,
          formatter: (p: { data: { label: string } }) => p.data.label,
        },
        ...(s.key === 'all'
          ? {
              markLine: {
                symbol: 'none',
                lineStyle: { color: '#d46b08', type: 'dashed' },
                label: { formatter: `总计 ${progress.total.all.share}`, color: '#d46b08', position: 'insideEndTop' },
                data: [{ yAxis: percent(progress.total.all.share) }],
              },
            }
          : {}),
      })),
    };
  }, [progress]);

  const events = useMemo(
    () => ({
      click: (p: { dataIndex?: number }) => {
        const r = p.dataIndex === undefined ? undefined : progress.rows[p.dataIndex];
        if (r && onPick) onPick(r.district);
      },
    }),
    [progress, onPick],
  );

  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate onEvents={events} />;
}
