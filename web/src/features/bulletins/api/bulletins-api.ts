import type { z } from 'zod';
import type { SectionSpec } from '@domain/bulletin/bulletin';
import type {
  BulletinListView,
  BulletinView,
  CreateBulletinBody,
  NoticeBody,
  SaveSeriesBody,
  SeriesView,
  UpdateBulletinBody,
} from '@server/features/bulletins/bulletins.schema';
import { api, ApiError, withQuery } from '../../../lib/api-client';

export type Series = z.infer<typeof SeriesView>;
export type SeriesSettings = z.input<typeof SaveSeriesBody>;
export type BulletinSummary = z.infer<typeof BulletinListView>['bulletins'][number];
export type Bulletin = z.infer<typeof BulletinView>;
export type BulletinArticle = Bulletin['articles'][number];
export type Section = SectionSpec;
export type NewBulletin = z.input<typeof CreateBulletinBody>;
export type BulletinUpdate = z.input<typeof UpdateBulletinBody>;
export type NoticeRequest = z.input<typeof NoticeBody>;
export type RenderFormat = 'html' | 'docx' | 'pdf';

export async function fetchSeries(signal?: AbortSignal): Promise<Series[]> {
  return (await api.get<{ series: Series[] }>('/api/bulletins/series', undefined, signal)).series;
}

export async function saveSeries(id: number, body: SeriesSettings): Promise<Series[]> {
  return (await api.put<{ series: Series[] }>(`/api/bulletins/series/${id}`, body)).series;
}

export async function fetchBulletins(seriesId: number | undefined, signal?: AbortSignal): Promise<BulletinSummary[]> {
  return (await api.get<z.infer<typeof BulletinListView>>('/api/bulletins', { seriesId }, signal)).bulletins;
}

export const fetchBulletin = (id: number, signal?: AbortSignal) => api.get<Bulletin>(`/api/bulletins/${id}`, undefined, signal);
export const createBulletin = (body: NewBulletin) => api.post<Bulletin>('/api/bulletins', body);
export const updateBulletin = (id: number, body: BulletinUpdate) => api.patch<Bulletin>(`/api/bulletins/${id}`, body);
export const issueBulletin = (id: number, version: number) => api.post<Bulletin>(`/api/bulletins/${id}/issue`, { version });
export const createNotice = (body: NoticeRequest) => api.post<Bulletin>('/api/bulletins/notice', body);

/** The issue as a page (html, shown inline) or a file; `v` only busts the browser's cache after a save. */
export const renderUrl = (id: number, format: RenderFormat, v?: number) => withQuery(`/api/bulletins/${id}/render`, { format, v });

/** `filename*=UTF-8''…` (the Chinese name) before the ASCII fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // a malformed name: the plain one below will do
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Fetches a rendered DOCX/PDF and hands it to the browser as a download. Fetched rather than
 * linked so the page knows when the (seconds-long) generation has finished and can show progress,
 * and so a refusal shows the server's Chinese message instead of a broken download.
 */
export async function downloadRendered(id: number, format: Exclude<RenderFormat, 'html'>): Promise<string> {
  let res: Response;
  try {
    res = await fetch(renderUrl(id, format), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const payload: unknown = await res.json().catch(() => null);
    const message = typeof payload === 'object' && payload !== null && 'message' in payload && typeof payload.message === 'string' ? payload.message : `生成失败（HTTP ${res.status}）`;
    throw new ApiError(res.status, 'error', message);
  }
  const name = fileNameOf(res.headers.get('content-disposition'), `bulletin.${format}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has handed the blob to the download manager; let it read it first
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
