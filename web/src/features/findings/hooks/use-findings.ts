import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { INSPECTIONS_KEY } from '../../inspections/hooks/use-inspections';
import { SURVEY_KEY } from '../../survey/hooks/use-survey';
import {
  fetchBoard,
  fetchFinding,
  fetchFindings,
  fetchSummary,
  raiseFinding,
  recordFindingTransition,
  saveSummary,
  type FindingsFilter,
  type FindingTransition,
  type NewFinding,
  type SummaryEdit,
} from '../api/findings-api';

/** Everything about findings shares this prefix: a step on one finding moves the list, the board and the summary. */
export const FINDINGS_KEY = ['findings'] as const;
export const findingKey = (id: number) => [...FINDINGS_KEY, 'finding', id] as const;

export function useFindings(filter: FindingsFilter) {
  return useQuery({
    queryKey: [...FINDINGS_KEY, 'list', filter],
    queryFn: ({ signal }) => fetchFindings(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFinding(id: number) {
  return useQuery({ queryKey: findingKey(id), queryFn: ({ signal }) => fetchFinding(id, signal) });
}

export function useFindingsBoard() {
  return useQuery({ queryKey: [...FINDINGS_KEY, 'board'], queryFn: ({ signal }) => fetchBoard(signal) });
}

export function useFindingsSummary(weekEnd: string, unitId: number | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...FINDINGS_KEY, 'summary', weekEnd, unitId ?? null],
    queryFn: ({ signal }) => fetchSummary(weekEnd, unitId, signal),
    placeholderData: keepPreviousData,
  });
}

/** A finding raised on a visit shows on the visit's record; a missed well (漏排) reopens its grid's survey. */
export function useRaiseFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFinding) => raiseFinding(body),
    meta: { silentErrors: true },
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: FINDINGS_KEY }),
        qc.invalidateQueries({ queryKey: INSPECTIONS_KEY }),
        qc.invalidateQueries({ queryKey: SURVEY_KEY }),
      ]),
  });
}

export function useFindingTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FindingTransition) => recordFindingTransition(id, body),
    // the step form shows refusals (a step out of order, a missing field) itself
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(findingKey(id), detail),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: FINDINGS_KEY }), qc.invalidateQueries({ queryKey: INSPECTIONS_KEY })]),
  });
}

/** Saves the office's edit of the weekly summary; a stale version (409) is shown and reloaded by the query client. */
export function useSaveSummary() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SummaryEdit) => saveSummary(body),
    onSuccess: (summary, body) => qc.setQueryData([...FINDINGS_KEY, 'summary', body.weekEnd, body.unitId ?? null], summary),
    onSettled: () => qc.invalidateQueries({ queryKey: [...FINDINGS_KEY, 'summary'] }),
  });
}
