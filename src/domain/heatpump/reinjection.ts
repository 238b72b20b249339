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

/** The findings a project's records call for, in date order (the wells count first: it has no date). */
export function heatPumpFindings(
  project: { name: string; registeredWells: number; foundWells: number },
  readings: readonly HeatPumpReading[],
  observations: readonly Observation[],
  threshold = DEFAULT_RATIO_THRESHOLD,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (project.foundWells > project.registeredWells) {
    drafts.push({
      kind: 'unregistered_wells', onDate: null,
      description: `${project.name}登记取水、回灌井${project.registeredWells}眼，实际发现${project.foundWells}眼，${project.foundWells - project.registeredWells}眼未登记`,
    });
  }
  for (const r of monthlyRatios(readings)) {
    if (r.ratio === null || r.ratio >= threshold) continue;
    drafts.push({
      kind: 'low_reinjection', onDate: `${r.period}-01`,
      description: `${project.name}${month(r.period)}回灌率${pct(r.ratio)}（抽水${m3(r.pumpedM3)}立方米，回灌${m3(r.reinjectedM3)}立方米），低于${pct(threshold)}`,
    });
  }
  for (const o of observations.filter((x) => x.kind === 'discharge')) {
    drafts.push({ kind: 'discharge', onDate: o.onDate, description: `${formatChineseDate(o.onDate)}检查发现${project.name}抽取的地下水外排：${o.note}` });
  }
  return drafts.sort((a, b) => (a.onDate ?? '').localeCompare(b.onDate ?? ''));
}
