import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WELLS_KEY } from '../../wells/hooks/use-wells';
import {
  createSwitchProject, editSwitchProject, fetchCandidateWells, fetchSwitchProject, fetchSwitchProjects, updateSwitchProgress,
  type NewSwitchProject, type SwitchEdit, type SwitchFilter, type SwitchProgress,
} from '../api/switch-api';

/** Everything about source-switch projects shares this prefix. */
export const SWITCH_KEY = ['switch'] as const;
export const switchKey = (id: number) => [...SWITCH_KEY, 'project', id] as const;

export function useSwitchProjects(filter: SwitchFilter) {
  return useQuery({ queryKey: [...SWITCH_KEY, 'list', filter], queryFn: ({ signal }) => fetchSwitchProjects(filter, signal), placeholderData: keepPreviousData });
}

export function useSwitchProject(id: number) {
  return useQuery({ queryKey: switchKey(id), queryFn: ({ signal }) => fetchSwitchProject(id, signal) });
}

export function useCandidateWells(unitId: number | undefined, projectId: number | undefined) {
  return useQuery({
    enabled: !!unitId,
    queryKey: [...SWITCH_KEY, 'wells', unitId ?? 0, projectId ?? 0],
    queryFn: ({ signal }) => fetchCandidateWells(unitId ?? 0, projectId, signal),
  });
}

/** A project's wells and state mark campaign tasks 待通水: the campaign figures are refetched too. */
function useInvalidateAll() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: SWITCH_KEY }), qc.invalidateQueries({ queryKey: WELLS_KEY })]);
}

export function useCreateSwitchProject() {
  const invalidate = useInvalidateAll();
  return useMutation({ mutationFn: (body: NewSwitchProject) => createSwitchProject(body), meta: { silentErrors: true }, onSettled: invalidate });
}

export function useEditSwitchProject(id: number) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: SwitchEdit) => editSwitchProject(id, body),
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(switchKey(id), detail),
    onSettled: invalidate,
  });
}

export function useSwitchProgress(id: number) {
  const qc = useQueryClient();
  const invalidate = useInvalidateAll();
  return useMutation({
    mutationFn: (body: SwitchProgress) => updateSwitchProgress(id, body),
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(switchKey(id), detail),
    onSettled: invalidate,
  });
}
