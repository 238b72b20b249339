import { Tag } from 'antd';
import { HEAT_PUMP_STAGE_LABELS, type HeatPumpStage } from '@domain/heatpump/project';

const STAGE_COLORS: Record<HeatPumpStage, string> = { approval: 'default', construction: 'gold', operation: 'processing', stopped: 'default' };

export function HeatPumpStageTag({ stage, large }: { stage: HeatPumpStage; large?: boolean }) {
  return (
    <Tag color={STAGE_COLORS[stage]} className={large ? 'ws-tag-large' : undefined}>
      {HEAT_PUMP_STAGE_LABELS[stage]}
    </Tag>
  );
}

export const percent = (r: number | null | undefined) => (r === null || r === undefined ? '—' : `${Math.round(r * 100)}%`);

/** A reinjection ratio, red when below the threshold. */
export function RatioTag({ ratio, low, testId }: { ratio: number | null; low: boolean; testId?: string }) {
  if (ratio === null) return <span className="ws-hp-ratio ws-hp-ratio--none">—</span>;
  return (
    <Tag color={low ? 'red' : 'green'} data-testid={testId} className="ws-hp-ratio">
      {percent(ratio)}
    </Tag>
  );
}
