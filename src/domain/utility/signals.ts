/**
 * The evidence that an account draws water from a second source. Each signal has a size (how
 * strong, 0..1), a confidence (how sure, 0..1) and a reason a field team understands, with the
 * figures; it is null when it has nothing to say, including when the data are too thin to judge.
 * All read the cleaned monthly series (series.ts) so gaps and meter faults are handled once. Pure.
 */
import { formatChineseDate } from '../shared/dates.js';
import { expectedUse, occupantsOf, sizedNorm, type Account, type NormBasis, type NormTable } from './norms.js';
import { chineseMonth, clamp01, daysInMonth, isNumber, mad, mean, median, monthIndex, monthOf, type MonthlySeries } from './series.js';

export const SIGNAL_KINDS = ['belowNorm', 'belowPeers', 'suddenDrop', 'seasonLost', 'nearZeroOccupied', 'jumpAfterSeal'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const SIGNAL_LABELS: Record<SignalKind, string> = {
  belowNorm: '远低于用水定额', belowPeers: '远低于同类用户', suddenDrop: '用水量骤降', seasonLost: '季节规律消失', nearZeroOccupied: '有人使用但用水近零', jumpAfterSeal: '封井后用水上升',
};
export type Signal = { kind: SignalKind; size: number; confidence: number; reason: string; details: Record<string, number | string | boolean> };

/** Below 70 % of the norm: under the floor of the residential range (85/110 ≈ 77 %), so not explained by a thrifty household. */
const BELOW_NORM = 0.7;
/** Robust z at or below −2.5 among at least 5 peers. */
const PEER_Z = 2.5;
const MIN_PEERS = 5;
/** A change point needs 3 months on each side, a drop of 40 % and a t-like statistic of 4 (many splits are tried). */
const MIN_SEGMENT = 3;
const MIN_DROP = 0.4;
const MIN_T = 4;
/** A month under max(1 m³, 10 % of the norm) is near zero. */
const NEAR_ZERO_M3 = 1;
const NEAR_ZERO_SHARE = 0.1;
/**
 * A seasonal pattern exists with a monthly log-spread of 0.15 (≈ ±16 %); it is lost when under 40 %
 * of it is still followed and the spread has at least shrunk by 40 % — a household whose months
 * are merely noisy keeps its spread, one whose summer peak moved to a well goes flat.
 */
const MIN_SEASON = 0.15;
const SEASON_KEPT = 0.4;
const SEASON_SHRUNK = 0.6;
/** The first year's profile must be smooth: lag-1 autocorrelation over the calendar at least this. */
const SEASON_SMOOTH = 0.5;
/** Use ×1.5 after a seal is a jump. */
const MIN_JUMP = 1.5;

/**
 * How far a size guessed from households (× 2.8 persons) can be trusted. A compound's average
 * household is close to 2.8, a single flat's is anyone from 1 to 6 (a pensioner alone uses a
 * third of the guess): the guess's error shrinks like 1/√households. `cap` is the trust a large
 * compound gets.
 */
const guessedSizeTrust = (account: Account, cap: number) => Math.min(cap, 0.25 * Math.sqrt(account.households ?? 1));

const pct = (x: number) => Math.round(x * 100);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const recentPoints = (s: MonthlySeries, months = 12) =>
  s.values.flatMap((m3, i) => (m3 === null || i < s.values.length - months ? [] : [{ i, m3 }]));

/** Use as a share of the norm over the last 12 months: the median of monthly ratios, so one bad month does not decide it. */
export function belowNorm(account: Account, series: MonthlySeries, norms: NormTable): Signal | null {
  const sized = sizedNorm(account, norms);
  const ratios = recentPoints(series).flatMap((p) => {
    const e = expectedUse(account, norms, monthOf(series, p.i));
    return e ? [p.m3 / e] : [];
  });
  if (!sized || ratios.length < 6) return null;
  const ratio = median(ratios);
  if (ratio >= BELOW_NORM) return null;
  return {
    kind: 'belowNorm', size: clamp01(1 - ratio / BELOW_NORM), confidence: Math.min(1, ratios.length / 12) * (sized.stated ? 1 : guessedSizeTrust(account, 0.8)),
    reason: `近${Math.min(12, series.values.length)}个月用水为定额的${pct(ratio)}%（${sized.label}）`,
    details: { ratio: round3(ratio), months: ratios.length, size: sized.label },
  };
}

/** Litres per size unit (person, bed, m², business) per day, median over the last 12 months: what peers are compared on. */
export function useIntensity(account: Account, series: MonthlySeries, norms: NormTable): number | null {
  const sized = sizedNorm(account, norms);
  const daily = recentPoints(series).map((p) => (p.m3 * 1000) / daysInMonth(monthOf(series, p.i)));
  return sized && daily.length >= 6 ? median(daily) / sized.units : null;
}

const PER_UNIT: Record<NormBasis, string> = { person: '人均日用水', bed: '每床位日用水', areaM2: '每平方米日用水', business: '日用水' };

/**
 * The account's intensity against its peers' (same category and size band, see peerGroup), as a
 * robust z (median, MAD) so a few wells among the peers do not drag the yardstick down.
 */
export function belowPeers(account: Account, series: MonthlySeries, norms: NormTable, peers: PeerStats | readonly number[]): Signal | null {
  const x = useIntensity(account, series, norms);
  const sized = sizedNorm(account, norms);
  const stats = 'median' in peers ? peers : peerStats(peers);
  if (x === null || !sized || stats.count < MIN_PEERS) return null;
  const m = stats.median;
  // identical peers have MAD 0; 5 % of the median keeps a tiny shortfall from becoming infinite
  const z = (x - m) / (1.4826 * Math.max(stats.mad, 0.05 * m));
  if (!(m > 0) || z > -PEER_Z) return null;
  return {
    kind: 'belowPeers', size: clamp01(1 - x / m), confidence: Math.min(1, stats.count / 20) * clamp01(-z / 5) * (sized.stated ? 1 : guessedSizeTrust(account, 1)),
    reason: `${PER_UNIT[sized.norm.basis]}${Math.round(x)}升，为同类用户中位数的${pct(x / m)}%（同类${stats.count}户）`,
    details: { intensity: round3(x), peerMedian: round3(m), z: round3(z), peers: stats.count },
  };
}

/** A peer group's yardstick, computed once per group rather than once per account. */
export type PeerStats = { median: number; mad: number; count: number };
export function peerStats(intensities: readonly number[]): PeerStats {
  return intensities.length ? { median: median(intensities), mad: mad(intensities), count: intensities.length } : { median: 0, mad: 0, count: 0 };
}

/**
 * After/before ratio of use across a change. Where the same month a year earlier lies before the
 * change, months are compared with it, so the season cancels out (a business quiet every winter
 * is not "dropping"); otherwise the medians of the two sides.
 */
function changeRatio(values: readonly (number | null)[], beforeEnd: number, afterStart: number): { ratio: number; yoy: boolean } | null {
  const yoy: number[] = [];
  for (let i = afterStart; i < values.length; i++) {
    const now = values[i], then = i - 12 < beforeEnd ? values[i - 12] : null;
    if (isNumber(now) && isNumber(then) && then > 0) yoy.push(now / then);
  }
  if (yoy.length >= 3) return { ratio: median(yoy), yoy: true };
  const before = values.slice(0, beforeEnd).filter(isNumber), after = values.slice(afterStart).filter(isNumber);
  if (before.length < 3 || after.length < 3 || !(median(before) > 0)) return null;
  return { ratio: median(after) / median(before), yoy: false };
}

/**
 * A sharp, sustained drop: a single mean shift on log(use + 1), split where the squared error is
 * least with ≥ 3 months each side. It counts when clear (t-like statistic ≥ 4), sustained (the
 * last 3 months stay nearer the low level) and big (≥ 40 %, measured against the same months a
 * year earlier where there are any, so seasonality is not a change point).
 */
export function suddenDrop(series: MonthlySeries): Signal | null {
  const pts = recentPoints(series, Infinity);
  const y = pts.map((p) => Math.log(p.m3 + 1));
  const n = y.length;
  if (n < 2 * MIN_SEGMENT) return null;
  const s = [0], q = [0];
  for (const v of y) {
    s.push(s.at(-1)! + v);
    q.push(q.at(-1)! + v * v);
  }
  const sse = (a: number, b: number) => Math.max(0, q[b]! - q[a]! - (s[b]! - s[a]!) ** 2 / (b - a));
  let k = MIN_SEGMENT;
  for (let c = MIN_SEGMENT + 1; c <= n - MIN_SEGMENT; c++) if (sse(0, c) + sse(c, n) < sse(0, k) + sse(k, n)) k = c;
  const before = s[k]! / k, after = (s[n]! - s[k]!) / (n - k);
  const sd = Math.max(0.05, Math.sqrt((sse(0, k) + sse(k, n)) / (n - 2))); // floor: a perfect step is not infinitely sure
  const t = (before - after) / (sd * Math.sqrt(1 / k + 1 / (n - k)));
  if (t < MIN_T || y.slice(-MIN_SEGMENT).some((v) => v > (before + after) / 2)) return null;
  const at = pts[k]!.i;
  const change = changeRatio(series.values, at, at);
  if (!change || 1 - change.ratio < MIN_DROP) return null;
  const drop = 1 - change.ratio, since = monthOf(series, at);
  return {
    kind: 'suddenDrop', size: clamp01(drop), confidence: clamp01(t / 10) * (change.yoy ? 1 : 0.7),
    reason: `${chineseMonth(since)}起用水量骤降${pct(drop)}%`,
    details: { since, drop: round3(drop), t: round3(t), comparedWithLastYear: change.yoy },
  };
}

/** Log-use by calendar month over 12 months from `from`, centred on its mean; null where missing. */
function seasonalProfile(series: MonthlySeries, from: number): (number | null)[] {
  const profile: (number | null)[] = Array.from({ length: 12 }, () => null);
  for (let i = from; i < from + 12; i++) {
    const v = series.values[i];
    if (isNumber(v)) profile[(monthIndex(series.start) + i) % 12] = Math.log(v + 1);
  }
  const m = mean(profile.filter(isNumber));
  return profile.map((x) => (x === null ? null : x - m));
}

/**
 * A summer/winter pattern present in the first year and gone (flattened) in the last 12 months.
 * `kept` is the slope of the last year's profile on the first's (correlation × spread ratio):
 * about 1 when the pattern repeats, about 0 when it is gone. A first year whose "pattern" is
 * scattered months, one wild month or a drop is no season.
 */
export function seasonLost(series: MonthlySeries): Signal | null {
  if (series.values.length < 24) return null;
  const first = seasonalProfile(series, 0), last = seasonalProfile(series, series.values.length - 12);
  const pairs = first.flatMap((a, m) => (a !== null && isNumber(last[m]) ? [[a, last[m]!] as const] : []));
  if (pairs.length < 9) return null;
  const spread = (xs: number[]) => Math.sqrt(mean(xs.map((x) => x * x)));
  const a1 = spread(pairs.map((p) => p[0])), a2 = spread(pairs.map((p) => p[1]));
  const kept = pairs.reduce((acc, [a, b]) => acc + a * b, 0) / pairs.reduce((acc, [a]) => acc + a * a, 0);
  if (a1 < MIN_SEASON || kept > SEASON_KEPT || a2 > SEASON_SHRUNK * a1) return null;
  // a season moves month by month (a ±30 % summer peak: lag-1 correlation about 0.85); a year of
  // scattered months, or one wild month (a meter fault at the very start), does not
  let lagged = 0, squares = 0;
  first.forEach((a, m) => {
    const b = first[(m + 1) % 12];
    if (a !== null && isNumber(b)) lagged += a * b;
    if (a !== null) squares += a * a;
  });
  if (lagged < SEASON_SMOOTH * squares) return null;
  // a step inside the first year is a drop, suddenDrop's to report; it would be counted twice
  const drop = suddenDrop(series);
  if (drop && monthIndex(String(drop.details.since)) - monthIndex(series.start) < 12) return null;
  const asPct = (a: number) => pct(Math.exp(a) - 1);
  return {
    kind: 'seasonLost', size: clamp01(1 - kept), confidence: clamp01(a1 / 0.3) * Math.min(1, pairs.length / 12),
    reason: `季节性用水规律消失（首年季节波动±${asPct(a1)}%，近12个月±${asPct(a2)}%）`,
    details: { firstSpread: round3(a1), lastSpread: round3(a2), kept: round3(kept) },
  };
}

/**
 * Near-zero use for 3+ months running in the last 12 while the account data say people live or
 * work there. A run that the same months a year earlier also had, in an account that uses water
 * the rest of the year, is a quiet season, not a second source. Missing months neither make nor
 * break a run.
 */
export function nearZeroOccupied(account: Account, series: MonthlySeries, norms: NormTable): Signal | null {
  const occupants = occupantsOf(account, norms);
  if (!occupants) return null;
  const { values } = series;
  const limit = (i: number) => Math.max(NEAR_ZERO_M3, NEAR_ZERO_SHARE * (expectedUse(account, norms, monthOf(series, i)) ?? 0));
  const near = (i: number) => isNumber(values[i]) && values[i]! <= limit(i);
  let run: number[] = [], best: number[] = [];
  for (const { i } of recentPoints(series)) {
    run = near(i) ? [...run, i] : [];
    if (run.length > best.length) best = run;
  }
  if (best.length < 3) return null;
  const lastYear = best.filter((i) => isNumber(values[i - 12]));
  if (best.length < recentPoints(series).length && lastYear.length >= 2 && lastYear.filter((i) => near(i - 12)).length * 2 > lastYear.length) return null;
  const since = monthOf(series, best[0]!), ongoing = best.at(-1) === values.length - 1;
  return {
    kind: 'nearZeroOccupied', size: Math.min(1, best.length / 6), confidence: (occupants.stated ? 0.9 : 0.6) * (ongoing ? 1 : 0.6),
    reason: `${chineseMonth(since)}起连续${best.length}个月用水近零（${occupants.label}）`,
    details: { since, months: best.length, ongoing, occupants: occupants.label },
  };
}

/** Use that rose after a well on the account was sealed: the account did have a second source. The seal month itself is left out. */
export function jumpAfterSeal(series: MonthlySeries, sealedOn: string): Signal | null {
  const at = monthIndex(sealedOn) - monthIndex(series.start);
  const afterMonths = series.values.slice(Math.max(0, at + 1)).filter(isNumber).length;
  const change = at > 0 ? changeRatio(series.values, at, at + 1) : null;
  if (!change || afterMonths < 3 || change.ratio < MIN_JUMP) return null;
  const rise = change.ratio - 1;
  return {
    kind: 'jumpAfterSeal', size: clamp01(rise / 2), confidence: Math.min(1, afterMonths / 6) * (change.yoy ? 1 : 0.8),
    reason: `${formatChineseDate(sealedOn)}封井后用水量上升${pct(rise)}%，证实曾有第二水源`,
    details: { sealedOn, rise: round3(rise), comparedWithLastYear: change.yoy },
  };
}
