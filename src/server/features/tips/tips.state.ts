import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { stateKeeper } from '../../db/stored-state.js';
import { tipAsOf, TipRuleError, type TipEvent, type TipEventData, type TipEventKind } from '../../../domain/tip/workflow.js';
import * as repo from './tips.repo.js';

/**
 * A tip's current state, kept in its row: the fold of its whole history with the domain rule,
 * written in the same transaction as every event. The one place that writes tip events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: TipEventKind; onDate: string; data: unknown };

const keeper = stateKeeper<Fact, repo.TipStateColumns>({
  factsOf: async (db, ids) => (await repo.eventFactsOfIds(db, ids)).map(({ tipId, ...e }) => ({ ...e, recordId: tipId })),
  fold: (history) => {
    const f = tipAsOf(history.map((e): TipEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as TipEventData })), FAR_FUTURE);
    return { state: f.state, assignedDistrictId: f.districtId, dueOn: f.deadline, result: f.result, assignedOn: f.assignedOn, closedOn: f.closedOn };
  },
  ruleError: TipRuleError,
  unfolded: { state: null, assignedDistrictId: null, dueOn: null, result: null, assignedOn: null, closedOn: null },
  write: repo.writeStates,
  idsWithoutState: repo.idsWithoutState,
  stored: repo.storedStates,
});

/** Folds these tips' histories again and stores their states (after a tip is created, or its events change). */
export const refreshTipStates = keeper.refresh;
/** Tips whose state was never stored (rows from before the column, or loaded in bulk): folded now. Returns how many. */
export const fillTipStates = keeper.fill;
/** Tips whose stored state is not the fold of their history (should be none). */
export const tipStateMismatches = keeper.mismatches;

/** Writes tip events and the states they make, in the caller's transaction (`newTipIds`: tips just created, with or without events). */
export async function addTipEvents(db: Kysely<DB>, events: readonly { tipId: number; event: TipEventKind; onDate: string; data: TipEventData; actorName: string }[], newTipIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshTipStates(db, [...newTipIds, ...events.map((e) => e.tipId)]);
}
