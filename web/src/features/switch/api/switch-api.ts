import type { z } from 'zod';
import type {
  CandidateWellsView, CreateSwitchBody, EditSwitchBody, ProgressBody, SwitchDetailView, SwitchEventView, SwitchList, SwitchProjectView,
} from '@server/features/switch/switch.schema';
import type { SwitchState } from '@domain/switch/switch-project';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type SwitchProject = SwitchProjectView;
export type SwitchDetail = z.infer<typeof SwitchDetailView>;
export type SwitchEvent = z.infer<typeof SwitchEventView>;
export type NewSwitchProject = z.input<typeof CreateSwitchBody>;
export type SwitchEdit = z.input<typeof EditSwitchBody>;
export type SwitchProgress = z.input<typeof ProgressBody>;
export type CandidateWell = z.infer<typeof CandidateWellsView>['wells'][number];
/** The answer of a projects sheet import: created and updated (by name), and whether it was applied. */
export type SwitchImportOutcome = { applied: boolean; created: number; updated: number };

export type SwitchFilter = { districtId?: number; state?: SwitchState; overdue?: boolean; q?: string; page: number; pageSize: number };

export function fetchSwitchProjects(filter: SwitchFilter, signal?: AbortSignal) {
  const { overdue, ...rest } = filter;
  return api.get<z.infer<typeof SwitchList>>('/api/switch/projects', { ...rest, ...(overdue ? { overdue: 'true' } : {}) }, signal);
}
export const fetchSwitchProject = (id: number, signal?: AbortSignal) => api.get<SwitchDetail>(`/api/switch/projects/${id}`, undefined, signal);
export const createSwitchProject = (body: NewSwitchProject) => api.post<SwitchDetail>('/api/switch/projects', body);
export const editSwitchProject = (id: number, body: SwitchEdit) => api.patch<SwitchDetail>(`/api/switch/projects/${id}`, body);
export const updateSwitchProgress = (id: number, body: SwitchProgress) => api.post<SwitchDetail>(`/api/switch/projects/${id}/progress`, body);
export const fetchCandidateWells = (unitId: number, projectId: number | undefined, signal?: AbortSignal) =>
  api.get<{ wells: CandidateWell[] }>('/api/switch/wells', { unitId, projectId }, signal);

export const importSwitchSheet = (input: { fileName: string; content: string; dryRun: boolean }, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<SwitchImportOutcome>('/api/switch/projects/import', input, onUpload);

/** Every project in the user's scope as a spreadsheet (水源置换项目), importable again. */
export const SWITCH_EXPORT_URL = '/api/switch/projects/export';
