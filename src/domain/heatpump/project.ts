/**
 * A heat-pump project's words and rules besides reinjection: its stage (审批 → 建设 → 运行, or
 * 停用), how a reading was measured, what an inspection may observe, the office's settings, and
 * whether its design volume calls for online metering (在线计量). Pure.
 */
import { parseDay } from '../shared/dates.js';
import { DEFAULT_RATIO_THRESHOLD, monthlyRatios, type HeatPumpReading, type PeriodRatio } from './reinjection.js';

export const HEAT_PUMP_STAGES = ['approval', 'construction', 'operation', 'stopped'] as const;
export type HeatPumpStage = (typeof HEAT_PUMP_STAGES)[number];
export const HEAT_PUMP_STAGE_LABELS: Record<HeatPumpStage, string> = { approval: '审批', construction: '建设', operation: '运行', stopped: '停用' };

export const READING_METHODS = ['meter', 'ultrasonic'] as const;
export type ReadingMethod = (typeof READING_METHODS)[number];
export const READING_METHOD_LABELS: Record<ReadingMethod, string> = { meter: '计量表', ultrasonic: '超声波抽测' };

export const OBSERVATION_KINDS = ['discharge', 'pump_stop_test', 'other'] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];
export const OBSERVATION_KIND_LABELS: Record<ObservationKind, string> = { discharge: '外排（雨污管道见水）', pump_stop_test: '停泵对比', other: '其他' };

/** Above this annual design volume a project must meter online (a local setting; REFERENCE.md). */
export const DEFAULT_METERING_THRESHOLD_M3_PER_YEAR = 50_000;
/** A project whose operating days are not on file is taken to run all year (the larger volume). */
export const DEFAULT_OPERATING_DAYS = 365;

export type HeatPumpRules = { ratioThreshold: number; meteringThresholdM3PerYear: number };
export const DEFAULT_HEAT_PUMP_RULES: HeatPumpRules = { ratioThreshold: DEFAULT_RATIO_THRESHOLD, meteringThresholdM3PerYear: DEFAULT_METERING_THRESHOLD_M3_PER_YEAR };

/** Design pumping per day × operating days; null when no design volume is on file. */
export function annualDesignVolume(designPumpM3PerDay: number | null, operatingDaysPerYear: number | null): number | null {
  if (designPumpM3PerDay === null) return null;
  return designPumpM3PerDay * (operatingDaysPerYear ?? DEFAULT_OPERATING_DAYS);
}

/** Online metering is required when the annual design volume is above the threshold; unknown without a design volume. */
export function meteringRequired(
  project: { designPumpM3PerDay: number | null; operatingDaysPerYear: number | null },
  thresholdM3PerYear = DEFAULT_METERING_THRESHOLD_M3_PER_YEAR,
): boolean | null {
  const annual = annualDesignVolume(project.designPumpM3PerDay, project.operatingDaysPerYear);
  return annual === null ? null : annual > thresholdM3PerYear;
}

/**
 * A reading's period as people write it: a day (2024-06-03, 2024/6/3, 2024年6月3日) or a month
 * (2024-06, 2024/6, 2024.6, 2024年6月, 202406). Null for anything else.
 */
export function parsePeriod(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/.exec(t);
  if (m) {
    const mm = Number(m[2] ?? m[3]);
    return mm >= 1 && mm <= 12 ? `${m[1]}-${String(mm).padStart(2, '0')}` : null;
  }
  return parseDay(t);
}

/** 2024-06 → 2024年6月, 2024-06-03 → 2024年6月3日 */
export function periodLabel(period: string): string {
  const [y, m, d] = period.split('-').map(Number);
  return d ? `${y}年${m}月${d}日` : `${y}年${m}月`;
}

/** Whether a period has begun by `today` (a month may be the current one). */
export const periodStarted = (period: string, today: string): boolean => (period.length === 7 ? period <= today.slice(0, 7) : period <= today);

/** The latest month with a ratio as of a day (readings of later periods left out), or null. */
export function latestMonth(readings: readonly HeatPumpReading[], asOf: string): PeriodRatio | null {
  const months = monthlyRatios(readings.filter((r) => periodStarted(r.period, asOf))).filter((m) => m.ratio !== null);
  return months.at(-1) ?? null;
}
