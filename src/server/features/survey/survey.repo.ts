import { sql, type Kysely } from 'kysely';
import type { DB, UserCardRow } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { CardInput } from '../../../domain/survey/card-sheet.js';
import type { SurveyEventKind } from '../../../domain/survey/survey-state.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of the survey feature. Scoped reads filter by the grid's org path. */

export type GridRow = { id: number; code: string; name: string; path: string; parentId: number | null; openedOn: string; closedOn: string | null };

/** Grids in scope (optionally under one unit's path), open on `day` unless `includeClosed`. */
export async function listGrids(db: Kysely<DB>, scope: Scope, opts: { underPath?: string; openOn?: string; q?: string }): Promise<GridRow[]> {
  let q = db
    .selectFrom('orgUnits')
    .select(['id', 'code', 'name', 'path', 'parentId', 'openedOn', 'closedOn'])
    .where('level', '=', 'grid')
    .where(sqlPathInScope('path', scope));
  if (opts.underPath) q = q.where('path', 'like', `${opts.underPath}%`);
  if (opts.openOn) {
    const day = opts.openOn;
    q = q.where('openedOn', '<=', day).where((eb) => eb.or([eb('closedOn', 'is', null), eb('closedOn', '>', day)]));
  } else {
    q = q.where('closedOn', 'is', null);
  }
  if (opts.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${escapeLike(opts.q)}%`), eb('code', 'like', `${escapeLike(opts.q)}%`)]));
  return q.orderBy('sortOrder').orderBy('code').execute();
}

export async function findGrid(db: Kysely<DB>, scope: Scope, id: number): Promise<GridRow | undefined> {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'code', 'name', 'path', 'parentId', 'openedOn', 'closedOn'])
    .where('id', '=', id)
    .where('level', '=', 'grid')
    .where(sqlPathInScope('path', scope))
    .executeTakeFirst();
}

export async function unitsByIds(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId', 'sortOrder', 'code']).where('id', 'in', ids).execute();
}

export async function findUnitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path']).where('id', '=', id).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

/** Units in scope, parents before children (for drill-down rows and names). */
export async function unitsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'level', 'path', 'parentId', 'sortOrder', 'code', 'openedOn', 'closedOn'])
    .where(sqlPathInScope('path', scope))
    .orderBy(sql`case level when 'city' then 0 when 'district' then 1 when 'street' then 2 when 'community' then 3 else 4 end`)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

export async function eventsOfGrids(db: Kysely<DB>, scope: Scope, gridIds?: number[]) {
  let q = db
    .selectFrom('gridSurveyEvents as e')
    .innerJoin('orgUnits as g', 'g.id', 'e.gridId')
    .select(['e.id', 'e.gridId', 'e.event', 'e.onDate', 'e.reason', 'e.actorName', 'e.at'])
    .where(sqlPathInScope('g.path', scope));
  if (gridIds) {
    if (gridIds.length === 0) return [];
    q = q.where('e.gridId', 'in', gridIds);
  }
  return q.orderBy('e.onDate').orderBy('e.id').execute();
}

export async function insertEvent(
  db: Kysely<DB>,
  e: { gridId: number; event: SurveyEventKind; onDate: string; reason: string | null; summary: unknown; actorName: string },
) {
  await db
    .insertInto('gridSurveyEvents')
    .values({ ...e, summary: e.summary === null ? null : JSON.stringify(e.summary) })
    .execute();
}

/** Minimal facts of every card under a path, for counts and summaries. */
export async function cardFacts(db: Kysely<DB>, scope: Scope, opts: { gridIds?: number[]; underPath?: string; issue?: 'pledges' | 'no-tap' } = {}) {
  let q = db
    .selectFrom('userCards as c')
    .innerJoin('orgUnits as g', 'g.id', 'c.gridId')
    .select(['c.id', 'c.gridId', 'c.name', 'c.kind', 'c.industry', 'c.tapAccounts', 'c.wellsDeclared', 'c.households', 'c.persons', 'c.pledgeSigned', 'c.pledgeStamped', 'c.waterSource'])
    .where(sqlPathInScope('g.path', scope));
  if (opts.gridIds) {
    if (opts.gridIds.length === 0) return [];
    q = q.where('c.gridId', 'in', opts.gridIds);
  }
  if (opts.underPath) q = q.where('g.path', 'like', `${opts.underPath}%`);
  // a superset of the cards with that issue, so that a city's 300,000 cards are not all read for a page of them
  if (opts.issue === 'pledges') q = q.where((eb) => eb.or([eb('c.pledgeSigned', '=', false), eb('c.pledgeStamped', '=', false)]));
  if (opts.issue === 'no-tap') q = q.where(sql<boolean>`cardinality(c.tap_accounts) = 0`);
  return q.orderBy('c.id').execute();
}

const cardColumns = [
  'c.id', 'c.gridId', 'c.kind', 'c.name', 'c.address', 'c.contactName', 'c.contactPhone', 'c.industry', 'c.tapAccounts',
  'c.households', 'c.persons', 'c.beds', 'c.areaM2', 'c.wellsDeclared', 'c.waterSource', 'c.lat', 'c.lng', 'c.gpsAccuracyM',
  'c.surveyedBy', 'c.surveyedOn', 'c.remarks', 'c.pledgeSigned', 'c.pledgeStamped', 'c.pledgeDate', 'c.version', 'c.updatedAt',
  'g.code as gridCode', 'g.name as gridName', 'g.path as gridPath',
] as const;

export type CardRecord = Pick<UserCardRow, 'id' | 'gridId' | 'kind' | 'name' | 'address' | 'contactName' | 'contactPhone' | 'industry' | 'tapAccounts' | 'households' | 'persons' | 'beds' | 'areaM2' | 'wellsDeclared' | 'waterSource' | 'lat' | 'lng' | 'gpsAccuracyM' | 'surveyedBy' | 'surveyedOn' | 'remarks' | 'pledgeSigned' | 'pledgeStamped' | 'pledgeDate' | 'version' | 'updatedAt'> & { gridCode: string; gridName: string; gridPath: string };

export async function listCards(db: Kysely<DB>, scope: Scope, filter: { gridId?: number; underPath?: string; ids?: number[] }): Promise<CardRecord[]> {
  let q = db.selectFrom('userCards as c').innerJoin('orgUnits as g', 'g.id', 'c.gridId').select(cardColumns).where(sqlPathInScope('g.path', scope));
  if (filter.gridId !== undefined) q = q.where('c.gridId', '=', filter.gridId);
  if (filter.underPath) q = q.where('g.path', 'like', `${filter.underPath}%`);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('c.id', 'in', filter.ids);
  }
  return q.orderBy('g.sortOrder').orderBy('g.code').orderBy('c.id').execute();
}

export async function findCard(db: Kysely<DB>, scope: Scope, id: number): Promise<CardRecord | undefined> {
  return (await listCards(db, scope, { ids: [id] }))[0];
}

type CardValues = CardInput & { gpsAccuracyM: number | null };

export async function insertCard(db: Kysely<DB>, gridId: number, c: CardValues, createdBy: number | null) {
  return db
    .insertInto('userCards')
    .values({ ...c, tapAccounts: sql<string[]>`${c.tapAccounts}::text[]`, gridId, createdBy })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** Optimistic update: a stale version is a conflict, never a silent overwrite. */
export async function updateCard(db: Kysely<DB>, id: number, version: number, c: CardValues) {
  const row = await db
    .updateTable('userCards')
    .set((eb) => ({ ...c, tapAccounts: sql<string[]>`${c.tapAccounts}::text[]`, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!row) throw conflict();
  return row;
}

export async function insertCardVersion(db: Kysely<DB>, v: { cardId: number; version: number; data: unknown; changedBy: string }) {
  await db.insertInto('userCardVersions').values({ ...v, data: JSON.stringify(v.data) }).execute();
}

export async function listCardVersions(db: Kysely<DB>, cardId: number) {
  return db.selectFrom('userCardVersions').selectAll().where('cardId', '=', cardId).orderBy('version', 'desc').execute();
}

export async function listDiscardedCardVersions(db: Kysely<DB>, cardId: number) {
  return db.selectFrom('userCardDiscardedVersions').selectAll().where('cardId', '=', cardId).orderBy('id', 'desc').execute();
}

export async function insertPhoto(
  db: Kysely<DB>,
  p: { ownerType: 'card' | 'pledge'; ownerId: number; orgPath: string; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string; uploadedBy: number | null },
) {
  return db.insertInto('photos').values(p).returningAll().executeTakeFirstOrThrow();
}

export async function photosOfCards(db: Kysely<DB>, cardIds: number[]) {
  if (cardIds.length === 0) return [];
  return db.selectFrom('photos').selectAll().where('ownerId', 'in', cardIds).where('ownerType', 'in', ['card', 'pledge']).orderBy('id').execute();
}

/** A photo by id, within the scope of its owner's kind: wells, tips, or cards and pledges. */
export async function findPhoto(db: Kysely<DB>, scopes: { survey: Scope | null; wells: Scope | null; tips: Scope | null; inspections: Scope | null; findings: Scope | null }, id: number) {
  return db
    .selectFrom('photos')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('ownerType', '=', 'well'), scopes.wells ? sqlPathInScope('orgPath', scopes.wells) : sql<boolean>`false`]),
        eb.and([eb('ownerType', '=', 'tip'), scopes.tips ? sqlPathInScope('orgPath', scopes.tips) : sql<boolean>`false`]),
        eb.and([eb('ownerType', '=', 'inspection'), scopes.inspections ? sqlPathInScope('orgPath', scopes.inspections) : sql<boolean>`false`]),
        eb.and([eb('ownerType', '=', 'finding'), scopes.findings ? sqlPathInScope('orgPath', scopes.findings) : sql<boolean>`false`]),
        eb.and([eb('ownerType', 'in', ['card', 'pledge']), scopes.survey ? sqlPathInScope('orgPath', scopes.survey) : sql<boolean>`false`]),
      ]),
    )
    .executeTakeFirst();
}

export async function gridsByCodes(db: Kysely<DB>, scope: Scope, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'code', 'path']).where('level', '=', 'grid').where('closedOn', 'is', null).where('code', 'in', codes).where(sqlPathInScope('path', scope)).execute();
}

/** Bulk loads (demo campaign): many rows per statement. */
export async function insertEventsBulk(db: Kysely<DB>, events: { gridId: number; event: SurveyEventKind; onDate: string; reason: string | null; actorName: string }[]) {
  for (let i = 0; i < events.length; i += 1000) {
    await db.insertInto('gridSurveyEvents').values(events.slice(i, i + 1000)).execute();
  }
}

export async function insertCardsBulk(db: Kysely<DB>, cards: (CardInput & { gridId: number })[]): Promise<void> {
  for (let i = 0; i < cards.length; i += 500) {
    await db
      .insertInto('userCards')
      .values(cards.slice(i, i + 500).map((c) => ({ ...c, tapAccounts: sql<string[]>`${c.tapAccounts}::text[]`, gpsAccuracyM: null, createdBy: null })))
      .execute();
  }
}

export async function insertCardVersionsBulk(db: Kysely<DB>, versions: { cardId: number; version: number; data: unknown; changedBy: string }[]) {
  for (let i = 0; i < versions.length; i += 1000) {
    await db.insertInto('userCardVersions').values(versions.slice(i, i + 1000).map((v) => ({ ...v, data: JSON.stringify(v.data) }))).execute();
  }
}
