/**
 * Ranking a whole city: peers measured once per group, every account scored, the naive baseline
 * the engine is judged against, survey gaps, the random control slice of a verification batch and
 * the figures of a batch's outcomes. Pure.
 */
import { DEFAULT_NORMS, expectedUse, peerGroup, type Account, type NormTable } from './norms.js';
import { median, monthOf, type MonthlySeries } from './series.js';
import { peerStats, useIntensity, type PeerStats } from './signals.js';
import { averagePrecision, DEFAULT_WEIGHTS, precisionAtK, rankAccounts, scoreSeries, type RankedAccount, type Weights } from './score.js';

/** One account to rank: its data, its cleaned series, the area its peers are drawn from (a district), the day a well on it was sealed. */
export type Subject = { account: Account; series: MonthlySeries; area: string; sealedOn?: string | null };
export type RankOptions = { norms?: NormTable; weights?: Weights; onProgress?: (done: number, total: number) => void };

/**
 * Scores and ranks every subject. Peers are the accounts of the same category and size band in
 * the same area; their yardstick (median, MAD of use intensity) is computed once per group.
 */
export function rankAll(subjects: readonly Subject[], opts: RankOptions = {}): RankedAccount[] {
  const norms = opts.norms ?? DEFAULT_NORMS;
  const weights = opts.weights ?? DEFAULT_WEIGHTS;
  const groupOf = subjects.map((s) => {
    const g = peerGroup(s.account, norms);
    return g && `${s.area}|${g}`;
  });
  const intensities = new Map<string, number[]>();
  subjects.forEach((s, i) => {
    const g = groupOf[i];
    const x = g ? useIntensity(s.account, s.series, norms) : null;
    if (g && x !== null) push(intensities, g, x);
  });
  const stats = new Map<string, PeerStats>([...intensities].map(([g, xs]) => [g, peerStats(xs)]));
  const step = Math.max(1, Math.floor(subjects.length / 100));
  const scored = subjects.map((s, i) => {
    if (i % step === 0) opts.onProgress?.(i, subjects.length);
    const g = groupOf[i];
    return scoreSeries(s.account, s.series, { norms, weights, peers: (g && stats.get(g)) || undefined, sealedOn: s.sealedOn ?? null });
  });
  opts.onProgress?.(subjects.length, subjects.length);
  return rankAccounts(scored);
}

function push(map: Map<string, number[]>, key: string, x: number): void {
  const xs = map.get(key);
  if (xs) xs.push(x);
  else map.set(key, [x]);
}

/** Use as a share of the norm over the last 12 months (median of monthly ratios); null without a norm or 6 months. */
export function normRatio(account: Account, series: MonthlySeries, norms: NormTable = DEFAULT_NORMS): number | null {
  const ratios: number[] = [];
  series.values.forEach((m3, i) => {
    if (m3 === null || i < series.values.length - 12) return;
    const e = expectedUse(account, norms, monthOf(series, i));
    if (e) ratios.push(m3 / e);
  });
  return ratios.length >= 6 ? median(ratios) : null;
}

/**
 * The naive baseline — the spreadsheet filter a water company would hand over: lowest ratio to the
 * norm first, accounts without a norm last. Returns account numbers best first.
 */
export function baselineRank(subjects: readonly Subject[], norms: NormTable = DEFAULT_NORMS): string[] {
  return subjects
    .map((s) => ({ no: s.account.accountNo, r: normRatio(s.account, s.series, norms) ?? Infinity }))
    .sort((a, b) => a.r - b.r || (a.no < b.no ? -1 : a.no > b.no ? 1 : 0))
    .map((x) => x.no);
}

/** Short labels for a table cell: 排查缺口 says the rest. */
export const SURVEY_GAPS = { noCard: '无一户一卡', tapOnlyCard: '卡上申报仅用自来水' } as const;
export type SurveyGap = keyof typeof SURVEY_GAPS;
/** From this score on, a card that declares tap water only is doubted. */
export const GAP_SCORE = 0.5;

/**
 * Where the survey may have missed something: an account no card names (nobody surveyed it), or a
 * card that declares tap water only on an account that ranks high.
 */
export function surveyGap(score: number, card: { waterSource: string } | null): SurveyGap | null {
  if (!card) return 'noCard';
  return card.waterSource === 'tap' && score >= GAP_SCORE ? 'tapOnlyCard' : null;
}

/**
 * The random control slice: `count` accounts drawn without replacement from those outside the top,
 * so the true base rate stays measurable. `random` returns [0, 1) (Math.random, or seeded in tests).
 */
export function drawControl<T>(rest: readonly T[], count: number, random: () => number): T[] {
  const pool = [...rest];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** The control slice's size for a batch of the top N: a share of N, at least 1 when the share is above 0. */
export const controlSize = (topN: number, share: number): number => (share > 0 ? Math.max(1, Math.round(topN * share)) : 0);

export const OUTCOMES = ['found', 'normal', 'no_access'] as const;
export type CheckOutcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<CheckOutcome | 'pending', string> = { found: '发现自备井', normal: '用水正常', no_access: '无法入户', pending: '待核查' };

export type BatchCheck = { rank: number; inControl: boolean; outcome: CheckOutcome | null };
export type SliceStats = { checks: number; visited: number; found: number; hitRate: number | null };
export type BatchStats = { top: SliceStats; control: SliceStats; pending: number; noAccess: number; precisionAt10: number | null; averagePrecision: number | null; lift: number | null };

/**
 * A batch's figures. Hit rate = wells found / accounts visited (no access is not a visit). The top
 * list's precision at 10 and average precision follow its rank order over visited accounts; lift
 * is the top's hit rate over the control's (how much better than a random visit).
 */
export function batchStats(checks: readonly BatchCheck[]): BatchStats {
  const slice = (inControl: boolean): SliceStats => {
    const xs = checks.filter((c) => c.inControl === inControl);
    const visited = xs.filter((c) => c.outcome === 'found' || c.outcome === 'normal').length;
    const found = xs.filter((c) => c.outcome === 'found').length;
    return { checks: xs.length, visited, found, hitRate: visited ? found / visited : null };
  };
  const top = slice(false), control = slice(true);
  const ranked = checks
    .filter((c) => !c.inControl && (c.outcome === 'found' || c.outcome === 'normal'))
    .sort((a, b) => a.rank - b.rank)
    .map((c) => c.outcome === 'found');
  return {
    top, control,
    pending: checks.filter((c) => c.outcome === null).length,
    noAccess: checks.filter((c) => c.outcome === 'no_access').length,
    precisionAt10: ranked.length ? precisionAtK(ranked, 10) : null,
    averagePrecision: ranked.length ? averagePrecision(ranked) : null,
    lift: top.hitRate !== null && control.hitRate ? top.hitRate / control.hitRate : null,
  };
}
