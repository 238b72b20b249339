import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { FINDING_STATE_LABELS, isSurveyWork, type FindingState } from '@domain/inspection/finding';

const STATE_COLORS: Record<FindingState, string> = { open: 'orange', rectifying: 'processing', submitted: 'cyan', returned: 'magenta', closed: 'success' };
export const STATE_ACCENTS: Record<FindingState, string> = { open: '#d46b08', rectifying: '#1a5fb4', submitted: '#08979c', returned: '#c41d7f', closed: '#389e0d' };

export function FindingStateTag({ state, testId, large }: { state: FindingState; testId?: string; large?: boolean }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} className={large ? 'ws-tag-large' : undefined}>
      {FINDING_STATE_LABELS[state]}
    </Tag>
  );
}

/** Faults of the survey work (排查不细, 漏排…) in one colour, water users' violations in another. */
export function FindingCategoryTag({ category, label, large }: { category: string; label: string; large?: boolean }) {
  return (
    <Tag variant="outlined" color={category === 'missed' ? 'red' : isSurveyWork(category) ? 'gold' : 'geekblue'} className={large ? 'ws-tag-large' : undefined}>
      {label}
    </Tag>
  );
}

export function FindingOverdueTag({ overdue, large }: { overdue: boolean; large?: boolean }) {
  if (!overdue) return null;
  return (
    <Tag color="red" icon={<ClockCircleOutlined />} className={large ? 'ws-tag-large' : undefined}>
      已逾期
    </Tag>
  );
}
