/**
 * Detection benchmark of the dual-source suspect engine (疑似双水源用水户) on a synthetic city:
 * the engine's ranking against the naive baseline (lowest ratio to the norm first), by
 * precision@100/1000, average precision and AUC, with scoring time and peak memory.
 * Run: npm run bench:detect -- [--accounts 200000] [--months 36] [--end 2024-12] [--seed N] [--dual 0.03] [--csv DIR] [--diag]
 * (or the env BENCH_ACCOUNTS, BENCH_MONTHS, BENCH_END, BENCH_SEED, BENCH_DUAL, BENCH_CSV).
 * --csv DIR also writes the city's accounts.csv, readings.csv and truth.csv there.
 * --diag prints what the engine's false positives and missed wells are.
 */
import { evaluateInMemory, RssMeter, type InMemoryResult, type Phase, type RankingFigures } from './detect/evaluate.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCity, writeCityCsv, type SyntheticCity } from './detect/synthetic-city.js';
import { evaluateRanking } from './detect/evaluate.js';
import { measureDatabase, type DatabaseRun } from './detect/database.js';

type Options = { accounts: number; months: number; end: string; seed: number; dual: number; csv: string | null; diag: boolean };

function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const num = (name: string, envName: string, fallback: number) => {
    const raw = arg(name) ?? env[envName];
    const x = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(x) || x < 0) throw new Error(`--${name}: not a number: ${raw}`);
    return x;
  };
  return {
    accounts: Math.round(num('accounts', 'BENCH_ACCOUNTS', 200_000)),
    months: Math.round(num('months', 'BENCH_MONTHS', 36)),
    end: arg('end') ?? env.BENCH_END ?? '2024-12',
    seed: Math.round(num('seed', 'BENCH_SEED', 20240101)),
    dual: num('dual', 'BENCH_DUAL', 0.03),
    csv: arg('csv') ?? env.BENCH_CSV ?? null,
    diag: argv.includes('--diag'),
  };
}

const PHASES: Record<Phase, string> = { series: '读数→月序列', engine: '引擎评分', baseline: '基线排序' };
let lastProgress = 0;
function progress(line: string, force = false): void {
  const now = Date.now();
  if (!force && now - lastProgress < 200) return;
  lastProgress = now;
  process.stderr.write(`\r\x1b[K${line}`);
}
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The in-memory part: the engine and the baseline scored on the city, straight from the generator. */
function measureInMemory(city: SyntheticCity, rss: RssMeter): InMemoryResult {
  const result = evaluateInMemory(city, {
    rss,
    onProgress: (phase, done, total) => progress(`${PHASES[phase]} ${done.toLocaleString('en')}/${total.toLocaleString('en')}  RSS ${mb(rss.sample())}`, done === total),
  });
  process.stderr.write('\n');
  return result;
}

function printComparison(r: InMemoryResult): boolean {
  const row = (label: string, pick: (f: RankingFigures) => number | null) => {
    const f = (x: number | null) => (x === null ? '—' : x.toFixed(3)).padStart(10);
    console.log(`${label.padEnd(22)}${f(pick(r.engine))}${f(pick(r.baseline))}`);
  };
  console.log(`${''.padEnd(22)}${'engine'.padStart(10)}${'baseline'.padStart(10)}`);
  row('P@100', (f) => f.pAt100);
  row('P@1000', (f) => f.pAt1000);
  row('AP', (f) => f.averagePrecision);
  row('AUC', (f) => f.auc);
  const apRatio = r.baseline.averagePrecision > 0 ? r.engine.averagePrecision / r.baseline.averagePrecision : Infinity;
  console.log(`${'AP engine/baseline'.padEnd(22)}${apRatio.toFixed(2).padStart(10)}`);
  console.log(`${'series (readings→月)'.padEnd(22)}${seconds(r.timings.seriesMs).padStart(10)}`);
  console.log(`${'scoring time'.padEnd(22)}${seconds(r.timings.engineMs).padStart(10)}${seconds(r.timings.baselineMs).padStart(10)}`);
  console.log(`${'per account'.padEnd(22)}${`${Math.round((r.timings.engineMs * 1000) / r.engine.ranked)} µs`.padStart(10)}`);
  console.log(`${'peak RSS'.padEnd(22)}${mb(r.peakRssBytes).padStart(10)}`);
  const checks = [
    { label: 'P@100 ≥ 0.9', ok: r.engine.pAt100 >= 0.9 },
    { label: 'AP ≥ 1.5 × baseline', ok: apRatio >= 1.5 },
  ];
  for (const c of checks) console.log(`${c.ok ? '✓' : '✗'} ${c.label}`);
  return checks.every((c) => c.ok);
}

/** Where the engine goes wrong: false positives near the top, wells it ranks low, by injected kind. */
function printDiagnostics(city: SyntheticCity, r: InMemoryResult): void {
  const count = (xs: string[]) => Object.entries(xs.reduce<Record<string, number>>((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {})).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`\ntop 100 false positives: ${count(r.top.filter((t) => !t.hasWell).map((t) => t.caseKind)) || 'none'}`);
  for (const t of r.top.filter((x) => !x.hasWell).slice(0, 10)) console.log(`  ${t.accountNo} ${t.caseKind} ${t.score.toFixed(4)} ${t.reasons.join('；')}`);
  console.log(`wells by kind: ${count(city.accounts.filter((a) => a.hasWell).map((a) => `${a.category}/${a.caseKind}`))}`);
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2), process.env);
  const rss = new RssMeter();
  console.log(`Synthetic city: ${o.accounts.toLocaleString('en')} accounts × ${o.months} months to ${o.end}, seed ${o.seed}, ${(o.dual * 100).toFixed(1)} % with a well`);
  const t0 = performance.now();
  const city = generateCity({ accounts: o.accounts, months: o.months, endMonth: o.end, seed: o.seed, dualShare: o.dual });
  rss.sample();
  console.log(`accounts generated in ${seconds(performance.now() - t0)}; ${city.accounts.filter((a) => a.hasWell).length.toLocaleString('en')} with a well`);
  // the water company's two files, as the database part imports them
  const csvDir = o.csv ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-city-'));
  const t1 = performance.now();
  const n = await writeCityCsv(city, csvDir, { truth: true, onProgress: (file, rows) => progress(`写出 ${file} ${rows.toLocaleString('en')}  RSS ${mb(rss.sample())}`) });
  process.stderr.write('\n');
  console.log(`CSV written to ${csvDir}: ${n.accounts.toLocaleString('en')} accounts, ${n.readings.toLocaleString('en')} readings (${mb(fs.statSync(path.join(csvDir, 'readings.csv')).size)}) in ${seconds(performance.now() - t1)}`);

  console.log('\n— in memory —');
  const inMemory = measureInMemory(city, rss);
  const ok = printComparison(inMemory);
  if (o.diag) printDiagnostics(city, inMemory);

  // — database measurements —
  // the same files through `wellseal import accounts|readings` and `wellseal analyze dual-source`
  const truth = new Map(city.accounts.map((a) => [a.accountNo, a.hasWell]));
  const runs: DatabaseRun[] = [];
  for (const engine of ['pglite', ...(process.env.DATABASE_URL ? ['postgres' as const] : [])] as const) {
    console.log(`\n— ${engine === 'pglite' ? 'PGlite (data folder on disk)' : 'PostgreSQL'} —`);
    const run = await measureDatabase(engine, { accounts: path.join(csvDir, 'accounts.csv'), readings: path.join(csvDir, 'readings.csv') }, o.end, (line) => progress(`${line}  RSS ${mb(rss.sample())}`));
    process.stderr.write('\n');
    runs.push(run);
    const figures = evaluateRanking(run.ranked.map((r) => r.accountNo), new Map(run.ranked.map((r) => [r.accountNo, r.score])), truth);
    console.log(`import accounts ${seconds(run.importAccountsMs)}; import ${run.readings.toLocaleString('en')} readings ${seconds(run.importReadingsMs)} (${Math.round(run.rowsPerSecond).toLocaleString('en')} rows/s); score ${seconds(run.scoreMs)}`);
    console.log(`ranking from the database: P@100 ${figures.pAt100.toFixed(3)}, P@1000 ${figures.pAt1000.toFixed(3)}, AP ${figures.averagePrecision.toFixed(3)}, AUC ${figures.auc?.toFixed(3) ?? '—'}`);
    const fast = run.readingsAndScoreMs < 180_000;
    console.log(`${fast ? '✓' : '✗'} readings imported and scored in ${seconds(run.readingsAndScoreMs)} (target < 180 s for 7.2 M readings)`);
  }
  console.log(`peak RSS of the whole run ${mb(rss.sample())}`);
  if (runs.length === 2) {
    const [a, b] = runs as [DatabaseRun, DatabaseRun];
    console.log(`PGlite / PostgreSQL: readings import ${(a.importReadingsMs / b.importReadingsMs).toFixed(2)}×, scoring ${(a.scoreMs / b.scoreMs).toFixed(2)}×`);
  }
  if (!o.csv) fs.rmSync(csvDir, { recursive: true, force: true });
  process.exitCode = ok && runs.every((r) => n.readings < 7_200_000 || r.readingsAndScoreMs < 180_000) ? 0 : 1;
}

void main();
