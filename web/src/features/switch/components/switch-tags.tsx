import '../switch.css';
import { Progress, Tag } from 'antd';
import { SWITCH_STATE_LABELS, type SwitchState } from '@domain/switch/switch-project';

const COLORS: Record<SwitchState, string> = { planning: 'default', negotiating: 'gold', started: 'processing', finished: 'cyan', supplied: 'success' };

/** 规划 / 协商 / 开工 / 完工 / 通水 */
export function SwitchStateTag({ state, large, testId }: { state: SwitchState; large?: boolean; testId?: string }) {
  return (
    <Tag color={COLORS[state]} className={large ? 'ws-tag-large' : undefined} data-testid={testId}>
      {SWITCH_STATE_LABELS[state]}
    </Tag>
  );
}

/** Planned finish passed while the works are not finished. */
export function SwitchOverdueTag({ overdue, large }: { overdue: boolean; large?: boolean }) {
  return overdue ? (
    <Tag color="error" className={large ? 'ws-tag-large' : undefined} data-testid="switch-overdue">
      逾期未完工
    </Tag>
  ) : null;
}

export function SwitchProgressBar({ progress, state, testId }: { progress: number; state: SwitchState; testId?: string }) {
  return <Progress percent={progress} size="small" status={state === 'supplied' ? 'success' : 'normal'} data-testid={testId} style={{ minWidth: 120, marginBottom: 0 }} />;
}

/** 待通水 on a campaign task: its well waits for a pipe-network switch; red when the deadline comes first. */
export function SupplyWaitTag({ wait }: { wait: { projectName: string; label: string; warning: string | null } }) {
  return (
    <span className="ws-supply-wait" data-testid="task-supply-wait">
      <Tag color="orange" title={`等待“${wait.projectName}”通水后封井`}>
        {wait.label}
      </Tag>
      {wait.warning && (
        <Tag color="error" data-testid="task-supply-warning">
          {wait.warning}
        </Tag>
      )}
    </span>
  );
}
