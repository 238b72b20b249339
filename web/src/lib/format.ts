import dayjs from 'dayjs';

/** 2024年6月23日 14:05 */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY年M月D日 HH:mm') : '—';
}

/** 2024年6月23日 */
export function formatDate(isoOrDay: string | null | undefined): string {
  return isoOrDay ? dayjs(isoOrDay).format('YYYY年M月D日') : '—';
}

export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}
