/**
 * How much of a tap's water is groundwater: a two end-member mixing model. Tap water from the
 * South-to-North route is soft and fresh; local groundwater is harder and saltier. Per tracer,
 * f = (C_sample − C_tap) / (C_well − C_tap); across tracers f is fitted by least squares (each
 * tracer scaled by its end-member contrast, so mg/L and µS/cm weigh alike) and reported with its
 * standard error. Under a detection floor (about 10–15 %, REFERENCE.md) the answer is "below
 * detection", not a number. Pure.
 */

/** Lab results in their usual units: mg/L (hardness as CaCO₃, nitrate as N), µS/cm for conductivity. */
export const TRACERS = ['totalHardness', 'tds', 'conductivity', 'nitrate', 'fluoride', 'chloride', 'sulfate'] as const;
export type Tracer = (typeof TRACERS)[number];
export const TRACER_LABELS: Record<Tracer, string> = {
  totalHardness: '总硬度', tds: '溶解性总固体', conductivity: '电导率', nitrate: '硝酸盐（以N计）', fluoride: '氟化物', chloride: '氯化物', sulfate: '硫酸盐',
};
export type EndMembers = Partial<Record<Tracer, { tap: number; well: number }>>;

/**
 * Defaults — ASSUMPTIONS until the office samples its own: tap from the Danjiangkou figures (TDS
 * 176 mg/L, hardness about 135 mg/L), groundwater from North China Plain private wells (hardness
 * 576 mg/L, nitrate-N 22 mg/L; TDS about 2.5× tap). Conductivity from TDS ≈ 0.65 × EC. The
 * groundwater end-member is a per-area setting: replace it with local well samples.
 */
export const DEFAULT_END_MEMBERS: EndMembers = {
  totalHardness: { tap: 135, well: 576 },
  tds: { tap: 176, well: 450 },
  conductivity: { tap: 270, well: 690 },
  nitrate: { tap: 1, well: 22 },
};

/** Below this share the mixture cannot be told from tap water within the end-members' spread. */
export const DEFAULT_DETECTION_FLOOR = 0.12;
/** The error of a single-tracer estimate, from the end-members' natural spread (no second tracer to measure it). */
const SINGLE_TRACER_ERROR = 0.1;
/** A tracer whose two end-members differ by less than this share of the tap value tells nothing. */
const MIN_CONTRAST = 0.2;

export type MixingEstimate = {
  /** the fitted share, clamped to 0…1 */
  share: number;
  /** standard error of the share */
  uncertainty: number;
  belowDetection: boolean;
  perTracer: { tracer: Tracer; share: number }[];
  /** "地下水占比约40%（±5%，依据总硬度、电导率）" or "低于检出限（<12%）" */
  text: string;
};

/** The groundwater share of a sample; null when no tracer with a usable contrast was measured. */
export function groundwaterShare(sample: Partial<Record<Tracer, number | null>>, endMembers: EndMembers = DEFAULT_END_MEMBERS, floor = DEFAULT_DETECTION_FLOOR): MixingEstimate | null {
  const perTracer: { tracer: Tracer; share: number }[] = [];
  for (const tracer of TRACERS) {
    const c = sample[tracer], em = endMembers[tracer];
    if (c === null || c === undefined || !em || Math.abs(em.well - em.tap) < MIN_CONTRAST * Math.abs(em.tap)) continue;
    perTracer.push({ tracer, share: (c - em.tap) / (em.well - em.tap) });
  }
  if (!perTracer.length) return null;
  // least squares of f on contrast-scaled tracers: the mean of the per-tracer shares
  const n = perTracer.length;
  const f = perTracer.reduce((s, t) => s + t.share, 0) / n;
  const sd = n > 1 ? Math.sqrt(perTracer.reduce((s, t) => s + (t.share - f) ** 2, 0) / (n - 1)) : SINGLE_TRACER_ERROR;
  const uncertainty = n > 1 ? Math.max(sd / Math.sqrt(n), 0.02) : SINGLE_TRACER_ERROR;
  const share = Math.min(1, Math.max(0, f));
  const belowDetection = share < floor;
  const used = perTracer.map((t) => TRACER_LABELS[t.tracer]).join('、');
  const pct = (x: number) => Math.round(x * 100);
  return {
    share, uncertainty, belowDetection, perTracer,
    text: belowDetection ? `地下水占比低于检出限（<${pct(floor)}%，依据${used}）` : `地下水占比约${pct(share)}%（±${pct(uncertainty)}%，依据${used}）`,
  };
}
