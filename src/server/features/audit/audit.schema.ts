import { z } from 'zod';
import { day, searchText } from '../../http/schema-types.js';


export const AuditQuerySchema = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  actor: z.string().max(40).optional(),
  q: searchText(100).optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const AuditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
export const AuditListResponse = z.object({ total: z.number(), entries: z.array(AuditEntryView) });
