import { useMemo } from 'react';
import type { CommandHeatPump as HeatPump } from '../api/command-api';
import { ChartTable, CommandChart, districtBarsOption, type CommandTheme } from './command-chart';
import { CommandFigure } from './command-figure';

/** 地温空调回灌: projects in scope and those whose latest month reinjects below the threshold; a click opens the list (the low ones for the red bar). */
export function CommandHeatPump({ heatpump, theme, onPick }: { heatpump: HeatPump; theme: CommandTheme; onPick: (to: string) => void }) {
  const option = useMemo(
    () => districtBarsOption(theme, heatpump.rows, [
      { name: '项目', color: '#13a8a8', value: (r) => r.projects },
      { name: '回灌不足', color: '#ff4d4f', value: (r) => r.low },
    ]),
    [heatpump.rows, theme],
  );
  const threshold = `${Math.round(heatpump.threshold * 100)}%`;
  return (
    <div data-testid="command-heatpump">
      <div className="ws-command-figures">
        <CommandFigure label="地温空调项目" value={heatpump.projects} to="/heatpump" testId="command-heatpump-projects" />
        <CommandFigure label={`最近月份回灌率低于 ${threshold}`} value={heatpump.low} to="/heatpump?low=true" tone={heatpump.low > 0 ? 'bad' : 'good'} testId="command-heatpump-low" />
      </div>
      {heatpump.rows.length > 0 && (
        <CommandChart
          option={option}
          height={theme.font * 16}
          onPick={(p) => {
            const r = p.dataIndex === undefined ? undefined : heatpump.rows[p.dataIndex];
            if (!r) return;
            onPick(`/heatpump?${[...(p.seriesIndex === 1 ? ['low=true'] : []), `district=${r.districtId}`].join('&')}`);
          }}
        />
      )}
      <ChartTable testId="command-heatpump-table" caption="地温空调回灌" head={['辖区', '项目', '回灌不足']} rows={heatpump.rows.map((r) => [r.district, r.projects, r.low])} />
    </div>
  );
}
