import type { z } from 'zod';
import type {
  CaseDetailView, CaseEventView, CaseImportResult, CasesList, CaseTransitionBody, CaseView, CreateCaseBody, SmallUsersView, UpdateCaseBody, VolumeImportResult,
} from '@server/features/cases/cases.schema';
import type { CaseState, Violation } from '@domain/case/case';
import type { TaxState } from '@domain/case/small-users';
import { api, apiPostWithProgress, withQuery, type UploadProgress } from '../../../lib/api-client';

export type Case = CaseView;
export type CaseDetail = z.infer<typeof CaseDetailView>;
export type CaseEventRecord = z.infer<typeof CaseEventView>;
export type NewCase = z.input<typeof CreateCaseBody>;
export type CaseUpdate = z.input<typeof UpdateCaseBody>;
export type CaseTransition = z.input<typeof CaseTransitionBody>;
export type CaseList = z.infer<typeof CasesList>;
export type CaseImportOutcome = z.infer<typeof CaseImportResult>;
export type SmallUsers = z.infer<typeof SmallUsersView>;
export type SmallUser = SmallUsers['rows'][number];
export type VolumeImportOutcome = z.infer<typeof VolumeImportResult>;

export type CasesFilter = { districtId?: number; state?: CaseState; violation?: Violation; typical?: boolean; q?: string; page: number; pageSize: number };
export type SmallUsersFilter = { districtId?: number; tax?: TaxState };

export function fetchCases(filter: CasesFilter, signal?: AbortSignal) {
  const { typical, ...rest } = filter;
  return api.get<CaseList>('/api/cases', { ...rest, ...(typical ? { typical: 'true' } : {}) }, signal);
}
export const fetchCase = (id: number, signal?: AbortSignal) => api.get<CaseDetail>(`/api/cases/${id}`, undefined, signal);
export const createCase = (body: NewCase) => api.post<CaseDetail>('/api/cases', body);
export const updateCase = (id: number, body: CaseUpdate) => api.patch<CaseDetail>(`/api/cases/${id}`, body);
export const recordCaseTransition = (id: number, body: CaseTransition) => api.post<CaseDetail>(`/api/cases/${id}/transitions`, body);
export const markCaseTypical = (id: number, body: { typical: boolean; version: number }) => api.post<CaseDetail>(`/api/cases/${id}/typical`, body);
export const writeCaseArticle = (id: number, body: { version: number }) => api.post<CaseDetail>(`/api/cases/${id}/article`, body);

export const importCasesSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<CaseImportOutcome>('/api/cases/import', input, onUpload);
/** Every case in the user's scope as a spreadsheet (执法案件台账). */
export const CASES_EXPORT_URL = '/api/cases/export';

export const fetchSmallUsers = (filter: SmallUsersFilter, signal?: AbortSignal) => api.get<SmallUsers>('/api/cases/small-users', filter, signal);
/** The list for the tax office, for one district or the whole scope. */
export const smallUsersExportUrl = (filter: SmallUsersFilter) => withQuery('/api/cases/small-users/export', filter);
export const setWellVolume = (wellId: number, body: { annualVolumeM3: number | null; version: number }) => api.put<{ wellId: number; annualVolumeM3: number | null }>(`/api/cases/small-users/${wellId}/volume`, body);
export const importVolumesSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<VolumeImportOutcome>('/api/cases/small-users/import', input, onUpload);
