import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Grant } from '../../auth/actor.js';

export async function findUserByUsername(db: Kysely<DB>, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<DB>, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loadGrants(db: Kysely<DB>, userId: number): Promise<Grant[]> {
  return db
    .selectFrom('userGrants as g')
    .innerJoin('orgUnits as o', 'o.id', 'g.orgUnitId')
    .select(['g.role', 'g.orgUnitId', 'o.path as orgPath', 'o.name as orgName', 'o.level as orgLevel'])
    .where('g.userId', '=', userId)
    .orderBy('o.path')
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { idHash: string; userId: number; csrfSecret: string; expiresAt: Date; ip: string | null; userAgent: string | null },
) {
  await db.insertInto('sessions').values(s).execute();
}

/** A live session and its user, or nothing when expired, unknown or the user is disabled. */
export async function findLiveSession(db: Kysely<DB>, idHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select(['s.idHash', 's.csrfSecret', 's.userId', 's.lastSeenAt', 'u.username', 'u.displayName', 'u.mustChangePassword'])
    .where('s.idHash', '=', idHash)
    .where('s.expiresAt', '>', sql<Date>`now()`)
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<DB>, idHash: string) {
  await db.updateTable('sessions').set({ lastSeenAt: sql`now()` }).where('idHash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string) {
  await db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
}

export async function deleteUserSessions(db: Kysely<DB>, userId: number, except?: string) {
  let q = db.deleteFrom('sessions').where('userId', '=', userId);
  if (except) q = q.where('idHash', '<>', except);
  await q.execute();
}

export async function findLiveToken(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .select(['t.id', 't.userId', 'u.username', 'u.displayName'])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', sql<Date>`now()`)]))
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
}

export async function touchToken(db: Kysely<DB>, id: number) {
  await db.updateTable('apiTokens').set({ lastUsedAt: sql`now()` }).where('id', '=', id).execute();
}

export async function updatePassword(db: Kysely<DB>, userId: number, passwordHash: string) {
  await db
    .updateTable('users')
    .set((eb) => ({ passwordHash, mustChangePassword: false, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', userId)
    .execute();
}

/**
 * Counts one login attempt of a name from a client, atomically, before any password is checked:
 * the count after this attempt (failures older than the window start again at 1). Parallel
 * attempts each get their own number, so no more than the limit are ever checked.
 */
export async function countLoginAttempt(db: Kysely<DB>, username: string, client: string, windowMinutes: number): Promise<number> {
  const row = await db
    .insertInto('loginFailures')
    .values({ username, client, failures: 1 })
    .onConflict((oc) =>
      oc.columns(['username', 'client']).doUpdateSet({
        failures: sql`case when login_failures.updated_at < now() - make_interval(mins => ${windowMinutes}) then 1 else login_failures.failures + 1 end`,
        // the window runs from the first failure: later attempts inside it do not push it on
        updatedAt: sql`case when login_failures.updated_at < now() - make_interval(mins => ${windowMinutes}) then now() else login_failures.updated_at end`,
      }),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** A successful login (or an administrator's unlock) forgets the failures of that name. */
export async function clearLoginFailures(db: Kysely<DB>, username: string, client?: string) {
  let q = db.deleteFrom('loginFailures').where('username', '=', username);
  if (client !== undefined) q = q.where('client', '=', client);
  await q.execute();
}

/** Names locked out for some client right now (for the users page). */
export async function lockedUsernames(db: Kysely<DB>, limit: number, windowMinutes: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('loginFailures')
    .select('username')
    .where('failures', '>=', limit)
    .where('updatedAt', '>=', sql<Date>`now() - make_interval(mins => ${windowMinutes})`)
    .execute();
  return new Set(rows.map((r) => r.username));
}
