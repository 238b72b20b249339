/** SQL of the water-company data and the suspect engine. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, UtilityAccountsTable, UtilityImportsTable, UtilityImportState } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';

export type AccountValues = Omit<Selectable<UtilityAccountsTable>, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type ImportRow = Selectable<UtilityImportsTable>;

export async function cityPath(db: Kysely<DB>): Promise<string> {
  return (await db.selectFrom('orgUnits').select('path').where('level', '=', 'city').where('closedOn', 'is', null).executeTakeFirstOrThrow()).path;
}

export async function openGrids(db: Kysely<DB>) {
  const rows = await db.selectFrom('orgUnits').select(['id', 'code', 'path']).where('level', '=', 'grid').where('closedOn', 'is', null).execute();
  return { byCode: new Map(rows.map((r) => [r.code, r])), byId: new Map(rows.map((r) => [r.id, r])) };
}

const normAddress = (a: string) => a.replace(/\s+/g, '');

/** Cards by the tap-water account numbers on them, and by address (only an address one card alone has). */
export async function cardsByAccount(db: Kysely<DB>) {
  const rows = await db.selectFrom('userCards').select(['id', 'gridId', 'tapAccounts', 'address', 'waterSource']).execute();
  const byAccount = new Map<string, { cardId: number; gridId: number; waterSource: string }>();
  const addresses = new Map<string, { cardId: number; gridId: number; waterSource: string } | null>();
  for (const r of rows) {
    const c = { cardId: r.id, gridId: r.gridId, waterSource: r.waterSource };
    for (const a of r.tapAccounts) byAccount.set(a, c);
    const key = normAddress(r.address);
    if (key.length >= 6) addresses.set(key, addresses.has(key) ? null : c);
  }
  return { byAccount, byAddress: (address: string) => (address ? (addresses.get(normAddress(address)) ?? null) : null) };
}

export async function accountsByNo(db: Kysely<DB>): Promise<Map<string, AccountValues>> {
  const rows = await db.selectFrom('utilityAccounts')
    .select(['accountNo', 'name', 'address', 'category', 'industry', 'households', 'persons', 'beds', 'areaM2', 'gridId', 'cardId', 'matchedBy', 'orgPath', 'supplierPath'])
    .execute();
  return new Map(rows.map((r) => [r.accountNo, r]));
}

export async function upsertAccounts(db: Kysely<DB>, rows: AccountValues[]): Promise<void> {
  await db.insertInto('utilityAccounts').values(rows).onConflict((oc) => oc.column('accountNo').doUpdateSet((eb) => ({
    name: eb.ref('excluded.name'), address: eb.ref('excluded.address'), category: eb.ref('excluded.category'), industry: eb.ref('excluded.industry'),
    households: eb.ref('excluded.households'), persons: eb.ref('excluded.persons'), beds: eb.ref('excluded.beds'), areaM2: eb.ref('excluded.areaM2'),
    gridId: eb.ref('excluded.gridId'), cardId: eb.ref('excluded.cardId'), matchedBy: eb.ref('excluded.matchedBy'), orgPath: eb.ref('excluded.orgPath'),
    supplierPath: eb.ref('excluded.supplierPath'), version: sql`utility_accounts.version + 1`, updatedAt: sql`now()`,
  }))).execute();
}

/** Account number → id, for the accounts a supplier (its unit and below) may send readings for. */
export async function accountIdsUnder(db: Kysely<DB>, supplierPath: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('utilityAccounts').select(['id', 'accountNo']).where('supplierPath', 'like', `${supplierPath}%`).execute();
  return new Map(rows.map((r) => [r.accountNo, r.id]));
}

// ---------------------------------------------------------------- imports

export type NewImport = { kind: 'accounts' | 'readings'; fileName: string; fileSha256: string; sizeBytes: number; supplierPath: string; state: UtilityImportState; storageKey: string | null; createdBy: number | null };
export async function createImport(db: Kysely<DB>, v: NewImport): Promise<number> {
  return (await db.insertInto('utilityImports').values({ ...v, errors: '[]' }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function getImport(db: Kysely<DB>, id: number, opts: { forUpdate?: boolean } = {}): Promise<ImportRow | undefined> {
  let q = db.selectFrom('utilityImports').selectAll().where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** A load of the same file by the same supplier that has not ended (cut off, or held back). */
export async function unfinishedImport(db: Kysely<DB>, sha: string, supplierPath: string): Promise<ImportRow | undefined> {
  return db.selectFrom('utilityImports').selectAll()
    .where('fileSha256', '=', sha).where('supplierPath', '=', supplierPath).where('state', 'in', ['loading', 'held'])
    .orderBy('id', 'desc').executeTakeFirst();
}

export async function loadingImports(db: Kysely<DB>): Promise<ImportRow[]> {
  return db.selectFrom('utilityImports').selectAll().where('state', '=', 'loading').where('storageKey', 'is not', null).execute();
}

export async function listImports(db: Kysely<DB>, scope: Scope, limit = 50): Promise<ImportRow[]> {
  return db.selectFrom('utilityImports').selectAll().where(sqlPathInScope('supplierPath', scope)).orderBy('id', 'desc').limit(limit).execute();
}

export async function insertReadings(db: Kysely<DB>, importId: number, ids: number[], periods: string[], m3: number[]): Promise<void> {
  if (!ids.length) return;
  await sql`insert into utility_readings (account_id, period, m3, import_id)
    select a, p, m, ${importId} from unnest(${ids}::int[], ${periods}::text[], ${m3}::float8[]) as t(a, p, m)`.execute(db);
}

export async function advanceImport(db: Kysely<DB>, id: number, a: { lastRow: number; bytesRead: number; loaded: number; bad: number; errors: unknown[]; periods: string[] }): Promise<void> {
  await db.updateTable('utilityImports').set((eb) => ({
    lastRow: a.lastRow, bytesRead: a.bytesRead, rowsLoaded: eb('rowsLoaded', '+', a.loaded), badRows: eb('badRows', '+', a.bad),
    errors: sql`errors || ${JSON.stringify(a.errors)}::jsonb`, periods: sql`${a.periods}::text[]`, updatedAt: sql`now()`,
  })).where('id', '=', id).execute();
}

/** The account/period pairs an interrupted load already committed (to find duplicates after a resume). */
export async function loadedKeys(db: Kysely<DB>, importId: number): Promise<{ accountId: number; period: string }[]> {
  return db.selectFrom('utilityReadings').select(['accountId', 'period']).where('importId', '=', importId).execute();
}

export async function setImportState(db: Kysely<DB>, id: number, state: UtilityImportState, message: string | null): Promise<ImportRow> {
  return db.updateTable('utilityImports')
    .set({ state, message, updatedAt: sql`now()`, finishedAt: state === 'loading' ? null : sql`now()` })
    .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteImportReadings(db: Kysely<DB>, id: number): Promise<void> {
  await db.deleteFrom('utilityReadings').where('importId', '=', id).execute();
}

/**
 * Deletes what applied imports other than `id` hold for the same account and period as `id`
 * (a corrected month replaces the month; accounts the new file does not name keep theirs).
 * Returns how many rows.
 */
export async function replacePeriods(db: Kysely<DB>, id: number, periods: readonly string[]): Promise<number> {
  if (!periods.length) return 0;
  const res = await sql`delete from utility_readings r where r.period = any(${[...periods]}::text[]) and r.import_id <> ${id}
    and r.import_id in (select i.id from utility_imports i where i.state = 'applied' and i.kind = 'readings')
    and exists (select 1 from utility_readings n where n.import_id = ${id} and n.account_id = r.account_id and n.period = r.period)`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

// ---------------------------------------------------------------- analysis input

export type AccountForAnalysis = {
  id: number; accountNo: string; name: string; address: string; category: string; industry: string | null;
  households: number | null; persons: number | null; beds: number | null; areaM2: number | null;
  orgPath: string; cardId: number | null; waterSource: string | null; sealedOn: string | null;
};

/** Every account with what the engine needs besides readings: its card's declared source, the first seal of a well on its card. */
export async function accountsForAnalysis(db: Kysely<DB>): Promise<AccountForAnalysis[]> {
  const rows = await db.selectFrom('utilityAccounts as a')
    .leftJoin('userCards as c', 'c.id', 'a.cardId')
    .select(['a.id', 'a.accountNo', 'a.name', 'a.address', 'a.category', 'a.industry', 'a.households', 'a.persons', 'a.beds', 'a.areaM2', 'a.orgPath', 'a.cardId', 'c.waterSource'])
    .select((eb) => eb.selectFrom('wellEvents as e').innerJoin('wells as w', 'w.id', 'e.wellId')
      .select(sql<string>`min(e.on_date)::text`.as('d')).whereRef('w.cardId', '=', 'a.cardId').where('e.event', '=', 'seal').as('sealedOn'))
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ ...r, waterSource: r.waterSource ?? null, sealedOn: r.sealedOn ?? null }));
}

/** Readings of accounts id ∈ [from, to] up to the end of `asOf`, from applied imports only, ordered by period. */
export async function readingsPage(db: Kysely<DB>, from: number, to: number, before: string, applied: readonly number[]) {
  if (!applied.length) return [];
  const res = await sql<{ accountId: number; periods: string[]; m3: number[] }>`
    select account_id, array_agg(period order by period) as periods, array_agg(m3 order by period) as m3
    from utility_readings where account_id between ${from} and ${to} and period < ${before} and import_id = any(${[...applied]}::int[])
    group by account_id`.execute(db);
  return res.rows;
}

export async function appliedImportIds(db: Kysely<DB>): Promise<number[]> {
  return (await db.selectFrom('utilityImports').select('id').where('state', '=', 'applied').where('kind', '=', 'readings').execute()).map((r) => r.id);
}

export async function latestPeriod(db: Kysely<DB>): Promise<string | null> {
  const r = await sql<{ p: string | null }>`select max(period) as p from utility_readings where import_id in (select id from utility_imports where state = 'applied')`.execute(db);
  return r.rows[0]?.p?.slice(0, 7) ?? null;
}
