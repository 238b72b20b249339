import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { tipAsOf, TipRuleError, type TipEvent, type TipEventData, type TipEventKind } from '../../../domain/tip/workflow.js';
import * as repo from './tips.repo.js';

/**
 * A tip's current state, kept in its row: the fold of its whole history with the domain rule,
 * written in the same transaction as every event. The one place that writes tip events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: TipEventKind; onDate: string; data: unknown };

/** The columns for a history; a history the rules refuse is stored as not folded (null), so readers fold it and say why. */
export function tipStateColumns(history: readonly Fact[]): repo.TipStateColumns {
  const lastEventOn = history.reduce<string | null>((m, e) => (m === null || e.onDate > m ? e.onDate : m), null);
  try {
    const f = tipAsOf(history.map((e): TipEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as TipEventData })), FAR_FUTURE);
    return { state: f.state, assignedDistrictId: f.districtId, dueOn: f.deadline, result: f.result, assignedOn: f.assignedOn, closedOn: f.closedOn, lastEventOn };
  } catch (err) {
    if (!(err instanceof TipRuleError)) throw err;
    return { state: null, assignedDistrictId: null, dueOn: null, result: null, assignedOn: null, closedOn: null, lastEventOn };
  }
}

/** Folds these tips' histories again and stores their states (after a tip is created, or its events change). */
export async function refreshTipStates(db: Kysely<DB>, tipIds: readonly number[]): Promise<void> {
  const ids = [...new Set(tipIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk)) (by.get(e.tipId) ?? by.set(e.tipId, []).get(e.tipId)!).push(e);
    await repo.writeStates(db, chunk.map((id) => ({ id, ...tipStateColumns(by.get(id) ?? []) })));
  }
}

/** Writes tip events and the states they make, in the caller's transaction (`newTipIds`: tips just created, with or without events). */
export async function addTipEvents(db: Kysely<DB>, events: readonly { tipId: number; event: TipEventKind; onDate: string; data: TipEventData; actorName: string }[], newTipIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshTipStates(db, [...newTipIds, ...events.map((e) => e.tipId)]);
}

/** Tips whose state was never stored (rows from before the column, or loaded in bulk): folded now. Returns how many. */
export async function fillTipStates(db: Kysely<DB>): Promise<number> {
  const ids = await repo.idsWithoutState(db);
  await refreshTipStates(db, ids);
  return ids.length;
}

/** Tips whose stored state is not the fold of their history (should be none). */
export async function tipStateMismatches(db: Kysely<DB>): Promise<number[]> {
  const stored = await repo.storedStates(db);
  const out: number[] = [];
  for (let i = 0; i < stored.length; i += 5000) {
    const chunk = stored.slice(i, i + 5000);
    const by = new Map<number, Fact[]>();
    for (const e of await repo.eventFactsOfIds(db, chunk.map((r) => r.id))) (by.get(e.tipId) ?? by.set(e.tipId, []).get(e.tipId)!).push(e);
    for (const { id, ...columns } of chunk) if (!sameColumns(columns, tipStateColumns(by.get(id) ?? []))) out.push(id);
  }
  return out;
}

function sameColumns(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return Object.keys(b).every((k) => (a[k] ?? null) === (b[k] ?? null));
}
