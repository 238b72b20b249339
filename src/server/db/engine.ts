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
  const unlock = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  const pglite = await PGlite.create({
    dataDir: inMemory ? dataDir : path.resolve(dataDir),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: {
      20: (v: string) => Number(v),
      1700: (v: string) => Number(v),
      1082: (v: string) => v,
    },
  }).catch((err: unknown) => {
    unlock();
    throw err;
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
      unlock();
    },
  };
}

/**
 * One process at a time in a PGlite folder. PGlite keeps no lock of its own (its postmaster.pid
 * holds a made-up pid): a second process opening a folder the server is using sees a stale state,
 * and when it closes it writes that state back over the server's — committed rows are lost. A lock
 * file with our pid refuses the second opener; one left behind by a killed process is taken over.
 */
function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    // our own pid in an old lock: a container restarted with the same pid (we open a folder once)
    if (pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `数据目录 ${dir} 正被另一个 Wellseal 进程（pid ${pid}）使用。服务运行时请通过服务备份：wellseal backup <文件> --server <地址> --token <接口令牌>；其他命令请先停止服务。` +
          ` / the data folder is in use by process ${pid}`,
      );
    }
    fs.rmSync(file, { force: true }); // left by a process that is gone (kill -9, power cut)
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // a pid reused by something else after a restart is not a Wellseal process (Linux shows what runs)
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return true;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

// nested JSON (jsonb columns, to_jsonb rows) keeps its own keys: only column names are mapped
const camelCase = () => new CamelCasePlugin({ maintainNestedObjectKeys: true });
