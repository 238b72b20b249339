import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { fillFindingStates, findingStateMismatches } from '../findings/findings.state.js';
import { fillSurveyStates, surveyStateMismatches } from '../survey/survey.state.js';
import { fillTipStates, tipStateMismatches } from '../tips/tips.state.js';
import { fillWellStates, wellStateMismatches } from '../wells/wells.state.js';
import { fillMaskedContent } from '../tips/tips.repo.js';
import { fillMaskedFacts } from '../cases/cases.repo.js';

/**
 * The stored current states (tips, wells, findings, grids' surveys) beside their events. Plain-SQL
 * migrations cannot fold a history, so after the migrations the server (and `wellseal migrate`,
 * a restore, a bulk load) folds every record whose state was never stored; the writes keep them
 * from then on.
 */

export type StateCounts = { tips: number; wells: number; findings: number; grids: number };

/** Folds and stores the state of every record that has none yet, in one transaction. Returns how many of each. */
export async function fillCurrentStates(db: Kysely<DB>): Promise<StateCounts> {
  const run = async (trx: Kysely<DB>) => {
    // derived text too: what masked roles search (rows from before it was stored)
    await fillMaskedContent(trx);
    await fillMaskedFacts(trx);
    return { tips: await fillTipStates(trx), wells: await fillWellStates(trx), findings: await fillFindingStates(trx), grids: await fillSurveyStates(trx) };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Records whose stored state differs from the fold of their history (a check: should be none). */
export async function currentStateMismatches(db: Kysely<DB>): Promise<{ tips: number[]; wells: number[]; findings: number[]; grids: number[] }> {
  return { tips: await tipStateMismatches(db), wells: await wellStateMismatches(db), findings: await findingStateMismatches(db), grids: await surveyStateMismatches(db) };
}
