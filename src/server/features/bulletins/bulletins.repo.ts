import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { conflict } from '../../http/errors.js';

/** Every SQL statement of bulletins. Bulletins are the city office's: no org filter beyond the capability. */

export async function listSeries(db: Kysely<DB>) {
  return db.selectFrom('bulletinSeries').selectAll().orderBy('id').execute();
}
export type SeriesRow = Awaited<ReturnType<typeof listSeries>>[number];

export async function findSeries(db: Kysely<DB>, f: { id?: number; name?: string; campaignId?: number }) {
  let q = db.selectFrom('bulletinSeries').selectAll();
  if (f.id !== undefined) q = q.where('id', '=', f.id);
  if (f.name !== undefined) q = q.where('name', '=', f.name);
  if (f.campaignId !== undefined) q = q.where('campaignId', '=', f.campaignId);
  return q.executeTakeFirst();
}

export async function insertSeries(db: Kysely<DB>, s: { name: string; title: string; office: string; reportLine: string; sendLine: string; campaignId: number | null }) {
  return db.insertInto('bulletinSeries').values(s).returningAll().executeTakeFirstOrThrow();
}

export async function updateSeries(db: Kysely<DB>, id: number, s: { title: string; office: string; reportLine: string; sendLine: string }) {
  await db.updateTable('bulletinSeries').set(s).where('id', '=', id).execute();
}

export async function listBulletins(db: Kysely<DB>, f: { seriesId?: number; state?: 'draft' | 'issued' } = {}) {
  let q = db.selectFrom('bulletins').select(['id', 'seriesId', 'number', 'issuedOn', 'asOf', 'state', 'correctsId', 'correction', 'issuedAt', 'issuedBy', 'version', 'updatedAt']);
  if (f.seriesId) q = q.where('seriesId', '=', f.seriesId);
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('seriesId').orderBy('number', 'desc').execute();
}

export async function findBulletin(db: Kysely<DB>, id: number) {
  return db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
}
export type BulletinRow = NonNullable<Awaited<ReturnType<typeof findBulletin>>>;

export async function findByNumber(db: Kysely<DB>, seriesId: number, number: number) {
  return db.selectFrom('bulletins').selectAll().where('seriesId', '=', seriesId).where('number', '=', number).executeTakeFirst();
}

export async function findByDate(db: Kysely<DB>, seriesId: number, issuedOn: string) {
  return db.selectFrom('bulletins').selectAll().where('seriesId', '=', seriesId).where('issuedOn', '=', issuedOn).orderBy('number', 'desc').executeTakeFirst();
}

export async function maxNumber(db: Kysely<DB>, seriesId: number): Promise<number> {
  const r = await db.selectFrom('bulletins').select((eb) => eb.fn.max<number>('number').as('n')).where('seriesId', '=', seriesId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertBulletin(db: Kysely<DB>, b: { seriesId: number; number: number; issuedOn: string; asOf: string; sections: unknown; correctsId: number | null; correction: string | null }) {
  return db.insertInto('bulletins').values({ ...b, sections: JSON.stringify(b.sections) }).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write of a draft: a stale version, or an issued bulletin, is a conflict. */
export async function updateDraft(db: Kysely<DB>, id: number, version: number, b: { issuedOn: string; asOf: string; sections: unknown; correction?: string | null }) {
  const row = await db
    .updateTable('bulletins')
    .set((eb) => ({ ...b, sections: JSON.stringify(b.sections), version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'draft')
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function markIssued(db: Kysely<DB>, id: number, version: number, content: unknown, by: string) {
  const row = await db
    .updateTable('bulletins')
    .set((eb) => ({ state: 'issued' as const, content: JSON.stringify(content), issuedAt: sql`now()`, issuedBy: by, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .where('state', '=', 'draft')
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function articlesByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('articles').select(['id', 'category', 'title', 'paragraphs', 'state', 'orgPath', 'onDate', 'version']).where('id', 'in', [...ids]).execute();
}

/** Approved articles not yet in a bulletin, for a new issue's choice. */
export async function approvedArticles(db: Kysely<DB>, from: string, to: string) {
  return db.selectFrom('articles').select(['id', 'category', 'title', 'onDate', 'orgPath']).where('state', '=', 'approved').where('onDate', '>=', from).where('onDate', '<=', to).orderBy('onDate').orderBy('id').execute();
}

export async function markArticlesUsed(db: Kysely<DB>, ids: readonly number[], usedIn: string) {
  if (ids.length === 0) return;
  await db.updateTable('articles').set((eb) => ({ state: 'used' as const, usedIn, version: eb('version', '+', 1), updatedAt: sql`now()` })).where('id', 'in', [...ids]).execute();
}
