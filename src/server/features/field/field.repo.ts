import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolygonGeometry } from '../map/map.geo.js';

/** Every SQL statement of the field app: applied-operation records, discarded field versions, grid boundaries. */

export type OperationRow = { opId: string; userId: number; kind: string; targetId: number | null; result: unknown };

export async function findOperation(db: Kysely<DB>, opId: string): Promise<OperationRow | undefined> {
  return db.selectFrom('clientOperations').select(['opId', 'userId', 'kind', 'targetId', 'result']).where('opId', '=', opId).executeTakeFirst();
}

/**
 * Claims an operation id inside the transaction that does its write. False when the id is taken:
 * by a committed operation, or by a concurrent retry (PostgreSQL makes this insert wait for that
 * transaction, so of two racing retries exactly one writes).
 */
export async function claimOperation(db: Kysely<DB>, op: { opId: string; userId: number; kind: string }): Promise<boolean> {
  const row = await db
    .insertInto('clientOperations')
    .values({ ...op, targetId: null, result: JSON.stringify({}) })
    .onConflict((oc) => oc.column('opId').doNothing())
    .returning('opId')
    .executeTakeFirst();
  return !!row;
}

export async function settleOperation(db: Kysely<DB>, opId: string, targetId: number | null, result: unknown): Promise<void> {
  await db.updateTable('clientOperations').set({ targetId, result: JSON.stringify(result) }).where('opId', '=', opId).execute();
}

/** The card made by one of the user's own queued creates. */
export async function cardOfCreateOp(db: Kysely<DB>, opId: string, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('clientOperations')
    .select('targetId')
    .where('opId', '=', opId)
    .where('userId', '=', userId)
    .where('kind', '=', 'card.create')
    .executeTakeFirst();
  return row?.targetId ?? null;
}

export async function insertDiscardedVersion(db: Kysely<DB>, v: { cardId: number; basedOn: number; officeVersion: number; data: unknown; changedBy: string }): Promise<void> {
  await db.insertInto('userCardDiscardedVersions').values({ ...v, data: JSON.stringify(v.data) }).execute();
}

export async function boundariesOf(db: Kysely<DB>, unitIds: number[]): Promise<Map<number, PolygonGeometry>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.selectFrom('gridBoundaries').select(['unitId', 'geometry']).where('unitId', 'in', unitIds).execute();
  return new Map(rows.map((r) => [r.unitId, r.geometry as PolygonGeometry]));
}
