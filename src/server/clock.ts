/**
 * The one clock of the server for the office's day. Every "today" (default dates, "not after
 * today" rules, overdue counts, the as-of of a table) comes from `officeToday()`; instants that
 * become a day (a tip's receivedAt) from `officeNow()`.
 *
 * Two settings move it: WELLSEAL_TIME_ZONE (the office's zone, default Asia/Shanghai) and
 * WELLSEAL_NOW (the office clock starts at that moment and runs on: for the fixed-clock browser
 * tests and for showing the demo campaign on a day of its own). Sessions, tokens, lockouts and
 * rate limits are security timing and stay on the real clock.
 */
import { DEFAULT_OFFICE_TIME_ZONE, officeDayOf } from '../domain/shared/dates.js';

let timeZone = DEFAULT_OFFICE_TIME_ZONE;
let offsetMs = 0;

export type ClockSettings = { timeZone: string; startAt: Date | undefined };

/** Called once at start (server and CLI) with the checked settings. */
export function setClock(settings: ClockSettings): void {
  timeZone = settings.timeZone;
  offsetMs = settings.startAt ? settings.startAt.getTime() - Date.now() : 0;
}

export function officeTimeZone(): string {
  return timeZone;
}

/** The current instant on the office's clock. */
export function officeNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today in the office's time zone, as YYYY-MM-DD. */
export function officeToday(): string {
  return officeDayOf(officeNow(), timeZone);
}

/** How far a client's clock may be from the office clock before its writes are refused. */
export const CLIENT_CLOCK_TOLERANCE_MS = 5 * 60_000;

/** The office's day of a stored instant (a photo's upload, a tip's arrival). */
export function officeDayAt(instant: Date): string {
  return officeDayOf(instant, timeZone);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** 2026年12月8日 04:47 in the office's time zone */
export function formatOfficeMoment(instant: Date): string {
  let f = momentFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    momentFormats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p['year']}年${Number(p['month'])}月${Number(p['day'])}日 ${p['hour']}:${p['minute']}`;
}

/**
 * A write from a device whose clock is off by more than the tolerance is refused before any rule
 * sees its dates, with both times named, rather than with a rule error about some other step.
 * `sent`: the device's clock when it sent the request (the web and field apps send it in
 * X-Client-Time); null when the header is missing or unreadable (scripts, API tokens).
 */
export function clientClockProblem(sent: string | undefined, now: Date = officeNow()): string | null {
  if (!sent) return null;
  const t = Date.parse(sent);
  if (Number.isNaN(t)) return null;
  const diff = t - now.getTime();
  if (Math.abs(diff) <= CLIENT_CLOCK_TOLERANCE_MS) return null;
  const minutes = Math.round(Math.abs(diff) / 60_000);
  const gap = minutes >= 120 ? `${Math.round(minutes / 60)} 小时` : `${minutes} 分钟`;
  return `本设备的时间（${formatOfficeMoment(new Date(t))}）与服务器时间（${formatOfficeMoment(now)}）相差约 ${gap}，${diff > 0 ? '快了' : '慢了'}。为免记录日期出错，请先校准设备的日期、时间和时区，再重新提交（未提交的内容不会丢失）`;
}

/**
 * The real instant, for security timing (sessions, tokens, lockouts, rate limits) and for names of
 * files: never moved by WELLSEAL_NOW, never a day of the office.
 */
export function realNow(): Date {
  return new Date(Date.now());
}
