import { Tag } from 'antd';
import { CASE_STATE_LABELS, VIOLATION_LABELS, type CaseState, type Violation } from '@domain/case/case';

const STATE_COLORS: Record<CaseState, string> = { filed: 'default', investigating: 'processing', decided: 'orange', enforcing: 'gold', closed: 'success' };
const VIOLATION_COLORS: Record<Violation, string> = { refused: 'red', concealed: 'volcano', reactivated: 'magenta', discharge: 'purple', no_meter: 'geekblue', other: 'default' };

export function CaseStateTag({ state, testId }: { state: CaseState; testId?: string }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId}>
      {CASE_STATE_LABELS[state]}
    </Tag>
  );
}

export function ViolationTag({ violation, label }: { violation: Violation; label?: string }) {
  return <Tag color={VIOLATION_COLORS[violation]}>{label ?? VIOLATION_LABELS[violation]}</Tag>;
}

export function TypicalTag({ typical }: { typical: boolean }) {
  return typical ? <Tag color="red">典型案例</Tag> : null;
}

/** ¥100,000 */
export function formatYuan(yuan: number | null | undefined): string {
  return yuan === null || yuan === undefined ? '—' : `¥${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`;
}
