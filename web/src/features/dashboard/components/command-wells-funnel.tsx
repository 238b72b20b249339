import { useMemo } from 'react';
import type { CommandWells } from '../api/command-api';
import { ChartTable, CommandChart, type CommandTheme } from './command-chart';

// the sealing path, in order: the funnel of 发现 → 验收 (permits and 备用井 are listed in the table)
const SEAL_PATH = ['discovered', 'verified', 'decided', 'notice_served', 'supply_connected', 'sealed', 'accepted'];
const COLORS = ['#bfbfbf', '#91caff', '#69b1ff', '#4096ff', '#1677ff', '#73d13d', '#389e0d'];

/** Wells by the stage they stand in on the date; a stage opens the wells list filtered to it. */
export function CommandWellsFunnel({ wells, theme, onPick }: { wells: CommandWells; theme: CommandTheme; onPick: (stage: string) => void }) {
  // the funnel shows how many wells reached each step (standing in it or further on); the label and the
  // list behind a click are the wells standing in it now. Past 已确定处置方式, permits and 备用井 also count as "reached".
  const stages = useMemo(() => {
    const onPath = SEAL_PATH.map((s) => wells.stages.find((x) => x.stage === s)!).filter(Boolean);
    const offPath = wells.stages.filter((s) => !SEAL_PATH.includes(s.stage)).reduce((n, s) => n + s.count, 0);
    const decided = SEAL_PATH.indexOf('decided');
    return onPath.map((s, i) => ({ ...s, reached: onPath.slice(i).reduce((n, x) => n + x.count, 0) + (i <= decided ? offPath : 0) }));
  }, [wells.stages]);
  const option = useMemo(() => {
    const max = Math.max(1, ...stages.map((s) => s.reached));
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; data: { count: number; reached: number } }) => `${p.name}：当前 ${p.data.count} 眼，累计到达 ${p.data.reached} 眼` },
      series: [
        {
          type: 'funnel',
          sort: 'descending',
          left: '10%',
          right: '10%',
          top: 8,
          bottom: 8,
          min: 0,
          max,
          minSize: '8%',
          gap: 2,
          cursor: 'pointer',
          label: { show: true, position: 'inside', color: '#fff', fontSize: theme.font, formatter: (p: { name: string; data: { count: number; reached: number } }) => `${p.name} ${p.data.reached}（当前 ${p.data.count}）` },
          data: stages.map((s, i) => ({ name: s.label, value: s.reached, count: s.count, reached: s.reached, stage: s.stage, itemStyle: { color: COLORS[i] } })),
        },
      ],
    };
  }, [stages, theme]);
  return (
    <div data-testid="command-wells-funnel">
      <CommandChart
        option={option}
        height={theme.font * 24}
        onPick={(p) => {
          const stage = (p.data as { stage?: string } | undefined)?.stage;
          if (stage) onPick(stage);
        }}
      />
      <ChartTable testId="command-wells-table" caption={`自备井 ${wells.total} 眼`} head={['阶段', '眼数']} rows={wells.stages.filter((s) => s.count > 0 || SEAL_PATH.includes(s.stage)).map((s) => [s.label, s.count])} />
    </div>
  );
}
