import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { stateKeeper } from '../../db/stored-state.js';
import { wellAsOf, WellRuleError, type WellEvent, type WellEventData, type WellEventKind } from '../../../domain/well/lifecycle.js';
import * as repo from './wells.repo.js';

/**
 * A well's current stage and disposition, kept in its row: the fold of its whole history with the
 * domain rule, written in the same transaction as every event. The one place that writes well events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: WellEventKind; onDate: string; data: unknown };

const keeper = stateKeeper<Fact, repo.WellStateColumns>({
  factsOf: async (db, ids) => (await repo.eventFactsOfIds(db, ids)).map(({ wellId, ...e }) => ({ ...e, recordId: wellId })),
  fold: (history) => {
    const w = wellAsOf(history.map((e): WellEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData })), FAR_FUTURE);
    return { stage: w.stage, disposition: w.disposition };
  },
  ruleError: WellRuleError,
  unfolded: { stage: null, disposition: null },
  write: repo.writeStates,
  idsWithoutState: repo.idsWithoutState,
  stored: repo.storedStates,
});

/** Folds these wells' histories again and stores their stages (after a well is created, or its events change). */
export const refreshWellStates = keeper.refresh;
export const fillWellStates = keeper.fill;
export const wellStateMismatches = keeper.mismatches;

/** Writes well events and the stages they make, in the caller's transaction (`newWellIds`: wells just created, with or without events). */
export async function addWellEvents(db: Kysely<DB>, events: readonly { wellId: number; event: WellEventKind; onDate: string; data: WellEventData; actorName: string }[], newWellIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshWellStates(db, [...newWellIds, ...events.map((e) => e.wellId)]);
}
