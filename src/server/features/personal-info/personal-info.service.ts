import type { Capability } from '../../../domain/shared/roles.js';
import { requireCapability } from '../../auth/policies.js';
import { pathInScope, scopeFor } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { findCase } from '../cases/cases.repo.js';
import { findCard } from '../survey/survey.repo.js';
import { findUser } from '../users/users.repo.js';
import type { RevealBody, RevealKind, RevealView } from './personal-info.schema.js';

/**
 * Who may see a full number: the roles that must call the person, on records they may edit.
 * 一户一卡 contact phone: grid workers, street, district and city offices (survey.edit);
 * a case party's contact and the case's facts (which may name people with their numbers): the
 * offices that handle cases (cases.edit: city, district, enforcement);
 * a staff user's phone: the offices that manage users (users.manage), for users wholly in scope.
 * Leaders, the water company and read-only roles see masked numbers only.
 */
const NEEDS: Record<RevealKind, Capability> = { card: 'survey.edit', case: 'cases.edit', user: 'users.manage' };
const LABELS: Record<RevealKind, { entity: string; field: string; entityType: string }> = {
  card: { entity: '一户一卡', field: '联系电话', entityType: 'user_card' },
  case: { entity: '执法案件', field: '当事人联系方式', entityType: 'case' },
  user: { entity: '用户', field: '电话', entityType: 'user' },
};

/** Field labels where a kind has more than one revealable field. */
const FIELD_LABELS: Record<string, string> = { facts: '违法事实' };

async function load(ctx: ServiceCtx, kind: RevealKind, id: number, field: string): Promise<{ value: string | null; name: string; orgPath: string | null } | undefined> {
  const scope = scopeFor(ctx.actor, NEEDS[kind]);
  if (kind === 'card') {
    const c = await findCard(ctx.db, scope, id);
    return c && { value: c.contactPhone, name: `${c.name}（${c.gridName}）`, orgPath: c.gridPath };
  }
  if (kind === 'case') {
    const c = await findCase(ctx.db, scope, id);
    return c && { value: (field === 'facts' ? c.facts : c.partyContact) || null, name: `${c.number} ${c.partyName}`, orgPath: c.orgPath };
  }
  const u = await findUser(ctx.db, scope, id);
  if (!u || !u.grants.every((g) => pathInScope(scope, g.orgPath))) return undefined;
  return { value: u.phone, name: `${u.displayName}（${u.username}）`, orgPath: u.grants[0]?.orgPath ?? null };
}

/** The full value of one masked field of one record, written to the audit log (who, when, which record and field; never the value). */
export async function revealPersonalInfo(ctx: ServiceCtx, input: RevealBody): Promise<RevealView> {
  requireCapability(ctx.actor, NEEDS[input.kind]);
  const found = await load(ctx, input.kind, input.id, input.field);
  if (!found) throw notFound();
  const label = { ...LABELS[input.kind], field: FIELD_LABELS[input.field] ?? LABELS[input.kind].field };
  await insertAudit(ctx.db, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'reveal_personal_info', entityType: label.entityType, entityId: input.id, orgPath: found.orgPath,
    summary: `查看${label.entity}“${found.name}”的完整${label.field}`, after: { field: input.field },
  });
  return { kind: input.kind, id: input.id, field: input.field, value: found.value };
}
