/** Personal information shown in lists is masked (PIPL): 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(Math.max(4, digits.length - 7))}${digits.slice(-4)}`;
}
