/**
 * Benchmarks of the foundation on both engines: loading the demo hierarchy, listing the org tree
 * (what every page asks first), exporting the grid sheet, and logging in (argon2 is deliberately slow).
 * Run: npm run bench   (PostgreSQL too when DATABASE_URL is set; figures compared as ratios)
 */
import crypto from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { readConfig } from '../src/server/config.js';
import { openDatabase, type Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { initDatabase } from '../src/server/features/system/init.service.js';
import { DEMO_PASSWORD } from '../src/server/demo/demo-users.js';

type Figures = Record<string, number>;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await time(fn));
  xs.sort((a, b) => a - b);
  return xs[Math.floor(n / 2)]!;
}

async function benchEngine(database: Database): Promise<Figures> {
  const f: Figures = {};
  await migrate(database);
  f['载入演示活动 init --demo: 1288 units, ~17k cards (ms)'] = await time(() => initDatabase(database.db, { cityName: '', cityCode: '', demo: true }));
  const app = await buildApp({ db: database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '100000' }), engine: database.kind });
  const login = () => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'city', password: DEMO_PASSWORD } });
  f['登录 login (ms, median of 10)'] = await median(10, login);
  const cookie = String((await login()).headers['set-cookie']).split(';')[0]!;
  f['组织机构树 GET /api/org/units, 1288 units (ms, median of 30)'] = await median(30, () => app.inject({ method: 'GET', url: '/api/org/units', headers: { cookie } }));
  f['导出网格 xlsx, 1152 rows (ms, median of 5)'] = await median(5, () => app.inject({ method: 'GET', url: '/api/org/export?format=xlsx', headers: { cookie } }));
  f['排查进度表 GET /api/survey/report, 1152 grids (ms, median of 10)'] = await median(10, () => app.inject({ method: 'GET', url: '/api/survey/report?asOf=2024-01-12', headers: { cookie } }));
  f['网格列表 GET /api/survey/grids, 50 of 1152 (ms, median of 10)'] = await median(10, () => app.inject({ method: 'GET', url: '/api/survey/grids', headers: { cookie } }));
  const campaigns = JSON.parse((await app.inject({ method: 'GET', url: '/api/campaigns', headers: { cookie } })).body).campaigns as { id: number }[];
  f['日通报 GET /api/campaigns/:id/progress, 307 tasks (ms, median of 10)'] = await median(10, () => app.inject({ method: 'GET', url: `/api/campaigns/${campaigns[0]!.id}/progress?asOf=2024-06-23`, headers: { cookie } }));
  f['井档案列表 GET /api/wells, 50 of 316 (ms, median of 10)'] = await median(10, () => app.inject({ method: 'GET', url: '/api/wells', headers: { cookie } }));
  const cards = await app.inject({ method: 'GET', url: '/api/survey/cards/export', headers: { cookie } });
  f['导出一户一卡 xlsx, ~17k cards (ms)'] = await time(() => app.inject({ method: 'GET', url: '/api/survey/cards/export', headers: { cookie } }));
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  f['核对导入一户一卡 dry run, ~17k rows (ms)'] = await time(() =>
    app.inject({ method: 'POST', url: '/api/survey/import/cards', headers: { cookie, 'x-csrf-token': JSON.parse(me.body).csrfToken }, payload: { fileName: 'c.xlsx', content: cards.rawPayload.toString('base64'), dryRun: true } }),
  );
  // a year of records: tips and findings from the offices' ledgers, spread over 2024
  const csrf = JSON.parse(me.body).csrfToken as string;
  const post = async (url: string, payload: unknown) => {
    const r = await app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf }, payload: payload as object });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r;
  };
  const day = (i: number, n: number) => new Date(Date.UTC(2024, 0, 15) + Math.floor((i * 340) / n) * 86_400_000).toISOString().slice(0, 10);
  const districts = ['卧龙区', '宛城区', '高新区', '示范区'];
  const tipRows = Array.from({ length: 3000 }, (_, i) => `Y${i},${day(i, 3000)},电话,${districts[i % 4]},${day(i, 3000)},${day(i, 3000)},${i % 3 ? '否' : '是'},某处疑似有自备井 ${i}`);
  await post('/api/tips/import', { fileName: 't.csv', dryRun: false, content: Buffer.from(`线索编号,受理日期,来源渠道,所属区,交办日期,办结日期,是否有效,内容\n${tipRows.join('\n')}\n`).toString('base64') });
  const places = ['光武街道', '东关街道', '中关村街道', '枣林街道'];
  const findingRows = Array.from({ length: 1500 }, (_, i) => `${day(i, 1500)},${districts[i % 4]},${places[i % 4]},${['排查不细', '资料不健全', '人员不到位', '外排'][i % 4]},问题 ${i}：台账与现场不符,,${i % 2 ? '已销号' : '整改中'}`);
  await post('/api/findings/import', { fileName: 'f.csv', dryRun: false, content: Buffer.from(`发现日期,所属区,单位/社区,问题类别,问题描述,整改期限,整改状态\n${findingRows.join('\n')}\n`).toString('base64') });
  const series = JSON.parse((await app.inject({ method: 'GET', url: '/api/bulletins/series', headers: { cookie } })).body).series as { id: number; name: string }[];
  const draft = JSON.parse((await post('/api/bulletins', { seriesId: series.find((x) => x.name === '工作简报')!.id, issuedOn: '2024-12-31', asOf: '2024-12-31' })).body) as { id: number };
  f['生成简报 DOCX, draft over a year: 3079 tips, 1512 findings, 17k cards, 316 wells (ms, median of 5)'] = await median(5, () => app.inject({ method: 'GET', url: `/api/bulletins/${draft.id}/render?format=docx`, headers: { cookie } }));
  const issued = JSON.parse((await app.inject({ method: 'GET', url: '/api/bulletins', headers: { cookie } })).body).bulletins.find((b: { number: number }) => b.number === 12) as { id: number };
  f['印发后重出 DOCX, frozen 第12期 (ms, median of 5)'] = await median(5, () => app.inject({ method: 'GET', url: `/api/bulletins/${issued.id}/render?format=docx`, headers: { cookie } }));
  f['生成简报 PDF via Chromium, 第12期 (ms)'] = await time(() => app.inject({ method: 'GET', url: `/api/bulletins/${issued.id}/render?format=pdf`, headers: { cookie } }));
  await app.close();
  return f;
}

async function main() {
  const results: Record<string, Figures> = {};
  process.stderr.write('PGlite …\n');
  const lite = await openDatabase({ dataDir: 'memory://', databaseUrl: undefined });
  results.pglite = await benchEngine(lite);
  await lite.close();

  const url = process.env.DATABASE_URL;
  if (url) {
    process.stderr.write('PostgreSQL …\n');
    const name = `wellseal_bench_${crypto.randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const server = await openDatabase({ dataDir: '', databaseUrl: u.toString() });
    try {
      results.postgres = await benchEngine(server);
    } finally {
      await server.close();
      await admin.query(`drop database ${name} with (force)`);
      await admin.end();
    }
  }
  for (const key of Object.keys(results.pglite!)) {
    const a = results.pglite![key]!;
    const b = results.postgres?.[key];
    const ratio = b ? `  PGlite/PostgreSQL = ${(a / b).toFixed(2)}×` : '';
    console.log(`${key.padEnd(60)} PGlite ${a.toFixed(1).padStart(8)}${b ? `  PostgreSQL ${b.toFixed(1).padStart(8)}` : ''}${ratio}`);
  }
}

void main();
