import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { findingAsOf, FindingRuleError, type FindingEvent, type FindingEventData, type FindingEventKind } from '../../../domain/inspection/finding.js';
import * as repo from './findings.repo.js';

/**
 * A finding's current rectification state, kept in its row: the fold of its whole history with the
 * domain rule, written in the same transaction as every event. The one place that writes finding events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: FindingEventKind; onDate: string; data: unknown };

/** The columns for a history; a history the rules refuse is stored as not folded (null), so readers fold it and say why. */
export function findingStateColumns(history: readonly Fact[]): repo.FindingStateColumns {
  const lastEventOn = history.reduce<string | null>((m, e) => (m === null || e.onDate > m ? e.onDate : m), null);
  try {
    return { state: findingAsOf(history.map((e): FindingEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as FindingEventData })), FAR_FUTURE).state, lastEventOn };
  } catch (err) {
    if (!(err instanceof FindingRuleError)) throw err;
    return { state: null, lastEventOn };
  }
}

/** Folds these findings' histories again and stores their states (after a finding is raised, or its events change). */
export async function refreshFindingStates(db: Kysely<DB>, findingIds: readonly number[]): Promise<void> {
  const ids = [...new Set(findingIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk)) (by.get(e.findingId) ?? by.set(e.findingId, []).get(e.findingId)!).push(e);
    await repo.writeStates(db, chunk.map((id) => ({ id, ...findingStateColumns(by.get(id) ?? []) })));
  }
}

/** Writes finding events and the states they make, in the caller's transaction (`newFindingIds`: findings just raised, with or without events). */
export async function addFindingEvents(db: Kysely<DB>, events: readonly { findingId: number; event: FindingEventKind; onDate: string; data: FindingEventData; actorName: string }[], newFindingIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshFindingStates(db, [...newFindingIds, ...events.map((e) => e.findingId)]);
}

export async function fillFindingStates(db: Kysely<DB>): Promise<number> {
  const ids = await repo.idsWithoutState(db);
  await refreshFindingStates(db, ids);
  return ids.length;
}

export async function findingStateMismatches(db: Kysely<DB>): Promise<number[]> {
  const stored = await repo.storedStates(db);
  const out: number[] = [];
  for (let i = 0; i < stored.length; i += 5000) {
    const chunk = stored.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk.map((r) => r.id))) (by.get(e.findingId) ?? by.set(e.findingId, []).get(e.findingId)!).push(e);
    for (const r of chunk) {
      const want = findingStateColumns(by.get(r.id) ?? []);
      if (r.state !== want.state || r.lastEventOn !== want.lastEventOn) out.push(r.id);
    }
  }
  return out;
}
