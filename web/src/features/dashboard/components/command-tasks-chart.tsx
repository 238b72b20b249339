import * as echarts from 'echarts/core';
import { useMemo } from 'react';
import type { CommandTasks } from '../api/command-api';
import { ChartTable, CommandChart, type CommandTheme } from './command-chart';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const pct = (share: string) => Number(share.replace('%', ''));

/** The active campaign's districts ranked by the share done, with the change since yesterday; a click opens the district's tasks. */
export function CommandTasksChart({ tasks, theme, onPick }: { tasks: CommandTasks; theme: CommandTheme; onPick: (districtId: number | null) => void }) {
  const ordered = useMemo(() => [...tasks.rows].reverse(), [tasks.rows]); // rank 1 on top
  const option = useMemo(
    () => ({
      grid: { left: 8, right: theme.font * 9, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: { dataIndex: number }[]) => {
          const r = ordered[ps[0]?.dataIndex ?? 0];
          // the tooltip is HTML: a district's name is text from the org tree, so it is escaped
          return r ? `${echarts.format.encodeHTML(r.district)}：完成 ${r.all.done}/${r.all.tasks}（${r.share}）<br/>较昨日 ${signed(r.sinceYesterday)}，较上周 ${signed(r.sinceLastWeek)}` : '';
        },
      },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: theme.muted, fontSize: theme.font }, splitLine: { lineStyle: { color: theme.line } } },
      yAxis: { type: 'category', data: ordered.map((r) => `第${r.rank}名 ${r.district}`), axisTick: { show: false }, axisLabel: { color: theme.text, fontSize: theme.font } },
      series: [
        {
          type: 'bar',
          barMaxWidth: theme.font * 2.4,
          cursor: 'pointer',
          itemStyle: { color: '#1a5fb4', borderRadius: [0, 4, 4, 0] },
          label: {
            show: true,
            position: 'right',
            color: theme.text,
            fontSize: theme.font,
            formatter: (p: { dataIndex: number }) => {
              const r = ordered[p.dataIndex];
              return r ? `${r.share}（${signed(r.sinceYesterday)}）` : '';
            },
          },
          data: ordered.map((r) => pct(r.share)),
        },
      ],
    }),
    [ordered, theme],
  );
  return (
    <>
      <CommandChart
        testId="command-tasks-chart"
        option={option}
        height={Math.max(theme.font * 14, tasks.rows.length * theme.font * 4)}
        onPick={(p) => {
          const r = p.dataIndex === undefined ? undefined : ordered[p.dataIndex];
          if (r) onPick(r.districtId);
        }}
      />
      <ChartTable
        testId="command-tasks-table"
        caption={`${tasks.campaign.name}任务进度`}
        head={['辖区', '排名', '任务数', '已完成', '完成比例', '较昨日', '较上周']}
        rows={tasks.rows.map((r) => [r.district, r.rank, r.all.tasks, r.all.done, r.share, signed(r.sinceYesterday), signed(r.sinceLastWeek)])}
      />
    </>
  );
}

/** Tasks done by the end of each of the last 14 days (line) and done that day (bars). */
export function CommandTrendChart({ tasks, theme, onPick }: { tasks: CommandTasks; theme: CommandTheme; onPick: () => void }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 16, top: theme.font * 3, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { color: theme.text, fontSize: theme.font } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: tasks.trend.map((d) => d.day.slice(5)), axisLabel: { color: theme.muted, fontSize: theme.font } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: theme.font }, splitLine: { lineStyle: { color: theme.line } } },
        { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: theme.font }, splitLine: { show: false } },
      ],
      series: [
        { name: '累计完成', type: 'line', smooth: true, symbolSize: theme.font / 2, lineStyle: { width: theme.dark ? 4 : 2 }, itemStyle: { color: '#52c41a' }, data: tasks.trend.map((d) => d.done) },
        { name: '当日完成', type: 'bar', yAxisIndex: 1, barMaxWidth: theme.font * 1.5, itemStyle: { color: '#69b1ff' }, data: tasks.trend.map((d) => d.doneThatDay) },
      ],
    }),
    [tasks.trend, theme],
  );
  return (
    <>
      <CommandChart testId="command-trend-chart" option={option} height={theme.font * 20} onPick={onPick} />
      <ChartTable testId="command-trend-table" caption="近14日完成情况" head={['日期', '累计完成', '当日完成']} rows={tasks.trend.map((d) => [d.day, d.done, d.doneThatDay])} />
    </>
  );
}
