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

// what maskPhone / maskIdNumber leave of a number in free text: its first digits, four or more '*', its last four
const MASKED_IN_TEXT = /\d*\*{4,}[\dXx]{4}(?![0-9A-Za-z])/g;

/** The masked numbers (138****1234, 4101**********1234…) written in a free text. */
export function maskedNumbersIn(text: string | null | undefined): string[] {
  return text ? (text.match(MASKED_IN_TEXT) ?? []) : [];
}

/**
 * The edit rule for free text that is shown through maskPersonalText (a tip's notes, a case's
 * facts): the text sent back exactly as it was shown means “unchanged” and keeps the stored text
 * with its numbers. Any other text is taken as typed, unless it carries a masked number the stored
 * text does not hold as such: saving it would replace a real number by stars, so that is an error
 * (`ok: false`) and the caller must say so. Stars already stored as stars are no obstacle.
 */
export function keepTextUnlessChanged(submitted: string, stored: string | null): { value: string; ok: boolean } {
  if (stored !== null && submitted === maskPersonalText(stored)) return { value: stored, ok: true };
  const lost = maskedNumbersIn(submitted).filter((m) => !stored?.includes(m));
  return lost.length ? { value: submitted, ok: false } : { value: submitted, ok: true };
}
