import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createCase, fetchCase, fetchCases, fetchSmallUsers, markCaseTypical, recordCaseTransition, setWellVolume, updateCase, writeCaseArticle,
  type CasesFilter, type CaseTransition, type CaseUpdate, type NewCase, type SmallUsersFilter,
} from '../api/cases-api';
import { ARTICLES_KEY } from '../../articles/hooks/use-articles';
import { WELLS_KEY } from '../../wells/hooks/use-wells';

/** Everything about cases shares this prefix: a step on one case moves the list too. */
export const CASES_KEY = ['cases'] as const;
export const SMALL_USERS_KEY = ['cases', 'small-users'] as const;
export const caseKey = (id: number) => [...CASES_KEY, 'case', id] as const;

export function useCases(filter: CasesFilter) {
  return useQuery({ queryKey: [...CASES_KEY, 'list', filter], queryFn: ({ signal }) => fetchCases(filter, signal), placeholderData: keepPreviousData });
}

export function useCase(id: number) {
  return useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => fetchCase(id, signal) });
}

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: NewCase) => createCase(body), meta: { silentErrors: true }, onSettled: () => qc.invalidateQueries({ queryKey: CASES_KEY }) });
}

export function useUpdateCase(id: number) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CaseUpdate) => updateCase(id, body), meta: { silentErrors: true }, onSettled: () => qc.invalidateQueries({ queryKey: CASES_KEY }) });
}

export function useCaseTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: CaseTransition) => recordCaseTransition(id, body), meta: { silentErrors: true }, onSettled: () => qc.invalidateQueries({ queryKey: CASES_KEY }) });
}

export function useMarkTypical(id: number) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: { typical: boolean; version: number }) => markCaseTypical(id, body), onSettled: () => qc.invalidateQueries({ queryKey: CASES_KEY }) });
}

/** The 工作信息 draft lands among the district's articles. */
export function useWriteCaseArticle(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number }) => writeCaseArticle(id, body),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: CASES_KEY }), qc.invalidateQueries({ queryKey: ARTICLES_KEY })]),
  });
}

export function useSmallUsers(filter: SmallUsersFilter) {
  return useQuery({ queryKey: [...SMALL_USERS_KEY, filter], queryFn: ({ signal }) => fetchSmallUsers(filter, signal), placeholderData: keepPreviousData });
}

export function useSetWellVolume() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ wellId, ...body }: { wellId: number; annualVolumeM3: number | null; version: number }) => setWellVolume(wellId, body),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: SMALL_USERS_KEY }), qc.invalidateQueries({ queryKey: WELLS_KEY })]),
  });
}
