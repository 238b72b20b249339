import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FINDINGS_KEY } from '../../findings/hooks/use-findings';
import { WELLS_KEY } from '../../wells/hooks/use-wells';
import {
  addInspectionWell,
  createInspection,
  fetchInspection,
  fetchInspections,
  fetchVocabulary,
  saveVocabulary,
  updateInspection,
  type FoundWellInput,
  type InspectionsFilter,
  type InspectionUpdate,
  type NewInspection,
  type VocabularyUpdate,
} from '../api/inspections-api';

/** Everything about inspections shares this prefix. */
export const INSPECTIONS_KEY = ['inspections'] as const;
export const inspectionKey = (id: number) => [...INSPECTIONS_KEY, 'inspection', id] as const;

export function useInspections(filter: InspectionsFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...INSPECTIONS_KEY, 'list', filter],
    queryFn: ({ signal }) => fetchInspections(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInspection(id: number) {
  return useQuery({ queryKey: inspectionKey(id), queryFn: ({ signal }) => fetchInspection(id, signal) });
}

/** Finding categories and inspection methods: change rarely, shared by every form that offers them. */
export function useVocabulary() {
  return useQuery({ queryKey: [...INSPECTIONS_KEY, 'vocabulary'], queryFn: ({ signal }) => fetchVocabulary(signal), staleTime: 5 * 60_000 });
}

/** The city office's own finding categories and inspection methods. */
export function useSaveVocabulary() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VocabularyUpdate) => saveVocabulary(body),
    meta: { silentErrors: true },
    onSuccess: (v) => qc.setQueryData([...INSPECTIONS_KEY, 'vocabulary'], v),
  });
}

/**
 * A record can bring new well files and findings with it: any write reloads inspections,
 * findings and wells.
 */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: INSPECTIONS_KEY }),
      qc.invalidateQueries({ queryKey: FINDINGS_KEY }),
      qc.invalidateQueries({ queryKey: WELLS_KEY }),
    ]);
}

export function useCreateInspection() {
  const onSettled = useInvalidate();
  return useMutation({ mutationFn: (body: NewInspection) => createInspection(body), meta: { silentErrors: true }, onSettled });
}

export function useUpdateInspection(id: number) {
  const qc = useQueryClient();
  const onSettled = useInvalidate();
  return useMutation({
    mutationFn: (body: InspectionUpdate) => updateInspection(id, body),
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(inspectionKey(id), detail),
    onSettled,
  });
}

export function useAddInspectionWell(id: number) {
  const qc = useQueryClient();
  const onSettled = useInvalidate();
  return useMutation({
    mutationFn: (body: FoundWellInput) => addInspectionWell(id, body),
    meta: { silentErrors: true },
    onSuccess: (detail) => qc.setQueryData(inspectionKey(id), detail),
    onSettled,
  });
}
