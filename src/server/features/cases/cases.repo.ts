import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { CaseEventData, CaseHistoryEvent, CaseState, Violation } from '../../../domain/case/case.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';
import { maskPersonalText } from '../../../domain/shared/masking.js';

/** Every SQL statement of enforcement cases, their wells and events, and of small users' volumes. */

export async function listCases(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; districtId?: number; state?: CaseState; violation?: Violation; typical?: boolean; year?: number; q?: string } = {}) {
  let q = db.selectFrom('enforcementCases').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.violation) q = q.where('violation', '=', f.violation);
  if (f.typical !== undefined) q = q.where('typical', '=', f.typical);
  if (f.year) q = q.where('caseYear', '=', f.year);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    // the facts are shown masked to everyone: the search reads the masked facts (no digit read back)
    q = q.where((eb) => eb.or([eb('partyName', 'like', like), eb('number', 'like', like), eb('factsMasked', 'like', like)]));
  }
  return q.orderBy('filedOn', 'desc').orderBy('caseYear', 'desc').orderBy('serial', 'desc').execute();
}
export type CaseRow = Awaited<ReturnType<typeof listCases>>[number];

export async function findCase(db: Kysely<DB>, scope: Scope, id: number): Promise<CaseRow | undefined> {
  return (await listCases(db, scope, { ids: [id] }))[0];
}

export type CaseValues = {
  filedOn: string; partyCardId: number | null; partyName: string; partyContact: string; unitId: number; districtId: number; orgPath: string;
  violation: Violation; violationOther: string | null; legalBasis: string[]; facts: string; fineYuan: number | null; otherMeasures: string; typical: boolean;
};

export async function insertCase(db: Kysely<DB>, c: CaseValues & { caseYear: number; serial: number; number: string; state: CaseState; createdBy: number | null }) {
  return db.insertInto('enforcementCases').values({ ...c, legalBasis: JSON.stringify(c.legalBasis), factsMasked: maskPersonalText(c.facts) }).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict. */
export async function updateCase(db: Kysely<DB>, id: number, version: number, patch: Partial<CaseValues> & { state?: CaseState; articleId?: number | null }) {
  const { legalBasis, ...rest } = patch;
  const row = await db
    .updateTable('enforcementCases')
    .set((eb) => ({ ...rest, ...(legalBasis ? { legalBasis: JSON.stringify(legalBasis) } : {}), ...(rest.facts !== undefined ? { factsMasked: maskPersonalText(rest.facts) } : {}), version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

/** The numbers on file: for the next free serial of a year, and for a sheet's clashes. */
export async function takenNumbers(db: Kysely<DB>) {
  return db.selectFrom('enforcementCases').select(['number', 'caseYear', 'serial']).execute();
}

export async function eventsOf(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('caseEvents').selectAll().where('caseId', 'in', [...ids]).orderBy('onDate').orderBy('id').execute();
}

export async function insertEvents(db: Kysely<DB>, events: { caseId: number; event: CaseHistoryEvent; onDate: string; data: CaseEventData; actorName: string }[]) {
  for (let i = 0; i < events.length; i += 1000) {
    const page = events.slice(i, i + 1000);
    if (page.length) await db.insertInto('caseEvents').values(page.map((e) => ({ ...e, data: JSON.stringify(e.data) }))).execute();
  }
}

/** An edited filing date moves the 立案 event with it. */
export async function moveFilingDate(db: Kysely<DB>, caseId: number, onDate: string) {
  await db.updateTable('caseEvents').set({ onDate }).where('caseId', '=', caseId).where('event', '=', 'file').execute();
}

export async function wellsOfCases(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('caseWells as cw')
    .innerJoin('wells as w', 'w.id', 'cw.wellId')
    .select(['cw.caseId', 'w.id', 'w.code', 'w.ownerName', 'w.address', 'w.orgPath'])
    .where('cw.caseId', 'in', [...ids])
    .orderBy('w.code')
    .execute();
}

export async function replaceWells(db: Kysely<DB>, caseId: number, wellIds: readonly number[]) {
  await db.deleteFrom('caseWells').where('caseId', '=', caseId).execute();
  if (wellIds.length) await db.insertInto('caseWells').values(wellIds.map((wellId) => ({ caseId, wellId }))).execute();
}

export async function wellsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code', 'ownerName', 'orgPath']).where('id', 'in', [...ids]).execute();
}

export async function cardWithGrid(db: Kysely<DB>, cardId: number) {
  return db
    .selectFrom('userCards as c')
    .innerJoin('orgUnits as g', 'g.id', 'c.gridId')
    .select(['c.id', 'c.name', 'c.gridId', 'g.path'])
    .where('c.id', '=', cardId)
    .executeTakeFirst();
}

export async function cardNames(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('userCards').select(['id', 'name']).where('id', 'in', [...ids]).execute();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'shortName']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function allDistricts(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'shortName', 'path']).where('level', '=', 'district').where('closedOn', 'is', null).orderBy('sortOrder').orderBy('code').execute();
}

export async function articlesBrief(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('articles').select(['id', 'title', 'state']).where('id', 'in', [...ids]).execute();
}

// ---------------------------------------------------------------- small users

export async function wellsForSmallUsers(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('wells')
    .select(['id', 'code', 'ownerName', 'address', 'orgPath', 'annualVolumeM3', 'discoveredOn', 'version'])
    .where(sqlPathInScope('orgPath', scope))
    .orderBy('code')
    .execute();
}

export async function wellEventsOf(db: Kysely<DB>, wellIds: readonly number[]) {
  if (wellIds.length === 0) return [];
  return db.selectFrom('wellEvents').select(['wellId', 'event', 'onDate', 'data']).where('wellId', 'in', [...wellIds]).orderBy('onDate').orderBy('id').execute();
}

export async function findWell(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('wells').select(['id', 'code', 'orgPath', 'annualVolumeM3', 'version']).where('id', '=', id).where(sqlPathInScope('orgPath', scope)).executeTakeFirst();
}

export async function wellsByCodes(db: Kysely<DB>, scope: Scope, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code', 'orgPath', 'annualVolumeM3']).where('code', 'in', [...codes]).where(sqlPathInScope('orgPath', scope)).execute();
}

/** Optimistic write of a well's annual volume (the well file's own version). */
export async function setWellVolume(db: Kysely<DB>, id: number, version: number | null, annualVolumeM3: number | null) {
  let q = db
    .updateTable('wells')
    .set((eb) => ({ annualVolumeM3, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const row = await q.returning(['id']).executeTakeFirst();
  if (!row) throw conflict();
}

// ---------------------------------------------------------------- demo

export async function demoCardByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('userCards').select(['id', 'gridId']).where('name', '=', name).orderBy('id').executeTakeFirst();
}

export async function demoWellsByOwner(db: Kysely<DB>, ownerName: string) {
  return db.selectFrom('wells').select(['id', 'orgUnitId']).where('ownerName', '=', ownerName).orderBy('id').execute();
}

/** The wells of every 应纳管 decision, in the order they were filed. */
export async function demoPermitWells(db: Kysely<DB>) {
  return db
    .selectFrom('wellEvents as e')
    .innerJoin('wells as w', 'w.id', 'e.wellId')
    .select(['w.id', 'w.orgPath'])
    .where('e.event', '=', 'decide')
    .where(sql<boolean>`e.data->>'disposition' = 'permit'`)
    .orderBy('w.id')
    .execute();
}

/** The demo's recorded volumes: loaded with the files, so not an edit (the version stays). */
export async function demoSetVolume(db: Kysely<DB>, id: number, annualVolumeM3: number) {
  await db.updateTable('wells').set({ annualVolumeM3 }).where('id', '=', id).execute();
}

/** Cases whose masked facts were never stored (from before they were): filled once after the migrations. */
export async function fillMaskedFacts(db: Kysely<DB>): Promise<number> {
  const rows = await db.selectFrom('enforcementCases').select(['id', 'facts']).where('factsMasked', 'is', null).execute();
  for (const r of rows) await db.updateTable('enforcementCases').set({ factsMasked: maskPersonalText(r.facts) }).where('id', '=', r.id).execute();
  return rows.length;
}
