import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Role } from '../../../domain/shared/roles.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import { conflict } from '../../http/errors.js';

const userColumns = ['u.id', 'u.username', 'u.displayName', 'u.phone', 'u.disabledAt', 'u.mustChangePassword', 'u.version', 'u.createdAt'] as const;
/** Login attempts of a name from one client past which that client must wait (auth.service counts them). */
export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_WINDOW_MINUTES = 15;

export type GrantRow = { userId: number; role: Role; orgUnitId: number; orgName: string; orgLevel: string; orgPath: string };

/** Users with at least one grant inside the scope. */
export async function listUsers(db: Kysely<DB>, scope: Scope, filter: { id?: number } = {}) {
  let q = db.selectFrom('users as u');
  if (filter.id !== undefined) q = q.where('u.id', '=', filter.id);
  const users = await q
    .select(userColumns)
    // locked out for some client address right now (the users page shows it; enabling the account clears it)
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('loginFailures as f').select('f.username').whereRef('f.username', '=', 'u.username')
            .where('f.failures', '>', LOGIN_FAILURE_LIMIT).where('f.updatedAt', '>=', sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`),
        )
        .as('locked'),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('userGrants as g')
          .innerJoin('orgUnits as o', 'o.id', 'g.orgUnitId')
          .select('g.id')
          .whereRef('g.userId', '=', 'u.id')
          .where(sqlPathInScope('o.path', scope)),
      ),
    )
    .orderBy('u.id')
    .execute();
  const grants = await grantsOf(db, users.map((u) => u.id));
  return users.map((u) => ({ ...u, grants: grants.filter((g) => g.userId === u.id) }));
}

export async function findUser(db: Kysely<DB>, scope: Scope, id: number) {
  return (await listUsers(db, scope, { id }))[0];
}

export async function grantsOf(db: Kysely<DB>, userIds: number[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('userGrants as g')
    .innerJoin('orgUnits as o', 'o.id', 'g.orgUnitId')
    .select(['g.userId', 'g.role', 'g.orgUnitId', 'o.name as orgName', 'o.level as orgLevel', 'o.path as orgPath'])
    .where('g.userId', 'in', userIds)
    .orderBy('o.path')
    .execute();
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  const r = await db.selectFrom('users').select('id').where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  return !!r;
}

export async function insertUser(
  db: Kysely<DB>,
  u: { username: string; displayName: string; phone: string | null; passwordHash: string; mustChangePassword: boolean },
) {
  return db.insertInto('users').values(u).returning(['id']).executeTakeFirstOrThrow();
}

export async function replaceGrants(db: Kysely<DB>, userId: number, grants: { role: Role; orgUnitId: number }[]) {
  await db.deleteFrom('userGrants').where('userId', '=', userId).execute();
  if (grants.length) await db.insertInto('userGrants').values(grants.map((g) => ({ ...g, userId }))).execute();
}

/** Optimistic write of a user row; a stale version is a conflict, never a silent overwrite. */
export async function updateUser(
  db: Kysely<DB>,
  id: number,
  version: number,
  patch: { displayName?: string; phone?: string | null; disabledAt?: Date | null; passwordHash?: string; mustChangePassword?: boolean },
) {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!row) throw conflict();
  return row;
}

export async function unitPaths(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'path', 'name', 'closedOn']).where('id', 'in', ids).execute();
}

export async function deleteSessionsOf(db: Kysely<DB>, userId: number) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function listTokens(db: Kysely<DB>, userIds: number[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('apiTokens')
    .select(['id', 'userId', 'name', 'tokenPrefix', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
    .where('userId', 'in', userIds)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertToken(
  db: Kysely<DB>,
  t: { userId: number; name: string; tokenHash: string; tokenPrefix: string; createdBy: number | null; expiresAt: Date | null },
) {
  return db.insertInto('apiTokens').values(t).returning(['id', 'createdAt']).executeTakeFirstOrThrow();
}

export async function findToken(db: Kysely<DB>, id: number) {
  return db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeToken(db: Kysely<DB>, id: number) {
  await db.updateTable('apiTokens').set({ revokedAt: sql`now()` }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export async function findUnitByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path']).where('code', '=', code).where('closedOn', 'is', null).executeTakeFirst();
}

export async function findUserIdByUsername(db: Kysely<DB>, username: string) {
  return db.selectFrom('users').select(['id', 'version']).where(sql`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
}
