import type { CheckFilter, NormBasis, SuspectRun, SurveyGap } from '../api/suspects-api';

/** 0.734 → 73%; null → — */
export function percent(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`;
}

/** 2023-12 → 2023年12月 */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-');
  return y && m ? `${y}年${Number(m)}月` : month;
}

/** 截至2023年12月 · 4841户 · 疑似度≥50%：37户 · 已用核查结果12条 */
export function runLabel(run: SuspectRun): string {
  return `截至${formatMonth(run.asOf)} · ${run.accounts}户 · 疑似度≥50%：${run.flagged}户 · 已用核查结果${run.outcomesUsed}条`;
}

export const GAP_FILTER_LABELS: Record<SurveyGap, string> = { noCard: '无一户一卡', tapOnlyCard: '申报仅用自来水' };

export const CHECK_FILTER_LABELS: Record<CheckFilter, string> = { pending: '待核查', found: '发现自备井', normal: '用水正常', no_access: '无法入户' };

export const NORM_BASIS_LABELS: Record<NormBasis, string> = { person: '每人', bed: '每床位', areaM2: '每平方米', business: '每户' };
export const NORM_BASES = Object.keys(NORM_BASIS_LABELS) as NormBasis[];
