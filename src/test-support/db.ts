import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../server/db/engine.js';
import { migrate } from '../server/db/migrate.js';
import { adminQuery, testDbName, withDb } from './pg-admin.js';

export const engineName = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** A private database holding the demo campaign, on the engine under test. */
export async function demoDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return pgCopy(url, inject('pgTemplate'));
  const blob = new Blob([fs.readFileSync(inject('pgliteDump'))]);
  return openDatabase({ dataDir: 'memory://', loadDataDir: blob, databaseUrl: undefined });
}

/** A private, migrated database with no rows at all. */
export async function emptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  const database = url ? await pgCopy(url, null) : await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  await migrate(database);
  return database;
}

/** An empty database's connection string (PostgreSQL only), for child processes such as the CLI. */
export async function emptyPgUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL!;
  const name = testDbName(inject('pgTemplate'));
  await adminQuery(url, `create database ${name}`);
  return { url: withDb(url, name), drop: () => adminQuery(url, `drop database if exists ${name} with (force)`) };
}

async function pgCopy(url: string, template: string | null): Promise<Database> {
  const name = testDbName(inject('pgTemplate'));
  await adminQuery(url, template ? `create database ${name} template ${template}` : `create database ${name}`);
  const database = await openDatabase({ databaseUrl: withDb(url, name), dataDir: '' });
  return {
    ...database,
    async close() {
      await database.close();
      await adminQuery(url, `drop database if exists ${name} with (force)`);
    },
  };
}
