import type { z } from 'zod';
import type {
  BatchBody,
  BatchCreated,
  BatchList,
  CheckList,
  JobView,
  NormsBody,
  NormsView,
  OutcomeBody,
  OutcomeSaved,
  RunList,
  ScoresView,
} from '@server/features/utility/utility.schema';
import { api } from '../../../lib/api-client';

export type SuspectRun = z.infer<typeof RunList>['runs'][number];
export type ScoresPage = z.infer<typeof ScoresView>;
export type SuspectScore = ScoresPage['items'][number];
export type SuspectSignal = SuspectScore['signals'][number];
export type SurveyGap = NonNullable<SuspectScore['surveyGap']>;
export type AnalysisJob = z.infer<typeof JobView>;
export type Batches = z.infer<typeof BatchList>;
export type SuspectBatch = Batches['batches'][number];
export type SuspectModel = NonNullable<Batches['model']>;
export type NewBatch = z.input<typeof BatchBody>;
export type BatchCreatedView = z.infer<typeof BatchCreated>;
export type ChecksPage = z.infer<typeof CheckList>;
export type SuspectCheck = ChecksPage['items'][number];
export type CheckOutcome = NonNullable<SuspectCheck['outcome']>;
export type OutcomeInput = z.input<typeof OutcomeBody>;
export type OutcomeSavedView = z.infer<typeof OutcomeSaved>;
export type Norms = z.infer<typeof NormsView>;
export type NormRow = Norms['categories'][number];
export type NormBasis = NonNullable<NormRow['basis']>;
export type NormsEdit = z.input<typeof NormsBody>;

export const SURVEY_GAPS: readonly SurveyGap[] = ['noCard', 'tapOnlyCard'];
export const CHECK_OUTCOMES: readonly CheckOutcome[] = ['found', 'normal', 'no_access'];
export const CHECK_FILTERS = ['pending', ...CHECK_OUTCOMES] as const;
export type CheckFilter = (typeof CHECK_FILTERS)[number];

export type ScoresFilter = { gap?: SurveyGap; q?: string; page: number; pageSize: number };
export type ChecksFilter = { batchId?: number; outcome?: CheckFilter; page: number; pageSize: number };

export const fetchRuns = (signal?: AbortSignal) => api.get<z.infer<typeof RunList>>('/api/suspects/runs', undefined, signal);
export const fetchScores = (runId: number, filter: ScoresFilter, signal?: AbortSignal) => api.get<ScoresPage>(`/api/suspects/runs/${runId}/scores`, filter, signal);
/** Starts an analysis (as of `asOf`, YYYY-MM, or the latest month with readings); the answer is a job to poll. */
export const startAnalysis = (asOf: string | undefined) => api.post<AnalysisJob>('/api/suspects/runs', asOf ? { asOf } : {});
export const fetchJob = (id: string, signal?: AbortSignal) => api.get<AnalysisJob>(`/api/suspects/jobs/${id}`, undefined, signal);
/** One run's whole ranking as a spreadsheet (疑似双水源用水户.xlsx). */
export const runExportUrl = (runId: number) => `/api/suspects/runs/${runId}/export`;

export const fetchBatches = (signal?: AbortSignal) => api.get<Batches>('/api/suspects/batches', undefined, signal);
export const createBatch = (body: NewBatch) => api.post<BatchCreatedView>('/api/suspects/batches', body);
export const fetchChecks = (filter: ChecksFilter, signal?: AbortSignal) => api.get<ChecksPage>('/api/suspects/checks', filter, signal);
export const recordOutcome = (id: number, body: OutcomeInput) => api.post<OutcomeSavedView>(`/api/suspects/checks/${id}/outcome`, body);

export const fetchNorms = (signal?: AbortSignal) => api.get<Norms>('/api/suspects/norms', undefined, signal);
export const saveNorms = (body: NormsEdit) => api.put<Norms>('/api/suspects/norms', body);

/** The run an analysis job made, once it is done. */
export function runIdOf(job: AnalysisJob): number | null {
  const r = job.result;
  if (typeof r === 'object' && r !== null && 'runId' in r && typeof r.runId === 'number') return r.runId;
  return null;
}
