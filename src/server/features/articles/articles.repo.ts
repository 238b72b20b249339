import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { ArticleCategory, ArticleState } from '../../../domain/bulletin/article.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of articles. Scoped by the writing office's unit. */

export async function listArticles(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; state?: ArticleState; category?: ArticleCategory; from?: string; to?: string; q?: string } = {}) {
  let q = db.selectFrom('articles').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.state) q = q.where('state', '=', f.state);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.from) q = q.where('onDate', '>=', f.from);
  if (f.to) q = q.where('onDate', '<=', f.to);
  if (f.q) q = q.where('title', 'like', `%${escapeLike(f.q)}%`);
  return q.orderBy('onDate', 'desc').orderBy('id', 'desc').execute();
}
export type ArticleRow = Awaited<ReturnType<typeof listArticles>>[number];

export async function findArticle(db: Kysely<DB>, scope: Scope, id: number): Promise<ArticleRow | undefined> {
  return (await listArticles(db, scope, { ids: [id] }))[0];
}

export type ArticleValues = { category: ArticleCategory; title: string; onDate: string; paragraphs: string[]; inspectionId: number | null };

export async function insertArticle(db: Kysely<DB>, a: ArticleValues & { authorUnitId: number; districtId: number | null; orgPath: string; createdBy: number | null; state?: ArticleState }) {
  return db.insertInto('articles').values({ ...a, paragraphs: JSON.stringify(a.paragraphs) }).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict. */
export async function updateArticle(
  db: Kysely<DB>,
  id: number,
  version: number,
  patch: Partial<ArticleValues> & { state?: ArticleState; returnReason?: string | null; approvedBy?: string | null; approvedOn?: string | null; usedIn?: string | null },
) {
  const { paragraphs, ...rest } = patch;
  const row = await db
    .updateTable('articles')
    .set((eb) => ({ ...rest, ...(paragraphs ? { paragraphs: JSON.stringify(paragraphs) } : {}), version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'shortName']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function inspectionsBrief(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('inspections').select(['id', 'title', 'orgPath']).where('id', 'in', [...ids]).execute();
}

/** For the demo loader: articles loaded as approved carry their approver and date. */
export async function approveAllDemo(db: Kysely<DB>, by: string) {
  await db.updateTable('articles').set((eb) => ({ approvedBy: by, approvedOn: eb.ref('onDate') })).where('state', '=', 'approved').where('approvedBy', 'is', null).execute();
}
