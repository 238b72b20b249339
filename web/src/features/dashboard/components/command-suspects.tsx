import { useMemo } from 'react';
import type { CommandSuspects as Suspects } from '../api/command-api';
import { ChartTable, CommandChart, type CommandTheme } from './command-chart';
import { CommandFigure } from './command-figure';

const rate = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** 疑似双水源核查: households checked and the share where a well was found, per batch; a click opens the batches. */
export function CommandSuspects({ suspects, theme, onPick }: { suspects: Suspects; theme: CommandTheme; onPick: () => void }) {
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 8, top: theme.font * 3, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, textStyle: { color: theme.text, fontSize: theme.font } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: suspects.batches.map((b) => `第${b.number}批`), axisLabel: { color: theme.text, fontSize: theme.font } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: theme.font }, splitLine: { lineStyle: { color: theme.line } } },
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%', color: theme.muted, fontSize: theme.font }, splitLine: { show: false } },
      ],
      series: [
        { name: '已核查', type: 'bar', cursor: 'pointer', itemStyle: { color: '#1a5fb4' }, data: suspects.batches.map((b) => b.visited) },
        { name: '查实', type: 'bar', cursor: 'pointer', itemStyle: { color: '#ff4d4f' }, data: suspects.batches.map((b) => b.found) },
        { name: '命中率', type: 'line', yAxisIndex: 1, itemStyle: { color: '#faad14' }, data: suspects.batches.map((b) => (b.hitRate === null ? null : Math.round(b.hitRate * 100))) },
      ],
    }),
    [suspects.batches, theme],
  );
  return (
    <div data-testid="command-suspects">
      <div className="ws-command-figures">
        <CommandFigure label="已核查户数" value={suspects.total.visited} to="/suspects/batches" testId="command-suspects-visited" />
        <CommandFigure label="查实自备井" value={suspects.total.found} to="/suspects/batches" tone="good" testId="command-suspects-found" />
        <CommandFigure label="命中率" value={rate(suspects.total.hitRate)} to="/suspects/batches" testId="command-suspects-rate" />
      </div>
      {suspects.batches.length > 0 && <CommandChart option={option} height={theme.font * 18} onPick={onPick} />}
      <ChartTable
        testId="command-suspects-table"
        caption="疑似双水源核查批次"
        head={['批次', '核查户数', '已核查', '查实', '待核查', '命中率']}
        rows={suspects.batches.map((b) => [`第${b.number}批`, b.checks, b.visited, b.found, b.pending, rate(b.hitRate)])}
      />
    </div>
  );
}
