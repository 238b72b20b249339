import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SurveyEventKind } from '@domain/survey/survey-state';
import {
  createCard,
  fetchCard,
  fetchCardVersions,
  fetchGridCards,
  fetchGridDetail,
  fetchIssues,
  fetchProgress,
  fetchSurveyGrids,
  recordGridEvent,
  updateCard,
  type CardFields,
  type GridEventInput,
  type GridsFilter,
  type IssueKind,
} from '../api/survey-api';

/** Everything of the survey shares this prefix: a write reloads it all (counts move everywhere). */
export const SURVEY_KEY = ['survey'] as const;
const gridKey = (gridId: number) => [...SURVEY_KEY, 'grid', gridId] as const;

export function useSurveyProgress(asOf: string, unitId: number | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...SURVEY_KEY, 'progress', asOf, unitId ?? null],
    queryFn: ({ signal }) => fetchProgress({ asOf, ...(unitId ? { unitId } : {}) }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyGrids(filter: GridsFilter) {
  return useQuery({
    queryKey: [...SURVEY_KEY, 'grids', filter],
    queryFn: ({ signal }) => fetchSurveyGrids(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useGridDetail(gridId: number) {
  return useQuery({ queryKey: [...gridKey(gridId), 'detail'], queryFn: ({ signal }) => fetchGridDetail(gridId, signal) });
}

export function useGridCards(gridId: number) {
  return useQuery({ queryKey: [...gridKey(gridId), 'cards'], queryFn: ({ signal }) => fetchGridCards(gridId, signal) });
}

export function useCard(id: number | null) {
  return useQuery({
    queryKey: [...SURVEY_KEY, 'card', id],
    queryFn: ({ signal }) => fetchCard(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useCardVersions(id: number | null) {
  return useQuery({
    queryKey: [...SURVEY_KEY, 'card', id, 'versions'],
    queryFn: ({ signal }) => fetchCardVersions(id ?? 0, signal),
    enabled: id !== null,
  });
}

export function useSurveyIssues(kind: IssueKind, unitId: number | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...SURVEY_KEY, 'issues', kind, unitId ?? null, page, pageSize],
    queryFn: ({ signal }) => fetchIssues({ kind, ...(unitId ? { unitId } : {}), page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useGridEvent(gridId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ event, body }: { event: SurveyEventKind; body: GridEventInput }) => recordGridEvent(gridId, event, body),
    // the dialogs show refusals (an unmet checklist, a missing reason) themselves
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData([...gridKey(gridId), 'detail'], detail),
    onSettled: () => qc.invalidateQueries({ queryKey: SURVEY_KEY }),
  });
}

export function useCardMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: SURVEY_KEY });
  return {
    create: useMutation({ mutationFn: (body: CardFields & { gridId: number }) => createCard(body), onSettled, meta: { silentErrors: true } }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: CardFields & { version: number } }) => updateCard(id, body),
      onSettled,
      meta: { silentErrors: true },
    }),
  };
}
