import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Capability } from '@domain/shared/roles';
import { fetchMe, type Me } from '../api/auth-api';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user (null when signed out). Loaded once, refreshed after login and password changes. */
export function useSession() {
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
  return { me: query.data ?? null, loading: query.isPending, error: query.error };
}

/** The signed-in user; only for components rendered behind `RequireAuth`. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe outside an authenticated page');
  return me;
}

export function useCan(): (capability: Capability) => boolean {
  const { me } = useSession();
  return useCallback((c: Capability) => !!me?.capabilities.includes(c), [me]);
}

export function useSetSession() {
  const qc = useQueryClient();
  return useCallback(
    (me: Me | null) => {
      // nothing cached for one user may be shown to the next one on this browser
      qc.clear();
      qc.setQueryData(SESSION_KEY, me);
    },
    [qc],
  );
}
