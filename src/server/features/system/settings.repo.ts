import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Instance settings (key → JSON value). */
export async function readSetting(db: Kysely<DB>, key: string): Promise<unknown> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
    .execute();
}

/** Writes a setting only when it has none yet (e.g. a secret made once per installation). */
export async function writeSettingIfAbsent(db: Kysely<DB>, key: string, value: unknown): Promise<void> {
  await db.insertInto('settings').values({ key, value: JSON.stringify(value) }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/**
 * Optimistic write of a setting whose JSON value carries a `version` (none yet counts as 0): it
 * succeeds only if the stored value still has `version`, so of two concurrent writers one wins.
 */
export async function writeSettingAtVersion(db: Kysely<DB>, key: string, value: unknown, version: number): Promise<boolean> {
  if (version === 0) {
    const made = await db.insertInto('settings').values({ key, value: JSON.stringify(value) }).onConflict((oc) => oc.column('key').doNothing()).returning('key').executeTakeFirst();
    if (made) return true;
  }
  const r = await db
    .updateTable('settings')
    .set({ value: JSON.stringify(value), updatedAt: sql`now()` })
    .where('key', '=', key)
    .where(sql<boolean>`coalesce((value->>'version')::int, 0) = ${version}`)
    .returning('key')
    .executeTakeFirst();
  return !!r;
}
