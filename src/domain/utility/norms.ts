/**
 * Expected water use from an editable norm table. A norm counts total use whatever the source
 * (GB/T 50331), so tap use far below what an account of its category and size should draw points
 * to another source. Pure.
 */
import { daysInMonth } from './series.js';

/** A water-company account. Size columns are optional: without them there is no expected use. */
export type Account = { accountNo: string; name: string; category: string; households?: number; persons?: number; beds?: number; areaM2?: number };

/** What a norm counts per day: a person (resident, staff, student), a bed, a m² of floor, or the whole business. */
export type NormBasis = 'person' | 'bed' | 'areaM2' | 'business';
export type Norm = { basis: NormBasis; litresPerDay: number };
/** Norms per category (用水类别 or 行业); null = no norm (industry: use depends on the process). */
export type NormTable = { householdSize: number; categories: Readonly<Record<string, Norm | null>> };

/**
 * Defaults — ASSUMPTIONS to be replaced by the office's own figures (Henan's DB41/T 385-2020 was
 * not gathered). Residents: GB/T 50331 zone II 85–140 L per person per day, midpoint 110; 2.8
 * persons per household (the demo's average). The others are rough design-manual magnitudes,
 * kept low on purpose: a norm set too high flags honest users.
 */
export const DEFAULT_NORMS: NormTable = {
  householdSize: 2.8,
  categories: {
    居民: { basis: 'person', litresPerDay: 110 },
    宾馆: { basis: 'bed', litresPerDay: 250 },
    办公: { basis: 'person', litresPerDay: 40 },
    学校: { basis: 'person', litresPerDay: 30 },
    医院: { basis: 'bed', litresPerDay: 200 },
    洗车: { basis: 'business', litresPerDay: 2000 },
    浴池: { basis: 'areaM2', litresPerDay: 40 },
    餐饮: { basis: 'areaM2', litresPerDay: 20 },
    工业: null,
    其他: null,
  },
};

/** The defaults with the office's edits on top (a category set to null loses its norm). */
export function normTable(edits: { householdSize?: number; categories?: Record<string, Norm | null> } = {}): NormTable {
  return { householdSize: edits.householdSize ?? DEFAULT_NORMS.householdSize, categories: { ...DEFAULT_NORMS.categories, ...edits.categories } };
}

/**
 * Who lives or works there per the account data: persons if given (0 = vacant), else households
 * × household size (`stated: false`, a guess). Null when unknown or vacant: no occupants, no
 * expectation, no flag.
 */
export function occupantsOf(account: Account, norms: NormTable): { count: number; label: string; stated: boolean } | null {
  const { households: h, persons: p } = account;
  if (p !== undefined) return p > 0 ? { count: p, label: h ? `${h}户${p}人` : `${p}人`, stated: true } : null;
  return h && h > 0 ? { count: h * norms.householdSize, label: `${h}户`, stated: false } : null;
}

export type SizedNorm = { norm: Norm; units: number; label: string; stated: boolean };

/** The account's norm and its size in the norm's unit ("300户", "120床位"); null when either is unknown. */
export function sizedNorm(account: Account, norms: NormTable): SizedNorm | null {
  const norm = Object.hasOwn(norms.categories, account.category) ? norms.categories[account.category] : null;
  if (!norm) return null;
  if (norm.basis === 'person') {
    const o = occupantsOf(account, norms);
    return o && { norm, units: o.count, label: o.label, stated: o.stated };
  }
  if (norm.basis === 'business') return { norm, units: 1, label: '按单户定额', stated: true };
  const units = norm.basis === 'bed' ? account.beds : account.areaM2;
  return units && units > 0 ? { norm, units, label: norm.basis === 'bed' ? `${units}床位` : `${units}平方米`, stated: true } : null;
}

/** m³ the account should use in a month ('YYYY-MM') or a day ('YYYY-MM-DD'); null when its norm or size is unknown. */
export function expectedUse(account: Account, norms: NormTable, period: string): number | null {
  const s = sizedNorm(account, norms);
  return s && (s.units * s.norm.litresPerDay * (period.length === 7 ? daysInMonth(period) : 1)) / 1000;
}

/** Peers share a category and a size band (each about ×3 wider), so a 300-household compound is never measured against a single flat. */
const BANDS = [3, 10, 30, 100, 300, 1000];
export function peerGroup(account: Account, norms: NormTable): string | null {
  const s = sizedNorm(account, norms);
  return s && `${account.category}/${BANDS.filter((b) => s.units >= b).length}`;
}
