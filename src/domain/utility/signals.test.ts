import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMS, expectedUse, type Account } from './norms.js';
import { daysInMonth, monthIndex, monthKey, monthlyUse, type Reading } from './series.js';
import { belowNorm, belowPeers, jumpAfterSeal, nearZeroOccupied, seasonLost, suddenDrop, useIntensity } from './signals.js';
import { scoreAccount } from './score.js';

/** Monthly readings from `from` to `to`; `use` returns null for a month without a reading. */
const months = (from: string, to: string, use: (period: string) => number | null): Reading[] => {
  const out: Reading[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) {
    const m3 = use(monthKey(i));
    if (m3 !== null) out.push({ period: monthKey(i), m3 });
  }
  return out;
};
const series = (from: string, to: string, use: (period: string) => number | null) => monthlyUse(months(from, to, use));
// use relative to the yearly mean, January first: mild for households, strong for the seasonal tests
const MILD = [0.9, 0.85, 0.9, 0.95, 1.05, 1.15, 1.25, 1.25, 1.1, 1.0, 0.9, 0.9];
const STRONG = [0.7, 0.7, 0.8, 0.9, 1.1, 1.3, 1.5, 1.5, 1.2, 1.0, 0.8, 0.7];
const season = (p: string, s = MILD) => s[Number(p.slice(5)) - 1]!;

const compound: Account = { accountNo: '1001', name: '某小区', category: '居民', households: 300 };
const family: Account = { accountNo: '1003', name: '张某', category: '居民', households: 1, persons: 3 }; // ≈ 10 m³ a month
const carWash: Account = { accountNo: '2001', name: '某洗车行', category: '洗车', persons: 4 }; // 60 m³ a month, closed in winter

describe('use far below the norm', () => {
  it('reports the last 12 months as a share of the norm, with the size', () => {
    const s = series('2023-01', '2023-12', (p) => 0.31 * expectedUse(compound, DEFAULT_NORMS, p)!);
    const signal = belowNorm(compound, s, DEFAULT_NORMS);
    expect(signal?.reason).toBe('近12个月用水为定额的31%（300户）');
    expect(signal?.size).toBeCloseTo(1 - 0.31 / 0.7);
    expect(signal?.confidence).toBe(0.8); // persons guessed from households
  });
  it('is not decided by one bad month either way', () => {
    const norm = (p: string) => expectedUse(compound, DEFAULT_NORMS, p)!;
    expect(belowNorm(compound, series('2023-01', '2023-12', (p) => (p === '2023-06' ? 0 : norm(p))), DEFAULT_NORMS)).toBeNull();
    const low = belowNorm(compound, series('2023-01', '2023-12', (p) => (p === '2023-06' ? 5 : 0.3) * norm(p)), DEFAULT_NORMS);
    expect(low?.details.ratio).toBe(0.3);
  });
  it('copes with missing months, and says nothing on fewer than 6', () => {
    const norm = (p: string) => expectedUse(compound, DEFAULT_NORMS, p)!;
    const gappy = series('2023-01', '2023-12', (p) => (['2023-03', '2023-07', '2023-08'].includes(p) ? null : 0.4 * norm(p)));
    expect(belowNorm(compound, gappy, DEFAULT_NORMS)?.details).toMatchObject({ ratio: 0.4, months: 9 });
    expect(belowNorm(compound, series('2023-08', '2023-12', (p) => 0.1 * norm(p)), DEFAULT_NORMS)).toBeNull();
  });
});

describe('use far below peers', () => {
  const perDay = (litresPerPerson: number) => (p: string) => (3 * litresPerPerson * daysInMonth(p)) / 1000;
  const peers = Array.from({ length: 20 }, (_, i) => 90 + 2 * i); // median 109, MAD 10
  it('compares use per person with the peer group by robust z', () => {
    const s = series('2024-01', '2024-12', perDay(50));
    expect(useIntensity(family, s, DEFAULT_NORMS)).toBeCloseTo(50);
    const signal = belowPeers(family, s, DEFAULT_NORMS, peers);
    expect(signal?.reason).toBe('人均日用水50升，为同类用户中位数的46%（同类20户）');
    expect(signal?.details.z).toBeCloseTo((50 - 109) / (1.4826 * 10), 2);
    expect(signal?.confidence).toBeCloseTo(0.796, 2);
  });
  it('does not flag an ordinary user, a small shortfall among identical peers, or a group too small to judge', () => {
    expect(belowPeers(family, series('2024-01', '2024-12', perDay(104)), DEFAULT_NORMS, peers)).toBeNull();
    expect(belowPeers(family, series('2024-01', '2024-12', perDay(100)), DEFAULT_NORMS, Array(10).fill(110))).toBeNull(); // MAD 0
    expect(belowPeers(family, series('2024-01', '2024-12', perDay(80)), DEFAULT_NORMS, Array(10).fill(110))?.reason).toBe('人均日用水80升，为同类用户中位数的73%（同类10户）');
    expect(belowPeers(family, series('2024-01', '2024-12', perDay(20)), DEFAULT_NORMS, [100, 105, 110, 115])).toBeNull();
  });
});

describe('a sharp, sustained drop', () => {
  const dropped = (p: string) => (p < '2023-05' ? 400 : 152) * season(p);
  it('dates the change point and sizes it', () => {
    const signal = suddenDrop(series('2021-05', '2024-12', dropped));
    expect(signal?.reason).toBe('2023年5月起用水量骤降62%');
    expect(signal?.details).toMatchObject({ since: '2023-05', drop: 0.62, comparedWithLastYear: true });
    expect(signal?.confidence).toBe(1);
  });
  it('finds the same date through missing months', () => {
    const gappy = series('2021-05', '2024-12', (p) => (['2022-08', '2023-09', '2024-02'].includes(p) ? null : dropped(p)));
    expect(suddenDrop(gappy)?.reason).toBe('2023年5月起用水量骤降62%');
  });
  it('is less sure without a year before the drop to compare with', () => {
    const signal = suddenDrop(series('2023-01', '2023-10', (p) => (p < '2023-05' ? 400 : 150)));
    expect(signal?.reason).toBe('2023年5月起用水量骤降63%');
    expect(signal?.confidence).toBeCloseTo(0.7);
  });
  it('does not flag a drop that recovered, a small dip, or a rise', () => {
    expect(suddenDrop(series('2021-05', '2024-12', (p) => (p >= '2023-05' && p < '2024-06' ? 152 : 400) * season(p)))).toBeNull();
    expect(suddenDrop(series('2021-05', '2024-12', (p) => (p < '2023-05' ? 400 : 300) * season(p)))).toBeNull();
    expect(suddenDrop(series('2021-05', '2024-12', (p) => (p < '2023-05' ? 152 : 400) * season(p)))).toBeNull();
  });
});

describe('a seasonal pattern that vanished', () => {
  it('compares the first year’s summer peak with the last 12 months', () => {
    const signal = seasonLost(series('2022-01', '2024-12', (p) => (p < '2023-07' ? 400 * season(p, STRONG) : 400)));
    expect(signal?.reason).toBe('季节性用水规律消失（首年季节波动±32%，近12个月±0%）');
    expect(signal?.details.kept).toBeCloseTo(0, 2);
  });
  it('does not flag a pattern that repeats, one that was never there, or months that are merely noisy', () => {
    expect(seasonLost(series('2022-01', '2024-12', (p) => 400 * season(p, STRONG)))).toBeNull();
    expect(seasonLost(series('2022-01', '2024-12', (p) => 400 * season(p)))).toBeNull(); // ±13 %: too mild to lose
    const noise = [0.7, 1.3, 1.0, 0.8, 1.2]; // a 5-month rhythm that scrambles each year's profile without flattening it
    expect(seasonLost(series('2022-01', '2024-12', (p) => 400 * season(p, STRONG) * noise[monthIndex(p) % 5]!))).toBeNull();
  });
});

describe('near-zero use while occupied', () => {
  it('reports the run of near-zero months of an occupied home', () => {
    const signal = nearZeroOccupied(family, series('2023-01', '2024-12', (p) => (p < '2024-09' ? 10 : 0.2)), DEFAULT_NORMS);
    expect(signal?.reason).toBe('2024年9月起连续4个月用水近零（1户3人）');
    expect(signal?.confidence).toBe(0.9);
  });
  it('is less sure of a run that has ended (a long trip) and of occupants guessed from households', () => {
    const trip = nearZeroOccupied(family, series('2023-01', '2024-12', (p) => (p >= '2024-03' && p < '2024-06' ? 0.2 : 10)), DEFAULT_NORMS);
    expect(trip?.confidence).toBeCloseTo(0.54);
    const guessed = nearZeroOccupied({ ...family, persons: undefined }, series('2023-01', '2024-12', (p) => (p < '2024-09' ? 10 : 0.2)), DEFAULT_NORMS);
    expect(guessed?.reason).toBe('2024年9月起连续4个月用水近零（1户）');
    expect(guessed?.confidence).toBe(0.6);
  });
  it('needs 3 months', () => {
    expect(nearZeroOccupied(family, series('2023-01', '2024-12', (p) => (p < '2024-11' ? 10 : 0.2)), DEFAULT_NORMS)).toBeNull();
  });
});

describe('use that rose after a well was sealed', () => {
  it('confirms a past second source', () => {
    const signal = jumpAfterSeal(series('2022-01', '2024-06', (p) => (p <= '2023-05' ? 10 : 30) * season(p)), '2023-05-12');
    expect(signal?.reason).toBe('2023年5月12日封井后用水量上升200%，证实曾有第二水源');
  });
  it('does not take the summer after a spring seal for a jump', () => {
    expect(jumpAfterSeal(series('2022-01', '2023-09', (p) => 10 * season(p, STRONG)), '2023-04-20')).toBeNull();
    expect(jumpAfterSeal(series('2022-01', '2023-07', () => 10), '2023-06-01')).toBeNull(); // one month after: too early
  });
});

describe('accounts that must not be flagged', () => {
  const quiet = (account: Account, readings: Reading[]) => scoreAccount(account, readings, { peers: Array(20).fill(110) }).signals;
  it('a vacant flat: nobody recorded, or nothing known about who lives there', () => {
    const nearZero = months('2022-01', '2024-12', () => 0.3);
    expect(quiet({ ...family, persons: 0 }, nearZero)).toEqual([]);
    expect(quiet({ accountNo: '1004', name: '李某', category: '居民' }, nearZero)).toEqual([]);
    // the family moved out in 2023: a drop the account data explain
    expect(quiet({ ...family, persons: 0 }, months('2022-01', '2024-12', (p) => (p < '2023-05' ? 10 : 0.3)))).toEqual([]);
  });
  it('a seasonal business in its off-season', () => {
    const open = (p: string) => (['12', '01', '02'].includes(p.slice(5)) ? 0.5 : 60 * season(p));
    expect(quiet(carWash, months('2022-03', '2025-02', open))).toEqual([]);
  });
  it('a replaced meter: a zero month and its catch-up, or a meter stuck for months', () => {
    const use = (p: string) => 10 * season(p, STRONG);
    expect(quiet(family, months('2022-01', '2024-12', (p) => (p === '2024-10' ? 0 : p === '2024-11' ? 2 * use(p) : use(p))))).toEqual([]);
    expect(quiet(family, months('2022-01', '2024-12', (p) => (p === '2024-11' ? 0 : use(p))))).toEqual([]);
    const stuck = (p: string) => (p >= '2024-07' && p <= '2024-09' ? 0 : p === '2024-10' ? 40 : 10);
    expect(quiet(family, months('2022-01', '2024-12', stuck))).toEqual([]);
    // the same months without the catch-up are a real stop
    expect(quiet(family, months('2022-01', '2024-12', (p) => (p >= '2024-07' && p <= '2024-09' ? 0 : 10))).map((s) => s.kind)).toContain('nearZeroOccupied');
  });
});
