import { useMemo } from 'react';
import type { CommandTips as Tips } from '../api/command-api';
import { ChartTable, CommandChart, districtBarsOption, type CommandTheme } from './command-chart';
import { CommandFigure } from './command-figure';

/** 举报线索: received, closed and overdue as of the date; a district bar opens that district's tips. */
export function CommandTips({ tips, theme, onPick }: { tips: Tips; theme: CommandTheme; onPick: (to: string) => void }) {
  const option = useMemo(
    () => districtBarsOption(theme, tips.rows, [
      { name: '受理', color: '#1a5fb4', value: (r) => r.received },
      { name: '办结', color: '#52c41a', value: (r) => r.closed },
      { name: '超期', color: '#ff4d4f', value: (r) => r.overdue },
    ]),
    [tips.rows, theme],
  );
  return (
    <div data-testid="command-tips">
      <div className="ws-command-figures">
        <CommandFigure label="受理线索" value={tips.received} to="/tips" testId="command-tips-received" />
        <CommandFigure label={`办结（办结率 ${tips.closureRate}）`} value={tips.closed} to="/tips?state=closed" tone="good" testId="command-tips-closed" />
        <CommandFigure label="超期未办结" value={tips.overdue} to="/tips?overdue=true" tone={tips.overdue > 0 ? 'bad' : 'normal'} testId="command-tips-overdue" />
      </div>
      <CommandChart
        option={option}
        height={theme.font * 18}
        onPick={(p) => {
          const r = p.dataIndex === undefined ? undefined : tips.rows[p.dataIndex];
          if (!r) return;
          const district = r.districtId ? `district=${r.districtId}` : '';
          onPick(p.seriesIndex === 2 ? `/tips?overdue=true${district ? `&${district}` : ''}` : `/tips${district ? `?${district}` : ''}`);
        }}
      />
      <ChartTable testId="command-tips-table" caption="举报线索" head={['辖区', '受理', '办结', '超期']} rows={tips.rows.map((r) => [r.district, r.received, r.closed, r.overdue])} />
    </div>
  );
}
