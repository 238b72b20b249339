import type { AuditEntryView } from '@server/features/audit/audit.schema';
import { api } from '../../../lib/api-client';

export type AuditEntry = AuditEntryView;
export type AuditFilters = { actor?: string; q?: string; from?: string; to?: string; entityType?: string };
export type AuditPage = { total: number; entries: AuditEntry[] };

export function fetchAudit(filters: AuditFilters, page: number, pageSize: number, signal?: AbortSignal): Promise<AuditPage> {
  return api.get<AuditPage>('/api/audit', { ...filters, page, pageSize }, signal);
}
