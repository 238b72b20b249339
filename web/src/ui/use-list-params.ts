import { useSearchParams } from 'react-router-dom';

/** The page sizes a list offers; 20 unless the URL asks for another of these. */
export const PAGE_SIZES = [20, 50, 100];

export type ListParamValue = string | number | undefined;

/** The URL-synced state of a paged, filtered list: `q`, `page`, `size` and whatever filters the page reads from `params`. */
export interface ListParams {
  params: URLSearchParams;
  /** The search text (`q`), '' when none. */
  q: string;
  page: number;
  pageSize: number;
  /** Changes filters; any change but the page goes back to page 1. An empty or undefined value drops the parameter. */
  update: (next: Record<string, ListParamValue>) => void;
  /** The parameter `name` if it is one of `values`, else undefined. */
  oneOf: <T extends string>(name: string, values: readonly T[]) => T | undefined;
  /** The parameter `name` as a (non-zero) id, else undefined. */
  id: (name: string) => number | undefined;
}

/** Reads and writes a list page's filters and paging in the URL search params (replacing the history entry). */
export function useListParams(): ListParams {
  const [params, setParams] = useSearchParams();
  const size = Number(params.get('size'));

  const update = (next: Record<string, ListParamValue>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  return {
    params,
    q: params.get('q') ?? '',
    page: Number(params.get('page')) || 1,
    pageSize: PAGE_SIZES.includes(size) ? size : 20,
    update,
    oneOf: <T extends string>(name: string, values: readonly T[]) => {
      const v = params.get(name);
      return (values as readonly string[]).includes(v ?? '') ? (v as T) : undefined;
    },
    id: (name: string) => Number(params.get(name)) || undefined,
  };
}
