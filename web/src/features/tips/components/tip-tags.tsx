import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { TIP_CHANNEL_LABELS, TIP_STATE_LABELS, type TipChannel, type TipState } from '@domain/tip/workflow';
import type { TipResult } from '../api/tips-api';

const STATE_COLORS: Record<TipState, string> = { received: 'default', assigned: 'processing', investigated: 'cyan', closed: 'success' };

export function TipStateTag({ state, testId, large }: { state: TipState; testId?: string; large?: boolean }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} className={large ? 'ws-tag-large' : undefined}>
      {TIP_STATE_LABELS[state]}
    </Tag>
  );
}

export const TIP_RESULT_LABELS: Record<TipResult, string> = { substantiated: '有效', unsubstantiated: '无效' };

/** 有效 = the tip was substantiated on site (the bulletin's 有效（件）). */
export function TipResultTag({ result, large }: { result: TipResult | null; large?: boolean }) {
  if (!result) return null;
  return (
    <Tag color={result === 'substantiated' ? 'volcano' : 'default'} variant="outlined" className={large ? 'ws-tag-large' : undefined}>
      {TIP_RESULT_LABELS[result]}
    </Tag>
  );
}

export function OverdueTag({ overdue, large }: { overdue: boolean; large?: boolean }) {
  if (!overdue) return null;
  return (
    <Tag color="red" icon={<ClockCircleOutlined />} className={large ? 'ws-tag-large' : undefined}>
      逾期
    </Tag>
  );
}

export function ChannelTag({ channel }: { channel: TipChannel }) {
  return (
    <Tag variant="outlined" color={channel === 'web' ? 'blue' : channel === 'hotline' ? 'geekblue' : 'default'}>
      {TIP_CHANNEL_LABELS[channel]}
    </Tag>
  );
}
