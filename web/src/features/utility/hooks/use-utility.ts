import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  acceptImport,
  discardImport,
  fetchAccounts,
  fetchImport,
  fetchImports,
  fetchOutcomes,
  type AccountsFilter,
  type ReadingsImport,
} from '../api/utility-api';

/** Everything of the water company's data shares this prefix: an import moves the list, the accounts and the outcomes. */
export const UTILITY_KEY = ['utility'] as const;
export const IMPORTS_KEY = [...UTILITY_KEY, 'imports'] as const;
export const importKey = (id: number) => [...UTILITY_KEY, 'import', id] as const;

/** How often a loading import is asked how far it has got. */
const POLL_MS = 500;

export function useImports(enabled = true) {
  return useQuery({
    enabled,
    queryKey: IMPORTS_KEY,
    queryFn: ({ signal }) => fetchImports(signal),
    // an import still loading (from this page or another one) moves on by itself
    refetchInterval: (query) => (query.state.data?.imports.some((i) => i.state === 'loading') ? 3000 : false),
  });
}

/** One readings import, polled every 500 ms while the server loads it. */
export function useImport(id: number | null) {
  return useQuery({
    enabled: id !== null,
    queryKey: importKey(id ?? 0),
    queryFn: ({ signal }) => fetchImport(id ?? 0, signal),
    refetchInterval: (query) => (query.state.data?.state === 'loading' ? POLL_MS : false),
    refetchIntervalInBackground: true,
  });
}

function useImportStep(step: (id: number) => Promise<ReadingsImport>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: step,
    onSuccess: (imp) => qc.setQueryData(importKey(imp.id), imp),
    onSettled: () => qc.invalidateQueries({ queryKey: UTILITY_KEY }),
  });
}

/** A held import applied without its bad rows. */
export const useAcceptImport = () => useImportStep(acceptImport);
/** A held (or failed) import dropped: its rows never count. */
export const useDiscardImport = () => useImportStep(discardImport);

export function useAccounts(filter: AccountsFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...UTILITY_KEY, 'accounts', filter],
    queryFn: ({ signal }) => fetchAccounts(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOutcomes(enabled = true) {
  return useQuery({ enabled, queryKey: [...UTILITY_KEY, 'outcomes'], queryFn: ({ signal }) => fetchOutcomes(signal) });
}
