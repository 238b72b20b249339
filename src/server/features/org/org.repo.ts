import { sql, type Kysely } from 'kysely';
import type { DB, OrgUnitRow } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import { childPath, type OrgLevel } from '../../../domain/org/org-unit.js';
import { conflict } from '../../http/errors.js';

export async function listUnits(db: Kysely<DB>, scope: Scope, opts: { includeClosed: boolean }): Promise<OrgUnitRow[]> {
  let q = db.selectFrom('orgUnits').selectAll().where(sqlPathInScope('path', scope));
  if (!opts.includeClosed) q = q.where('closedOn', 'is', null);
  return q.orderBy(levelOrder).orderBy('sortOrder').orderBy('code').execute();
}

export async function findUnit(db: Kysely<DB>, scope: Scope, id: number): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('orgUnits').selectAll().where('id', '=', id).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

/** Every unit, for planning an import (which then only applies inside the caller's scope). */
export async function listAllUnits(db: Kysely<DB>): Promise<OrgUnitRow[]> {
  return db.selectFrom('orgUnits').selectAll().orderBy(levelOrder).orderBy('sortOrder').orderBy('code').execute();
}

/** Parents before children; siblings in their sort order. */
const levelOrder = sql`case level when 'city' then 0 when 'district' then 1 when 'street' then 2 when 'community' then 3 else 4 end`;

export async function findCity(db: Kysely<DB>): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('orgUnits').selectAll().where('level', '=', 'city').where('closedOn', 'is', null).executeTakeFirst();
}

export async function insertUnit(
  db: Kysely<DB>,
  u: { code: string; name: string; level: OrgLevel; parentId: number | null; parentPath: string | null; sortOrder?: number; openedOn?: string },
): Promise<OrgUnitRow> {
  // the path contains the row's own id, so take the id first
  const { rows } = await sql<{ id: number }>`select nextval('org_units_id_seq')::int as id`.execute(db);
  const id = rows[0]!.id;
  return db
    .insertInto('orgUnits')
    .values({
      id,
      code: u.code,
      name: u.name,
      level: u.level,
      parentId: u.parentId,
      path: childPath(u.parentPath, id),
      sortOrder: u.sortOrder ?? 0,
      ...(u.openedOn ? { openedOn: u.openedOn } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Optimistic write: succeeds only if nobody changed the unit since `version` was read. */
export async function updateUnit(
  db: Kysely<DB>,
  id: number,
  version: number,
  patch: { name?: string; closedOn?: string | null },
): Promise<OrgUnitRow> {
  const row = await db
    .updateTable('orgUnits')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw conflict();
  return row;
}

export async function countOpenChildren(db: Kysely<DB>, id: number): Promise<number> {
  const r = await db
    .selectFrom('orgUnits')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parentId', '=', id)
    .where('closedOn', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The name a notice prints for a district (城乡一体化示范区 → 示范区). */
export async function setShortName(db: Kysely<DB>, level: OrgLevel, name: string, shortName: string) {
  await db.updateTable('orgUnits').set({ shortName }).where('name', '=', name).where('level', '=', level).execute();
}

/** Units by id (names for places; unscoped: callers pass ids of records they may already see). */
export async function unitsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId', 'shortName', 'code', 'sortOrder']).where('id', 'in', [...ids]).execute();
}
