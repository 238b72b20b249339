import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createSample, fetchLinkTargets, fetchMixing, fetchSample, fetchSamples, linkSample, saveMixing, unlinkSample, updateSample,
  type MixingSave, type NewSample, type SampleLink, type SampleLinkKind, type SamplesFilter, type SampleUpdate,
} from '../api/samples-api';

/** Everything about samples shares this prefix: an edit, a link or new end-members move the list and the page. */
export const SAMPLES_KEY = ['samples'] as const;
export const sampleKey = (id: number) => [...SAMPLES_KEY, 'sample', id] as const;

export function useSamples(filter: SamplesFilter, enabled = true) {
  return useQuery({ enabled, queryKey: [...SAMPLES_KEY, 'list', filter], queryFn: ({ signal }) => fetchSamples(filter, signal), placeholderData: keepPreviousData });
}

export function useSample(id: number) {
  return useQuery({ queryKey: sampleKey(id), queryFn: ({ signal }) => fetchSample(id, signal) });
}

export function useMixing() {
  return useQuery({ queryKey: [...SAMPLES_KEY, 'mixing'], queryFn: ({ signal }) => fetchMixing(signal) });
}

export function useLinkTargets(kind: SampleLinkKind, q: string, enabled: boolean) {
  return useQuery({ enabled, queryKey: [...SAMPLES_KEY, 'link-targets', kind, q], queryFn: ({ signal }) => fetchLinkTargets(kind, q, signal), placeholderData: keepPreviousData });
}

function useSamplesMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta: { silentErrors: true }, onSettled: () => qc.invalidateQueries({ queryKey: SAMPLES_KEY }) });
}

export const useCreateSample = () => useSamplesMutation((body: NewSample) => createSample(body));
export const useUpdateSample = (id: number) => useSamplesMutation((body: SampleUpdate) => updateSample(id, body));
export const useLinkSample = (id: number) => useSamplesMutation((body: SampleLink) => linkSample(id, body));
export const useUnlinkSample = (id: number) => useSamplesMutation((body: SampleLink) => unlinkSample(id, body));
export const useSaveMixing = () => useSamplesMutation((body: MixingSave) => saveMixing(body));
