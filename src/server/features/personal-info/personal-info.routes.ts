import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { RevealBody, RevealView } from './personal-info.schema.js';
import { revealPersonalInfo } from './personal-info.service.js';

export function personalInfoRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // a POST: it writes the audit entry, and a GET could be fetched by a link or kept in a cache
    app.post('/api/personal-info/reveal', { schema: { body: RevealBody, response: { 200: RevealView } } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return revealPersonalInfo(ctxOf(req, deps), req.body);
    });
  };
}
