import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { FindingEventData, FindingEventKind, FindingState } from '../../../domain/inspection/finding.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of findings, their events and the edited weekly summaries. */

export async function listFindings(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; from?: string; to?: string; q?: string; inspectionId?: number; districtId?: number; category?: string } = {}) {
  let q = db.selectFrom('findings').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.from) q = q.where('foundOn', '>=', f.from);
  if (f.to) q = q.where('foundOn', '<=', f.to);
  if (f.q) q = q.where('description', 'like', `%${escapeLike(f.q)}%`);
  if (f.inspectionId) q = q.where('inspectionId', '=', f.inspectionId);
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  if (f.category) q = q.where('category', '=', f.category);
  return q.orderBy('foundOn', 'desc').orderBy('id', 'desc').execute();
}
export type FindingRow = Awaited<ReturnType<typeof listFindings>>[number];

export type FindingFilter = { from?: string; to?: string; q?: string; districtId?: number; category?: string };

function filteredFindings(db: Kysely<DB>, scope: Scope, f: FindingFilter) {
  let q = db.selectFrom('findings').where(sqlPathInScope('orgPath', scope));
  if (f.from) q = q.where('foundOn', '>=', f.from);
  if (f.to) q = q.where('foundOn', '<=', f.to);
  if (f.q) q = q.where('description', 'like', `%${escapeLike(f.q)}%`);
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  if (f.category) q = q.where('category', '=', f.category);
  return q;
}

/** The list's order and what a state filter needs, without the whole rows: a page is read in full afterwards. */
export async function listFindingKeys(db: Kysely<DB>, scope: Scope, f: FindingFilter) {
  return filteredFindings(db, scope, f).select(['id', 'deadline', 'districtId']).orderBy('foundOn', 'desc').orderBy('id', 'desc').execute();
}

/** The events of the findings a filter selects, with only what their state needs: one semi-join, not a list of ids. */
export async function eventFactsOf(db: Kysely<DB>, scope: Scope, f: FindingFilter) {
  return db
    .selectFrom('findingEvents')
    .select(['findingId', 'event', 'onDate', 'data'])
    .where('findingId', 'in', filteredFindings(db, scope, f).select('id'))
    .orderBy('onDate')
    .orderBy('id')
    .execute();
}

export async function findFinding(db: Kysely<DB>, scope: Scope, id: number): Promise<FindingRow | undefined> {
  return (await listFindings(db, scope, { ids: [id] }))[0];
}

export async function insertFinding(
  db: Kysely<DB>,
  f: {
    foundOn: string; category: string; description: string; unitId: number; districtId: number; orgPath: string; raisedByUnitId: number; raisedPath: string;
    inspectionId: number | null; gridId: number | null; cardId: number | null; wellId: number | null; deadline: string | null;
  },
) {
  return db.insertInto('findings').values(f).returning(['id']).executeTakeFirstOrThrow();
}

export async function eventsOf(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('findingEvents').selectAll().where('findingId', 'in', [...ids]).orderBy('onDate').orderBy('id').execute();
}

/** Only findings.state.ts writes events: it keeps the findings' current state with them. */
export async function insertEventRows(db: Kysely<DB>, events: readonly { findingId: number; event: FindingEventKind; onDate: string; data: FindingEventData; actorName: string }[]) {
  for (let i = 0; i < events.length; i += 1000) {
    const page = events.slice(i, i + 1000);
    if (page.length) await db.insertInto('findingEvents').values(page.map((e) => ({ ...e, data: JSON.stringify(e.data) }))).execute();
  }
}

/** The events of some findings with only what a fold needs, in order. */
export async function eventFactsOfIds(db: Kysely<DB>, findingIds: readonly number[]) {
  if (findingIds.length === 0) return [];
  return db.selectFrom('findingEvents').select(['findingId', 'event', 'onDate', 'data']).where('findingId', 'in', [...findingIds]).orderBy('onDate').orderBy('id').execute();
}

export type FindingStateColumns = { state: FindingState | null; lastEventOn: string | null };

/** Stores folded states, many rows in one statement. */
export async function writeStates(db: Kysely<DB>, rows: readonly ({ id: number } & FindingStateColumns)[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000).map((r) => ({ id: r.id, state: r.state, last_event_on: r.lastEventOn })));
    await sql`update findings as f set state = v.state, last_event_on = v.last_event_on
      from jsonb_to_recordset(${json}::jsonb) as v(id integer, state text, last_event_on date)
      where f.id = v.id`.execute(db);
  }
}

export async function idsWithoutState(db: Kysely<DB>) {
  return (await db.selectFrom('findings').select('id').where('state', 'is', null).orderBy('id').execute()).map((r) => r.id);
}

export async function storedStates(db: Kysely<DB>) {
  return db.selectFrom('findings').select(['id', 'state', 'lastEventOn']).orderBy('id').execute();
}

/** Whether the stored states are the states on `day` for every finding a filter selects (folded, no later event). */
export async function statesHoldOn(db: Kysely<DB>, scope: Scope, f: FindingFilter, day: string): Promise<boolean> {
  const r = await filteredFindings(db, scope, f).select('id').where((eb) => eb.or([eb('state', 'is', null), eb('lastEventOn', '>', day)])).limit(1).executeTakeFirst();
  return r === undefined;
}

export type FindingStateFilter = { state?: FindingState; overdueOn?: { day: string; overdue: boolean } };

function byState(db: Kysely<DB>, scope: Scope, f: FindingFilter & FindingStateFilter) {
  let q = filteredFindings(db, scope, f);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.overdueOn) {
    // isFindingOverdue(): past its deadline with nothing submitted
    const late = sql<boolean>`(deadline is not null and deadline < ${f.overdueOn.day} and state in ('open', 'rectifying', 'returned'))`;
    q = q.where(f.overdueOn.overdue ? late : sql<boolean>`not ${late}`);
  }
  return q;
}

/** Per district: findings in scope found by `asOf`, how many are not closed and how many overdue (valid when statesHoldOn(asOf)). */
export async function countsByDistrict(db: Kysely<DB>, scope: Scope, asOf: string) {
  const rows = await filteredFindings(db, scope, { to: asOf })
    .select((eb) => [
      'districtId',
      eb.fn.countAll<string>().as('total'),
      sql<string>`count(*) filter (where state <> 'closed')`.as('open'),
      sql<string>`count(*) filter (where deadline is not null and deadline < ${asOf} and state in ('open', 'rectifying', 'returned'))`.as('overdue'),
    ])
    .groupBy('districtId')
    .execute();
  return rows.map((r) => ({ districtId: r.districtId, total: Number(r.total), open: Number(r.open), overdue: Number(r.overdue) }));
}

/** A page of the list by the stored states, and how many the whole list holds. */
export async function pageByState(db: Kysely<DB>, scope: Scope, f: FindingFilter & FindingStateFilter, page: { offset: number; limit: number }) {
  const total = await byState(db, scope, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const ids = await byState(db, scope, f).select('id').orderBy('foundOn', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute();
  return { total: Number(total.n), ids: ids.map((r) => r.id) };
}

/** Optimistic write: a stale version is a conflict. */
export async function bumpFinding(db: Kysely<DB>, id: number, version: number) {
  const row = await db
    .updateTable('findings')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId', 'code']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function districtsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'shortName', 'path', 'openedOn', 'closedOn'])
    .where('level', '=', 'district')
    .where(sqlPathInScope('path', scope))
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

/** Districts overlapping a scope: those inside it, and the one a street/community user sits in. */
export async function allDistricts(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'shortName', 'path']).where('level', '=', 'district').where('closedOn', 'is', null).orderBy('sortOrder').orderBy('code').execute();
}

export async function unitsUnder(db: Kysely<DB>, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'code', 'level', 'path', 'parentId'])
    .where('closedOn', 'is', null)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .execute();
}

export async function cardGrid(db: Kysely<DB>, cardId: number) {
  return db.selectFrom('userCards as c').innerJoin('orgUnits as g', 'g.id', 'c.gridId').select(['c.id', 'c.gridId', 'g.path']).where('c.id', '=', cardId).executeTakeFirst();
}

export async function wellPlace(db: Kysely<DB>, wellId: number) {
  return db.selectFrom('wells as w').innerJoin('orgUnits as u', 'u.id', 'w.orgUnitId').select(['w.id', 'w.code', 'w.orgPath', 'u.level', 'u.id as unitId']).where('w.id', '=', wellId).executeTakeFirst();
}

export async function wellCodes(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code']).where('id', 'in', [...ids]).execute();
}

export async function inspectionTitles(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('inspections').select(['id', 'title', 'orgPath', 'onDate']).where('id', 'in', [...ids]).execute();
}

export async function photosOf(db: Kysely<DB>, findingId: number) {
  return db.selectFrom('photos').selectAll().where('ownerType', '=', 'finding').where('ownerId', '=', findingId).orderBy('id').execute();
}

export async function insertPhoto(db: Kysely<DB>, p: { ownerId: number; orgPath: string; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string; uploadedBy: number | null }) {
  return db.insertInto('photos').values({ ...p, ownerType: 'finding' }).returningAll().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- weekly summary edits

export async function findSummaryEdit(db: Kysely<DB>, unitId: number, weekEnd: string) {
  return db.selectFrom('findingsSummaryEdits').selectAll().where('unitId', '=', unitId).where('weekEnd', '=', weekEnd).executeTakeFirst();
}

export async function insertSummaryEdit(db: Kysely<DB>, e: { unitId: number; orgPath: string; weekEnd: string; generatedText: string; editedText: string; editedBy: string }) {
  const row = await db.insertInto('findingsSummaryEdits').values(e).onConflict((oc) => oc.columns(['unitId', 'weekEnd']).doNothing()).returning(['id']).executeTakeFirst();
  if (!row) throw conflict();
}

export async function updateSummaryEdit(db: Kysely<DB>, id: number, version: number, e: { generatedText: string; editedText: string; editedBy: string }) {
  const row = await db
    .updateTable('findingsSummaryEdits')
    .set((eb) => ({ ...e, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

/** Inspections of a period inside a scope, with their targets (for “本周检查了…”). */
export async function inspectionsBetween(db: Kysely<DB>, scope: Scope, from: string, to: string) {
  return db.selectFrom('inspections').select(['id', 'onDate', 'targets', 'orgPath']).where(sqlPathInScope('orgPath', scope)).where('onDate', '>=', from).where('onDate', '<=', to).orderBy('onDate').orderBy('id').execute();
}
