import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WellView } from '@server/features/wells/wells.schema';
import { api } from '../../../lib/api-client';
import {
  createStaffTip,
  fetchOverdueTips,
  fetchReporter,
  fetchTip,
  fetchTips,
  fetchTipSummary,
  mergeTip,
  recordTipTransition,
  type NewStaffTip,
  type TipTransition,
  type TipsFilter,
} from '../api/tips-api';

/** Everything about tips shares this prefix: a step on one tip moves the list, the table and the overdue list. */
export const TIPS_KEY = ['tips'] as const;
export const tipKey = (id: number) => [...TIPS_KEY, 'tip', id] as const;

export function useTips(filter: TipsFilter) {
  return useQuery({
    queryKey: [...TIPS_KEY, 'list', filter],
    queryFn: ({ signal }) => fetchTips(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTip(id: number) {
  return useQuery({ queryKey: tipKey(id), queryFn: ({ signal }) => fetchTip(id, signal) });
}

export function useTipSummary(asOf: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...TIPS_KEY, 'summary', asOf],
    queryFn: ({ signal }) => fetchTipSummary(asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOverdueTips() {
  return useQuery({ queryKey: [...TIPS_KEY, 'overdue'], queryFn: ({ signal }) => fetchOverdueTips(signal) });
}

export function useCreateStaffTip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewStaffTip) => createStaffTip(body),
    meta: { silentErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: TIPS_KEY }),
  });
}

export function useTipTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TipTransition) => recordTipTransition(id, body),
    // the step form shows refusals (a step out of order, a missing field) itself
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(tipKey(id), detail),
    onSettled: () => qc.invalidateQueries({ queryKey: TIPS_KEY }),
  });
}

export function useMergeTip(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (intoId: number) => mergeTip(id, intoId),
    onSettled: () => qc.invalidateQueries({ queryKey: TIPS_KEY }),
  });
}

/**
 * The reporter's identity, fetched only when the user asks (a mutation, never a query: nothing
 * refetches it on focus or remount, and every fetch is one audited read).
 */
export function useRevealReporter(id: number) {
  return useMutation({ mutationFn: () => fetchReporter(id), meta: { silentErrors: true } });
}

/** Wells found by code, owner or address, to link a substantiated tip to its well file. */
export function useWellSearch(q: string, enabled: boolean) {
  return useQuery({
    enabled: enabled && q.trim().length > 0,
    queryKey: ['wells', 'tip-link', q.trim()],
    queryFn: ({ signal }) => api.get<{ total: number; wells: WellView[] }>('/api/wells', { q: q.trim(), page: 1, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
