import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test-support/db.js';
import { demoStore, login, startServer, type ServerProcess, type Session, type Store } from '../../test-support/server-process.js';
import type { Database } from '../db/engine.js';
import { listTables } from '../features/system/backup.repo.js';
import { restoreFrom } from '../features/system/backup.service.js';

/**
 * `wellseal backup` while the server is busy writing: the file holds exactly the database as of one
 * snapshot. The check is exact, row for row: the backup records its snapshot, and every source row
 * carries the transaction that wrote it (xmin). A row written before the snapshot must come back
 * identical; one written after must not be in the backup at all (an insert), or only as its earlier
 * version (an update).
 */

const run = promisify(execFile);
let store: Store;
let server: ServerProcess | undefined;
beforeAll(async () => {
  store = await demoStore();
  // the demo less most of its meter readings and scores: every table still has rows, the test is quicker
  const database = await store.open();
  for (const [t, keep] of [['utility_readings', 3000], ['suspect_scores', 500]] as const) {
    await sql.raw(`delete from ${t} where ctid not in (select ctid from ${t} limit ${keep})`).execute(database.db);
  }
  await database.close();
  server = await startServer(store);
});
afterAll(async () => {
  await server?.kill();
  await store?.drop();
});

const cli = (args: string[], env: NodeJS.ProcessEnv) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

/** Card creates, card edits and grid renames, as fast as the server takes them, until stopped. */
function writeLoop(grid01: Session, city: Session, gridId: number, renameIds: number[]) {
  let stop = false;
  let writes = 0;
  const shop = { kind: 'shop', waterSource: 'tap', surveyedOn: '2024-01-20', pledgeSigned: true, pledgeDate: '2024-01-20' };
  const cards = (async () => {
    for (let i = 0; !stop; i++) {
      const made = await grid01.send('POST', '/api/cards', { ...shop, name: `备份期间新增${i}`, tapAccounts: [`88${String(i).padStart(5, '0')}`], gridId });
      if (made.status !== 200) throw new Error(`card: ${made.status} ${await made.text()}`);
      const c = (await made.json()) as { id: number; version: number };
      const edited = await grid01.send('PATCH', `/api/cards/${c.id}`, { ...shop, name: `备份期间新增${i}`, tapAccounts: [`88${String(i).padStart(5, '0')}`], persons: i, version: c.version });
      if (edited.status !== 200) throw new Error(`card edit: ${edited.status}`);
      writes += 2;
    }
  })();
  const renames = (async () => {
    for (let i = 0; !stop; i++) {
      const id = renameIds[i % renameIds.length]!;
      const u = (await (await city.get(`/api/org/units/${id}`)).json()) as { version: number; name: string };
      const r = await city.send('PATCH', `/api/org/units/${id}`, { version: u.version, name: `${u.name.replace(/（改\d+）$/, '')}（改${i}）` });
      if (r.status !== 200) throw new Error(`rename: ${r.status} ${await r.text()}`);
      writes++;
    }
  })();
  return {
    get writes() {
      return writes;
    },
    async stop() {
      stop = true;
      await Promise.all([cards, renames]);
    },
  };
}

/** Compares a restored database with its source, row for row, as of the backup's snapshot. */
async function compareAsOf(source: Database, target: Database, snapshot: string) {
  const stats = { same: 0, insertedAfter: 0, updatedAfter: 0 };
  for (const t of await listTables(source.db)) {
    if (t.name === 'schema_migrations') continue;
    const key = (row: Record<string, unknown>) => JSON.stringify(t.key.map((k) => row[k]));
    const src = await sql<{ row: Record<string, unknown>; vis: boolean }>`
      select to_jsonb(s) as row, pg_visible_in_snapshot((s.xmin::text)::xid8, ${snapshot}::pg_snapshot) as vis from ${sql.table(t.name)} s`.execute(source.db);
    const tgt = await sql<{ row: Record<string, unknown> }>`select to_jsonb(s) as row from ${sql.table(t.name)} s`.execute(target.db);
    let restored = tgt.rows.map((r) => r.row);
    // the restore audits itself: one row more than the backup held
    if (t.name === 'audit_log') restored = restored.filter((r) => r.action !== 'restore');
    const back = new Map(restored.map((r) => [key(r), r]));
    for (const s of src.rows) {
      const b = back.get(key(s.row));
      if (s.vis) {
        expect(b, `${t.name} ${key(s.row)}: written before the snapshot, missing from the backup`).toBeDefined();
        expect(b, `${t.name} ${key(s.row)}`).toEqual(s.row);
        stats.same++;
      } else if (b) {
        // changed after the snapshot: the backup holds the earlier version, never the later one
        expect(b, `${t.name} ${key(s.row)}: a change made after the snapshot is in the backup`).not.toEqual(s.row);
        if ('version' in s.row) expect(Number(b.version)).toBeLessThan(Number(s.row.version));
        stats.updatedAfter++;
      } else {
        stats.insertedAfter++;
      }
      back.delete(key(s.row));
    }
    // nothing in the backup that the source never had (no deletes run in this test)
    expect([...back.keys()], `${t.name}: rows in the backup the source does not have`).toEqual([]);
  }
  return stats;
}

describe('backup while the server is serving writes', () => {
  it('gives a file that restores, row for row, to the database as of its snapshot', async () => {
    const city = await login(server!, 'city');
    const grid01 = await login(server!, 'grid01');
    // signed in before the backup: a login writes the user's row (a change after the snapshot that changes no value)
    const wolong = await login(server!, 'wolong');
    const me = (await (await city.get('/api/auth/me')).json()) as { user: { id: number } };
    const token = ((await (await city.send('POST', '/api/tokens', { userId: me.user.id, name: '夜间备份' })).json()) as { token: string }).token;
    expect(token).toMatch(/^wst_/);
    const units = ((await (await city.get('/api/org/units')).json()) as { units: { id: number; name: string; level: string }[] }).units;
    const gridId = units.find((u) => u.name === '光彩社区第1网格')!.id;
    const renameIds = units.filter((u) => u.level === 'grid').slice(0, 20).map((u) => u.id);
    const file = path.join(store.dataDir, 'live.wsbak');

    const writers = writeLoop(grid01, city, gridId, renameIds);
    await new Promise((r) => setTimeout(r, 300));
    const before = writers.writes;
    const t0 = Date.now();
    const backup = await cli(['backup', file, '--server', server!.url], { WELLSEAL_TOKEN: token, ...store.env });
    const took = Date.now() - t0;
    const during = writers.writes - before;
    // the other way, on the same data at the same time: PostgreSQL lets the CLI in; a PGlite
    // folder is the server's alone, and the CLI says so instead of reading (and later clobbering) it
    const direct = await cli(['backup', `${file}.direct`], store.env);
    await writers.stop();
    console.log(`backup over HTTP: ${took} ms, ${during} writes meanwhile`);
    expect(backup.out).toContain('已校验');
    expect(backup.code).toBe(0);
    expect(during).toBeGreaterThan(0);
    if (store.env.DATABASE_URL) expect(direct.code, direct.out).toBe(0);
    else {
      expect(direct.code).toBe(1);
      expect(direct.out).toContain('正被另一个 Wellseal 进程');
    }
    // a revoked or made-up token, or a district office: refused
    expect((await fetch(`${server!.url}/api/system/backup`, { method: 'POST', headers: { authorization: 'Bearer wst_invalid' } })).status).toBe(401);
    const denied = await wolong.send('POST', '/api/system/backup');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);

    await server!.stop();
    server = undefined;
    const header = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString().split('\n', 1)[0]!) as { snapshot: string };
    expect(header.snapshot).toMatch(/^\d+:\d+:/);

    const source = await store.open();
    const target = await emptyDatabase();
    try {
      await restoreFrom(target.db, file);
      const stats = await compareAsOf(source, target, header.snapshot);
      console.log(`row for row: ${stats.same} rows as of the snapshot, ${stats.updatedAfter} changed and ${stats.insertedAfter} added after it`);
      expect(stats.same).toBeGreaterThan(50_000);
      // the writes really overlapped the backup: some after its snapshot are (correctly) not in it
      expect(stats.insertedAfter + stats.updatedAfter).toBeGreaterThan(0);
      if (store.env.DATABASE_URL) {
        // the direct backup of the same moment restores as exactly
        const other = await emptyDatabase();
        try {
          await restoreFrom(other.db, `${file}.direct`);
          const h2 = JSON.parse(zlib.gunzipSync(fs.readFileSync(`${file}.direct`)).toString().split('\n', 1)[0]!) as { snapshot: string };
          await compareAsOf(source, other, h2.snapshot);
        } finally {
          await other.close();
        }
      }
    } finally {
      await target.close();
      await source.close();
    }
  }, 240_000);
});
