import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { AuditListResponse, AuditQuerySchema } from './audit.schema.js';
import { browseAudit } from './audit.service.js';

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', { schema: { querystring: AuditQuerySchema, response: { 200: AuditListResponse } } }, async (req) =>
      browseAudit(ctxOf(req, deps), req.query),
    );
  };
}
