import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStore, login, startServer, until, type ServerProcess, type Store } from '../../test-support/server-process.js';

/**
 * kill -9 of the real server in the middle of long writes, on the engine under test (a PGlite
 * folder or a PostgreSQL database): the database opens again, nothing is half-applied, and the
 * work either resumes to the same end as an uncut run or can be done again.
 */

let store: Store;
let server: ServerProcess | undefined;
beforeAll(async () => {
  store = await demoStore();
});
afterAll(async () => {
  await server?.kill();
  await store?.drop();
});

type ImportView = { id: number; state: string; rowsLoaded: number; badRows: number; bytesRead: number; sizeBytes: number };

/** A readings file: every demo account, one reading a day (whole m³, so text forms compare exactly). */
function readingsFile(accounts: string[], days: number): { csv: string; rows: number; digest: string } {
  const lines = ['户号,期间,用水量'];
  const keys: string[] = [];
  const start = Date.UTC(2023, 0, 1);
  for (let d = 0; d < days; d++) {
    const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (const [i, a] of accounts.entries()) {
      const m3 = (i * 7 + d * 3) % 50;
      lines.push(`${a},${day},${m3}`);
      keys.push(`${a}|${day}|${m3}`);
    }
  }
  keys.sort();
  return { csv: lines.join('\n') + '\n', rows: keys.length, digest: crypto.createHash('md5').update(keys.join('\n')).digest('hex') };
}

/** The rows an import holds, as the same digest (account number, period, m³). */
async function importDigest(importId: number): Promise<{ rows: number; digest: string }> {
  const database = await store.open();
  try {
    const r = await sql<{ k: string }>`select a.account_no || '|' || r.period || '|' || r.m3::int as k
        from utility_readings r join utility_accounts a on a.id = r.account_id where r.import_id = ${importId}`.execute(database.db);
    const keys = r.rows.map((x) => x.k).sort();
    return { rows: keys.length, digest: crypto.createHash('md5').update(keys.join('\n')).digest('hex') };
  } finally {
    await database.close();
  }
}

describe('kill -9 in the middle of a readings import', () => {
  it('reopens, keeps exactly the committed chunks, resumes on restart and ends equal to an uncut import', async () => {
    const database = await store.open();
    const accounts = (await database.db.selectFrom('utilityAccounts').select('accountNo').orderBy('id').execute()).map((a) => a.accountNo);
    await database.close();
    const file = readingsFile(accounts, 40); // ≈ 190,000 rows, ≈ 10 chunks of 20,000
    server = await startServer(store);
    const utility = await login(server, 'utility');
    const sent = await utility.send('POST', '/api/utility/imports/readings?fileName=daily.csv', Buffer.from(file.csv), { 'content-type': 'text/csv' });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const { id } = (await sent.json()) as ImportView;
    // wait until some chunks are in, then pull the plug while the next one is being written
    const seen = await until('two committed chunks', async () => {
      const v = (await (await utility.get(`/api/utility/imports/${id}`)).json()) as ImportView;
      return v.rowsLoaded >= 40_000 ? v : undefined;
    }, 60_000, 10);
    await server.kill();
    server = undefined;
    expect(seen.state).toBe('loading');

    // the database opens; the import is still 'loading'; what it holds is exactly its committed chunks
    const reopened = await store.open();
    const imp = await reopened.db.selectFrom('utilityImports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const held = Number((await sql<{ n: number }>`select count(*)::int as n from utility_readings where import_id = ${id}`.execute(reopened.db)).rows[0]!.n);
    const applied = await reopened.db.selectFrom('auditLog').select('id').where('entityType', '=', 'utility_import').where('entityId', '=', String(id)).execute();
    await reopened.close();
    expect(imp.state).toBe('loading');
    expect(imp.rowsLoaded).toBeGreaterThanOrEqual(seen.rowsLoaded);
    expect(imp.rowsLoaded).toBeLessThan(file.rows);
    expect(held).toBe(imp.rowsLoaded); // no half chunk
    expect(imp.rowsLoaded % 20_000).toBe(0); // chunk boundary
    expect(imp.lastRow).toBe(imp.rowsLoaded + 1); // every row good: the header is row 1
    expect(applied).toEqual([]); // nothing of it counts yet

    // restart: the server goes on from the last committed row by itself
    server = await startServer(store);
    const again = await login(server, 'utility');
    const done = await until('the resumed import', async () => {
      const v = (await (await again.get(`/api/utility/imports/${id}`)).json()) as ImportView;
      return v.state !== 'loading' ? v : undefined;
    }, 120_000, 100);
    expect(done).toMatchObject({ state: 'applied', rowsLoaded: file.rows, badRows: 0 });
    await server.kill();
    server = undefined;
    expect(await importDigest(id)).toEqual({ rows: file.rows, digest: file.digest });
  }, 240_000);
});

describe('kill -9 in the middle of issuing a bulletin', () => {
  it('leaves it issued in full or not at all, and it can be issued after the restart', async () => {
    server = await startServer(store);
    const city = await login(server, 'city');
    const wolong = await login(server, 'wolong');
    const json = async (r: Promise<Response>) => {
      const res = await r;
      const body = await res.json();
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    /** an approved article, ready to go into an issue */
    const approved = async (title: string) => {
      const a = await json(wolong.send('POST', '/api/articles', { category: 'info', title, onDate: '2024-06-20', paragraphs: ['崩溃测试。'] }));
      const s = await json(wolong.send('POST', `/api/articles/${a.id}/actions`, { action: 'submit', version: a.version }));
      return json(city.send('POST', `/api/articles/${a.id}/actions`, { action: 'approve', version: s.version }));
    };
    const series = ((await json(city.get('/api/bulletins/series'))).series as { id: number; name: string }[]).find((s) => s.name === '工作简报')!;
    const campaignId = (await json(city.get('/api/campaigns'))).campaigns[0].id as number;
    const draft = async (title: string) => {
      const article = await approved(title);
      const sections = [
        { kind: 'articles', category: 'info', articleIds: [article.id] },
        ...(['tips', 'survey', 'findings'] as const).map((table) => ({ kind: 'table', table })),
        { kind: 'table', table: 'task', campaignId },
      ];
      return { article, bulletin: await json(city.send('POST', '/api/bulletins', { seriesId: series.id, issuedOn: '2024-06-30', asOf: '2024-06-28', sections })) };
    };

    // an uncut issue, to know how long one takes
    const first = await draft('崩溃测试稿件一');
    const t0 = Date.now();
    await json(city.send('POST', `/api/bulletins/${first.bulletin.id}/issue`, { version: first.bulletin.version }));
    const took = Date.now() - t0;

    // the same work again, killed early in it (building the tables; the write is one transaction at the end)
    const second = await draft('崩溃测试稿件二');
    const issuing = city.send('POST', `/api/bulletins/${second.bulletin.id}/issue`, { version: second.bulletin.version }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, Math.max(1, Math.floor(took / 4))));
    await server.kill();
    server = undefined;
    await issuing;

    const database = await store.open();
    const b = await database.db.selectFrom('bulletins').selectAll().where('id', '=', second.bulletin.id).executeTakeFirstOrThrow();
    const a = await database.db.selectFrom('articles').selectAll().where('id', '=', second.article.id).executeTakeFirstOrThrow();
    const audits = await database.db.selectFrom('auditLog').select('action').where('entityType', '=', 'bulletin').where('entityId', '=', String(second.bulletin.id)).where('action', '=', 'issue').execute();
    await database.close();
    console.log(`issue took ${took} ms; killed at ${Math.floor(took / 4)} ms: ${b.state}`);
    if (b.state === 'issued') {
      // all of it: content stored, article used in it, audited
      expect(b.content).not.toBeNull();
      expect(b.version).toBe(second.bulletin.version + 1);
      expect(a).toMatchObject({ state: 'used', usedIn: `工作简报第${second.bulletin.number}期` });
      expect(audits).toHaveLength(1);
    } else {
      // none of it
      expect(b).toMatchObject({ state: 'draft', content: null, issuedAt: null, version: second.bulletin.version });
      expect(a).toMatchObject({ state: 'approved', usedIn: null });
      expect(audits).toHaveLength(0);
    }

    server = await startServer(store);
    const again = await login(server, 'city');
    if (b.state === 'draft') {
      const issued = await json(again.send('POST', `/api/bulletins/${second.bulletin.id}/issue`, { version: b.version }));
      expect(issued).toMatchObject({ state: 'issued', number: second.bulletin.number });
    }
    // the issued document renders, the same as the uncut one apart from its number and article
    const docx = await again.get(`/api/bulletins/${second.bulletin.id}/render?format=docx`);
    expect(docx.status).toBe(200);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const [x, y] = await Promise.all([first.bulletin.id, second.bulletin.id].map(async (id) => (await json(again.get(`/api/bulletins/${id}`))).content.blocks.filter((k: { kind: string }) => k.kind === 'table')));
    expect(y).toEqual(x);
    await server.kill();
    server = undefined;
  }, 120_000);
});
