import type { z } from 'zod';
import type {
  LinkBody, LinkKind, LinkTargets, MixingView, SampleBody, SampleDetailView, SamplesList, SampleView, SaveMixingBody, UpdateSampleBody,
} from '@server/features/samples/samples.schema';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type Sample = SampleView;
export type SampleDetail = z.infer<typeof SampleDetailView>;
export type NewSample = z.input<typeof SampleBody>;
export type SampleUpdate = z.input<typeof UpdateSampleBody>;
export type SampleLinkKind = LinkKind;
export type SampleLink = z.input<typeof LinkBody>;
export type Mixing = z.infer<typeof MixingView>;
export type MixingSave = z.input<typeof SaveMixingBody>;
export type LinkTarget = z.infer<typeof LinkTargets>['targets'][number];
export type SampleImportOutcome = { applied: boolean; created: number };

export type SamplesFilter = {
  districtId?: number;
  minShare?: number;
  belowDetection?: boolean;
  linkKind?: LinkKind;
  linkId?: number;
  q?: string;
  page: number;
  pageSize: number;
};

export function fetchSamples(filter: SamplesFilter, signal?: AbortSignal) {
  const { belowDetection, ...rest } = filter;
  return api.get<z.infer<typeof SamplesList>>('/api/samples', { ...rest, ...(belowDetection ? { belowDetection: 'true' } : {}) }, signal);
}
export const fetchSample = (id: number, signal?: AbortSignal) => api.get<SampleDetail>(`/api/samples/${id}`, undefined, signal);
export const createSample = (body: NewSample) => api.post<SampleDetail>('/api/samples', body);
export const updateSample = (id: number, body: SampleUpdate) => api.put<SampleDetail>(`/api/samples/${id}`, body);
export const linkSample = (id: number, body: SampleLink) => api.post<SampleDetail>(`/api/samples/${id}/links`, body);
export const unlinkSample = (id: number, body: SampleLink) => api.delete<SampleDetail>(`/api/samples/${id}/links/${body.kind}/${body.refId}`);
export const fetchLinkTargets = (kind: LinkKind, q: string, signal?: AbortSignal) => api.get<z.infer<typeof LinkTargets>>('/api/samples/link-targets', { kind, q }, signal);
export const fetchMixing = (signal?: AbortSignal) => api.get<Mixing>('/api/samples/mixing', undefined, signal);
export const saveMixing = (body: MixingSave) => api.put<Mixing>('/api/samples/mixing', body);

export const importSamplesSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<SampleImportOutcome>('/api/samples/import', input, onUpload);

/** Every sample in the user's scope with its lab results, as a spreadsheet (水样化验台账). */
export const SAMPLES_EXPORT_URL = '/api/samples/export';
