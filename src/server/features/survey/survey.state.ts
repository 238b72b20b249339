import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { surveyStateAt, type SurveyEventKind } from '../../../domain/survey/survey-state.js';
import * as repo from './survey.repo.js';

/**
 * A grid's current survey state, kept in grid_survey_states: the fold of its whole history with the
 * domain rule, written in the same transaction as every survey event. The one place that writes them.
 */

const FAR_FUTURE = '9999-12-31';

/** Folds these grids' histories again and stores their states. */
export async function refreshSurveyStates(db: Kysely<DB>, gridIds: readonly number[]): Promise<void> {
  const ids = [...new Set(gridIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const by = new Map<number, { event: SurveyEventKind; onDate: string }[]>();
    for (const e of await repo.eventFactsOfGridIds(db, chunk)) (by.get(e.gridId) ?? by.set(e.gridId, []).get(e.gridId)!).push(e);
    const rows = chunk.flatMap((gridId) => {
      const history = by.get(gridId);
      if (!history?.length) return [];
      return [{ gridId, state: surveyStateAt(history, FAR_FUTURE), lastEventOn: history.reduce((m, e) => (e.onDate > m ? e.onDate : m), history[0]!.onDate) }];
    });
    await repo.writeSurveyStates(db, rows, chunk.filter((id) => !by.get(id)?.length));
  }
}

/** Writes survey events and the states they make, in the caller's transaction. */
export async function addSurveyEvents(db: Kysely<DB>, events: readonly { gridId: number; event: SurveyEventKind; onDate: string; reason: string | null; summary?: unknown; actorName: string }[]): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshSurveyStates(db, events.map((e) => e.gridId));
}

export async function fillSurveyStates(db: Kysely<DB>): Promise<number> {
  const ids = await repo.gridIdsWithoutState(db);
  await refreshSurveyStates(db, ids);
  return ids.length;
}

/** Grids whose stored state is not the fold of their history (should be none). */
export async function surveyStateMismatches(db: Kysely<DB>): Promise<number[]> {
  const stored = new Map((await repo.storedSurveyStates(db)).map((r) => [r.gridId, r]));
  const ids = [...new Set([...stored.keys(), ...(await repo.gridIdsWithEvents(db))])];
  const out: number[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const by = new Map<number, { event: SurveyEventKind; onDate: string }[]>();
    for (const e of await repo.eventFactsOfGridIds(db, chunk)) (by.get(e.gridId) ?? by.set(e.gridId, []).get(e.gridId)!).push(e);
    for (const id of chunk) {
      const history = by.get(id) ?? [];
      const row = stored.get(id);
      const last = history.reduce<string | null>((m, e) => (m === null || e.onDate > m ? e.onDate : m), null);
      if (history.length === 0 ? row !== undefined : row?.state !== surveyStateAt(history, FAR_FUTURE) || row.lastEventOn !== last) out.push(id);
    }
  }
  return out;
}
