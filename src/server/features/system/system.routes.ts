import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';

export function systemRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      { schema: { response: { 200: z.object({ ok: z.boolean(), engine: z.string() }) } } },
      async () => {
        await sql`select 1`.execute(deps.db);
        return { ok: true, engine: deps.engine };
      },
    );
  };
}
