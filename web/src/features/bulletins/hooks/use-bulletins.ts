import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ARTICLES_KEY } from '../../articles/hooks/use-articles';
import {
  createBulletin,
  createNotice,
  downloadRendered,
  fetchBulletin,
  fetchBulletins,
  fetchSeries,
  issueBulletin,
  saveSeries,
  updateBulletin,
  type Bulletin,
  type BulletinUpdate,
  type NewBulletin,
  type NoticeRequest,
  type RenderFormat,
  type SeriesSettings,
} from '../api/bulletins-api';

export const BULLETINS_KEY = ['bulletins'] as const;
const SERIES_KEY = [...BULLETINS_KEY, 'series'] as const;
export const bulletinKey = (id: number) => [...BULLETINS_KEY, 'bulletin', id] as const;

export function useSeries() {
  return useQuery({ queryKey: SERIES_KEY, queryFn: ({ signal }) => fetchSeries(signal) });
}

export function useBulletins(seriesId: number | undefined) {
  return useQuery({
    enabled: seriesId !== undefined,
    queryKey: [...BULLETINS_KEY, 'list', seriesId],
    queryFn: ({ signal }) => fetchBulletins(seriesId, signal),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: number) {
  return useQuery({ queryKey: bulletinKey(id), queryFn: ({ signal }) => fetchBulletin(id, signal) });
}

export function useSaveSeries() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: SeriesSettings }) => saveSeries(id, body),
    meta: { silentErrors: true },
    onSuccess: (series) => qc.setQueryData(SERIES_KEY, series),
    // the header of every draft changes with it
    onSettled: () => qc.invalidateQueries({ queryKey: BULLETINS_KEY }),
  });
}

/** Create, save, issue and the campaign's daily notice: each answers the issue as it now is. */
export function useBulletinMutations() {
  const qc = useQueryClient();
  const keep = (b: Bulletin) => qc.setQueryData(bulletinKey(b.id), b);
  const onSettled = () => qc.invalidateQueries({ queryKey: [...BULLETINS_KEY, 'list'] });
  return {
    create: useMutation({ mutationFn: (body: NewBulletin) => createBulletin(body), meta: { silentErrors: true }, onSuccess: keep, onSettled }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BulletinUpdate }) => updateBulletin(id, body),
      meta: { silentErrors: true },
      onSuccess: keep,
      onSettled,
    }),
    issue: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) => issueBulletin(id, version),
      meta: { silentErrors: true },
      onSuccess: keep,
      // its articles are now 已刊用
      onSettled: () => Promise.all([onSettled(), qc.invalidateQueries({ queryKey: ARTICLES_KEY })]),
    }),
    notice: useMutation({ mutationFn: (body: NoticeRequest) => createNotice(body), meta: { silentErrors: true }, onSuccess: keep, onSettled }),
  };
}

export type RenderJob = { format: Exclude<RenderFormat, 'html'>; percent: number } | null;

/**
 * Downloads a DOCX or PDF with a progress bar. The server gives no progress for one request, so the
 * bar creeps towards 90% while it works (quickly at first, then slower) and jumps to 100% when
 * the file has arrived.
 */
export function useRenderDownload(id: number, onError: (err: unknown) => void) {
  const [job, setJob] = useState<RenderJob>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);
  const stop = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => stop, []);

  const start = useCallback(
    async (format: Exclude<RenderFormat, 'html'>) => {
      stop();
      setJob({ format, percent: 3 });
      timer.current = setInterval(() => setJob((j) => (j ? { ...j, percent: Math.min(90, j.percent + Math.max(0.4, (90 - j.percent) * 0.07)) } : j)), 200);
      try {
        await downloadRendered(id, format);
        stop();
        setJob({ format, percent: 100 });
        setTimeout(() => setJob((j) => (j?.percent === 100 ? null : j)), 1200);
      } catch (err) {
        stop();
        setJob(null);
        onError(err);
      }
    },
    [id, onError],
  );
  return { job, start };
}
