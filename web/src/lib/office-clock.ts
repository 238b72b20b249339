/**
 * The web and field apps' one clock for the office's day. "Today" is the campaign office's day
 * (the time zone the server sends with the session, default Asia/Shanghai), whatever the
 * browser's own time zone: every default date, every "not after today" limit and every relative
 * label comes from here. ESLint forbids a bare `dayjs()` or `new Date()` anywhere else.
 */
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DEFAULT_OFFICE_TIME_ZONE } from '@domain/shared/dates';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DAY = 'YYYY-MM-DD';
const STORE_KEY = 'wellseal.officeTimeZone';

function remembered(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORE_KEY) ?? null;
  } catch {
    return null;
  }
}

let officeTz = remembered() ?? DEFAULT_OFFICE_TIME_ZONE;

/** Set from every session answer; kept on the device so the field app knows it offline. */
export function setOfficeTimeZone(tz: string): void {
  if (!tz || tz === officeTz) return;
  officeTz = tz;
  try {
    globalThis.localStorage?.setItem(STORE_KEY, tz);
  } catch {
    // private mode: the session sends it again next time
  }
}

export function officeTimeZone(): string {
  return officeTz;
}

/** The office's wall clock now (for 2024年6月23日 星期日 and HH:mm labels). */
export function officeNow(): Dayjs {
  return dayjs().tz(officeTz);
}

/** Today in the office, YYYY-MM-DD. */
export function officeToday(): string {
  return officeNow().format(DAY);
}

/** A YYYY-MM-DD day as a date-picker value (midnight of that calendar day in the browser). */
export function dayValue(day: string): Dayjs {
  return dayjs(day);
}

/** The office's today as a date-picker value. */
export function todayValue(): Dayjs {
  return dayValue(officeToday());
}

/** The office's day `n` days before today, YYYY-MM-DD. */
export function officeDaysAgo(n: number): string {
  return todayValue().subtract(n, 'day').format(DAY);
}

/** For `disabledDate`: a picked day (or month) after the office's today. */
export function isAfterToday(d: Dayjs, unit: 'day' | 'month' = 'day'): boolean {
  return unit === 'month' ? d.format('YYYY-MM') > officeToday().slice(0, 7) : d.format(DAY) > officeToday();
}

/** For `disabledDate`: a picked day before the office's today. */
export function isBeforeToday(d: Dayjs): boolean {
  return d.format(DAY) < officeToday();
}

/** The office's day of an instant (an ISO timestamp from the server). */
export function officeDayOfInstant(iso: string): string {
  return dayjs(iso).tz(officeTz).format(DAY);
}

/** An instant as the office's wall clock, for formatting (2024年6月23日 14:05). */
export function atOffice(iso: string): Dayjs {
  return dayjs(iso).tz(officeTz);
}

/** The device's clock as an instant (when a record was captured; not a day). */
export function deviceNowIso(): string {
  return new Date().toISOString();
}

/** The device's clock, sent with every write (X-Client-Time) so the server can refuse a wrong one by name. */
export function deviceTimeHeader(): Record<string, string> {
  return { 'x-client-time': deviceNowIso() };
}

/** The office's wall clock as a browser-local Dayjs (same fields: 2024-06-23 01:30), for pickers that work in local time. */
export function officeWallClock(): Dayjs {
  return dayjs(officeNow().format('YYYY-MM-DDTHH:mm:ss.SSS'));
}
