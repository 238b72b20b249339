import { sql, type Kysely } from 'kysely';
import type { DB } from './types.js';
import { conflict } from '../http/errors.js';

type Versioned = 'findings' | 'tips' | 'wells' | 'enforcement_cases' | 'switch_projects';

/**
 * Holds a record at the version a page showed, for the rest of the transaction — before any rule is
 * checked against its history. A concurrent step on the same record waits here and then meets the new
 * version (409), instead of reading the winner's events and answering a rule error about them.
 */
export async function holdVersion(trx: Kysely<DB>, table: Versioned, id: number, version: number) {
  const held = await sql<{ id: number }>`select id from ${sql.table(table)} where id = ${id} and version = ${version} for update`.execute(trx);
  if (held.rows.length === 0) throw conflict();
}
