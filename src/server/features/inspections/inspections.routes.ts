import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { PhotoView } from '../survey/survey.schema.js';
import { SaveVocabularyBody, VocabularyView } from '../findings/findings.schema.js';
import { saveVocabulary, vocabularyView } from '../findings/findings.service.js';
import { AddWellBody, CreateInspectionBody, InspectionDetailView, InspectionsList, InspectionsQuery, UpdateInspectionBody } from './inspections.schema.js';
import * as service from './inspections.service.js';

const UploadBody = z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(1).max(11_500_000) });

export function inspectionsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/inspections', { schema: { querystring: InspectionsQuery, response: { 200: InspectionsList } } }, async (req) => service.listInspectionsFor(ctxOf(req, deps), req.query));
    app.post('/api/inspections', { schema: { body: CreateInspectionBody, response: { 200: InspectionDetailView } } }, async (req) => service.createInspection(ctxOf(req, deps), req.body));
    app.get('/api/inspections/vocabulary', { schema: { response: { 200: VocabularyView } } }, async (req) => vocabularyView(ctxOf(req, deps)));
    app.put('/api/inspections/vocabulary', { schema: { body: SaveVocabularyBody, response: { 200: VocabularyView } } }, async (req) => saveVocabulary(ctxOf(req, deps), req.body));
    app.get('/api/inspections/:id', { schema: { params: IdParams, response: { 200: InspectionDetailView } } }, async (req) => service.getInspection(ctxOf(req, deps), req.params.id));
    app.patch('/api/inspections/:id', { schema: { params: IdParams, body: UpdateInspectionBody, response: { 200: InspectionDetailView } } }, async (req) =>
      service.updateInspection(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/inspections/:id/wells', { schema: { params: IdParams, body: AddWellBody, response: { 200: InspectionDetailView } } }, async (req) =>
      service.addWellToInspection(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/inspections/:id/photos', { schema: { params: IdParams, body: UploadBody, response: { 200: PhotoView } }, bodyLimit: 12 * 1024 * 1024 }, async (req) =>
      service.uploadInspectionPhoto(ctxOf(req, deps), deps.config.filesDir, req.params.id, { fileName: req.body.fileName, data: Buffer.from(req.body.content, 'base64') }),
    );
  };
}
