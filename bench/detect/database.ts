/**
 * The database part of the detection benchmark: the synthetic city's CSV files imported through the
 * same code as `wellseal import accounts|readings` (streamed, chunked, on a fresh database) and
 * ranked by `wellseal analyze dual-source`, on PGlite (a data folder on disk, as deployed) or on a
 * fresh PostgreSQL database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import { initDatabase } from '../../src/server/features/system/init.service.js';
import { findCity } from '../../src/server/features/org/org.repo.js';
import { systemActor } from '../../src/server/auth/actor.js';
import { importAccounts, importReadings } from '../../src/server/features/utility/utility.import.js';
import { analyzeDualSource } from '../../src/server/features/utility/utility.analysis.js';
import type { Progress } from '../../src/server/context.js';

export type DatabaseRun = {
  engine: 'pglite' | 'postgres';
  accounts: number; readings: number;
  importAccountsMs: number; importReadingsMs: number; scoreMs: number;
  /** readings imported per second */
  rowsPerSecond: number;
  /** readings import + scoring: the target is under 3 minutes for 7.2 M readings */
  readingsAndScoreMs: number;
  ranked: { accountNo: string; score: number }[];
};

async function open(engine: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-detect-'));
    const database = await openDatabase({ dataDir: path.join(dir, 'data'), databaseUrl: undefined });
    return { database, drop: async () => { await database.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const url = process.env.DATABASE_URL!;
  const name = `wellseal_detect_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ dataDir: '', databaseUrl: u.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Imports the two files into a fresh database and ranks every account as of `asOf`. */
export async function measureDatabase(engine: 'pglite' | 'postgres', files: { accounts: string; readings: string }, asOf: string, progress: (line: string) => void): Promise<DatabaseRun> {
  const { database, drop } = await open(engine);
  try {
    await migrate(database);
    await initDatabase(database.db, { cityName: '基准市', cityCode: '990000', demo: false });
    const city = (await findCity(database.db))!;
    const ctx = { db: database.db, actor: systemActor(city), requestId: null };
    const line = (what: string): Progress => (done, total, stage) => progress(`${engine} ${what} ${total ? Math.floor((done / total) * 100) : 0}% ${stage}`);
    let t = performance.now();
    const accounts = await importAccounts(ctx, { path: files.accounts, fileName: 'accounts.csv' }, { dryRun: false, progress: line('导入用水户') });
    const importAccountsMs = performance.now() - t;
    t = performance.now();
    const imp = await importReadings(ctx, { path: files.readings, fileName: 'readings.csv' }, { progress: line('导入用水量') });
    if (imp.state !== 'applied') throw new Error(`readings import ended ${imp.state}: ${imp.message}`);
    const importReadingsMs = performance.now() - t;
    t = performance.now();
    const analysis = await analyzeDualSource(ctx, { asOf, progress: line('评分') });
    const scoreMs = performance.now() - t;
    return {
      engine, accounts: accounts.rows, readings: imp.rowsLoaded, importAccountsMs, importReadingsMs, scoreMs,
      rowsPerSecond: imp.rowsLoaded / (importReadingsMs / 1000), readingsAndScoreMs: importReadingsMs + scoreMs,
      ranked: analysis.ranked.map((r) => ({ accountNo: r.accountNo, score: r.score })),
    };
  } finally {
    await drop();
  }
}
