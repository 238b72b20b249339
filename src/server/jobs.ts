/**
 * Long work started by a request (an analysis run) runs on in the background; the web app polls
 * its progress. Jobs live in this process only: a restart forgets them (their results are in the
 * database once done).
 */
import crypto from 'node:crypto';
import type { Progress } from './context.js';
import { notFound } from './http/errors.js';

export type JobView = { id: string; state: 'running' | 'done' | 'failed'; done: number; total: number; stage: string; result: unknown; error: string | null };
type Job = JobView & { ownerId: number; finishedAt: number | null };

const jobs = new Map<string, Job>();
const KEEP_MS = 60 * 60 * 1000;

/** Starts `work` now; the caller gets the job's id at once. */
export function startJob(ownerId: number, work: (progress: Progress) => Promise<unknown>): JobView {
  for (const [id, j] of jobs) if (j.finishedAt && Date.now() - j.finishedAt > KEEP_MS) jobs.delete(id);
  const job: Job = { id: crypto.randomUUID(), state: 'running', done: 0, total: 1, stage: '开始', result: null, error: null, ownerId, finishedAt: null };
  jobs.set(job.id, job);
  const progress: Progress = (done, total, stage) => Object.assign(job, { done, total, stage });
  void work(progress).then(
    (result) => Object.assign(job, { state: 'done', result, done: job.total, stage: '完成', finishedAt: Date.now() }),
    (err: Error) => Object.assign(job, { state: 'failed', error: err.message, finishedAt: Date.now() }),
  );
  return view(job);
}

/** A job of this user (another user's job is "not found"). */
export function jobStatus(id: string, ownerId: number): JobView {
  const job = jobs.get(id);
  if (!job || job.ownerId !== ownerId) throw notFound();
  return view(job);
}

const view = ({ id, state, done, total, stage, result, error }: Job): JobView => ({ id, state, done, total, stage, result, error });
