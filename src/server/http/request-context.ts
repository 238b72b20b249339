import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.js';
import type { ServiceCtx } from '../context.js';
import { requireActor } from '../auth/policies.js';

/** The service context of an authenticated request; 401 when nobody is logged in. */
export function ctxOf(req: FastifyRequest, deps: AppDeps): ServiceCtx {
  return { db: deps.db, actor: requireActor(req.actor), requestId: req.id };
}
