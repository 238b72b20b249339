import { useMemo } from 'react';
import type { CommandFindings as Findings } from '../api/command-api';
import { ChartTable, CommandChart, districtBarsOption, type CommandTheme } from './command-chart';
import { CommandFigure } from './command-figure';

/** 问题整改: open and overdue findings as of the date; a district bar opens its findings (overdue ones for the red bar). */
export function CommandFindings({ findings, theme, onPick }: { findings: Findings; theme: CommandTheme; onPick: (to: string) => void }) {
  const option = useMemo(
    () => districtBarsOption(theme, findings.rows, [
      { name: '未销号', color: '#fa8c16', value: (r) => r.open },
      { name: '超期', color: '#ff4d4f', value: (r) => r.overdue },
    ]),
    [findings.rows, theme],
  );
  return (
    <div data-testid="command-findings">
      <div className="ws-command-figures">
        <CommandFigure label="发现问题" value={findings.total} to="/findings" testId="command-findings-total" />
        <CommandFigure label="未销号" value={findings.open} to="/findings" testId="command-findings-open" />
        <CommandFigure label="超期未整改" value={findings.overdue} to="/findings?overdue=true" tone={findings.overdue > 0 ? 'bad' : 'normal'} testId="command-findings-overdue" />
      </div>
      <CommandChart
        option={option}
        height={theme.font * 18}
        onPick={(p) => {
          const r = p.dataIndex === undefined ? undefined : findings.rows[p.dataIndex];
          if (!r) return;
          const q = [...(p.seriesIndex === 1 ? ['overdue=true'] : []), ...(r.districtId ? [`district=${r.districtId}`] : [])].join('&');
          onPick(`/findings${q ? `?${q}` : ''}`);
        }}
      />
      <ChartTable testId="command-findings-table" caption="问题整改" head={['辖区', '问题数', '未销号', '超期']} rows={findings.rows.map((r) => [r.district, r.total, r.open, r.overdue])} />
    </div>
  );
}
