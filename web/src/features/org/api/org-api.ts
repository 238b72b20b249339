import type { OrgImportResponse, OrgUnitView } from '@server/features/org/org.schema';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type OrgUnit = OrgUnitView;
export type OrgLevel = OrgUnit['level'];
export type OrgImportResult = OrgImportResponse;

export async function fetchOrgUnits(includeClosed: boolean, signal?: AbortSignal): Promise<OrgUnit[]> {
  const res = await api.get<{ units: OrgUnit[] }>('/api/org/units', { includeClosed }, signal);
  return res.units;
}

export function updateOrgUnit(id: number, body: { version: number; name?: string; closedOn?: string | null }): Promise<OrgUnit> {
  return api.patch(`/api/org/units/${id}`, body);
}

export type OrgImportInput = { fileName: string; content: string; allowNewUnits: boolean; dryRun: boolean };

export function importOrgSheet(input: OrgImportInput, onUpload: (p: UploadProgress) => void): Promise<OrgImportResult> {
  return apiPostWithProgress('/api/org/import', input, onUpload);
}

export function orgExportUrl(format: 'xlsx' | 'csv'): string {
  return `/api/org/export?format=${format}`;
}
