import { describe, expect, it } from 'vitest';
import type { Account } from './norms.js';
import { monthIndex, monthKey, type Reading } from './series.js';
import { SIGNAL_KINDS } from './signals.js';
import { auc, averagePrecision, DEFAULT_WEIGHTS, featuresOf, fitWeights, precisionAtK, rankAccounts, scoreAccount, type Features, type Outcome, type ScoredAccount } from './score.js';

const months = (from: string, to: string, use: (period: string) => number): Reading[] =>
  Array.from({ length: monthIndex(to) - monthIndex(from) + 1 }, (_, i) => monthKey(monthIndex(from) + i)).map((period) => ({ period, m3: use(period) }));
const MILD = [0.9, 0.85, 0.9, 0.95, 1.05, 1.15, 1.25, 1.25, 1.1, 1.0, 0.9, 0.9];
const season = (p: string) => MILD[Number(p.slice(5)) - 1]!;
const compound: Account = { accountNo: '1001', name: '某小区', category: '居民', households: 300 }; // ≈ 2,800 m³ a month by the norm

describe('scoring an account', () => {
  it('combines the signals into a score and gives the reasons strongest first', () => {
    const readings = months('2021-05', '2024-12', (p) => (p < '2023-05' ? 2700 : 870) * season(p));
    const scored = scoreAccount(compound, readings, { peers: Array.from({ length: 20 }, (_, i) => 90 + 2 * i) });
    expect(scored.reasons).toEqual(['2023年5月起用水量骤降68%', '人均日用水33升，为同类用户中位数的30%（同类20户）', '近12个月用水为定额的30%（300户）']);
    expect(scored.signals.map((s) => s.kind)).toEqual(['suddenDrop', 'belowPeers', 'belowNorm']);
    expect(scored.score).toBeGreaterThan(0.9);
    const distrustNorm = { ...DEFAULT_WEIGHTS, weights: { ...DEFAULT_WEIGHTS.weights, belowNorm: -1 } };
    const refitted = scoreAccount(compound, readings, { peers: Array.from({ length: 20 }, (_, i) => 90 + 2 * i), weights: distrustNorm });
    expect(refitted.signals.map((s) => s.kind)).toEqual(['suddenDrop', 'belowPeers', 'belowNorm']);
    expect(refitted.reasons).toEqual(scored.reasons.slice(0, 2));
    expect(refitted.score).toBeLessThan(scored.score);
  });
  it('scores one signal alone well below several together, and nothing at the base rate', () => {
    const readings = months('2021-05', '2024-12', (p) => (p < '2023-05' ? 2700 : 870) * season(p));
    const alone = scoreAccount(compound, readings).score;
    expect(alone).toBeGreaterThan(0.5);
    expect(alone).toBeLessThan(0.9);
    expect(scoreAccount(compound, months('2022-01', '2024-12', (p) => 2800 * season(p))).score).toBeCloseTo(1 / (1 + Math.exp(4)));
  });
  it('cuts the series at the as-of month', () => {
    const readings = months('2021-05', '2024-12', (p) => (p < '2023-05' ? 2700 : 870) * season(p));
    expect(scoreAccount(compound, readings, { asOf: '2023-03' }).signals).toEqual([]);
  });
  it('adds the jump after a seal when the account had a well sealed', () => {
    const family: Account = { accountNo: '1003', name: '张某', category: '居民', households: 1, persons: 3 };
    const readings = months('2022-01', '2024-06', (p) => (p <= '2023-05' ? 3 : 10) * season(p));
    expect(scoreAccount(family, readings).reasons.some((r) => r.includes('封井'))).toBe(false);
    expect(scoreAccount(family, readings, { sealedOn: '2023-05-12' }).reasons).toContain('2023年5月12日封井后用水量上升233%，证实曾有第二水源');
  });
});

describe('ranking', () => {
  const scored = (accountNo: string, score: number): ScoredAccount => ({ accountNo, score, signals: [], reasons: [] });
  it('puts the best first and breaks ties by account number', () => {
    const ranked = rankAccounts([scored('10', 0.5), scored('A1', 0.1), scored('9', 0.5), scored('2', 0.9), scored('11', 0.5)]);
    expect(ranked.map((r) => [r.accountNo, r.rank])).toEqual([['2', 1], ['9', 2], ['10', 3], ['11', 4], ['A1', 5]]);
  });
});

describe('learning from field outcomes', () => {
  const features = (f: Partial<Features>): Features => ({ ...featuresOf([]), ...f });
  it('stays near the prior with 3 outcomes', () => {
    const fitted = fitWeights([
      { features: features({ seasonLost: 1 }), found: true },
      { features: features({}), found: false },
      { features: features({ belowNorm: 0.5 }), found: false },
    ]);
    for (const k of SIGNAL_KINDS) expect(Math.abs(fitted.weights[k] - DEFAULT_WEIGHTS.weights[k])).toBeLessThan(0.5);
    expect(fitted.weights.seasonLost).toBeGreaterThan(DEFAULT_WEIGHTS.weights.seasonLost);
  });
  it('moves a weight towards a signal that predicts wells once outcomes pile up, the same way every time', () => {
    // 300 visits: where seasonLost fired half had a well, elsewhere 2 %; belowNorm fired on every 5th, unrelated to wells
    const visits: Outcome[] = Array.from({ length: 300 }, (_, i) => ({
      features: features({ seasonLost: i % 3 === 0 ? 0.9 : 0, belowNorm: i % 5 === 0 ? 0.6 : 0 }),
      found: i % 3 === 0 ? i % 2 === 0 : i % 50 === 1,
    }));
    const fitted = fitWeights(visits);
    expect(fitted.weights.seasonLost).toBeGreaterThan(DEFAULT_WEIGHTS.weights.seasonLost + 1);
    expect(fitted.weights.belowNorm).toBeLessThan(DEFAULT_WEIGHTS.weights.belowNorm - 1);
    expect(fitWeights(visits)).toEqual(fitted);
    expect(fitWeights([])).toEqual(DEFAULT_WEIGHTS);
  });
});

describe('ranking metrics', () => {
  const ranked = [true, false, true, true, false];
  it('precision at k', () => {
    expect(precisionAtK(ranked, 1)).toBe(1);
    expect(precisionAtK(ranked, 3)).toBeCloseTo(2 / 3);
    expect(precisionAtK(ranked, 10)).toBeCloseTo(3 / 5);
    expect(precisionAtK([], 10)).toBe(0);
  });
  it('average precision', () => {
    expect(averagePrecision(ranked)).toBeCloseTo((1 / 1 + 2 / 3 + 3 / 4) / 3);
    expect(averagePrecision([false, false])).toBe(0);
  });
  it('AUC, ties counting half', () => {
    expect(auc([{ score: 0.9, found: true }, { score: 0.8, found: false }, { score: 0.7, found: true }, { score: 0.6, found: false }])).toBeCloseTo(0.75);
    expect(auc([{ score: 0.5, found: true }, { score: 0.5, found: false }, { score: 0.1, found: false }])).toBeCloseTo(0.75);
    expect(auc([{ score: 0.5, found: true }])).toBeNull();
  });
});
