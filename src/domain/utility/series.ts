/**
 * Meter readings turned into one monthly series per account, cleaned of meter faults, plus the
 * robust statistics the signals share. Every signal works on this series so that a gap, a daily
 * feed or a swapped meter is handled once, the same way for all of them. Pure.
 */

/** One reading: a month ('YYYY-MM') or a day ('YYYY-MM-DD') of use, in m³. */
export type Reading = { period: string; m3: number };

/** Use per calendar month from `start` ('YYYY-MM'), one entry a month; null = no usable reading. */
export type MonthlySeries = { start: string; values: (number | null)[] };

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$/;
/** Below this share of its recent level a month counts as "near zero" for a meter-fault check. */
const FAULT_LOW = 0.25;

export const monthIndex = (period: string): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
export const monthKey = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
export const daysInMonth = (period: string): number => {
  const y = Number(period.slice(0, 4)), m = Number(period.slice(5, 7));
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
};
/** '2023-05' → '2023年5月' */
export const chineseMonth = (period: string): string => `${Number(period.slice(0, 4))}年${Number(period.slice(5, 7))}月`;
/** The calendar month of entry `i` of a series. */
export const monthOf = (series: MonthlySeries, i: number): string => monthKey(monthIndex(series.start) + i);

export const isNumber = (x: number | null | undefined): x is number => typeof x === 'number';
export const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
export const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}
/** Median absolute deviation: a spread that a few wild values cannot inflate. */
export const mad = (xs: readonly number[]): number => {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
};

/**
 * The monthly series up to `asOf` (default: the last month read). Daily readings add up to their
 * month when at least half its days were read (scaled to the whole month), else the month is
 * missing: a half-read month would look like a drop.
 */
export function monthlyUse(readings: readonly Reading[], asOf?: string): MonthlySeries {
  const end = asOf === undefined ? Infinity : monthIndex(asOf);
  const monthly = new Map<number, number>();
  const daily = new Map<number, { sum: number; days: number }>();
  for (const r of readings) {
    if (!PERIOD.test(r.period)) throw new Error(`用水期间格式错误：${r.period}`);
    const i = monthIndex(r.period);
    if (i > end) continue;
    if (r.period.length === 7) monthly.set(i, (monthly.get(i) ?? 0) + r.m3);
    else {
      const d = daily.get(i) ?? { sum: 0, days: 0 };
      daily.set(i, { sum: d.sum + r.m3, days: d.days + 1 });
    }
  }
  const months = [...monthly.keys(), ...daily.keys()];
  if (!months.length) return { start: asOf ?? '', values: [] };
  const first = Math.min(...months);
  const last = asOf === undefined ? Math.max(...months) : end;
  const values: (number | null)[] = [];
  for (let i = first; i <= last; i++) {
    const days = daysInMonth(monthKey(i));
    const d = daily.get(i);
    values.push(monthly.get(i) ?? (d && d.days * 2 >= days ? (d.sum / d.days) * days : null));
  }
  return { start: monthKey(first), values: repairMeterFaults(values) };
}

/**
 * Meter faults made to look like what really flowed, so they are not read as a drop. A run of
 * 1–3 missing or near-zero months right after a normal month, followed by a month that catches up
 * what they missed (a swapped or stuck meter, a skipped or two-monthly reading), is spread evenly
 * over the run; a single near-zero month between normal ones with no catch-up lost its reading
 * and becomes missing. A longer run, or one that never catches up, is left alone: that is real.
 */
export function repairMeterFaults(values: readonly (number | null)[]): (number | null)[] {
  const v = [...values];
  for (let i = 1; i < v.length; i++) {
    const recent = v.slice(Math.max(0, i - 6), i).filter(isNumber);
    const now = v[i];
    if (recent.length < 3 || (isNumber(now) && now > FAULT_LOW * Math.max(...recent))) continue; // cheap test first: most months are normal
    const level = median(recent);
    const low = (x: number | null | undefined) => x == null || x <= FAULT_LOW * level;
    if (level <= 0 || low(v[i - 1]) || !low(v[i])) continue;
    let j = i;
    while (j < v.length && j - i < 3 && low(v[j])) j++;
    const next = v[j];
    if (!isNumber(next)) continue;
    const n = j - i + 1;
    const total = v.slice(i, j).reduce<number>((s, x) => s + (x ?? 0), 0) + next;
    if (next >= 1.5 * level && total >= 0.6 * n * level && total <= 1.4 * n * level) {
      v.fill(total / n, i, j + 1);
      i = j;
    } else if (n === 2) v[i] = null;
  }
  return v;
}
