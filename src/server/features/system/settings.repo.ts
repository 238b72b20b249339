import type { Kysely } from 'kysely';
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
