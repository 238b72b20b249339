/**
 * The suspect score and ranking. Signals combine in a logistic model,
 * p = σ(b0 + Σ w_k · size_k · confidence_k), so the score reads as the chance that a visit finds
 * a well and field outcomes can refit the weights (fitWeights). Also the ranking metrics the
 * verification loop reports. Pure and deterministic.
 */
import { DEFAULT_NORMS, type Account, type NormTable } from './norms.js';
import { monthlyUse, type MonthlySeries, type Reading } from './series.js';
import { belowNorm, belowPeers, jumpAfterSeal, nearZeroOccupied, seasonLost, suddenDrop, SIGNAL_KINDS, type PeerStats, type Signal, type SignalKind } from './signals.js';

export type Features = Record<SignalKind, number>;
export type Weights = { bias: number; weights: Features };

/**
 * Defaults until outcomes say otherwise — judgement, not fitted:
 * - bias −4: with no signal p ≈ 2 %, the few percent of accounts expected to hide a well;
 * - suddenDrop 5, nearZeroOccupied 4, belowNorm 4: a dated switch, an occupied place drawing
 *   nothing, a compound far under the norm are what field teams find wells behind;
 * - belowPeers 3: the same evidence as the norm, but peers can share the habit (a whole street on wells);
 * - seasonLost 2: supporting, rarely enough alone;
 * - jumpAfterSeal 2: proves a past second source (owners of one well often have another), but
 *   that one is sealed.
 * One strong signal alone gives about 0.1–0.3; two or three together 0.9 and up.
 */
export const DEFAULT_WEIGHTS: Weights = {
  bias: -4,
  weights: { belowNorm: 4, belowPeers: 3, suddenDrop: 5, seasonLost: 2, nearZeroOccupied: 4, jumpAfterSeal: 2 },
};

/** What else scoring needs: the norm table, the cut-off month, the peers' intensities (useIntensity), the date a well on the account was sealed. */
export type ScoreContext = { norms?: NormTable; asOf?: string; peers?: PeerStats | readonly number[]; sealedOn?: string | null; weights?: Weights };
export type ScoredAccount = { accountNo: string; score: number; signals: Signal[]; reasons: string[] };
export type RankedAccount = ScoredAccount & { rank: number };

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A meter that hardly turns — exactly 0 in the last 3 months read, or in half of the last 12 — is
 * how a vacant home looks: nobody draws a drop. A family on a well still takes some tap water (to
 * drink, to cook: the well is hard), so its meter moves, if slowly. Zero use lights up every
 * low-use signal at once (below the norm, below the peers, a drop, no season, near zero) though
 * it is one fact that a vacancy the account data missed explains about as well as a well; those
 * signals count at 20 % of their confidence (a score of about 0.4 instead of 0.99 when all of
 * them fire), and the near-zero reason says to rule out a vacancy first. Judgement, like the
 * weights.
 */
const STOPPED_SHARE = 0.5;
const STOPPED_DISCOUNT = 0.2;
export function meterStopped(series: MonthlySeries): boolean {
  const recent = series.values.slice(-12).filter((m3): m3 is number => m3 !== null);
  if (recent.length < 3) return false;
  return recent.slice(-3).every((m3) => m3 === 0) || recent.filter((m3) => m3 === 0).length >= STOPPED_SHARE * recent.length;
}

/** Each signal kind's feature: size × confidence, 0 when it did not fire. */
export function featuresOf(signals: readonly Signal[]): Features {
  const f = Object.fromEntries(SIGNAL_KINDS.map((k) => [k, 0])) as Features;
  for (const s of signals) f[s.kind] += s.size * s.confidence;
  return f;
}

/**
 * Score one account; signals and reasons strongest first (by their weight in the score). A signal
 * that fitted weights made count against a well stays among the signals but gives no reason. An
 * account recorded as having nobody (persons 0) only keeps the seal signal: the data already
 * explain its low use. A meter that does not turn (meterStopped) weakens the low-use signals.
 */
export function scoreAccount(account: Account, readings: readonly Reading[], ctx: ScoreContext = {}): ScoredAccount {
  return scoreSeries(account, monthlyUse(readings, ctx.asOf), ctx);
}

/** Scores an account from its cleaned monthly series (monthlyUse), already cut at the as-of month. */
export function scoreSeries(account: Account, series: MonthlySeries, ctx: ScoreContext = {}): ScoredAccount {
  const norms = ctx.norms ?? DEFAULT_NORMS;
  const { bias, weights } = ctx.weights ?? DEFAULT_WEIGHTS;
  const stopped = meterStopped(series);
  const lowUse = (account.persons === 0 ? [] : [
    belowNorm(account, series, norms),
    ctx.peers ? belowPeers(account, series, norms, ctx.peers) : null,
    suddenDrop(series),
    seasonLost(series),
    nearZeroOccupied(account, series, norms),
  ]).map((s) => (s && stopped ? {
    ...s, confidence: s.confidence * STOPPED_DISCOUNT, details: { ...s.details, meterStopped: true },
    reason: s.kind === 'nearZeroOccupied' ? `${s.reason}，水表基本不走字，先核实是否空置` : s.reason,
  } : s));
  const weight = (s: Signal) => weights[s.kind] * s.size * s.confidence;
  const signals = [...lowUse, ctx.sealedOn ? jumpAfterSeal(series, ctx.sealedOn) : null]
    .filter((s): s is Signal => s !== null)
    .sort((a, b) => weight(b) - weight(a));
  const score = sigmoid(bias + signals.reduce((z, s) => z + weight(s), 0));
  return { accountNo: account.accountNo, score, signals, reasons: signals.filter((s) => weight(s) > 0).map((s) => s.reason) };
}

const byAccountNo = new Intl.Collator('en', { numeric: true });
/** Best first; equal scores in account-number order ('9' before '10'), so the list is stable between runs. */
export function rankAccounts(scored: readonly ScoredAccount[]): RankedAccount[] {
  return [...scored]
    .sort((a, b) => b.score - a.score || byAccountNo.compare(a.accountNo, b.accountNo) || (a.accountNo < b.accountNo ? -1 : a.accountNo > b.accountNo ? 1 : 0))
    .map((s, i) => ({ ...s, rank: i + 1 }));
}

/** A visited account: its features when it was ranked, and whether a well was found ("no access" visits are left out). */
export type Outcome = { features: Features; found: boolean };

/**
 * Logistic regression on the signal features, by Newton's method with an L2 prior that pulls every
 * weight (bias too) towards `prior`. `strength` is the prior's precision: at 5, a handful of
 * outcomes nudges the weights and hundreds move them. The bias fitted on visits to top-ranked
 * accounts overstates the base rate; the random control slice corrects that, the ranking does not
 * depend on it. No random start, so the same outcomes always give the same weights.
 */
export function fitWeights(examples: readonly Outcome[], prior: Weights = DEFAULT_WEIGHTS, strength = 5): Weights {
  const theta0 = [prior.bias, ...SIGNAL_KINDS.map((k) => prior.weights[k])];
  const rows = examples.map((e) => ({ x: [1, ...SIGNAL_KINDS.map((k) => e.features[k])], y: e.found ? 1 : 0 }));
  const dot = (a: number[], b: number[]) => a.reduce((s, v, j) => s + v * b[j]!, 0);
  const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
  const loss = (th: number[]) =>
    rows.reduce((s, r) => s + softplus(dot(th, r.x)) - r.y * dot(th, r.x), 0) + (strength / 2) * th.reduce((s, v, j) => s + (v - theta0[j]!) ** 2, 0);
  let theta = [...theta0];
  for (let iter = 0; iter < 50; iter++) {
    const grad = theta.map((v, j) => strength * (v - theta0[j]!));
    const hess = theta.map((_, j) => theta.map((__, l) => (j === l ? strength : 0)));
    for (const { x, y } of rows) {
      const p = sigmoid(dot(theta, x));
      x.forEach((xj, j) => {
        grad[j] = grad[j]! + (p - y) * xj;
        x.forEach((xl, l) => (hess[j]![l] = hess[j]![l]! + p * (1 - p) * xj * xl));
      });
    }
    const step = solve(hess, grad);
    let t = 1, next = theta.map((v, j) => v - step[j]!);
    while (loss(next) > loss(theta) && t > 1e-6) { // damped: never uphill
      t /= 2;
      next = theta.map((v, j) => v - t * step[j]!);
    }
    theta = next;
    if (Math.max(...step.map(Math.abs)) * t < 1e-10) break;
  }
  return { bias: theta[0]!, weights: Object.fromEntries(SIGNAL_KINDS.map((k, j) => [k, theta[j + 1]!])) as Features };
}

/** Solves A·x = b by Gaussian elimination; A here is a Hessian plus the prior, symmetric positive definite, so no pivoting is needed. */
function solve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  const n = b.length;
  for (let c = 0; c < n; c++) {
    const pivot = m[c]!;
    for (let r = c + 1; r < n; r++) {
      const row = m[r]!, f = row[c]! / pivot[c]!;
      for (let k = c; k <= n; k++) row[k] = row[k]! - f * pivot[k]!;
    }
  }
  const x = Array.from({ length: n }, () => 0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!;
    x[r] = (row[n]! - row.reduce((s, v, k) => (k > r && k < n ? s + v * x[k]! : s), 0)) / row[r]!;
  }
  return x;
}

/** Share of wells found among the first k visits of a ranked list (fewer than k visits: among those). */
export function precisionAtK(rankedFound: readonly boolean[], k: number): number {
  const top = rankedFound.slice(0, k);
  return top.length ? top.filter(Boolean).length / top.length : 0;
}

/** Mean of the precision at the rank of each well found; 0 when none was. */
export function averagePrecision(rankedFound: readonly boolean[]): number {
  let hits = 0, sum = 0;
  rankedFound.forEach((found, i) => {
    if (found) sum += ++hits / (i + 1);
  });
  return hits ? sum / hits : 0;
}

/** The chance that a random account with a well outscores a random one without (ties count half); null without both kinds. */
export function auc(items: readonly { score: number; found: boolean }[]): number | null {
  const sorted = [...items].sort((a, b) => a.score - b.score);
  let rankSum = 0, pos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const tied = sorted.slice(i, j).filter((s) => s.found).length; // share the mean rank of i+1..j
    rankSum += (tied * (i + 1 + j)) / 2;
    pos += tied;
    i = j;
  }
  const neg = items.length - pos;
  return pos && neg ? (rankSum - (pos * (pos + 1)) / 2) / (pos * neg) : null;
}
