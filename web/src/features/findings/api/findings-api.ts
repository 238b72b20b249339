import type { z } from 'zod';
import type {
  FindingDetailView,
  FindingEventView,
  FindingsBoard,
  FindingsList,
  FindingTransitionBody,
  FindingView,
  RaiseFindingBody,
  SaveSummaryBody,
  SummaryView,
} from '@server/features/findings/findings.schema';
import type { PhotoView } from '@server/features/survey/survey.schema';
import type { FindingState } from '@domain/inspection/finding';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type Finding = FindingView;
export type FindingDetail = z.infer<typeof FindingDetailView>;
export type FindingEventRecord = z.infer<typeof FindingEventView>;
export type FindingPhoto = PhotoView;
export type NewFinding = z.input<typeof RaiseFindingBody>;
export type FindingTransition = z.input<typeof FindingTransitionBody>;
export type Board = z.infer<typeof FindingsBoard>;
export type BoardDistrict = Board['districts'][number];
export type Summary = z.infer<typeof SummaryView>;
export type SummaryEdit = z.input<typeof SaveSummaryBody>;
/** The answer of a findings sheet import: how many it creates, and whether it was applied (false on a dry run). */
export type FindingImportOutcome = { applied: boolean; created: number };

export type FindingsFilter = {
  districtId?: number;
  state?: FindingState;
  category?: string;
  overdue?: boolean;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
};

export function fetchFindings(filter: FindingsFilter, signal?: AbortSignal) {
  const { overdue, ...rest } = filter;
  return api.get<z.infer<typeof FindingsList>>('/api/findings', { ...rest, ...(overdue ? { overdue: 'true' } : {}) }, signal);
}
export const fetchFinding = (id: number, signal?: AbortSignal) => api.get<FindingDetail>(`/api/findings/${id}`, undefined, signal);
export const fetchBoard = (signal?: AbortSignal) => api.get<Board>('/api/findings/board', undefined, signal);
export const raiseFinding = (body: NewFinding) => api.post<FindingDetail>('/api/findings', body);
export const recordFindingTransition = (id: number, body: FindingTransition) => api.post<FindingDetail>(`/api/findings/${id}/transitions`, body);

export const uploadFindingPhoto = (id: number, body: { fileName: string; content: string }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<FindingPhoto>(`/api/findings/${id}/photos`, body, onUpload);

export const importFindingsSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<FindingImportOutcome>('/api/findings/import', input, onUpload);

/** Every finding in the user's scope as a spreadsheet (问题整改台账). */
export const FINDINGS_EXPORT_URL = '/api/findings/export';

export const fetchSummary = (weekEnd: string, unitId: number | undefined, signal?: AbortSignal) => api.get<Summary>('/api/findings/summary', { weekEnd, unitId }, signal);
export const saveSummary = (body: SummaryEdit) => api.put<Summary>('/api/findings/summary', body);
