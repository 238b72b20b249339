import dayjs from 'dayjs';
import { atOffice } from './office-clock';

/** 2024年6月23日 14:05 (the office's time zone) */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? atOffice(iso).format('YYYY年M月D日 HH:mm') : '—';
}

/** 2024年6月23日 (a calendar day as it is; an instant on the office's calendar) */
export function formatDate(isoOrDay: string | null | undefined): string {
  if (!isoOrDay) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(isoOrDay) ? dayjs(isoOrDay).format('YYYY年M月D日') : atOffice(isoOrDay).format('YYYY年M月D日');
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
