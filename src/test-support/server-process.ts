import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../server/db/engine.js';
import { DEMO_PASSWORD } from '../server/demo/demo-users.js';
import { adminQuery, testDbName, withDb } from './pg-admin.js';
import { freePort } from './free-port.js';

/**
 * The real server as a child process (`node --import tsx src/server/main.ts`) over a database that
 * outlives it: a PGlite folder, or a PostgreSQL database, both starting from the demo campaign. The
 * reliability tests kill it with SIGKILL and start it again on the same data.
 */
export type Store = {
  /** the environment that points a server or the CLI at this database */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** opens the database in the test process (only while no server holds a PGlite folder) */
  open(): Promise<Database>;
  drop(): Promise<void>;
};

export async function demoStore(): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-rel-'));
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = testDbName(inject('pgTemplate'));
    await adminQuery(url, `create database ${name} template ${inject('pgTemplate')}`);
    const dbUrl = withDb(url, name);
    return {
      env: { DATABASE_URL: dbUrl, WELLSEAL_DATA: dataDir },
      dataDir,
      open: () => openDatabase({ databaseUrl: dbUrl, dataDir: '' }),
      async drop() {
        await adminQuery(url, `drop database if exists ${name} with (force)`);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const pgdata = path.join(dataDir, 'db');
  // the demo dump unpacked into a real folder, as a first start would leave it
  const seed = await PGlite.create({ dataDir: pgdata, loadDataDir: new Blob([fs.readFileSync(inject('pgliteDump'))]) });
  await seed.close();
  return {
    env: { WELLSEAL_DATA: pgdata, WELLSEAL_FILES: path.join(dataDir, 'files') },
    dataDir,
    open: () => openDatabase({ dataDir: pgdata, databaseUrl: undefined }),
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  output(): string;
  /** kill -9: no shutdown hook runs, nothing is flushed */
  kill(): Promise<void>;
  stop(): Promise<void>;
};

export async function startServer(store: Store): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...store.env, PORT: String(port), HOST: '127.0.0.1', WELLSEAL_LOG_LEVEL: 'warn', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000' };
  if (!store.env.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!out.includes('已启动')) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A logged-in HTTP session against a server process (cookie + CSRF token, as the web app does). */
export type Session = {
  get(url: string): Promise<Response>;
  send(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
};

export async function login(server: { url: string }, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return {
    get: (url) => fetch(`${server.url}${url}`, { headers: { cookie } }),
    send: (method, url, body, headers = {}) => {
      const raw = Buffer.isBuffer(body) || typeof body === 'string';
      return fetch(`${server.url}${url}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: raw ? (typeof body === "string" ? body : new Uint8Array(body as Buffer)) : JSON.stringify(body) } : {}),
      });
    },
  };
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
