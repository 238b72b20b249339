const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** A 12-character initial password with letters and digits, without look-alikes (0/O, 1/l/I). */
export function randomPassword(length = 12): string {
  const all = LETTERS + DIGITS;
  const bytes = crypto.getRandomValues(new Uint32Array(length));
  const chars = Array.from(bytes, (b) => all[b % all.length] ?? 'x');
  chars[0] = LETTERS[(bytes[0] ?? 0) % LETTERS.length] ?? 'A';
  chars[length - 1] = DIGITS[(bytes[length - 1] ?? 0) % DIGITS.length] ?? '7';
  return chars.join('');
}
