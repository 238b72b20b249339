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

/** The campaign office's time zone unless the deployment names another (WELLSEAL_TIME_ZONE). */
export const DEFAULT_OFFICE_TIME_ZONE = 'Asia/Shanghai';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The office's calendar day (YYYY-MM-DD) at an instant: 2024-06-22T17:30Z in Asia/Shanghai → 2024-06-23. */
export function officeDayOf(instant: Date, timeZone: string = DEFAULT_OFFICE_TIME_ZONE): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instant);
}

/** A time zone name the runtime knows (IANA: Asia/Shanghai, Asia/Urumqi, UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A calendar day `n` days after (or before, when negative) `day`. */
export function addDays(day: string, n: number): string {
  return dayjs(day, 'YYYY-MM-DD', true).add(n, 'day').format('YYYY-MM-DD');
}
