/**
 * Water samples (水样): where a sample was drawn, the field chlorine test and the lab's results,
 * and what the mixing model makes of them. Lab results are a map tracer → value: the known
 * tracers are checked (unit, plausible range), other named tracers are kept as written. Pure.
 */
import { DEFAULT_DETECTION_FLOOR, DEFAULT_END_MEMBERS, groundwaterShare, TRACERS, type EndMembers, type MixingEstimate, type Tracer } from './mixing.js';

export const SAMPLE_POINTS = ['tap', 'tank', 'non_potable', 'well_head', 'other'] as const;
export type SamplePoint = (typeof SAMPLE_POINTS)[number];
export const SAMPLE_POINT_LABELS: Record<SamplePoint, string> = { tap: '水龙头', tank: '水箱', non_potable: '非饮用出水口', well_head: '井口', other: '其他' };

export const FIELD_CHLORINE = ['present', 'absent', 'not_done'] as const;
export type FieldChlorine = (typeof FIELD_CHLORINE)[number];
export const FIELD_CHLORINE_LABELS: Record<FieldChlorine, string> = { present: '检出', absent: '未检出', not_done: '未检测' };

/** The known lab tracers: the mixing tracers and free chlorine. */
export const LAB_TRACERS = [...TRACERS, 'freeChlorine'] as const;
export type LabTracer = (typeof LAB_TRACERS)[number];
export const LAB_TRACER_LABELS: Record<LabTracer, string> = {
  totalHardness: '总硬度', tds: '溶解性总固体', conductivity: '电导率', nitrate: '硝酸盐（以N计）', fluoride: '氟化物', chloride: '氯化物', sulfate: '硫酸盐', freeChlorine: '游离余氯',
};
export const LAB_TRACER_UNITS: Record<LabTracer, string> = {
  totalHardness: 'mg/L（以CaCO₃计）', tds: 'mg/L', conductivity: 'µS/cm', nitrate: 'mg/L', fluoride: 'mg/L', chloride: 'mg/L', sulfate: 'mg/L', freeChlorine: 'mg/L',
};
/** Above these a value is a typing error rather than water. */
const LAB_TRACER_MAX: Record<LabTracer, number> = {
  totalHardness: 5000, tds: 20000, conductivity: 30000, nitrate: 500, fluoride: 50, chloride: 10000, sulfate: 10000, freeChlorine: 20,
};
/** Other words users write for a tracer (sheet headers, form keys). */
const LAB_TRACER_ALIASES: Record<LabTracer, string[]> = {
  totalHardness: ['总硬度', '硬度'], tds: ['溶解性总固体', 'TDS'], conductivity: ['电导率'], nitrate: ['硝酸盐', '硝酸盐氮', '硝酸盐（以N计）', '硝酸盐(以N计)'],
  fluoride: ['氟化物'], chloride: ['氯化物'], sulfate: ['硫酸盐'], freeChlorine: ['游离余氯', '游离氯', '余氯（化验）'],
};

/** The code of a known tracer written as its code or one of its Chinese names; null for any other name. */
export function labTracerOf(name: string): LabTracer | null {
  const n = name.trim();
  for (const t of LAB_TRACERS) if (t === n || LAB_TRACER_ALIASES[t].includes(n)) return t;
  return null;
}

export const labTracerLabel = (key: string): string => (LAB_TRACERS as readonly string[]).includes(key) ? LAB_TRACER_LABELS[key as LabTracer] : key;

/**
 * Checks a map of lab results: known tracers by code (or Chinese name) within their range,
 * extra tracers by a name of at most 20 characters; every value a non-negative number.
 */
export function normaliseLabResults(input: Record<string, number | null | undefined>): { results: Record<string, number>; errors: string[] } {
  const results: Record<string, number> = {};
  const errors: string[] = [];
  for (const [rawKey, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    const known = labTracerOf(rawKey);
    const key = known ?? rawKey.trim();
    const label = known ? LAB_TRACER_LABELS[known] : key;
    if (!key) { errors.push('化验指标名称不能为空'); continue; }
    if (!known && key.length > 20) { errors.push(`化验指标名称“${key.slice(0, 20)}…”过长（最多 20 字）`); continue; }
    if (!Number.isFinite(value) || value < 0) { errors.push(`${label}应为不小于 0 的数值`); continue; }
    if (known && value > LAB_TRACER_MAX[known]) { errors.push(`${label} ${value} ${LAB_TRACER_UNITS[known]} 超出合理范围（≤${LAB_TRACER_MAX[known]}）`); continue; }
    if (key in results) { errors.push(`${label}填写了两次`); continue; }
    results[key] = value;
  }
  return { results, errors };
}

export type SampleFacts = { point: SamplePoint; fieldChlorine: FieldChlorine; labResults: Record<string, number> };
export const CHLORINE_EVIDENCE = '现场余氯未检出：管网自来水出厂即含余氯，龙头水无余氯本身就是井水混入的证据';

/** What the mixing model (and the field chlorine test) make of a sample. */
export function estimateSample(s: SampleFacts, endMembers: EndMembers = DEFAULT_END_MEMBERS, floor = DEFAULT_DETECTION_FLOOR): { estimate: MixingEstimate | null; chlorineEvidence: string | null } {
  const tracers: Partial<Record<Tracer, number>> = {};
  for (const t of TRACERS) if (typeof s.labResults[t] === 'number') tracers[t] = s.labResults[t];
  return {
    estimate: groundwaterShare(tracers, endMembers, floor),
    chlorineEvidence: s.point === 'tap' && s.fieldChlorine === 'absent' ? CHLORINE_EVIDENCE : null,
  };
}

/** End-members: a complete set with numbers in range (the settings card's check). */
export function checkEndMembers(em: EndMembers): string[] {
  const errors: string[] = [];
  for (const [t, v] of Object.entries(em)) {
    if (!(TRACERS as readonly string[]).includes(t)) { errors.push(`“${t}”不是可用于混合模型的指标`); continue; }
    if (!v) continue;
    const label = LAB_TRACER_LABELS[t as Tracer];
    if (!(v.tap >= 0) || !(v.well >= 0)) errors.push(`${label}的端元值应为不小于 0 的数值`);
    else if (v.tap === v.well) errors.push(`${label}的自来水与地下水端元相同，无法区分`);
  }
  if (!Object.values(em).some(Boolean)) errors.push('至少需要一个指标的端元值');
  return errors;
}

/** A sample code SY-YYYYMMDD-NN: the next number of a day given the codes already used. */
export function nextSampleCode(day: string, used: readonly string[]): string {
  const prefix = `SY-${day.replaceAll('-', '')}-`;
  const taken = used.filter((c) => c.startsWith(prefix)).map((c) => Number(c.slice(prefix.length))).filter((n) => Number.isInteger(n));
  return `${prefix}${String((taken.length ? Math.max(...taken) : 0) + 1).padStart(2, '0')}`;
}

export function samplePointOf(text: string): SamplePoint | null {
  const t = text.trim();
  if ((SAMPLE_POINTS as readonly string[]).includes(t)) return t as SamplePoint;
  const byLabel = SAMPLE_POINTS.find((p) => SAMPLE_POINT_LABELS[p] === t);
  if (byLabel) return byLabel;
  if (['龙头', '自来水龙头'].includes(t)) return 'tap';
  if (['井', '井口水', '机井'].includes(t)) return 'well_head';
  return null;
}

/** The field chlorine cell: 有/检出, 无/未检出, 未测/空, or a measured mg/L (0 is "absent"). */
export function fieldChlorineOf(text: string): { test: FieldChlorine; mgL: number | null } | null {
  const t = text.trim();
  if (!t || ['未测', '未检测', '未做', 'not_done'].includes(t)) return { test: 'not_done', mgL: null };
  if (['有', '检出', '阳性', 'present'].includes(t)) return { test: 'present', mgL: null };
  if (['无', '未检出', '阴性', 'absent'].includes(t)) return { test: 'absent', mgL: null };
  const n = Number(t.replace(/mg\/L$/i, '').trim());
  if (!Number.isFinite(n) || n < 0 || n > 20) return null;
  return { test: n > 0 ? 'present' : 'absent', mgL: n };
}
