import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, WaterSamplesTable } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import { conflict } from '../../http/errors.js';
import type { LinkKind } from './samples.schema.js';
import { tipTextLike } from '../tips/tips.repo.js';
import { escapeLike } from '../audit/audit.repo.js';
import { maskPersonalText } from '../../../domain/shared/masking.js';

/** Every SQL statement of water samples and their links. */

export async function listSamples(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; districtId?: number; q?: string; link?: { kind: LinkKind; refId: number } } = {}) {
  let q = db.selectFrom('waterSamples').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  if (f.q) q = q.where((eb) => eb.or([eb('code', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
  if (f.link) {
    const { kind, refId } = f.link;
    q = q.where('id', 'in', db.selectFrom('sampleLinks').select('sampleId').where('kind', '=', kind).where('refId', '=', refId));
  }
  return q.orderBy('sampledOn', 'desc').orderBy('code', 'desc').execute();
}
export type SampleRow = Awaited<ReturnType<typeof listSamples>>[number];

export async function findSample(db: Kysely<DB>, scope: Scope, id: number): Promise<SampleRow | undefined> {
  return (await listSamples(db, scope, { ids: [id] }))[0];
}

export async function codeTaken(db: Kysely<DB>, code: string, exceptId?: number) {
  let q = db.selectFrom('waterSamples').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function codesLike(db: Kysely<DB>, prefix: string) {
  return (await db.selectFrom('waterSamples').select('code').where('code', 'like', `${prefix}%`).execute()).map((r) => r.code);
}

export async function allCodes(db: Kysely<DB>) {
  return (await db.selectFrom('waterSamples').select('code').execute()).map((r) => r.code);
}

export type SampleValues = Omit<Insertable<WaterSamplesTable>, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

export async function insertSample(db: Kysely<DB>, s: SampleValues) {
  return db.insertInto('waterSamples').values(s).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict. */
export async function updateSample(db: Kysely<DB>, id: number, version: number, s: Omit<SampleValues, 'createdBy'>) {
  const row = await db
    .updateTable('waterSamples')
    .set((eb) => ({ ...s, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function linksOf(db: Kysely<DB>, sampleId: number) {
  return db.selectFrom('sampleLinks').selectAll().where('sampleId', '=', sampleId).orderBy('createdAt').execute();
}

export async function insertLink(db: Kysely<DB>, l: { sampleId: number; kind: LinkKind; refId: number; createdBy: string }) {
  return db.insertInto('sampleLinks').values(l).onConflict((oc) => oc.columns(['sampleId', 'kind', 'refId']).doNothing()).returning(['sampleId']).executeTakeFirst();
}

export async function deleteLink(db: Kysely<DB>, l: { sampleId: number; kind: LinkKind; refId: number }) {
  return db.deleteFrom('sampleLinks').where('sampleId', '=', l.sampleId).where('kind', '=', l.kind).where('refId', '=', l.refId).returning(['sampleId']).executeTakeFirst();
}

// ---------------------------------------------------------------- places and link targets

export async function unitById(db: Kysely<DB>, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId', 'code']).where('id', '=', id).where('closedOn', 'is', null).executeTakeFirst();
}

export async function wellPlace(db: Kysely<DB>, wellId: number) {
  return db.selectFrom('wells').select(['id', 'code', 'orgPath', 'orgUnitId', 'address', 'lat', 'lng']).where('id', '=', wellId).executeTakeFirst();
}

export async function cardPlace(db: Kysely<DB>, cardId: number) {
  return db
    .selectFrom('userCards as c')
    .innerJoin('orgUnits as g', 'g.id', 'c.gridId')
    .select(['c.id', 'c.name', 'c.address', 'c.lat', 'c.lng', 'c.gridId', 'g.path'])
    .where('c.id', '=', cardId)
    .executeTakeFirst();
}

export async function wellCodes(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code']).where('id', 'in', [...ids]).execute();
}

export async function cardNames(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('userCards').select(['id', 'name']).where('id', 'in', [...ids]).execute();
}

export type LinkTarget = { kind: LinkKind; refId: number; label: string; onDate: string | null; orgPath: string };

/** The records a sample may be linked to, by kind: their label, date and org path. */
export async function linkTargets(db: Kysely<DB>, kind: LinkKind, f: { ids?: readonly number[]; q?: string; scope?: Scope; limit?: number }): Promise<LinkTarget[]> {
  if (f.ids && f.ids.length === 0) return [];
  const ids = f.ids ? [...f.ids] : null;
  const limit = f.limit ?? 1000;
  if (kind === 'account') {
    let q = db.selectFrom('utilityAccounts').select(['id', 'name', 'accountNo', 'address', 'households', 'orgPath']);
    if (ids) q = q.where('id', 'in', ids);
    if (f.scope) q = q.where(sqlPathInScope('orgPath', f.scope));
    if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${escapeLike(f.q)}%`), eb('accountNo', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
    return (await q.orderBy('accountNo').limit(limit).execute()).map((a) => ({
      kind, refId: a.id, label: `${a.name}（户号 ${a.accountNo}${a.households ? `，${a.households} 户` : ''}）`, onDate: null, orgPath: a.orgPath,
    }));
  }
  if (kind === 'suspect_check') {
    let q = db
      .selectFrom('suspectChecks as c')
      .innerJoin('suspectBatches as b', 'b.id', 'c.batchId')
      .innerJoin('utilityAccounts as a', 'a.id', 'c.accountId')
      .select(['c.id', 'c.orgPath', 'c.checkedOn', 'b.number', 'a.name', 'a.accountNo']);
    if (ids) q = q.where('c.id', 'in', ids);
    if (f.scope) q = q.where(sqlPathInScope('c.orgPath', f.scope));
    if (f.q) q = q.where((eb) => eb.or([eb('a.name', 'like', `%${escapeLike(f.q)}%`), eb('a.accountNo', 'like', `%${escapeLike(f.q)}%`)]));
    return (await q.orderBy('b.number', 'desc').orderBy('c.rank').limit(limit).execute()).map((c) => ({
      kind, refId: c.id, label: `第${c.number}批核查：${c.name}（户号 ${c.accountNo}）`, onDate: c.checkedOn, orgPath: c.orgPath,
    }));
  }
  if (kind === 'tip') {
    let q = db.selectFrom('tips').select(['id', 'code', 'content', 'receivedOn', 'orgPath']);
    if (ids) q = q.where('id', 'in', ids);
    if (f.scope) q = q.where(sqlPathInScope('orgPath', f.scope));
    // the labels show the words masked for every role: so does the search
    if (f.q) q = q.where(tipTextLike(f.q, true));
    return (await q.orderBy('receivedOn', 'desc').limit(limit).execute()).map((t) => ({
      // a tip's words may carry the reporter's or a neighbour's phone number: masked here for every role
      kind, refId: t.id, label: `${t.code} ${((c) => (c.length > 30 ? `${c.slice(0, 30)}…` : c))(maskPersonalText(t.content))}`, onDate: t.receivedOn, orgPath: t.orgPath,
    }));
  }
  let q = db.selectFrom('inspections').select(['id', 'title', 'onDate', 'orgPath']);
  if (ids) q = q.where('id', 'in', ids);
  if (f.scope) q = q.where(sqlPathInScope('orgPath', f.scope));
  if (f.q) q = q.where('title', 'like', `%${escapeLike(f.q)}%`);
  return (await q.orderBy('onDate', 'desc').limit(limit).execute()).map((i) => ({ kind, refId: i.id, label: i.title, onDate: i.onDate, orgPath: i.orgPath }));
}

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
