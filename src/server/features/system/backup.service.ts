import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { auditActor, type Progress, type ServiceCtx } from '../../context.js';
import { badRequest } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import { requireCapability } from '../../auth/policies.js';
import * as repo from './backup.repo.js';
import { fillCurrentStates } from './current-state.service.js';
import { realNow } from '../../clock.js';

/**
 * A logical backup: gzipped JSON lines, one header, then every row of every table in foreign-key
 * order. The same file restores into either engine (PGlite or PostgreSQL).
 */
const FORMAT = 'wellseal-backup';
const PAGE = 2000;

/** snapshot: the PostgreSQL snapshot the rows were read in (xmin:xmax:xip), to tell what a backup holds */
type Header = { format: string; version: 1; createdAt: string; snapshot?: string; migrations: string[]; tables: { name: string; rows: number }[] };

export type BackupResult = { tables: number; rows: number; snapshot: string };

export async function backupTo(db: Kysely<DB>, file: string, onProgress: Progress = () => {}): Promise<BackupResult> {
  const tmp = `${file}.partial`;
  const r = await writeBackup(db, fs.createWriteStream(tmp), onProgress);
  fs.renameSync(tmp, file); // never leave a half-written backup under the real name
  return r;
}

/** Writes a backup to a stream (a file, or an HTTP response when the running server is asked for one). */
export async function writeBackup(db: Kysely<DB>, out: Writable, onProgress: Progress = () => {}): Promise<BackupResult> {
  // one snapshot: every table read inside a repeatable-read transaction, whose first statement fixes it
  return db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const snapshot = await repo.currentSnapshot(trx);
    const tables = (await repo.listTables(trx)).filter((t) => t.name !== 'schema_migrations');
    const counts = await Promise.all(tables.map(async (t) => ({ name: t.name, rows: await repo.countRows(trx, t.name) })));
    const total = counts.reduce((a, c) => a + c.rows, 0);
    const header: Header = { format: FORMAT, version: 1, createdAt: realNow().toISOString(), snapshot, migrations: await repo.appliedMigrations(trx), tables: counts };
    async function* lines() {
      yield JSON.stringify(header) + '\n';
      let done = 0;
      for (const t of tables) {
        let after: unknown = undefined;
        for (;;) {
          const page = await repo.readPage(trx, t, after, PAGE);
          if (page.length === 0) break;
          for (const r of page) yield JSON.stringify({ t: t.name, r: r.row }) + '\n';
          after = page[page.length - 1]!.k;
          done += page.length;
          onProgress(done, total, t.name);
        }
      }
      onProgress(total, total, '完成');
    }
    await pipeline(Readable.from(lines()), zlib.createGzip(), out);
    return { tables: tables.length, rows: total, snapshot };
  });
}

/** Reads a backup file through: a whole gzip stream, and as many rows of each table as its header says. */
export async function verifyBackup(file: string): Promise<{ tables: number; rows: number; createdAt: string }> {
  const counts = new Map<string, number>();
  let header: Header | undefined;
  try {
    const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
    for await (const line of input) {
      if (!line) continue;
      if (!header) {
        header = JSON.parse(line) as Header;
        if (header.format !== FORMAT) break;
        continue;
      }
      const t = (JSON.parse(line) as { t: string }).t;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  } catch (err) {
    throw badRequest(`备份文件不完整或已损坏（${(err as Error).message}）`);
  }
  if (!header || header.format !== FORMAT) throw badRequest('不是有效的 Wellseal 备份文件');
  for (const t of header.tables) {
    if ((counts.get(t.name) ?? 0) !== t.rows) throw badRequest(`备份文件不完整：表 ${t.name} 应有 ${t.rows} 行，读到 ${counts.get(t.name) ?? 0} 行`);
  }
  return { tables: header.tables.length, rows: header.tables.reduce((a, t) => a + t.rows, 0), createdAt: header.createdAt };
}

/** Restores a backup into an empty, migrated database: all rows or, on any error, none. */
export async function restoreFrom(db: Kysely<DB>, file: string, onProgress: Progress = () => {}): Promise<{ rows: number }> {
  if (!fs.existsSync(file)) throw badRequest(`备份文件不存在：${file}`);
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity });
  const it = input[Symbol.asyncIterator]();
  let header: Header;
  try {
    const first = await it.next();
    header = JSON.parse(String(first.value)) as Header;
  } catch {
    throw badRequest('不是有效的 Wellseal 备份文件');
  }
  if (header.format !== FORMAT) throw badRequest('不是有效的 Wellseal 备份文件');
  const total = header.tables.reduce((a, t) => a + t.rows, 0);

  return db.transaction().execute(async (trx) => {
    const tables = await repo.listTables(trx);
    const known = new Map(tables.map((t) => [t.name, t]));
    const applied = await repo.appliedMigrations(trx);
    const missing = header.migrations.filter((m) => !applied.includes(m));
    if (missing.length) throw badRequest(`备份来自较新的版本（缺少迁移 ${missing.join(', ')}），请先升级程序`);
    for (const t of tables) {
      if (t.name !== 'schema_migrations' && (await repo.countRows(trx, t.name)) > 0) {
        throw badRequest(`目标数据库不是空的（表 ${t.name} 已有数据），只能恢复到空数据库`);
      }
    }
    let batch: unknown[] = [];
    let batchTable = '';
    let done = 0;
    const flush = async () => {
      await repo.insertRows(trx, batchTable, batch);
      done += batch.length;
      onProgress(done, total, batchTable);
      batch = [];
    };
    for await (const line of { [Symbol.asyncIterator]: () => it }) {
      if (!line) continue;
      const { t, r } = JSON.parse(line) as { t: string; r: unknown };
      if (!known.has(t)) throw badRequest(`备份中有未知的表：${t}`);
      if (t !== batchTable || batch.length >= 1000) {
        if (batch.length) await flush();
        batchTable = t;
      }
      batch.push(r);
    }
    if (batch.length) await flush();
    if (done !== total) throw badRequest(`备份文件不完整：应有 ${total} 行，读到 ${done} 行`);
    for (const t of tables) for (const col of t.serials) await repo.resetSequence(trx, t.name, col);
    // a backup from before the stored states: fold them now
    await fillCurrentStates(trx);
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'restore', entityType: 'database', entityId: null,
      orgPath: null, summary: `从备份恢复 ${done} 行（备份时间 ${header.createdAt}）`,
    });
    onProgress(total, total, '完成');
    return { rows: done };
  });
}

/**
 * A backup asked of the running server (the city office only): audited first, then written to `out`
 * in the background. A failure part-way ends the stream with an error, so the download is cut short
 * and the command line's check of the file refuses it.
 */
export async function startServerBackup(ctx: ServiceCtx, out: Writable, onError: (err: Error) => void): Promise<string> {
  requireCapability(ctx.actor, 'system.backup');
  await insertAudit(ctx.db, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'backup', entityType: 'database', entityId: null, orgPath: null, summary: '通过服务下载全库备份',
  });
  void writeBackup(ctx.db, out).catch((err: Error) => {
    onError(err);
    out.destroy(err);
  });
  return `wellseal-${realNow().toISOString().slice(0, 19).replace(/[-:T]/g, '')}.wsbak`;
}
