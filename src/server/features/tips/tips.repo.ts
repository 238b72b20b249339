import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { TipChannel, TipEventData, TipEventKind, TipState } from '../../../domain/tip/workflow.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';
import { maskPersonalText } from '../../../domain/shared/masking.js';

/** Every SQL statement of tips. The reporter's columns are read only by findReporter() and exportRows(). */

const PUBLIC_COLUMNS = [
  'id', 'code', 'channel', 'receivedAt', 'receivedOn', 'content', 'mergedText', 'address', 'lat', 'lng', 'districtId', 'gridId', 'orgPath',
  'anonymous', 'duplicateOf', 'wellId', 'version',
] as const;

/**
 * A search of a tip's code, words and place. A caller who sees the words masked (every role but the
 * city office's tips.reporter) searches the masked words: a search must not read back a digit the
 * page hides.
 */
export function tipTextLike(q: string, masked: boolean | undefined) {
  const like = `%${escapeLike(q)}%`;
  return (eb: ExpressionBuilder<DB, 'tips'>) => eb.or([eb('code', 'like', like), eb(masked === false ? 'content' : 'contentMasked', 'like', like), eb('address', 'like', like)]);
}

/** Rows whose masked words were never stored (from before they were): filled once after the migrations. */
export async function fillMaskedContent(db: Kysely<DB>): Promise<number> {
  const rows = await db.selectFrom('tips').select(['id', 'content']).where('contentMasked', 'is', null).execute();
  for (const r of rows) await db.updateTable('tips').set({ contentMasked: maskPersonalText(r.content) }).where('id', '=', r.id).execute();
  return rows.length;
}

export async function listTips(db: Kysely<DB>, scope: Scope, f: { q?: string; maskedSearch?: boolean; ids?: number[] } = {}) {
  let q = db.selectFrom('tips').select(PUBLIC_COLUMNS).where(sqlPathInScope('orgPath', scope));
  if (f.q) q = q.where(tipTextLike(f.q, f.maskedSearch));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  return q.orderBy('receivedAt', 'desc').orderBy('id', 'desc').execute();
}
export type TipRow = Awaited<ReturnType<typeof listTips>>[number];

/** maskedSearch: false only for a caller who reads the words unmasked (tips.reporter) */
export type TipFilter = { q?: string; maskedSearch?: boolean; districtId?: number };

function filteredTips(db: Kysely<DB>, scope: Scope, f: TipFilter) {
  let q = db.selectFrom('tips').where(sqlPathInScope('orgPath', scope));
  if (f.q) q = q.where(tipTextLike(f.q, f.maskedSearch));
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  return q;
}

/** The list's ids in its order (newest first), without the rows: a page is read in full afterwards. */
export async function listTipKeys(db: Kysely<DB>, scope: Scope, f: TipFilter) {
  return filteredTips(db, scope, f).select(['id']).orderBy('receivedAt', 'desc').orderBy('id', 'desc').execute();
}

/** The events of the tips a filter selects, with only what their state needs: one semi-join, not a list of ids. */
export async function eventFactsOfTips(db: Kysely<DB>, scope: Scope, f: TipFilter) {
  return db
    .selectFrom('tipEvents')
    .select(['tipId', 'event', 'onDate', 'data'])
    .where('tipId', 'in', filteredTips(db, scope, f).select('id'))
    .orderBy('onDate')
    .orderBy('id')
    .execute();
}

/** Tips in scope received by the end of a day: only what the tables count by (no texts, no reporter). */
export async function tipKeysAsOf(db: Kysely<DB>, scope: Scope, asOf: string) {
  return db.selectFrom('tips').select(['id', 'receivedOn', 'districtId', 'duplicateOf']).where(sqlPathInScope('orgPath', scope)).where('receivedOn', '<=', asOf).orderBy('receivedAt', 'desc').orderBy('id', 'desc').execute();
}

/** The events of those tips up to that day, in order: one join, not a list of ids. */
export async function eventsOfTipsAsOf(db: Kysely<DB>, scope: Scope, asOf: string) {
  return db
    .selectFrom('tipEvents as e')
    .innerJoin('tips as t', 't.id', 'e.tipId')
    .select(['e.tipId', 'e.event', 'e.onDate', 'e.data'])
    .where(sqlPathInScope('t.orgPath', scope))
    .where('t.receivedOn', '<=', asOf)
    .where('e.onDate', '<=', asOf)
    .orderBy('e.onDate')
    .orderBy('e.id')
    .execute();
}

export async function findTip(db: Kysely<DB>, scope: Scope, id: number): Promise<TipRow | undefined> {
  return (await listTips(db, scope, { ids: [id] }))[0];
}

export async function findReporter(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('tips').select(['id', 'code', 'orgPath', 'anonymous', 'reporterName', 'reporterPhone', 'reporterIp']).where('id', '=', id).where(sqlPathInScope('orgPath', scope)).executeTakeFirst();
}

/** Public status lookup by tracking code: the code is the only key, and only the state is read. */
export async function findByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('tips').select(['id', 'code', 'receivedOn', 'duplicateOf']).where('code', '=', code).executeTakeFirst();
}

export async function eventsOf(db: Kysely<DB>, tipIds: number[]) {
  if (tipIds.length === 0) return [];
  return db.selectFrom('tipEvents').selectAll().where('tipId', 'in', tipIds).orderBy('onDate').orderBy('id').execute();
}

export async function insertTip(
  db: Kysely<DB>,
  t: {
    code: string; channel: TipChannel; receivedAt: Date; receivedOn: string; content: string; address: string; lat: number | null; lng: number | null;
    districtId: number | null; gridId: number | null; orgPath: string; reporterName: string | null; reporterPhone: string | null; reporterIp: string | null;
    clientHash: string | null; anonymous: boolean;
  },
) {
  return db.insertInto('tips').values({ ...t, contentMasked: maskPersonalText(t.content) }).returning(['id']).executeTakeFirstOrThrow();
}

/** Only tips.state.ts writes events: it keeps the tips' current state with them. */
export async function insertEventRows(db: Kysely<DB>, events: readonly { tipId: number; event: TipEventKind; onDate: string; data: TipEventData; actorName: string }[]) {
  for (let i = 0; i < events.length; i += 1000) await db.insertInto('tipEvents').values(events.slice(i, i + 1000).map((e) => ({ ...e, data: JSON.stringify(e.data) }))).execute();
}

/** The events of some tips with only what a fold needs, in order. */
export async function eventFactsOfIds(db: Kysely<DB>, tipIds: readonly number[]) {
  if (tipIds.length === 0) return [];
  return db.selectFrom('tipEvents').select(['tipId', 'event', 'onDate', 'data']).where('tipId', 'in', [...tipIds]).orderBy('onDate').orderBy('id').execute();
}

export type TipStateColumns = {
  state: TipState | null; assignedDistrictId: number | null; dueOn: string | null; result: 'substantiated' | 'unsubstantiated' | null;
  assignedOn: string | null; closedOn: string | null; lastEventOn: string | null;
};

/** Stores folded states, many rows in one statement. */
export async function writeStates(db: Kysely<DB>, rows: readonly ({ id: number } & TipStateColumns)[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const json = JSON.stringify(rows.slice(i, i + 5000).map((r) => ({
      id: r.id, state: r.state, assigned_district_id: r.assignedDistrictId, due_on: r.dueOn, result: r.result, assigned_on: r.assignedOn, closed_on: r.closedOn, last_event_on: r.lastEventOn,
    })));
    await sql`update tips as t set state = v.state, assigned_district_id = v.assigned_district_id, due_on = v.due_on, result = v.result,
        assigned_on = v.assigned_on, closed_on = v.closed_on, last_event_on = v.last_event_on
      from jsonb_to_recordset(${json}::jsonb) as v(id integer, state text, assigned_district_id integer, due_on date, result text, assigned_on date, closed_on date, last_event_on date)
      where t.id = v.id`.execute(db);
  }
}

export async function idsWithoutState(db: Kysely<DB>) {
  return (await db.selectFrom('tips').select('id').where('state', 'is', null).orderBy('id').execute()).map((r) => r.id);
}

/** Every tip's stored state (the consistency check). */
export async function storedStates(db: Kysely<DB>) {
  return db.selectFrom('tips').select(['id', 'state', 'assignedDistrictId', 'dueOn', 'result', 'assignedOn', 'closedOn', 'lastEventOn']).orderBy('id').execute();
}

/**
 * Whether the stored states are the states on `day` for every tip a filter selects: each is folded
 * (not null) and has no event after that day. Otherwise the caller folds by date.
 */
export async function statesHoldOn(db: Kysely<DB>, scope: Scope, f: TipFilter, day: string): Promise<boolean> {
  const r = await filteredTips(db, scope, f)
    .select('id')
    .where((eb) => eb.or([eb('state', 'is', null), eb('lastEventOn', '>', day)]))
    .limit(1)
    .executeTakeFirst();
  return r === undefined;
}

export type TipStateFilter = { state?: TipState; overdueOn?: { day: string; overdue: boolean } };

function byState(db: Kysely<DB>, scope: Scope, f: TipFilter & TipStateFilter) {
  let q = filteredTips(db, scope, f);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.overdueOn) {
    // isOverdue(): being handled (assigned or investigated) with a deadline before the day
    const late = sql<boolean>`(state in ('assigned', 'investigated') and due_on is not null and due_on < ${f.overdueOn.day})`;
    q = q.where(f.overdueOn.overdue ? late : sql<boolean>`not ${late}`);
  }
  return q;
}

/**
 * 举报线索办理情况表 counts by the stored states (valid when statesHoldOn(asOf)): tips received by the
 * end of `asOf`, merged ones left out, grouped by the district they were assigned to (null: not yet).
 */
export async function summaryCounts(db: Kysely<DB>, scope: Scope, asOf: string) {
  const rows = await db
    .selectFrom('tips')
    .select((eb) => [
      'assignedDistrictId',
      eb.fn.countAll<string>().as('received'),
      eb.fn.count<string>('assignedOn').as('assigned'),
      sql<string>`count(*) filter (where state = 'closed')`.as('closed'),
      sql<string>`count(*) filter (where result = 'substantiated')`.as('substantiated'),
    ])
    .where(sqlPathInScope('orgPath', scope))
    .where('receivedOn', '<=', asOf)
    .where('duplicateOf', 'is', null)
    .groupBy('assignedDistrictId')
    .execute();
  return rows.map((r) => ({ districtId: r.assignedDistrictId, received: Number(r.received), assigned: Number(r.assigned), closed: Number(r.closed), substantiated: Number(r.substantiated) }));
}

/** Overdue tips on `asOf` (isOverdue()) by the district they were assigned to, merged ones included (valid when statesHoldOn(asOf)). */
export async function overdueCounts(db: Kysely<DB>, scope: Scope, asOf: string) {
  const rows = await db
    .selectFrom('tips')
    .select((eb) => ['assignedDistrictId', eb.fn.countAll<string>().as('n')])
    .where(sqlPathInScope('orgPath', scope))
    .where('receivedOn', '<=', asOf)
    .where('state', 'in', ['assigned', 'investigated'])
    .where('dueOn', 'is not', null)
    .where('dueOn', '<', asOf)
    .groupBy('assignedDistrictId')
    .execute();
  return rows.map((r) => ({ districtId: r.assignedDistrictId, n: Number(r.n) }));
}

/** A page of a list by the stored states, and how many the whole list holds. */
export async function pageByState(db: Kysely<DB>, scope: Scope, f: TipFilter & TipStateFilter, page: { offset: number; limit: number }) {
  const total = await byState(db, scope, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const ids = await byState(db, scope, f).select('id').orderBy('receivedAt', 'desc').orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute();
  return { total: Number(total.n), ids: ids.map((r) => r.id) };
}

/** Optimistic write: a stale version is a conflict. */
export async function bumpTip(db: Kysely<DB>, id: number, version: number, patch: { districtId?: number | null; orgPath?: string; wellId?: number | null; duplicateOf?: number | null; mergedText?: string | null } = {}) {
  const row = await db
    .updateTable('tips')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function countFromClient(db: Kysely<DB>, clientHash: string, since: Date): Promise<number> {
  const r = await db.selectFrom('tips').select((eb) => eb.fn.countAll<number>().as('n')).where('clientHash', '=', clientHash).where('receivedAt', '>=', since).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function unitsByIds(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId', 'shortName', 'sortOrder', 'code', 'openedOn', 'closedOn']).where('id', 'in', ids).execute();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function districtsInScope(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path', 'openedOn', 'closedOn']).where('level', '=', 'district').where(sqlPathInScope('path', scope)).orderBy('sortOrder').orderBy('code').execute();
}

export async function districtsByName(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'path', 'shortName']).where('level', '=', 'district').where('closedOn', 'is', null).execute();
}

export async function cityRoot(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'path', 'name']).where('level', '=', 'city').where('closedOn', 'is', null).executeTakeFirstOrThrow();
}

export async function codesExisting(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return new Set<string>();
  return new Set((await db.selectFrom('tips').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
}

export async function photosOf(db: Kysely<DB>, tipId: number) {
  return db.selectFrom('photos').selectAll().where('ownerType', '=', 'tip').where('ownerId', '=', tipId).orderBy('id').execute();
}

export async function insertPhoto(db: Kysely<DB>, p: { ownerId: number; orgPath: string; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string }) {
  await db.insertInto('photos').values({ ...p, ownerType: 'tip', uploadedBy: null }).execute();
}

/** Photos follow their tip when it moves to a district or street office. */
export async function movePhotos(db: Kysely<DB>, tipId: number, orgPath: string) {
  await db.updateTable('photos').set({ orgPath }).where('ownerType', '=', 'tip').where('ownerId', '=', tipId).execute();
}

export async function exportRows(db: Kysely<DB>, scope: Scope) {
  return db.selectFrom('tips').select([...PUBLIC_COLUMNS, 'reporterName', 'reporterPhone']).where(sqlPathInScope('orgPath', scope)).orderBy('receivedAt').execute();
}

/** A well inside the scope (a tip's 核查 may name only a well its handler could reach). */
export async function wellInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('wells').select('id').where('id', '=', id).where(sqlPathInScope('orgPath', scope)).executeTakeFirst();
}

export async function formTokenUsed(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  return !!(await db.selectFrom('usedFormTokens').select('tokenHash').where('tokenHash', '=', tokenHash).executeTakeFirst());
}

/** Marks a public form token used; false when it already was (two submissions racing with one form). */
export async function useFormToken(db: Kysely<DB>, tokenHash: string): Promise<boolean> {
  const row = await db.insertInto('usedFormTokens').values({ tokenHash }).onConflict((oc) => oc.column('tokenHash').doNothing()).returning('tokenHash').executeTakeFirst();
  return !!row;
}
