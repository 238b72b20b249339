import type { Kysely } from 'kysely';
import type { DB } from './db/types.js';
import type { Actor } from './auth/actor.js';

/** What a service call needs: the database, who is acting, and the request id for the audit log. */
export type ServiceCtx = { db: Kysely<DB>; actor: Actor; requestId: string | null };

/** Long work reports progress as (done, total, what); the web app and the CLI both render it. */
export type Progress = (done: number, total: number, stage: string) => void;

export function auditActor(actor: Actor): { actorId: number | null; actorName: string } {
  return { actorId: actor.userId > 0 ? actor.userId : null, actorName: actor.displayName };
}
