import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createWell, fetchWell, fetchWells, recordWellTransition, updateWell, type NewWell, type WellTransition, type WellUpdate, type WellsFilter } from '../api/wells-api';

/**
 * Wells and campaigns share this prefix: a step recorded on a well moves the campaign tables,
 * so any write reloads both.
 */
export const WELLS_KEY = ['wells'] as const;
export const wellKey = (id: number) => [...WELLS_KEY, 'well', id] as const;

export function useWells(filter: WellsFilter) {
  return useQuery({
    queryKey: [...WELLS_KEY, 'list', filter],
    queryFn: ({ signal }) => fetchWells(filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** The well as it stood at the end of `asOf` (history replayed), or today. */
export function useWell(id: number, asOf: string | undefined) {
  return useQuery({
    queryKey: [...wellKey(id), asOf ?? 'today'],
    queryFn: ({ signal }) => fetchWell(id, asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useWellMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: WELLS_KEY });
  return {
    create: useMutation({ mutationFn: (body: NewWell) => createWell(body), onSettled, meta: { silentErrors: true } }),
    update: useMutation({ mutationFn: ({ id, body }: { id: number; body: WellUpdate }) => updateWell(id, body), onSettled, meta: { silentErrors: true } }),
  };
}

export function useWellTransition(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WellTransition) => recordWellTransition(id, body),
    // the step form shows refusals (a step out of order, a missing field) itself
    meta: { silentErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: WELLS_KEY }),
  });
}
