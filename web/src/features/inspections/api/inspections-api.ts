import type { z } from 'zod';
import type {
  AddWellBody,
  CreateInspectionBody,
  InspectionDetailView,
  InspectionsList,
  InspectionView,
  UpdateInspectionBody,
} from '@server/features/inspections/inspections.schema';
import type { SaveVocabularyBody, VocabularyView } from '@server/features/findings/findings.schema';
import type { PhotoView } from '@server/features/survey/survey.schema';
import type { InspectionKind } from '@domain/inspection/inspection';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type Inspection = InspectionView;
export type InspectionDetail = z.infer<typeof InspectionDetailView>;
export type InspectionWell = InspectionDetail['wells'][number];
export type InspectionPhoto = PhotoView;
export type NewInspection = z.input<typeof CreateInspectionBody>;
export type InspectionUpdate = z.input<typeof UpdateInspectionBody>;
/** A well found on a visit: `{ wellId }` for one already on file, or the fields of a new well file. */
export type FoundWellInput = z.input<typeof AddWellBody>;
export type NewFoundWell = Exclude<FoundWellInput, { wellId: number }>;
export type Vocabulary = z.infer<typeof VocabularyView>;
export type VocabularyUpdate = z.input<typeof SaveVocabularyBody>;

export type InspectionsFilter = { from?: string; to?: string; kind?: InspectionKind; unitId?: number; q?: string; page: number; pageSize: number };

export const fetchInspections = (filter: InspectionsFilter, signal?: AbortSignal) => api.get<z.infer<typeof InspectionsList>>('/api/inspections', filter, signal);
export const fetchInspection = (id: number, signal?: AbortSignal) => api.get<InspectionDetail>(`/api/inspections/${id}`, undefined, signal);
export const createInspection = (body: NewInspection) => api.post<InspectionDetail>('/api/inspections', body);
export const updateInspection = (id: number, body: InspectionUpdate) => api.patch<InspectionDetail>(`/api/inspections/${id}`, body);
export const addInspectionWell = (id: number, body: FoundWellInput) => api.post<InspectionDetail>(`/api/inspections/${id}/wells`, body);

export const uploadInspectionPhoto = (id: number, body: { fileName: string; content: string }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<InspectionPhoto>(`/api/inspections/${id}/photos`, body, onUpload);

/** The finding categories and inspection methods: the built-in lists and the city office's own words. */
export const fetchVocabulary = (signal?: AbortSignal) => api.get<Vocabulary>('/api/inspections/vocabulary', undefined, signal);
export const saveVocabulary = (body: VocabularyUpdate) => api.put<Vocabulary>('/api/inspections/vocabulary', body);
