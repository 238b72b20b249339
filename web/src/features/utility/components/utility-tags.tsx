import { Tag } from 'antd';
import type { CheckOutcome, ImportState, MatchedBy } from '../api/utility-api';

export const IMPORT_STATE_LABELS: Record<ImportState, string> = {
  loading: '载入中',
  held: '待确认',
  applied: '已生效',
  discarded: '已放弃',
  failed: '失败',
};
const IMPORT_STATE_COLORS: Record<ImportState, string> = { loading: 'processing', held: 'warning', applied: 'success', discarded: 'default', failed: 'error' };

export function ImportStateTag({ state }: { state: ImportState }) {
  return <Tag color={IMPORT_STATE_COLORS[state]}>{IMPORT_STATE_LABELS[state]}</Tag>;
}

export const MATCHED_BY_LABELS: Record<NonNullable<MatchedBy>, string> = { card: '按一户一卡', grid_code: '按网格编号', address: '按地址' };

/** How an account was tied to a place: by a household card, by the grid code in the sheet, by its address — or not at all. */
export function MatchedByTag({ matchedBy }: { matchedBy: MatchedBy }) {
  if (!matchedBy) return <Tag color="warning">未匹配</Tag>;
  return <Tag color={matchedBy === 'card' ? 'blue' : matchedBy === 'grid_code' ? 'cyan' : 'geekblue'}>{MATCHED_BY_LABELS[matchedBy]}</Tag>;
}

type Outcome = CheckOutcome['outcome'];
const OUTCOME_TAGS: Record<NonNullable<Outcome> | 'pending', { label: string; color: string }> = {
  found: { label: '发现自备井', color: 'red' },
  normal: { label: '用水正常', color: 'green' },
  no_access: { label: '无法入户', color: 'default' },
  pending: { label: '待核查', color: 'blue' },
};

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  const t = OUTCOME_TAGS[outcome ?? 'pending'];
  return <Tag color={t.color}>{t.label}</Tag>;
}

/** ['2022-01', …, '2023-12'] → "2022-01 至 2023-12" (the server sends them sorted). */
export function periodRange(periods: readonly string[]): string {
  if (!periods.length) return '—';
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  return first === last ? first : `${first} 至 ${last}`;
}
