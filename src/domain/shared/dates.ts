/** Dates as users write them in sheets and forms. Pure (dayjs only parses). */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(customParseFormat);

const FORMATS = ['YYYY-MM-DD', 'YYYY-M-D', 'YYYY/M/D', 'YYYY/MM/DD', 'YYYY.M.D', 'YYYY年M月D日', 'YYYYMMDD'];

/** '2024/1/5', '2024年1月5日', '2024-01-05' → '2024-01-05'; anything else → null. */
export function parseDay(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const d = dayjs(t, FORMATS, true);
  return d.isValid() ? d.format('YYYY-MM-DD') : null;
}

/** 2024-01-12 → 2024年1月12日 */
export function formatChineseDate(day: string): string {
  const d = dayjs(day, 'YYYY-MM-DD', true);
  return d.isValid() ? d.format('YYYY年M月D日') : day;
}

/** Today in the office's time zone (Beijing, UTC+8), as YYYY-MM-DD. */
export function officeToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A calendar day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  return dayjs(day, 'YYYY-MM-DD', true).add(n, 'day').format('YYYY-MM-DD');
}
