/**
 * Ground-source heat pumps (地温空调) must put back into the same aquifer all they pump (GB 50366
 * 5.1.1). From a project's metered (or ultrasonic spot) readings and its inspection observations,
 * the findings an office raises: a period whose reinjection ratio is under the threshold, water
 * seen in storm or sewer pipes (外排), fewer wells registered than found. Pure.
 */
import { formatChineseDate } from '../shared/dates.js';

/** Reinjected / pumped below this is a finding (REFERENCE.md: about 0.95; a setting). */
export const DEFAULT_RATIO_THRESHOLD = 0.95;

/** One reading: a day ('YYYY-MM-DD') or a month ('YYYY-MM'), m³ pumped and m³ reinjected. */
export type HeatPumpReading = { period: string; pumpedM3: number; reinjectedM3: number };
export type PeriodRatio = { period: string; pumpedM3: number; reinjectedM3: number; ratio: number | null };
/** What an inspection saw: water from the wells in storm or sewer pipes, or what stopping the pumps showed. */
export type Observation = { onDate: string; kind: 'discharge' | 'pump_stop_test' | 'other'; note: string };
export type FindingDraft = { kind: 'low_reinjection' | 'discharge' | 'unregistered_wells'; onDate: string | null; description: string };

/** Reinjected share of what was pumped; null when nothing was pumped (no ratio to judge). */
export function reinjectionRatio(pumpedM3: number, reinjectedM3: number): number | null {
  return pumpedM3 > 0 ? reinjectedM3 / pumpedM3 : null;
}

/** Readings summed per calendar month (days add up to their month), oldest first, each with its ratio. */
export function monthlyRatios(readings: readonly HeatPumpReading[]): PeriodRatio[] {
  const months = new Map<string, { pumpedM3: number; reinjectedM3: number }>();
  for (const r of readings) {
    const m = r.period.slice(0, 7);
    const sum = months.get(m) ?? { pumpedM3: 0, reinjectedM3: 0 };
    months.set(m, { pumpedM3: sum.pumpedM3 + r.pumpedM3, reinjectedM3: sum.reinjectedM3 + r.reinjectedM3 });
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, s]) => ({ period, ...s, ratio: reinjectionRatio(s.pumpedM3, s.reinjectedM3) }));
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const m3 = (x: number) => Math.round(x).toLocaleString('zh-CN');
const month = (p: string) => `${Number(p.slice(0, 4))}年${Number(p.slice(5, 7))}月`;

const wellsText = (name: string, registered: number, found: number) => `${name}登记取水、回灌井${registered}眼，实际发现${found}眼，${found - registered}眼未登记`;
const lowMonthText = (name: string, r: PeriodRatio, threshold: number) =>
  `${name}${month(r.period)}回灌率${pct(r.ratio ?? 0)}（抽水${m3(r.pumpedM3)}立方米，回灌${m3(r.reinjectedM3)}立方米），低于${pct(threshold)}`;
const dischargeText = (name: string, o: Observation) => `${formatChineseDate(o.onDate)}检查发现${name}抽取的地下水外排：${o.note}`;

/** Whether a month's ratio is under the threshold (a month with nothing pumped is not judged). */
export const isLowRatio = (ratio: number | null, threshold = DEFAULT_RATIO_THRESHOLD): boolean => ratio !== null && ratio < threshold;

/** The findings a project's records call for, in date order (the wells count first: it has no date). */
export function heatPumpFindings(
  project: { name: string; registeredWells: number; foundWells: number },
  readings: readonly HeatPumpReading[],
  observations: readonly Observation[],
  threshold = DEFAULT_RATIO_THRESHOLD,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (project.foundWells > project.registeredWells) {
    drafts.push({ kind: 'unregistered_wells', onDate: null, description: wellsText(project.name, project.registeredWells, project.foundWells) });
  }
  for (const r of monthlyRatios(readings)) {
    if (!isLowRatio(r.ratio, threshold)) continue;
    drafts.push({ kind: 'low_reinjection', onDate: `${r.period}-01`, description: lowMonthText(project.name, r, threshold) });
  }
  for (const o of observations.filter((x) => x.kind === 'discharge')) {
    drafts.push({ kind: 'discharge', onDate: o.onDate, description: dischargeText(project.name, o) });
  }
  return drafts.sort((a, b) => (a.onDate ?? '').localeCompare(b.onDate ?? ''));
}

/** The last day a period covers: the day itself, or the month's last day. */
export function periodEnd(period: string): string {
  if (period.length === 10) return period;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}

/**
 * What a finding is kept under, so that the same fact is never raised twice: a month
 * ('month:2024-06'), an observation ('observation:12'), or the count of wells found when the
 * excess was raised ('wells:5' — one more well found later is a new finding).
 */
export type FindingToRaise = { key: string; kind: FindingDraft['kind']; foundOn: string; description: string };

/**
 * The findings a project's records call for that no finding answers yet (`raised`: the keys
 * already answered), oldest first. A low month is found when its last reading ends (never after
 * `today`); a discharge on the day it was seen; wells beyond those registered on `today`.
 */
export function findingsToRaise(
  project: { name: string; registeredWells: number; foundWells: number },
  readings: readonly HeatPumpReading[],
  observations: readonly (Observation & { id: number })[],
  raised: ReadonlySet<string>,
  opts: { today: string; threshold?: number },
): FindingToRaise[] {
  const threshold = opts.threshold ?? DEFAULT_RATIO_THRESHOLD;
  const out: FindingToRaise[] = [];
  const wellsKey = `wells:${project.foundWells}`;
  if (project.foundWells > project.registeredWells && !raised.has(wellsKey)) {
    out.push({ key: wellsKey, kind: 'unregistered_wells', foundOn: opts.today, description: wellsText(project.name, project.registeredWells, project.foundWells) });
  }
  for (const r of monthlyRatios(readings)) {
    const key = `month:${r.period}`;
    if (!isLowRatio(r.ratio, threshold) || raised.has(key)) continue;
    const ends = readings.filter((x) => x.period.startsWith(r.period)).map((x) => periodEnd(x.period));
    const last = ends.reduce((a, b) => (a > b ? a : b));
    out.push({ key, kind: 'low_reinjection', foundOn: last < opts.today ? last : opts.today, description: lowMonthText(project.name, r, threshold) });
  }
  for (const o of observations) {
    const key = `observation:${o.id}`;
    if (o.kind !== 'discharge' || raised.has(key)) continue;
    out.push({ key, kind: 'discharge', foundOn: o.onDate, description: dischargeText(project.name, o) });
  }
  return out.sort((a, b) => a.foundOn.localeCompare(b.foundOn));
}

/**
 * The finding category each kind is raised under. 外排 is 'discharge'; water pumped and not put
 * back is water let out somewhere, so a low month is raised as 外排 too (its description gives the
 * ratio). Wells beyond those registered are wells the survey missed (漏排) — which sends their grid
 * back to surveying — when their grid is known, else 'other'.
 */
export function findingCategoryFor(kind: FindingDraft['kind'], gridKnown: boolean): 'discharge' | 'missed' | 'other' {
  if (kind === 'unregistered_wells') return gridKnown ? 'missed' : 'other';
  return 'discharge';
}
