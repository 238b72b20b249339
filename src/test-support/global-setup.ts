import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../server/db/engine.js';
import { migrate } from '../server/db/migrate.js';
import { initDatabase } from '../server/features/system/init.service.js';
import { testDbPattern, withDb } from './pg-admin.js';

/**
 * Migrates and loads the demo campaign once; each test file then starts from a copy:
 * a PGlite data-dir dump, or a PostgreSQL template database.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgliteDump: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `wellseal_tmpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ databaseUrl: withDb(url, template), dataDir: '' });
    await migrate(database);
    await initDatabase(database.db, { cityName: '', cityCode: '', demo: true });
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      // this run's databases only: another run on the same server keeps its own
      const mine = testDbPattern(template);
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname like $1 or datname = $2`, [mine, template]);
      const left = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [mine]);
      for (const r of left.rows) await admin.query(`drop database if exists ${r.datname}`);
      await admin.query(`drop database if exists ${template}`);
      await admin.end();
    };
  }
  const database = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await migrate(database);
  await initDatabase(database.db, { cityName: '', cityCode: '', demo: true });
  const dump = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-test-')), 'demo.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
