import type { z } from 'zod';
import type {
  CreateHeatPumpProjectBody,
  HeatPumpList,
  HeatPumpProjectDetail,
  HeatPumpProjectView,
  HeatPumpRulesView,
  HeatPumpWriteResult,
  ReadingsImportResult,
  RecordObservationBody,
  RecordReadingBody,
  SaveHeatPumpRulesBody,
  SetHeatPumpWellsBody,
  UpdateHeatPumpProjectBody,
} from '@server/features/heatpump/heatpump.schema';
import type { HeatPumpStage } from '@domain/heatpump/project';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';
import type { SheetUpload } from '../../../ui/sheet-import-modal';

export type HeatPumpProject = HeatPumpProjectView;
export type HeatPumpDetail = HeatPumpProjectDetail;
export type HeatPumpProjects = z.infer<typeof HeatPumpList>;
export type HeatPumpRules = z.infer<typeof HeatPumpRulesView>;
export type HeatPumpWrite = z.infer<typeof HeatPumpWriteResult>;
export type NewHeatPumpProject = z.input<typeof CreateHeatPumpProjectBody>;
export type HeatPumpProjectUpdate = z.input<typeof UpdateHeatPumpProjectBody>;
export type NewReading = z.input<typeof RecordReadingBody>;
export type NewObservation = z.input<typeof RecordObservationBody>;
export type HeatPumpWellsUpdate = z.input<typeof SetHeatPumpWellsBody>;
export type ReadingsImportOutcome = z.infer<typeof ReadingsImportResult>;

export type HeatPumpFilter = { q?: string; districtId?: number; stage?: HeatPumpStage; low?: 'true'; page: number; pageSize: number };

export const HEATPUMP_EXPORT_URL = '/api/heatpump/projects/export';

export const fetchHeatPumpProjects = (filter: HeatPumpFilter, signal?: AbortSignal) => api.get<HeatPumpProjects>('/api/heatpump/projects', filter, signal);
export const fetchHeatPumpProject = (id: number, signal?: AbortSignal) => api.get<HeatPumpDetail>(`/api/heatpump/projects/${id}`, undefined, signal);
export const createHeatPumpProject = (body: NewHeatPumpProject) => api.post<HeatPumpDetail>('/api/heatpump/projects', body);
export const updateHeatPumpProject = (id: number, body: HeatPumpProjectUpdate) => api.patch<HeatPumpWrite>(`/api/heatpump/projects/${id}`, body);
export const setHeatPumpWells = (id: number, body: HeatPumpWellsUpdate) => api.put<HeatPumpWrite>(`/api/heatpump/projects/${id}/wells`, body);
export const recordReading = (id: number, body: NewReading) => api.post<HeatPumpWrite>(`/api/heatpump/projects/${id}/readings`, body);
export const recordObservation = (id: number, body: NewObservation) => api.post<HeatPumpWrite>(`/api/heatpump/projects/${id}/observations`, body);
export const fetchHeatPumpRules = (signal?: AbortSignal) => api.get<HeatPumpRules>('/api/heatpump/rules', undefined, signal);
export const saveHeatPumpRules = (body: z.input<typeof SaveHeatPumpRulesBody>) => api.put<HeatPumpRules>('/api/heatpump/rules', body);
export const importReadingsSheet = (body: SheetUpload, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<ReadingsImportOutcome>('/api/heatpump/readings/import', body, onUpload);
