import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, CamelCasePlugin } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './types.js';

export type EngineKind = 'pglite' | 'postgres';

export type Database = {
  kind: EngineKind;
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  /** The embedded instance, when the engine is PGlite (tests dump and reload it). */
  pglite?: PGlite;
  /** Where the data lives, for messages: a folder or a redacted URL. */
  location: string;
  close(): Promise<void>;
};

export type OpenOptions = { databaseUrl?: string | undefined; dataDir: string; loadDataDir?: Blob | File };

// int8 (bigint counts) and numeric come back as strings from pg; make them numbers once, here.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// dates stay as 'YYYY-MM-DD' text: they are calendar days, not instants
pg.types.setTypeParser(1082, (v) => v);

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPGlite(opts.dataDir, opts.loadDataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // an idle connection can be cut by the server (restart, failover, a dropped database); without a
  // handler that error would crash the process. The pool replaces the connection on next use.
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') process.stderr.write(`PostgreSQL 空闲连接出错 / idle connection error: ${err.message}\n`);
  });
  // fail early with a clear message rather than on the first request
  const client = await pool.connect().catch((err: Error) => {
    throw new Error(`无法连接 PostgreSQL / cannot connect to PostgreSQL (${redact(url)}): ${err.message}`);
  });
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [camelCase()] });
  return {
    kind: 'postgres',
    db,
    location: redact(url),
    async execScript(sql) {
      await pool.query(sql);
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string, loadDataDir?: Blob | File): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: inMemory ? dataDir : path.resolve(dataDir),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: {
      20: (v: string) => Number(v),
      1700: (v: string) => Number(v),
      1082: (v: string) => v,
    },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins: [camelCase()] });
  return {
    kind: 'pglite',
    db,
    location: inMemory ? dataDir : path.resolve(dataDir),
    pglite,
    async execScript(sql) {
      await pglite.exec(sql);
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

// nested JSON (jsonb columns, to_jsonb rows) keeps its own keys: only column names are mapped
const camelCase = () => new CamelCasePlugin({ maintainNestedObjectKeys: true });
