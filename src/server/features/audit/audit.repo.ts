import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';

export type AuditEntry = {
  actorId: number | null;
  actorName: string;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  orgPath: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
};

export async function insertAudit(db: Kysely<DB>, e: AuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      actorId: e.actorId,
      actorName: e.actorName,
      requestId: e.requestId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId === null ? null : String(e.entityId),
      orgPath: e.orgPath,
      summary: e.summary,
      before: e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export type AuditQuery = {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actor?: string | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
};

export async function listAudit(db: Kysely<DB>, scope: Scope, query: AuditQuery) {
  let qb = db
    .selectFrom('auditLog')
    // entries about no place (logins, settings) belong to the city office
    .where((eb) => eb.or([sqlPathInScope('org_path', scope), eb('orgPath', 'is', null)]));
  if (query.entityType) qb = qb.where('entityType', '=', query.entityType);
  if (query.entityId) qb = qb.where('entityId', '=', query.entityId);
  if (query.actor) qb = qb.where('actorName', 'ilike', `%${escapeLike(query.actor)}%`);
  if (query.q) qb = qb.where('summary', 'ilike', `%${escapeLike(query.q)}%`);
  if (query.from) qb = qb.where('at', '>=', new Date(`${query.from}T00:00:00+08:00`));
  if (query.to) qb = qb.where('at', '<', new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000));
  const total = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await qb
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total.n), rows };
}

/** Text for a LIKE pattern, its wildcards taken literally (a search for “100%” finds “100%”). */
export function escapeLike(s: string | undefined): string {
  return (s ?? '').replace(/[\\%_]/g, (c) => `\\${c}`);
}
