/**
 * Scoring a ranking against the synthetic city's ground truth: precision at 100 and 1000,
 * average precision over the whole ranking, AUC. `evaluateRanking` takes any ranking (the engine
 * in memory, the naive baseline, or one read back from a database); `evaluateInMemory` runs the
 * whole in-memory comparison: readings → cleaned series → engine (rankAll) and baseline
 * (baselineRank), timed, with the peak RSS sampled along the way.
 */
import { DEFAULT_NORMS, type NormTable } from '../../src/domain/utility/norms.js';
import { baselineRank, normRatio, rankAll, type Subject } from '../../src/domain/utility/rank.js';
import { auc, averagePrecision, DEFAULT_WEIGHTS, precisionAtK, type Weights } from '../../src/domain/utility/score.js';
import { monthlyUse, type Reading } from '../../src/domain/utility/series.js';
import type { SyntheticAccount, SyntheticCity, SyntheticReading } from './synthetic-city.js';

export type RankingFigures = {
  pAt100: number;
  pAt1000: number;
  averagePrecision: number;
  auc: number | null;
  /** Accounts ranked, and how many of them have a well. */
  ranked: number;
  wells: number;
};

/**
 * Figures of a ranking, best first. `scoresByNo` gives the AUC its scores (higher = more
 * suspect; ties count half); `truthByNo` says which accounts have a well. Accounts missing from
 * the ranking count as not found (ranked last, lowest score), so a ranking that leaves wells out
 * is not rewarded for it.
 */
export function evaluateRanking(rankedAccountNos: readonly string[], scoresByNo: ReadonlyMap<string, number>, truthByNo: ReadonlyMap<string, boolean>): RankingFigures {
  const seen = new Set<string>();
  const found: boolean[] = [];
  for (const no of rankedAccountNos) {
    if (seen.has(no)) throw new Error(`户号 ${no} ranked twice`);
    seen.add(no);
    found.push(truthByNo.get(no) ?? false);
  }
  const items: { score: number; found: boolean }[] = [];
  for (const [no, hasWell] of truthByNo) {
    items.push({ score: seen.has(no) ? (scoresByNo.get(no) ?? -Infinity) : -Infinity, found: hasWell });
    if (!seen.has(no)) found.push(hasWell);
  }
  return {
    pAt100: precisionAtK(found, 100),
    pAt1000: precisionAtK(found, 1000),
    averagePrecision: averagePrecision(found),
    auc: auc(items),
    ranked: rankedAccountNos.length,
    wells: [...truthByNo.values()].filter(Boolean).length,
  };
}

/** Tracks the peak resident set size; call `sample()` often from long loops (timers do not fire during synchronous work). */
export class RssMeter {
  peak = process.memoryUsage.rss();
  sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }
}

/**
 * The engine's subjects from accounts and their readings. Readings must come grouped by account
 * (all of one account's, then the next: as the generator and a `order by 户号` query give them);
 * only one account's readings are held at a time. An account without readings gets an empty series.
 */
export function buildSubjects(
  accounts: readonly SyntheticAccount[],
  readings: Iterable<SyntheticReading>,
  asOf: string,
  onProgress?: (done: number, total: number) => void,
): Subject[] {
  const index = new Map(accounts.map((a, i) => [a.accountNo, i]));
  const series: (Subject['series'] | undefined)[] = new Array(accounts.length);
  let current = -1, batch: Reading[] = [], done = 0;
  const flush = () => {
    if (current < 0) return;
    if (series[current]) throw new Error(`readings of 户号 ${accounts[current]!.accountNo} are not grouped together`);
    series[current] = monthlyUse(batch, asOf);
    batch = [];
    if (++done % 2000 === 0) onProgress?.(done, accounts.length);
  };
  for (const r of readings) {
    const i = index.get(r.accountNo);
    if (i === undefined) throw new Error(`reading of unknown 户号 ${r.accountNo}`);
    if (i !== current) {
      flush();
      current = i;
    }
    batch.push({ period: r.period, m3: r.m3 });
  }
  flush();
  onProgress?.(accounts.length, accounts.length);
  return accounts.map((account, i) => ({ account, series: series[i] ?? { start: asOf, values: [] }, area: account.area }));
}

export type InMemoryResult = {
  engine: RankingFigures;
  baseline: RankingFigures;
  timings: { seriesMs: number; engineMs: number; baselineMs: number };
  peakRssBytes: number;
  /** The engine's top 100, with their truth, for diagnostics. */
  top: { accountNo: string; score: number; hasWell: boolean; caseKind: string; reasons: string[] }[];
};

export type Phase = 'series' | 'engine' | 'baseline';

/**
 * The whole in-memory evaluation of a city: series from its readings, the engine's ranking and
 * the baseline's, and their figures. The baseline's AUC scores are the negative norm ratio (no
 * norm: lowest), its own sort key.
 */
export function evaluateInMemory(
  city: SyntheticCity,
  opts: { norms?: NormTable; weights?: Weights; onProgress?: (phase: Phase, done: number, total: number) => void; rss?: RssMeter } = {},
): InMemoryResult {
  const norms = opts.norms ?? DEFAULT_NORMS, weights = opts.weights ?? DEFAULT_WEIGHTS;
  const rss = opts.rss ?? new RssMeter();
  const progress = (phase: Phase) => (done: number, total: number) => {
    rss.sample();
    opts.onProgress?.(phase, done, total);
  };
  const asOf = city.periods.at(-1)!;
  let t0 = performance.now();
  const subjects = buildSubjects(city.accounts, city.readings(), asOf, progress('series'));
  const seriesMs = performance.now() - t0;
  const truth = new Map(city.accounts.map((a) => [a.accountNo, a.hasWell]));

  t0 = performance.now();
  const ranked = rankAll(subjects, { norms, weights, onProgress: progress('engine') });
  const engineMs = performance.now() - t0;
  rss.sample();

  t0 = performance.now();
  const baseline = baselineRank(subjects, norms);
  const baselineMs = performance.now() - t0;
  progress('baseline')(subjects.length, subjects.length);
  // recomputed outside the timing: baselineRank returns the order only
  const ratioScores = new Map(subjects.map((s) => [s.account.accountNo, -(normRatio(s.account, s.series, norms) ?? Infinity)]));

  const byNo = new Map(city.accounts.map((a) => [a.accountNo, a]));
  return {
    engine: evaluateRanking(ranked.map((r) => r.accountNo), new Map(ranked.map((r) => [r.accountNo, r.score])), truth),
    baseline: evaluateRanking(baseline, ratioScores, truth),
    timings: { seriesMs, engineMs, baselineMs },
    peakRssBytes: rss.peak,
    top: ranked.slice(0, 100).map((r) => ({ accountNo: r.accountNo, score: r.score, hasWell: truth.get(r.accountNo)!, caseKind: byNo.get(r.accountNo)!.caseKind, reasons: r.reasons })),
  };
}
