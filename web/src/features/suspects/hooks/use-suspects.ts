import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WELLS_KEY } from '../../wells/hooks/use-wells';
import {
  createBatch,
  fetchBatches,
  fetchChecks,
  fetchJob,
  fetchNorms,
  fetchRuns,
  fetchScores,
  recordOutcome,
  saveNorms,
  startAnalysis,
  type AnalysisJob,
  type ChecksFilter,
  type NewBatch,
  type NormsEdit,
  type OutcomeInput,
  type ScoresFilter,
} from '../api/suspects-api';

/** Runs, rankings, batches, checks and norms share this prefix: an outcome moves the batch figures, a batch the checks. */
export const SUSPECTS_KEY = ['suspects'] as const;
const JOB_POLL_MS = 400;

export function useSuspectRuns() {
  return useQuery({ queryKey: [...SUSPECTS_KEY, 'runs'], queryFn: ({ signal }) => fetchRuns(signal) });
}

export function useSuspectScores(runId: number | undefined, filter: ScoresFilter) {
  return useQuery({
    enabled: !!runId,
    queryKey: [...SUSPECTS_KEY, 'scores', runId ?? 0, filter],
    queryFn: ({ signal }) => fetchScores(runId!, filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStartAnalysis() {
  return useMutation({ mutationFn: (asOf: string | undefined) => startAnalysis(asOf), meta: { silentErrors: true } });
}

/** An analysis job, polled every 400 ms while it runs. */
export function useAnalysisJob(started: AnalysisJob | null) {
  return useQuery({
    enabled: !!started,
    queryKey: ['suspects-job', started?.id ?? ''],
    queryFn: ({ signal }) => fetchJob(started!.id, signal),
    initialData: started ?? undefined,
    refetchInterval: (q) => (q.state.data?.state === 'running' ? JOB_POLL_MS : false),
    retry: false,
  });
}

export function useCreateBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewBatch) => createBatch(body),
    meta: { silentErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: SUSPECTS_KEY }),
  });
}

export function useSuspectBatches() {
  return useQuery({ queryKey: [...SUSPECTS_KEY, 'batches'], queryFn: ({ signal }) => fetchBatches(signal) });
}

export function useSuspectChecks(filter: ChecksFilter) {
  return useQuery({
    queryKey: [...SUSPECTS_KEY, 'checks', filter],
    queryFn: ({ signal }) => fetchChecks(filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** A field team's outcome; a well found may make a new well file, so the well lists reload too. */
export function useRecordOutcome() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: OutcomeInput }) => recordOutcome(id, body),
    // the dialog shows refusals (a stale version, a well out of scope) itself
    meta: { silentErrors: true },
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: SUSPECTS_KEY }), qc.invalidateQueries({ queryKey: WELLS_KEY })]),
  });
}

export function useSuspectNorms() {
  return useQuery({ queryKey: [...SUSPECTS_KEY, 'norms'], queryFn: ({ signal }) => fetchNorms(signal) });
}

export function useSaveNorms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NormsEdit) => saveNorms(body),
    onSuccess: (norms) => qc.setQueryData([...SUSPECTS_KEY, 'norms'], norms),
  });
}
