import type { z } from 'zod';
import type {
  CardBody,
  CardImportResult,
  CardVersionView,
  CardView,
  GridDetailView,
  GridSurveyView,
  IssuesView,
  PhotoView,
  ProgressView,
  SurveyImportResult,
  SurveyReportView,
} from '@server/features/survey/survey.schema';
import type { SurveyEventKind, SurveyState } from '@domain/survey/survey-state';
import { api, apiPostWithProgress, type UploadProgress } from '../../../lib/api-client';

export type Card = CardView;
export type CardFields = CardBody;
export type Photo = PhotoView;
export type GridSurvey = GridSurveyView;
export type GridDetail = z.infer<typeof GridDetailView>;
export type GridSummary = GridDetail['summary'];
export type ChecklistItem = GridDetail['checklist'][number];
export type SurveyEvent = GridDetail['events'][number];
export type Progress = z.infer<typeof ProgressView>;
export type ProgressRow = Progress['rows'][number];
export type SurveyReport = SurveyReportView;
export type Issues = z.infer<typeof IssuesView>;
export type IssueKind = Issues['kind'];
export type IssueCard = Issues['cards'][number];
export type IssueGrid = Issues['grids'][number];
export type CardVersion = z.infer<typeof CardVersionView>;
export type CardImportOutcome = z.infer<typeof CardImportResult>;
export type ProgressImportOutcome = z.infer<typeof SurveyImportResult>;

export type GridsFilter = { unitId?: number; state?: SurveyState; q?: string; page?: number; pageSize?: number };

export function fetchSurveyGrids(filter: GridsFilter, signal?: AbortSignal): Promise<{ total: number; grids: GridSurvey[] }> {
  return api.get('/api/survey/grids', filter, signal);
}

export const fetchGridDetail = (gridId: number, signal?: AbortSignal) => api.get<GridDetail>(`/api/survey/grids/${gridId}`, undefined, signal);

export type GridEventInput = { onDate?: string; reason?: string };
export function recordGridEvent(gridId: number, event: SurveyEventKind, body: GridEventInput): Promise<GridDetail> {
  return api.post(`/api/survey/grids/${gridId}/${event}`, body);
}

export async function fetchGridCards(gridId: number, signal?: AbortSignal): Promise<Card[]> {
  return (await api.get<{ cards: Card[] }>(`/api/survey/grids/${gridId}/cards`, undefined, signal)).cards;
}

export const fetchCard = (id: number, signal?: AbortSignal) => api.get<Card>(`/api/cards/${id}`, undefined, signal);
export const createCard = (body: CardFields & { gridId: number }) => api.post<Card>('/api/cards', body);
export const updateCard = (id: number, body: CardFields & { version: number }) => api.patch<Card>(`/api/cards/${id}`, body);

export async function fetchCardVersions(id: number, signal?: AbortSignal): Promise<CardVersion[]> {
  return (await api.get<{ versions: CardVersion[] }>(`/api/cards/${id}/versions`, undefined, signal)).versions;
}

export type PhotoOwner = Photo['ownerType'];
export function uploadCardPhoto(
  cardId: number,
  body: { ownerType: PhotoOwner; fileName: string; content: string },
  onUpload: (p: UploadProgress) => void,
): Promise<Photo> {
  return apiPostWithProgress(`/api/cards/${cardId}/photos`, body, onUpload);
}

export const fetchProgress = (query: { asOf: string; unitId?: number }, signal?: AbortSignal) => api.get<Progress>('/api/survey/progress', query, signal);

export function fetchIssues(query: { kind: IssueKind; unitId?: number; page: number; pageSize: number }, signal?: AbortSignal): Promise<Issues> {
  return api.get('/api/survey/issues', query, signal);
}

export type SheetImportInput = { fileName: string; content: string; dryRun: boolean };
export const importCardSheet = (input: SheetImportInput, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<CardImportOutcome>('/api/survey/import/cards', input, onUpload);
export const importProgressSheet = (input: SheetImportInput, onUpload: (p: UploadProgress) => void) =>
  apiPostWithProgress<ProgressImportOutcome>('/api/survey/import/progress', input, onUpload);

export const reportExportUrl = (asOf: string, format: 'xlsx' | 'md') => `/api/survey/report/export?asOf=${asOf}&format=${format}`;
export const cardsExportUrl = (unitId?: number) => `/api/survey/cards/export?format=xlsx${unitId ? `&unitId=${unitId}` : ''}`;
export const CARD_TEMPLATE_URL = '/api/survey/cards/template';
