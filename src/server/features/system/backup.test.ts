import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDatabase, emptyDatabase } from '../../../test-support/db.js';
import type { Database } from '../../db/engine.js';
import { backupTo, restoreFrom } from './backup.service.js';
import { listTables } from './backup.repo.js';

let source: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-backup-'));
beforeAll(async () => {
  source = await demoDatabase();
});
afterAll(async () => {
  await source.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function dumpTable(db: Database, table: string, key: string | string[]) {
  const r = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(table)} t order by ${sql.join([key].flat().map((k) => sql.ref(k)))}`.execute(db.db);
  return r.rows.map((x) => x.row);
}

describe('backup and restore', () => {
  it('gives back every row in an empty database, and the sequences carry on', async () => {
    const file = path.join(dir, 'b.wsbak');
    const progress: number[] = [];
    const r = await backupTo(source.db, file, (done) => progress.push(done));
    expect(r.rows).toBeGreaterThan(1300);
    expect(progress.at(-1)).toBe(r.rows);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const target = await emptyDatabase();
    try {
      await restoreFrom(target.db, file);
      for (const t of await listTables(source.db)) {
        if (t.name === 'schema_migrations') continue;
        const before = await dumpTable(source, t.name, t.key);
        const after = await dumpTable(target, t.name, t.key);
        // the restore itself is audited: one more audit row, after all the restored ones
        if (t.name === 'audit_log') expect(after.slice(0, before.length)).toEqual(before);
        else expect(after).toEqual(before);
      }
      const next = await target.db.insertInto('settings').values({ key: 'probe', value: '1' }).returning('key').executeTakeFirst();
      expect(next?.key).toBe('probe');
      const maxId = (await target.db.selectFrom('orgUnits').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m;
      const { rows } = await sql<{ id: number }>`select nextval('org_units_id_seq')::int as id`.execute(target.db);
      expect(rows[0]!.id).toBe(Number(maxId) + 1);
    } finally {
      await target.close();
    }
  });

  it('refuses to restore into a database that has data, changing nothing', async () => {
    const file = path.join(dir, 'c.wsbak');
    await backupTo(source.db, file);
    const before = await dumpTable(source, 'org_units', 'id');
    await expect(restoreFrom(source.db, file)).rejects.toThrow(/只能恢复到空数据库/);
    expect(await dumpTable(source, 'org_units', 'id')).toEqual(before);
  });

  it('refuses a file that is not a backup, and a truncated one, restoring nothing', async () => {
    const target = await emptyDatabase();
    try {
      const junk = path.join(dir, 'junk');
      fs.writeFileSync(junk, 'hello');
      await expect(restoreFrom(target.db, junk)).rejects.toThrow();
      const file = path.join(dir, 'd.wsbak');
      await backupTo(source.db, file);
      const zlib = await import('node:zlib');
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString().split('\n');
      const cut = path.join(dir, 'cut.wsbak');
      fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, 600).join('\n')));
      await expect(restoreFrom(target.db, cut)).rejects.toThrow(/备份文件不完整/);
      expect((await target.db.selectFrom('orgUnits').select('id').execute()).length).toBe(0);
    } finally {
      await target.close();
    }
  });
});
