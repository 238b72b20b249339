import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The campaign office works on Beijing time, whatever the viewing machine's clock says. */
export const OFFICE_TZ = 'Asia/Shanghai';

/** 2024年6月23日 14:05 (Beijing time) */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(OFFICE_TZ).format('YYYY年M月D日 HH:mm') : '—';
}

/** 2024年6月23日 */
export function formatDate(isoOrDay: string | null | undefined): string {
  return isoOrDay ? dayjs(isoOrDay).format('YYYY年M月D日') : '—';
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
