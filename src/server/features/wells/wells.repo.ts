import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { Disposition, WellEventData, WellEventKind, WellStage } from '../../../domain/well/lifecycle.js';
import type { FoundVia, WellUse } from '../../../domain/well/well.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of the well registry. Scoped reads filter by the well's org path. */

export type WellValues = {
  ownerName: string; address: string; lat: number | null; lng: number | null; yearDrilled: number | null; depthM: number | null;
  innerDiameterMm: number | null; casing: string | null; aquifer: string | null; use: WellUse; pumpPowerKw: number | null;
  powerMeterNo: string | null; inUseStatus: 'in_use' | 'stopped' | 'sealed'; foundVia: FoundVia; foundRef: string | null;
  cardId: number | null; remarks: string | null;
};

export async function listWells(db: Kysely<DB>, scope: Scope, f: { underPath?: string; q?: string; ids?: number[] } = {}) {
  let q = db.selectFrom('wells').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.underPath) q = q.where('orgPath', 'like', `${f.underPath}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('code', 'like', `%${escapeLike(f.q)}%`), eb('ownerName', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  return q.orderBy('orgPath').orderBy('code').execute();
}
export type WellRow = Awaited<ReturnType<typeof listWells>>[number];

/** The ids (in list order) and discovery days of the wells listWells returns: to page before reading whole rows. */
export async function listWellKeys(db: Kysely<DB>, scope: Scope, f: { underPath?: string; q?: string } = {}) {
  let q = db.selectFrom('wells').select(['id', 'discoveredOn']).where(sqlPathInScope('orgPath', scope));
  if (f.underPath) q = q.where('orgPath', 'like', `${f.underPath}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('code', 'like', `%${escapeLike(f.q)}%`), eb('ownerName', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
  return q.orderBy('orgPath').orderBy('code').execute();
}

export async function findWell(db: Kysely<DB>, scope: Scope, id: number): Promise<WellRow | undefined> {
  return (await listWells(db, scope, { ids: [id] }))[0];
}

export async function eventsOf(db: Kysely<DB>, wellIds: number[]) {
  if (wellIds.length === 0) return [];
  return db.selectFrom('wellEvents').selectAll().where('wellId', 'in', wellIds).orderBy('onDate').orderBy('id').execute();
}

/** Events of the wells in scope found by a day, up to that day, with only what a stage needs: one join, not a list of ids. */
export async function eventFactsInScope(db: Kysely<DB>, scope: Scope, asOf: string) {
  return db
    .selectFrom('wellEvents as e')
    .innerJoin('wells as w', 'w.id', 'e.wellId')
    .select(['e.wellId', 'e.event', 'e.onDate', 'e.data'])
    .where(sqlPathInScope('w.orgPath', scope))
    .where('w.discoveredOn', '<=', asOf)
    .where('e.onDate', '<=', asOf)
    .orderBy('e.onDate')
    .orderBy('e.id')
    .execute();
}

export async function allEventsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('wellEvents as e')
    .innerJoin('wells as w', 'w.id', 'e.wellId')
    .select(['e.id', 'e.wellId', 'e.event', 'e.onDate', 'e.data', 'e.actorName', 'e.at'])
    .where(sqlPathInScope('w.orgPath', scope))
    .orderBy('e.onDate')
    .orderBy('e.id')
    .execute();
}

export async function takenCodes(db: Kysely<DB>, prefix: string): Promise<Set<string>> {
  return new Set((await db.selectFrom('wells').select('code').where('code', 'like', `${prefix}%`).execute()).map((r) => r.code));
}

export async function codesExisting(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  return new Set((await db.selectFrom('wells').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
}

export async function insertWell(db: Kysely<DB>, w: WellValues & { code: string; orgUnitId: number; orgPath: string; discoveredOn: string }) {
  return db.insertInto('wells').values(w).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict, never a silent overwrite. */
export async function bumpWell(db: Kysely<DB>, id: number, version: number, patch: Partial<WellValues> = {}) {
  const row = await db
    .updateTable('wells')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!row) throw conflict();
  return row;
}

/** Only wells.state.ts writes events: it keeps the wells' current stage with them. */
export async function insertEventRows(db: Kysely<DB>, events: readonly { wellId: number; event: WellEventKind; onDate: string; data: WellEventData; actorName: string }[]) {
  for (let i = 0; i < events.length; i += 1000) {
    await db.insertInto('wellEvents').values(events.slice(i, i + 1000).map((e) => ({ ...e, data: JSON.stringify(e.data) }))).execute();
  }
}

/** The events of some wells with only what a fold needs, in order. */
export async function eventFactsOfIds(db: Kysely<DB>, wellIds: readonly number[]) {
  if (wellIds.length === 0) return [];
  return db.selectFrom('wellEvents').select(['wellId', 'event', 'onDate', 'data']).where('wellId', 'in', [...wellIds]).orderBy('onDate').orderBy('id').execute();
}

export type WellStateColumns = { stage: WellStage | null; disposition: Disposition | null; lastEventOn: string | null };

/** Stores folded stages, many rows in one statement. */
export async function writeStates(db: Kysely<DB>, rows: readonly ({ id: number } & WellStateColumns)[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000).map((r) => ({ id: r.id, stage: r.stage, disposition: r.disposition, last_event_on: r.lastEventOn })));
    await sql`update wells as w set stage = v.stage, disposition = v.disposition, last_event_on = v.last_event_on
      from jsonb_to_recordset(${json}::jsonb) as v(id integer, stage text, disposition text, last_event_on date)
      where w.id = v.id`.execute(db);
  }
}

export async function idsWithoutState(db: Kysely<DB>) {
  return (await db.selectFrom('wells').select('id').where('stage', 'is', null).orderBy('id').execute()).map((r) => r.id);
}

export async function storedStates(db: Kysely<DB>) {
  return db.selectFrom('wells').select(['id', 'stage', 'disposition', 'lastEventOn']).orderBy('id').execute();
}

type KeyFilter = { underPath?: string; q?: string };

function filteredWells(db: Kysely<DB>, scope: Scope, f: KeyFilter, asOf: string) {
  let q = db.selectFrom('wells').where(sqlPathInScope('orgPath', scope)).where('discoveredOn', '<=', asOf);
  if (f.underPath) q = q.where('orgPath', 'like', `${f.underPath}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('code', 'like', `%${escapeLike(f.q)}%`), eb('ownerName', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
  return q;
}

/** Whether the stored stages are the stages on `asOf` for every well the filter selects (folded, no later event). */
export async function statesHoldOn(db: Kysely<DB>, scope: Scope, f: KeyFilter, asOf: string): Promise<boolean> {
  const r = await filteredWells(db, scope, f, asOf).select('id').where((eb) => eb.or([eb('stage', 'is', null), eb('lastEventOn', '>', asOf)])).limit(1).executeTakeFirst();
  return r === undefined;
}

/** How many wells in scope found by `asOf` stand at each stored stage (valid when statesHoldOn(asOf)). */
export async function stageCounts(db: Kysely<DB>, scope: Scope, asOf: string) {
  const rows = await filteredWells(db, scope, {}, asOf).select((eb) => ['stage', eb.fn.countAll<string>().as('n')]).groupBy('stage').execute();
  return rows.map((r) => ({ stage: r.stage!, n: Number(r.n) }));
}

/** A page of the list (wells found by `asOf`) by the stored stages, and how many the whole list holds. */
export async function pageByState(db: Kysely<DB>, scope: Scope, f: KeyFilter & { stage?: WellStage; disposition?: Disposition }, asOf: string, page: { offset: number; limit: number }) {
  let q = filteredWells(db, scope, f, asOf);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.disposition) q = q.where('disposition', '=', f.disposition);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const ids = await q.select('id').orderBy('orgPath').orderBy('code').offset(page.offset).limit(page.limit).execute();
  return { total: Number(total.n), ids: ids.map((r) => r.id) };
}

export async function photosOf(db: Kysely<DB>, wellId: number) {
  return db.selectFrom('photos').selectAll().where('ownerType', '=', 'well').where('ownerId', '=', wellId).orderBy('id').execute();
}

export async function insertPhoto(
  db: Kysely<DB>,
  p: { ownerId: number; orgPath: string; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string; uploadedBy: number | null; stage: string; lat: number | null; lng: number | null; distanceM: number | null },
) {
  return db.insertInto('photos').values({ ...p, ownerType: 'well' }).returningAll().executeTakeFirstOrThrow();
}

export async function unitsForPlaces(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'code', 'path', 'shortName']).where('id', 'in', ids).execute();
}

export async function findUnit(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'code', 'path', 'closedOn']).where('id', '=', id).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function unitsByCode(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'code', 'path', 'parentId']).where('code', 'in', codes).where('closedOn', 'is', null).execute();
}

export async function openUnits(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'code', 'path', 'parentId']).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).execute();
}

export async function tasksOfWell(db: Kysely<DB>, wellId: number) {
  return db
    .selectFrom('campaignTasks as t')
    .innerJoin('taskCampaigns as c', 'c.id', 't.campaignId')
    .select(['t.campaignId', 'c.name', 't.disposition', 't.deadline'])
    .where('t.wellId', '=', wellId)
    .execute();
}

/** How a well was found (set after a ledger load, which cannot say). */
export async function setFoundVia(db: Kysely<DB>, code: string, f: { foundVia: FoundVia; foundRef: string; remarks: string }) {
  await db.updateTable('wells').set(f).where('code', '=', code).execute();
}

/** A 一户一卡 card inside the scope (a well may link only to a card its editor could reach). */
export async function cardInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('userCards as c').innerJoin('orgUnits as o', 'o.id', 'c.gridId').select('c.id').where('c.id', '=', id).where(sqlPathInScope('o.path', scope)).executeTakeFirst();
}
