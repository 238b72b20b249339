import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { stateKeeper } from '../../db/stored-state.js';
import { findingAsOf, FindingRuleError, type FindingEvent, type FindingEventData, type FindingEventKind } from '../../../domain/inspection/finding.js';
import * as repo from './findings.repo.js';

/**
 * A finding's current rectification state, kept in its row: the fold of its whole history with the
 * domain rule, written in the same transaction as every event. The one place that writes finding events.
 */

const FAR_FUTURE = '9999-12-31';
type Fact = { event: FindingEventKind; onDate: string; data: unknown };

const keeper = stateKeeper<Fact, repo.FindingStateColumns>({
  factsOf: async (db, ids) => (await repo.eventFactsOfIds(db, ids)).map(({ findingId, ...e }) => ({ ...e, recordId: findingId })),
  fold: (history) => ({ state: findingAsOf(history.map((e): FindingEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as FindingEventData })), FAR_FUTURE).state }),
  ruleError: FindingRuleError,
  unfolded: { state: null },
  write: repo.writeStates,
  idsWithoutState: repo.idsWithoutState,
  stored: repo.storedStates,
});

/** Folds these findings' histories again and stores their states (after a finding is raised, or its events change). */
export const refreshFindingStates = keeper.refresh;
export const fillFindingStates = keeper.fill;
export const findingStateMismatches = keeper.mismatches;

/** Writes finding events and the states they make, in the caller's transaction (`newFindingIds`: findings just raised, with or without events). */
export async function addFindingEvents(db: Kysely<DB>, events: readonly { findingId: number; event: FindingEventKind; onDate: string; data: FindingEventData; actorName: string }[], newFindingIds: readonly number[] = []): Promise<void> {
  await repo.insertEventRows(db, events);
  await refreshFindingStates(db, [...newFindingIds, ...events.map((e) => e.findingId)]);
}
