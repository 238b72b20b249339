import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { PassThrough } from 'node:stream';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { startServerBackup } from './backup.service.js';

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
    // the whole database as a backup file, streamed from one snapshot: how an office backs up a server
    // whose PGlite folder no other process may open (wellseal backup --server)
    app.post('/api/system/backup', async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const out = new PassThrough();
      const name = await startServerBackup(ctx, out, (err) => req.log.error({ err }, '备份中断 / backup cut off'));
      // a client that goes away must not leave the snapshot's transaction open
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) out.destroy(new Error('下载已中断 / client went away'));
      });
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(out);
    });
  };
}
