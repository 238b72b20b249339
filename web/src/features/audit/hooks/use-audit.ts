import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchAudit, type AuditFilters } from '../api/audit-api';

export function useAudit(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: ({ signal }) => fetchAudit(filters, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
}
