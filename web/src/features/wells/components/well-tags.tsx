import { Tag } from 'antd';
import { DISPOSITION_LABELS, SEAL_MODE_LABELS, WELL_STAGE_LABELS, type Disposition, type SealMode, type WellStage } from '@domain/well/lifecycle';

const STAGE_COLORS: Record<WellStage, string> = {
  discovered: 'volcano',
  verified: 'gold',
  decided: 'blue',
  notice_served: 'geekblue',
  supply_connected: 'cyan',
  sealed: 'green',
  accepted: 'success',
  reactivated: 'magenta',
  permit_issued: 'geekblue',
  meter_installed: 'cyan',
  tax_registered: 'success',
};

export function WellStageTag({ stage, testId, large }: { stage: WellStage; testId?: string; large?: boolean }) {
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid={testId} className={large ? 'ws-tag-large' : undefined}>
      {WELL_STAGE_LABELS[stage]}
    </Tag>
  );
}

const DISPOSITION_COLORS: Record<Disposition, string> = { seal: 'red', permit: 'purple', keep: 'default' };

/** 应封停 / 应纳管 / 保留; a well not yet decided shows 待确定. */
export function DispositionTag({ disposition, sealMode, large }: { disposition: Disposition | null; sealMode?: SealMode | null; large?: boolean }) {
  const cls = large ? 'ws-tag-large' : undefined;
  if (!disposition) {
    return (
      <Tag variant="outlined" className={cls}>
        待确定
      </Tag>
    );
  }
  return (
    <Tag variant="outlined" color={DISPOSITION_COLORS[disposition]} className={cls}>
      {DISPOSITION_LABELS[disposition]}
      {disposition === 'seal' && sealMode ? `·${SEAL_MODE_LABELS[sealMode]}` : ''}
    </Tag>
  );
}

/** 已完成 / 未完成 / 逾期 N 天 for a campaign task. */
export function TaskDoneTag({ done, overdue }: { done: boolean; overdue?: boolean }) {
  if (done) return <Tag color="success">已完成</Tag>;
  return overdue ? <Tag color="error">未完成·逾期</Tag> : <Tag color="default">未完成</Tag>;
}

/** “剩 N 天” / red “逾期 N 天” until a deadline; nothing once done. */
export function DaysLeft({ daysLeft, done }: { daysLeft: number | null; done: boolean }) {
  if (done || daysLeft === null) return <span className="ws-muted">—</span>;
  if (daysLeft < 0) return <span className="ws-days ws-days--overdue">逾期 {-daysLeft} 天</span>;
  if (daysLeft === 0) return <span className="ws-days ws-days--soon">今日到期</span>;
  return <span className={`ws-days${daysLeft <= 3 ? ' ws-days--soon' : ''}`}>剩 {daysLeft} 天</span>;
}
