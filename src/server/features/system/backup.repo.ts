import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Catalogue and bulk row access for backup/restore; the same SQL on PGlite and PostgreSQL. */

/** key: the primary key's columns in order (a composite key pages on all of them). */
export type TableInfo = { name: string; key: string[]; serials: string[] };

/** Every table of the public schema, parents before children (by foreign keys). */
export async function listTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; key: string[] | null }>`
    select c.relname as name,
           (select array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum))
              from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
             where i.indrelid = c.oid and i.indisprimary) as key
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' order by c.relname`.execute(db);
  const deps = await sql<{ child: string; parent: string }>`
    select cc.relname as child, pc.relname as parent
      from pg_constraint k join pg_class cc on cc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid
      join pg_namespace n on n.oid = cc.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and cc.relname <> pc.relname`.execute(db);
  const serials = await sql<{ table: string; column: string }>`
    select table_name as "table", column_name as "column" from information_schema.columns
     where table_schema = 'public' and column_default like 'nextval(%'`.execute(db);

  const parents = new Map<string, Set<string>>();
  for (const d of deps.rows) (parents.get(d.child) ?? parents.set(d.child, new Set()).get(d.child)!).add(d.parent);
  const ordered: TableInfo[] = [];
  const placed = new Set<string>();
  const pending = [...tables.rows];
  while (pending.length) {
    const i = pending.findIndex((t) => [...(parents.get(t.name) ?? [])].every((p) => placed.has(p)));
    if (i < 0) throw new Error('foreign keys form a cycle');
    const t = pending.splice(i, 1)[0]!;
    if (!t.key) throw new Error(`table ${t.name} has no primary key`);
    placed.add(t.name);
    ordered.push({ name: t.name, key: t.key, serials: serials.rows.filter((s) => s.table === t.name).map((s) => s.column) });
  }
  return ordered;
}

/** One page of rows as JSON, in key order after `after` (keyset paging: stable and memory-flat). */
export async function readPage(db: Kysely<DB>, t: TableInfo, after: unknown, limit: number) {
  const cols = sql.join(t.key.map((c) => sql.ref(`t.${c}`)));
  const where = after === undefined ? sql`true` : sql`(${cols}) > (${sql.join((after as unknown[]).map((v) => sql`${v}`))})`;
  const r = await sql<{ row: Record<string, unknown>; k: unknown[] }>`
    select to_jsonb(t) as row, array[${sql.join(t.key.map((c) => sql`${sql.ref(`t.${c}`)}::text`))}] as k from ${sql.table(t.name)} t
     where ${where} order by ${cols} limit ${limit}`.execute(db);
  return r.rows;
}

export async function countRows(db: Kysely<DB>, table: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Inserts JSON rows with the table's own column types (jsonb_populate_recordset). */
export async function insertRows(db: Kysely<DB>, table: string, rows: unknown[]) {
  if (rows.length === 0) return;
  await sql`insert into ${sql.table(table)} select * from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::jsonb)`.execute(db);
}

export async function resetSequence(db: Kysely<DB>, table: string, column: string) {
  await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
}

export async function appliedMigrations(db: Kysely<DB>): Promise<string[]> {
  return (await db.selectFrom('schemaMigrations').select('name').orderBy('name').execute()).map((r) => r.name);
}

/** The transaction's snapshot as text (xmin:xmax:xip,…): which commits a backup holds. */
export async function currentSnapshot(db: Kysely<DB>): Promise<string> {
  const r = await sql<{ s: string }>`select pg_current_snapshot()::text as s`.execute(db);
  return r.rows[0]!.s;
}
