import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { PolygonGeometry } from './map.geo.js';

/** Every SQL statement of the map. Scoped reads filter by the unit's (or record's) org path. */

export async function allBoundaries(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('gridBoundaries as b')
    .innerJoin('orgUnits as u', 'u.id', 'b.unitId')
    .select(['b.unitId', 'b.geometry', 'u.path', 'u.code', 'u.name', 'u.closedOn'])
    .orderBy('u.path')
    .execute();
  return rows.map((r) => ({ ...r, geometry: r.geometry as PolygonGeometry }));
}
export type BoundaryRow = Awaited<ReturnType<typeof allBoundaries>>[number];

export async function unitPaths(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'path', 'name', 'level']).execute();
}

/** The last survey event of each grid in scope (the grid's state without folding every event). */
export async function lastSurveyEvents(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('gridSurveyEvents as e')
    .innerJoin('orgUnits as u', 'u.id', 'e.gridId')
    .select(['e.gridId', 'e.event'])
    .where(sqlPathInScope('u.path', scope))
    .orderBy('e.gridId').orderBy('e.onDate').orderBy('e.id')
    .execute();
}

export async function openGridsInScope(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('orgUnits').select(['id', 'code', 'path']).where('level', '=', 'grid').where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).execute();
}

export async function existingBoundaryIds(db: Kysely<DB>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('gridBoundaries').select('unitId').where('unitId', 'in', ids).execute();
  return new Set(rows.map((r) => r.unitId));
}

export async function upsertBoundaries(db: Kysely<DB>, rows: { unitId: number; geometry: PolygonGeometry }[], source: string) {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('gridBoundaries')
      .values(rows.slice(i, i + 300).map((r) => ({ unitId: r.unitId, geometry: JSON.stringify(r.geometry), source })))
      .onConflict((oc) => oc.column('unitId').doUpdateSet((eb) => ({ geometry: eb.ref('excluded.geometry'), source: eb.ref('excluded.source'), updatedAt: sql`now()` })))
      .execute();
  }
}

/** The latest analysis run's accounts scoring at least `min`, in scope, with their grid. */
export async function latestSuspects(db: Kysely<DB>, scope: Scope, min: number) {
  const run = await db.selectFrom('suspectRuns').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!run) return [];
  return db
    .selectFrom('suspectScores as s')
    .innerJoin('utilityAccounts as a', 'a.id', 's.accountId')
    .select(['s.rank', 's.score', 'a.accountNo', 'a.name', 'a.gridId'])
    .where('s.runId', '=', run.id)
    .where('s.score', '>=', min)
    .where(sqlPathInScope('a.orgPath', scope))
    .orderBy('s.rank')
    .execute();
}
