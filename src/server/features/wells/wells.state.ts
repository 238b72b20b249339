import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { wellAsOf, WellRuleError, type WellEvent, type WellEventData, type WellEventKind } from '../../../domain/well/lifecycle.js';
import * as repo from './wells.repo.js';

/**
 * A well's current stage and disposition, kept in its row: the fold of its whole history with the
 * domain rule, written in the same transaction as every event. The one place that writes well events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: WellEventKind; onDate: string; data: unknown };

/** The columns for a history; a history the rules refuse is stored as not folded (null), so readers fold it and say why. */
export function wellStateColumns(history: readonly Fact[]): repo.WellStateColumns {
  const lastEventOn = history.reduce<string | null>((m, e) => (m === null || e.onDate > m ? e.onDate : m), null);
  try {
    const w = wellAsOf(history.map((e): WellEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData })), FAR_FUTURE);
    return { stage: w.stage, disposition: w.disposition, lastEventOn };
  } catch (err) {
    if (!(err instanceof WellRuleError)) throw err;
    return { stage: null, disposition: null, lastEventOn };
  }
}

/** Folds these wells' histories again and stores their stages (after a well is created, or its events change). */
export async function refreshWellStates(db: Kysely<DB>, wellIds: readonly number[]): Promise<void> {
  const ids = [...new Set(wellIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk)) (by.get(e.wellId) ?? by.set(e.wellId, []).get(e.wellId)!).push(e);
    await repo.writeStates(db, chunk.map((id) => ({ id, ...wellStateColumns(by.get(id) ?? []) })));
  }
}

/** Writes well events and the stages they make, in the caller's transaction (`newWellIds`: wells just created, with or without events). */
export async function addWellEvents(db: Kysely<DB>, events: readonly { wellId: number; event: WellEventKind; onDate: string; data: WellEventData; actorName: string }[], newWellIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshWellStates(db, [...newWellIds, ...events.map((e) => e.wellId)]);
}

export async function fillWellStates(db: Kysely<DB>): Promise<number> {
  const ids = await repo.idsWithoutState(db);
  await refreshWellStates(db, ids);
  return ids.length;
}

export async function wellStateMismatches(db: Kysely<DB>): Promise<number[]> {
  const stored = await repo.storedStates(db);
  const out: number[] = [];
  for (let i = 0; i < stored.length; i += 5000) {
    const chunk = stored.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk.map((r) => r.id))) (by.get(e.wellId) ?? by.set(e.wellId, []).get(e.wellId)!).push(e);
    for (const r of chunk) {
      const want = wellStateColumns(by.get(r.id) ?? []);
      if (r.stage !== want.stage || r.disposition !== want.disposition || r.lastEventOn !== want.lastEventOn) out.push(r.id);
    }
  }
  return out;
}
