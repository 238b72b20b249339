import type { z } from 'zod';
import type {
  OverdueView,
  ReporterView,
  StaffTipBody,
  TipDetailView,
  TipEventView,
  TipSummaryView,
  TipTransitionBody,
  TipView,
} from '@server/features/tips/tips.schema';
import type { TipState } from '@domain/tip/workflow';
import { api } from '../../../lib/api-client';

export type Tip = TipView;
export type TipDetail = z.infer<typeof TipDetailView>;
export type TipEventRecord = z.infer<typeof TipEventView>;
export type TipDuplicate = TipDetail['duplicates'][number];
export type TipResult = NonNullable<Tip['result']>;
export type NewStaffTip = z.input<typeof StaffTipBody>;
export type TipTransition = z.input<typeof TipTransitionBody>;
export type Reporter = z.infer<typeof ReporterView>;
export type TipSummary = z.infer<typeof TipSummaryView>;
export type TipSummaryRow = TipSummary['rows'][number];
export type OverdueTips = z.infer<typeof OverdueView>;

export type TipsFilter = { state?: TipState; overdue?: boolean; districtId?: number; q?: string; page: number; pageSize: number };

export function fetchTips(filter: TipsFilter, signal?: AbortSignal): Promise<{ total: number; tips: Tip[] }> {
  const { overdue, ...rest } = filter;
  return api.get('/api/tips', { ...rest, ...(overdue ? { overdue: 'true' } : {}) }, signal);
}

export const fetchTip = (id: number, signal?: AbortSignal) => api.get<TipDetail>(`/api/tips/${id}`, undefined, signal);
export const createStaffTip = (body: NewStaffTip) => api.post<TipDetail>('/api/tips', body);
export const recordTipTransition = (id: number, body: TipTransition) => api.post<TipDetail>(`/api/tips/${id}/transitions`, body);
export const mergeTip = (id: number, intoId: number) => api.post<TipDetail>(`/api/tips/${id}/merge`, { intoId });
/** The reporter's identity: city only, and every call is written to the audit log — only on an explicit request. */
export const fetchReporter = (id: number) => api.get<Reporter>(`/api/tips/${id}/reporter`);

export const fetchTipSummary = (asOf: string, signal?: AbortSignal) => api.get<TipSummary>('/api/tips/summary', { asOf }, signal);
export const fetchOverdueTips = (signal?: AbortSignal) => api.get<OverdueTips>('/api/tips/overdue', undefined, signal);

export const tipSummaryExportUrl = (asOf: string, format: 'xlsx' | 'md') => `/api/tips/summary/export?asOf=${asOf}&format=${format}`;
/** The tip ledger; with the reporter's columns only for the city office and only when asked (audited). */
export const tipsExportUrl = (includeReporter: boolean) => `/api/tips/export?includeReporter=${includeReporter}`;
