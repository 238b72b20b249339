import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './engine.js';

/** Migrations are plain SQL files, forward-only, applied in name order, each in a transaction. */
const here = path.dirname(fileURLToPath(import.meta.url));

export function migrationsDir(): string {
  // compiled code runs from dist/server/db; the .sql files stay in src
  const candidates = [path.join(here, 'migrations'), path.resolve(here, '../../../src/server/db/migrations')];
  const found = candidates.find((d) => fs.existsSync(d) && fs.readdirSync(d).some((f) => f.endsWith('.sql')));
  if (!found) throw new Error(`找不到数据库迁移文件 / migrations not found in ${candidates.join(', ')}`);
  return found;
}

/** `only`: apply just these (the upgrade test rebuilds an earlier release's schema from them). */
export async function migrate(database: Database, onApplied?: (name: string) => void, only?: readonly string[]): Promise<string[]> {
  await database.execScript(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set(
    (await database.db.selectFrom('schemaMigrations').select('name').execute()).map((r) => r.name),
  );
  const dir = migrationsDir();
  const pending = fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9-]+\.sql$/.test(f))
    .sort()
    .filter((f) => !done.has(f))
    .filter((f) => !only || only.includes(f));
  for (const file of pending) {
    const body = fs.readFileSync(path.join(dir, file), 'utf8');
    const name = file.replace(/'/g, "''");
    await database.execScript(`begin;\n${body}\n;insert into schema_migrations (name) values ('${name}');\ncommit;`);
    onApplied?.(file);
  }
  return pending;
}

export async function isEmptyDatabase(database: Database): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from org_units`.execute(database.db);
  return (r.rows[0]?.n ?? 0) === 0;
}
