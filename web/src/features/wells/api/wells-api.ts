import type { z } from 'zod';
import type { CreateWellBody, TransitionBody, UpdateWellBody, WellDetailView, WellPhotoBody, WellView } from '@server/features/wells/wells.schema';
import type { PhotoView } from '@server/features/survey/survey.schema';
import type { Disposition, WellStage } from '@domain/well/lifecycle';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type Well = WellView;
export type WellDetail = z.infer<typeof WellDetailView>;
export type WellEventRecord = WellDetail['events'][number];
export type WellCampaign = WellDetail['campaigns'][number];
export type WellPhoto = PhotoView;
export type NewWell = z.input<typeof CreateWellBody>;
export type WellUpdate = z.input<typeof UpdateWellBody>;
export type WellTransition = z.input<typeof TransitionBody>;
export type PhotoStage = z.infer<typeof WellPhotoBody>['stage'];
/** The answer of a ledger import: what it creates, and whether it was applied (false on a dry run). */
export type WellImportOutcome = { applied: boolean; created: number; tasks: number };

export type WellsFilter = { unitId?: number; stage?: WellStage; disposition?: Disposition; q?: string; asOf?: string; page: number; pageSize: number };

export function fetchWells(filter: WellsFilter, signal?: AbortSignal): Promise<{ total: number; wells: Well[] }> {
  return api.get('/api/wells', filter, signal);
}

export const fetchWell = (id: number, asOf: string | undefined, signal?: AbortSignal) => api.get<WellDetail>(`/api/wells/${id}`, asOf ? { asOf } : undefined, signal);
export const createWell = (body: NewWell) => api.post<WellDetail>('/api/wells', body);
export const updateWell = (id: number, body: WellUpdate) => api.patch<WellDetail>(`/api/wells/${id}`, body);
export const recordWellTransition = (id: number, body: WellTransition) => api.post<WellDetail>(`/api/wells/${id}/transitions`, body);

export type WellPhotoInput = { stage: PhotoStage; lat: number | null; lng: number | null; fileName: string; content: string };
export const uploadWellPhoto = (id: number, body: WellPhotoInput, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<WellPhoto>(`/api/wells/${id}/photos`, body, onUpload);

export const importWellsSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<WellImportOutcome>('/api/wells/import', input, onUpload);

/** 一井一牌一码 label (SVG). */
export const wellTagUrl = (id: number) => `/api/wells/${id}/tag`;
/** The whole ledger in the user's scope, in the import's columns. */
export const WELLS_EXPORT_URL = '/api/wells/export';
