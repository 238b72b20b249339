import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sweepOrphanFiles } from '../../files/photo-store.js';

/** Every photo file a row refers to, as stored keys. */
async function referencedKeys(db: Kysely<DB>): Promise<Set<string>> {
  return new Set((await db.selectFrom('photos').select('storageKey').execute()).map((r) => r.storageKey));
}

/** At start: removes photo files no row refers to (left by a crash mid-upload) and half-written ones. */
export async function sweepStoredFiles(db: Kysely<DB>, filesDir: string): Promise<number> {
  return sweepOrphanFiles(filesDir, await referencedKeys(db));
}
