import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchWells } from '../api/wells-api';
import { WELLS_KEY } from './use-wells';

/** Wells found by code, owner or address: for pickers that link a record to a well file. */
export function useWellSearch(q: string, enabled = true) {
  const text = q.trim();
  return useQuery({
    enabled: enabled && text.length > 0,
    queryKey: [...WELLS_KEY, 'search', text],
    queryFn: ({ signal }) => fetchWells({ q: text, page: 1, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
