import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchCommand } from '../api/command-api';

export function useCommand(asOf: string, unitId: number | undefined) {
  return useQuery({
    queryKey: ['dashboard', 'command', asOf, unitId ?? null],
    queryFn: ({ signal }) => fetchCommand({ asOf, unitId }, signal),
    placeholderData: keepPreviousData,
    // a wall display stays current without anyone touching it
    refetchInterval: 5 * 60_000,
  });
}
