/**
 * Personal information (PIPL): phone and ID-card numbers are shown masked in lists, details and
 * exports; the full value only through an explicit, audited reveal.
 */

/** 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(4, digits.length - 7))}${digits.slice(-4)}`;
}

/** 身份证号 410102199001011234 → 4101**********1234 (15 digits: 4101*******1234). */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const v = id.replace(/\s+/g, '');
  if (v.length < 10) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

// an ID-card number (18 digits, the last may be X, or the old 15 digits) or a mainland mobile
// number (11 digits from 13…19) or a landline (0377-63123456), not inside a longer run of digits
const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d{9}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/** Free text such as “物业经理 王某 13803770000” with every phone and ID number in it masked. */
export function maskPersonalText(text: string): string;
export function maskPersonalText(text: string | null): string | null;
export function maskPersonalText(text: string | null): string | null {
  if (!text) return text;
  return text
    .replace(ID_IN_TEXT, (m) => maskIdNumber(m)!)
    .replace(MOBILE_IN_TEXT, (m) => maskPhone(m)!)
    .replace(LANDLINE_IN_TEXT, (m) => maskPhone(m)!);
}

/** A value shown masked carries '*'; a real phone or ID number never does. */
export function looksMasked(value: string | null | undefined): boolean {
  return !!value && value.includes('*');
}

/**
 * The edit rule: a form or an offline app sends back the whole record, with the masked value it
 * was shown. A submitted value equal to the mask of the stored one means “unchanged” and keeps the
 * stored value; any other value replaces it. A different masked value is an error (`null` here):
 * the caller must say so instead of storing stars.
 */
export function keepUnlessChanged<T extends string | null>(
  submitted: T,
  stored: string | null,
  mask: (v: string) => string | null,
): { value: string | null; ok: boolean } {
  if (submitted !== null && stored !== null && submitted === mask(stored)) return { value: stored, ok: true };
  if (looksMasked(submitted)) return { value: null, ok: false };
  return { value: submitted, ok: true };
}
