import { useQuery } from '@tanstack/react-query';
import { fetchOrgUnits } from '../api/org-api';

export const ORG_UNITS_KEY = ['org', 'units'] as const;

/** Every org unit in the user's scope, flat and ordered by path. */
export function useOrgUnits(includeClosed = false) {
  return useQuery({
    queryKey: [...ORG_UNITS_KEY, { includeClosed }],
    queryFn: ({ signal }) => fetchOrgUnits(includeClosed, signal),
    staleTime: 60_000,
  });
}
