import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import { BoundaryImportResult, LayersQuery, MapConfigView, MapLayersView } from './map.schema.js';
import * as service from './map.service.js';

export function mapRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/map/config', { schema: { response: { 200: MapConfigView } } }, async (req) => service.mapConfig(ctxOf(req, deps), deps.config));
    app.get('/api/map/layers', { schema: { querystring: LayersQuery, response: { 200: MapLayersView } } }, async (req) =>
      service.mapLayers(ctxOf(req, deps), deps.config.tileCrs, req.query.layers),
    );
    app.post('/api/map/boundaries/import', { schema: { body: SheetImportBody, response: { 200: BoundaryImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importBoundaries(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
  };
}
