import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { BulletinListView, BulletinView, CreateBulletinBody, NoticeBody, SaveSeriesBody, SeriesView, UpdateBulletinBody } from './bulletins.schema.js';
import * as service from './bulletins.service.js';

export function bulletinsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/bulletins/series', { schema: { response: { 200: z.object({ series: z.array(SeriesView) }) } } }, async (req) => ({ series: await service.listSeries(ctxOf(req, deps)) }));
    app.put('/api/bulletins/series/:id', { schema: { params: IdParams, body: SaveSeriesBody, response: { 200: z.object({ series: z.array(SeriesView) }) } } }, async (req) => ({
      series: await service.saveSeries(ctxOf(req, deps), req.params.id, req.body),
    }));
    app.get('/api/bulletins', { schema: { querystring: z.object({ seriesId: z.coerce.number().int().positive().optional() }), response: { 200: BulletinListView } } }, async (req) => ({
      bulletins: await service.listBulletins(ctxOf(req, deps), req.query),
    }));
    app.post('/api/bulletins', { schema: { body: CreateBulletinBody, response: { 200: BulletinView } } }, async (req) => service.createBulletin(ctxOf(req, deps), req.body));
    app.post('/api/bulletins/notice', { schema: { body: NoticeBody, response: { 200: BulletinView } } }, async (req) => service.noticeFor(ctxOf(req, deps), req.body.campaignId, req.body.date));
    app.get('/api/bulletins/:id', { schema: { params: IdParams, response: { 200: BulletinView } } }, async (req) => service.getBulletin(ctxOf(req, deps), req.params.id));
    app.patch('/api/bulletins/:id', { schema: { params: IdParams, body: UpdateBulletinBody, response: { 200: BulletinView } } }, async (req) =>
      service.updateBulletin(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/bulletins/:id/issue', { schema: { params: IdParams, body: z.object({ version: z.number().int() }), response: { 200: BulletinView } } }, async (req) =>
      service.issueBulletin(ctxOf(req, deps), req.params.id, req.body.version),
    );
    app.get('/api/bulletins/:id/render', { schema: { params: IdParams, querystring: z.object({ format: z.enum(['docx', 'pdf', 'html']).default('docx') }) } }, async (req, reply) => {
      const r = await service.renderBulletin(ctxOf(req, deps), req.params.id, req.query.format, { chromium: deps.config.chromium });
      const disposition = req.query.format === 'html' ? 'inline' : 'attachment';
      if (req.query.format === 'html') {
        // the preview is shown in a frame of the app's own page: no scripts, inline styles only
        reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'").header('x-frame-options', 'SAMEORIGIN');
      }
      return reply.type(r.mime).header('content-disposition', `${disposition}; filename="bulletin.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`).send(r.data);
    });
  };
}
