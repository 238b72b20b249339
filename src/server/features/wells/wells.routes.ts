import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { PhotoView, SheetImportBody } from '../survey/survey.schema.js';
import { CreateWellBody, TransitionBody, UpdateWellBody, WellDetailView, WellPhotoBody, WellsList, WellsQuery } from './wells.schema.js';
import * as service from './wells.service.js';
import { exportWellSheet, importWellSheet } from './wells.sheet.js';
import { day } from '../../http/schema-types.js';


export function wellsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/wells', { schema: { querystring: WellsQuery, response: { 200: WellsList } } }, async (req) => service.listWells(ctxOf(req, deps), req.query));
    app.post('/api/wells', { schema: { body: CreateWellBody, response: { 200: WellDetailView } } }, async (req) => service.createWell(ctxOf(req, deps), req.body));
    app.get('/api/wells/export', async (req, reply) => {
      const buf = await exportWellSheet(ctxOf(req, deps));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="wells.xlsx"; filename*=UTF-8''${encodeURIComponent('自备井台账.xlsx')}`).send(buf);
    });
    app.post('/api/wells/import', { schema: { body: SheetImportBody, response: { 200: z.object({ applied: z.boolean(), created: z.number(), tasks: z.number() }) } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      importWellSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/wells/:id', { schema: { params: IdParams, querystring: z.object({ asOf: day.optional() }), response: { 200: WellDetailView } } }, async (req) =>
      service.getWell(ctxOf(req, deps), req.params.id, req.query.asOf),
    );
    app.patch('/api/wells/:id', { schema: { params: IdParams, body: UpdateWellBody, response: { 200: WellDetailView } } }, async (req) => service.updateWell(ctxOf(req, deps), req.params.id, req.body));
    app.post('/api/wells/:id/transitions', { schema: { params: IdParams, body: TransitionBody, response: { 200: WellDetailView } } }, async (req) =>
      service.recordWellEvent(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/wells/:id/photos', { schema: { params: IdParams, body: WellPhotoBody, response: { 200: PhotoView } }, bodyLimit: 12 * 1024 * 1024 }, async (req) =>
      service.uploadWellPhoto(ctxOf(req, deps), deps.config.filesDir, req.params.id, { stage: req.body.stage, lat: req.body.lat, lng: req.body.lng, fileName: req.body.fileName, data: Buffer.from(req.body.content, 'base64') }),
    );
    app.get('/api/wells/:id/tag', { schema: { params: IdParams } }, async (req, reply) => reply.type('image/svg+xml; charset=utf-8').send(await service.wellTagSvg(ctxOf(req, deps), req.params.id)));
  };
}
