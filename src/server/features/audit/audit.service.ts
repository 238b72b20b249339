import { requireCapability } from '../../auth/policies.js';
import { scopeFor } from '../../auth/scope.js';
import type { ServiceCtx } from '../../context.js';
import { listAudit, type AuditQuery } from './audit.repo.js';
import type { AuditEntryView } from './audit.schema.js';

export async function browseAudit(ctx: ServiceCtx, query: AuditQuery): Promise<{ total: number; entries: AuditEntryView[] }> {
  requireCapability(ctx.actor, 'audit.read');
  const { total, rows } = await listAudit(ctx.db, scopeFor(ctx.actor, 'audit.read'), query);
  return {
    total,
    entries: rows.map((r) => ({
      id: Number(r.id), at: r.at.toISOString(), actorName: r.actorName, requestId: r.requestId, action: r.action,
      entityType: r.entityType, entityId: r.entityId, summary: r.summary, before: r.before, after: r.after,
    })),
  };
}
