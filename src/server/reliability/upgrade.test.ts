import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { emptyPgUrl } from '../../test-support/db.js';
import { loginAs } from '../../test-support/app.js';
import { openDatabase, type Database } from '../db/engine.js';
import { migrate, migrationsDir } from '../db/migrate.js';
import { buildApp } from '../app.js';
import { readConfig } from '../config.js';
import { DEMO_PASSWORD } from '../demo/demo-users.js';
import { insertRows, listTables, resetSequence } from '../features/system/backup.repo.js';
import { currentStateMismatches, fillCurrentStates } from '../features/system/current-state.service.js';

/**
 * Upgrading a database that an earlier release made: the fixtures are those releases' own backups
 * (make them with `npm run fixture:upgrade -- <commit>`). Each is loaded into an empty database built
 * with that release's migrations only, then today's migrations run. Every row must still be there
 * with every value it had, and today's features must work on the result.
 */

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-support/fixtures');
const files = fs.readdirSync(fixtures).filter((f) => f.endsWith('.wsbak')).sort();

type Header = { migrations: string[]; tables: { name: string; rows: number }[] };
type Row = Record<string, unknown>;

async function readFixture(file: string): Promise<{ header: Header; rows: Map<string, Row[]> }> {
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  let header: Header | undefined;
  const rows = new Map<string, Row[]>();
  for await (const line of input) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as Header;
      continue;
    }
    const { t, r } = JSON.parse(line) as { t: string; r: Row };
    (rows.get(t) ?? rows.set(t, []).get(t)!).push(r);
  }
  return { header: header!, rows };
}

async function emptyEngine(): Promise<Database & { drop(): Promise<void> }> {
  if (!process.env.DATABASE_URL) return { ...(await openDatabase({ dataDir: 'memory://', databaseUrl: undefined })), drop: async () => {} };
  const pg = await emptyPgUrl();
  const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  return { ...database, drop: pg.drop };
}

describe.each(files)('upgrading the database of %s', (name) => {
  it('keeps every row and value, and today’s features work on it', async () => {
    const { header, rows } = await readFixture(path.join(fixtures, name));
    expect(header.tables.every((t) => t.rows > 0), `empty tables in the fixture: ${header.tables.filter((t) => t.rows === 0).map((t) => t.name)}`).toBe(true);
    const available = fs.readdirSync(migrationsDir());
    expect(header.migrations.every((m) => available.includes(m))).toBe(true);
    const database = await emptyEngine();
    try {
      // the earlier release's schema, and its rows
      await migrate(database, undefined, header.migrations);
      const old = await listTables(database.db);
      expect(old.map((t) => t.name).filter((t) => t !== 'schema_migrations').sort()).toEqual(header.tables.map((t) => t.name).sort());
      await database.db.transaction().execute(async (trx) => {
        for (const t of old) {
          const r = rows.get(t.name) ?? [];
          for (let i = 0; i < r.length; i += 1000) await insertRows(trx, t.name, r.slice(i, i + 1000));
          for (const col of t.serials) await resetSequence(trx, t.name, col);
        }
      });

      // today's migrations on top
      const applied = await migrate(database);
      expect(applied).toEqual(available.filter((f) => /^\d{4}_[a-z0-9-]+\.sql$/.test(f) && !header.migrations.includes(f)).sort());

      // the start-up step after the migrations: every record's current state folded from its history
      const filled = await fillCurrentStates(database.db);
      const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n;
      if (header.tables.some((t) => t.name === 'tips')) expect(filled.tips).toBe(await count('tips'));
      if (header.tables.some((t) => t.name === 'wells')) expect(filled.wells).toBe(await count('wells'));
      if (header.tables.some((t) => t.name === 'findings')) expect(filled.findings).toBe(await count('findings'));
      expect(filled.grids).toBe((await sql<{ n: number }>`select count(distinct grid_id)::int as n from grid_survey_events`.execute(database.db)).rows[0]!.n);
      expect(await currentStateMismatches(database.db)).toEqual({ tips: [], wells: [], findings: [], grids: [] });

      // every row, every value it had (new columns may be added; none may be lost or changed)
      const now = new Map((await listTables(database.db)).map((t) => [t.name, t]));
      for (const t of header.tables) {
        const info = now.get(t.name);
        expect(info, `table ${t.name} is gone after the upgrade`).toBeDefined();
        const key = (r: Row) => JSON.stringify(info!.key.map((k) => r[k]));
        const current = await sql<{ row: Row }>`select to_jsonb(s) as row from ${sql.table(t.name)} s`.execute(database.db);
        expect(current.rows.length, `rows of ${t.name}`).toBe(t.rows);
        const byKey = new Map(current.rows.map((r) => [key(r.row), r.row]));
        for (const before of rows.get(t.name)!) {
          const after = byKey.get(key(before));
          expect(after, `${t.name} ${key(before)} is gone`).toBeDefined();
          for (const [col, v] of Object.entries(before)) expect(after![col], `${t.name} ${key(before)} ${col}`).toEqual(v);
        }
      }

      // today's server on the upgraded data: sign in as the release's city user, open the reports
      const app = await buildApp({ db: database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent' }), engine: database.kind });
      try {
        const city = await loginAs(app, 'city', DEMO_PASSWORD);
        for (const url of ['/api/survey/progress', '/api/survey/report', '/api/dashboard', '/api/wells?pageSize=5', '/api/tips?pageSize=5', '/api/bulletins', '/api/audit']) {
          const res = await city.get(url);
          expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
        }
        expect((await city.get('/api/wells?pageSize=1')).json().total).toBe(header.tables.find((t) => t.name === 'wells')!.rows);
        // an issue printed by the earlier release renders from its stored content
        const issued = ((await city.get('/api/bulletins')).json().bulletins as { id: number; state: string }[]).find((b) => b.state === 'issued')!;
        const docx = await city.get(`/api/bulletins/${issued.id}/render?format=docx`);
        expect(docx.statusCode).toBe(200);
        expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
        // and it takes new writes
        const units = (await city.get('/api/org/units')).json().units as { id: number; level: string; version: number }[];
        const grid = units.find((u) => u.level === 'grid')!;
        expect((await city.send('PATCH', `/api/org/units/${grid.id}`, { version: grid.version, name: '升级后改名网格' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
      await database.drop();
    }
  }, 120_000);
});
