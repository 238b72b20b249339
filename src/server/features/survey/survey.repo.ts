import { sql, type Kysely } from 'kysely';
import type { DB, UserCardRow } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { CardInput } from '../../../domain/survey/card-sheet.js';
import { STAMP_REQUIRED_KINDS } from '../../../domain/survey/card.js';
import type { SurveyEventKind, SurveyState } from '../../../domain/survey/survey-state.js';
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

/** Only survey.state.ts writes survey events: it keeps the grids' current state with them. */
export async function insertEventRows(
  db: Kysely<DB>,
  events: readonly { gridId: number; event: SurveyEventKind; onDate: string; reason: string | null; summary?: unknown; actorName: string }[],
) {
  for (let i = 0; i < events.length; i += 1000) {
    await db
      .insertInto('gridSurveyEvents')
      .values(events.slice(i, i + 1000).map((e) => ({ ...e, summary: e.summary === null || e.summary === undefined ? null : JSON.stringify(e.summary) })))
      .execute();
  }
}

/** The survey events of some grids with only what a fold needs, in order. */
export async function eventFactsOfGridIds(db: Kysely<DB>, gridIds: readonly number[]) {
  if (gridIds.length === 0) return [];
  return db.selectFrom('gridSurveyEvents').select(['gridId', 'event', 'onDate']).where('gridId', 'in', [...gridIds]).orderBy('onDate').orderBy('id').execute();
}

/** Stores folded states: a row per grid with events, none for a grid without. */
export async function writeSurveyStates(db: Kysely<DB>, rows: readonly { gridId: number; state: SurveyState; lastEventOn: string }[], without: readonly number[]) {
  for (let i = 0; i < without.length; i += 5000) await db.deleteFrom('gridSurveyStates').where('gridId', 'in', without.slice(i, i + 5000)).execute();
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('gridSurveyStates')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.column('gridId').doUpdateSet((eb) => ({ state: eb.ref('excluded.state'), lastEventOn: eb.ref('excluded.lastEventOn') })))
      .execute();
  }
}

/** Grids with survey events and no stored state (from before the table, or loaded in bulk). */
export async function gridIdsWithoutState(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('gridSurveyEvents as e')
    .leftJoin('gridSurveyStates as s', 's.gridId', 'e.gridId')
    .select('e.gridId')
    .distinct()
    .where('s.gridId', 'is', null)
    .orderBy('e.gridId')
    .execute();
  return rows.map((r) => r.gridId);
}

export async function storedSurveyStates(db: Kysely<DB>) {
  return db.selectFrom('gridSurveyStates').select(['gridId', 'state', 'lastEventOn']).orderBy('gridId').execute();
}

export async function gridIdsWithEvents(db: Kysely<DB>) {
  return (await db.selectFrom('gridSurveyEvents').select('gridId').distinct().orderBy('gridId').execute()).map((r) => r.gridId);
}

export async function storedStatesOfGrids(db: Kysely<DB>, gridIds: readonly number[]): Promise<Map<number, SurveyState>> {
  if (gridIds.length === 0) return new Map();
  return new Map((await db.selectFrom('gridSurveyStates').select(['gridId', 'state']).where('gridId', 'in', [...gridIds]).execute()).map((r) => [r.gridId, r.state]));
}

/** Whether the stored survey states of the grids in scope are their states on `day`: no grid has an event after it. */
export async function surveyStatesHoldOn(db: Kysely<DB>, scope: Scope, day: string): Promise<boolean> {
  const later = await db
    .selectFrom('gridSurveyStates as s')
    .innerJoin('orgUnits as g', 'g.id', 's.gridId')
    .select('s.gridId')
    .where(sqlPathInScope('g.path', scope))
    .where('s.lastEventOn', '>', day)
    .limit(1)
    .executeTakeFirst();
  return later === undefined;
}

/**
 * For each unit, the grids in scope under it open on `day`, how many have started and how many are
 * completed, counted in SQL from the stored states (valid when surveyStatesHoldOn(day)).
 */
export async function surveyCountsUnder(db: Kysely<DB>, scope: Scope, units: readonly { id: number; path: string }[], day: string) {
  if (units.length === 0) return new Map<number, { grids: number; started: number; completed: number }>();
  const json = JSON.stringify(units.map((u) => ({ id: u.id, path: u.path })));
  const rows = await sql<{ id: number; grids: string; started: string; completed: string }>`
    select u.id, count(g.id) as grids,
      count(g.id) filter (where s.state in ('in_progress', 'completed')) as started,
      count(g.id) filter (where s.state = 'completed') as completed
    from jsonb_to_recordset(${json}::jsonb) as u(id integer, path text)
    join org_units g on g.level = 'grid' and g.path like u.path || '%' and g.opened_on <= ${day} and (g.closed_on is null or g.closed_on > ${day})
    left join grid_survey_states s on s.grid_id = g.id
    where ${sqlPathInScope('g.path', scope)}
    group by u.id`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.id), { grids: Number(r.grids), started: Number(r.started), completed: Number(r.completed) }]));
}

/** A page of the grids list (open grids) by the stored survey states, and how many the whole list holds. */
export async function pageGridsByState(db: Kysely<DB>, scope: Scope, opts: { underPath?: string; q?: string; state?: SurveyState }, page: { offset: number; limit: number }) {
  let q = db
    .selectFrom('orgUnits as g')
    .leftJoin('gridSurveyStates as s', 's.gridId', 'g.id')
    .where('g.level', '=', 'grid')
    .where('g.closedOn', 'is', null)
    .where(sqlPathInScope('g.path', scope));
  if (opts.underPath) q = q.where('g.path', 'like', `${opts.underPath}%`);
  if (opts.q) q = q.where((eb) => eb.or([eb('g.name', 'like', `%${escapeLike(opts.q)}%`), eb('g.code', 'like', `${escapeLike(opts.q)}%`)]));
  // a grid without a state row has no events: not started
  if (opts.state) q = q.where(sql`coalesce(s.state, 'not_started')`, '=', opts.state);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const grids = await q
    .select(['g.id', 'g.code', 'g.name', 'g.path', 'g.parentId', 'g.openedOn', 'g.closedOn'])
    .orderBy('g.sortOrder')
    .orderBy('g.code')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(total.n), grids: grids as GridRow[] };
}

/** Minimal facts of every card under a path, for counts and summaries. */
export async function cardFacts(db: Kysely<DB>, scope: Scope, opts: { gridIds?: number[]; underPath?: string } = {}) {
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
  return q.orderBy('c.id').execute();
}

/**
 * pledgeStatus() !== 'complete' in SQL, written out with literals so that it is the predicate of the
 * partial index user_cards_pledge_issue_idx (migration 0014): the few incomplete pledges are found
 * without reading every card.
 */
const PLEDGE_ISSUE = sql<boolean>`(not c.pledge_signed or (c.kind in (${sql.raw(STAMP_REQUIRED_KINDS.map((k) => `'${k}'`).join(', '))}) and not c.pledge_stamped))`;

/**
 * A page of the cards with a pledge or tap-account issue in open grids, in card order, and how many
 * there are: the rule of pledgeStatus() / lacksTapAccount() in SQL, so a city's 300,000 cards are
 * neither read nor sorted in the server for one page.
 */
export async function pageCardIssues(db: Kysely<DB>, scope: Scope, opts: { underPath?: string; issue: 'pledges' | 'no-tap' }, page: { offset: number; limit: number }) {
  let q = db
    .selectFrom('userCards as c')
    .innerJoin('orgUnits as g', 'g.id', 'c.gridId')
    .where('g.level', '=', 'grid')
    .where('g.closedOn', 'is', null)
    .where(sqlPathInScope('g.path', scope));
  if (opts.underPath) q = q.where('g.path', 'like', `${opts.underPath}%`);
  q = q.where(opts.issue === 'pledges' ? PLEDGE_ISSUE : sql<boolean>`cardinality(c.tap_accounts) = 0`);
  const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const cards = await q
    .select(['c.id', 'c.gridId', 'c.name', 'c.kind', 'c.tapAccounts', 'c.pledgeSigned', 'c.pledgeStamped', 'c.waterSource', 'g.name as gridName', 'g.path as gridPath'])
    .orderBy('c.id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return { total: Number(total.n), cards };
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
