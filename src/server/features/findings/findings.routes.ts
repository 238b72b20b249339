import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import { PhotoView } from '../survey/survey.schema.js';
import {
  FindingDetailView, FindingsBoard, FindingsList, FindingsQuery, FindingTransitionBody, RaiseFindingBody, SaveSummaryBody, SummaryQuery, SummaryView,
} from './findings.schema.js';
import * as service from './findings.service.js';

const UploadBody = z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(1).max(11_500_000) });

export function findingsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/findings', { schema: { querystring: FindingsQuery, response: { 200: FindingsList } } }, async (req) => service.listFindingsFor(ctxOf(req, deps), req.query));
    app.post('/api/findings', { schema: { body: RaiseFindingBody, response: { 200: FindingDetailView } } }, async (req) => service.raiseFinding(ctxOf(req, deps), req.body));
    app.get('/api/findings/board', { schema: { response: { 200: FindingsBoard } } }, async (req) => service.findingsBoard(ctxOf(req, deps)));
    app.get('/api/findings/summary', { schema: { querystring: SummaryQuery, response: { 200: SummaryView } } }, async (req) => service.weeklySummary(ctxOf(req, deps), req.query));
    app.put('/api/findings/summary', { schema: { body: SaveSummaryBody, response: { 200: SummaryView } } }, async (req) => service.saveSummaryEdit(ctxOf(req, deps), req.body));
    app.post('/api/findings/import', { schema: { body: SheetImportBody, response: { 200: z.object({ applied: z.boolean(), created: z.number() }) } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importFindingSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/findings/export', async (req, reply) => {
      const buf = await service.exportFindings(ctxOf(req, deps));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="findings.xlsx"; filename*=UTF-8''${encodeURIComponent('问题整改台账.xlsx')}`)
        .send(buf);
    });
    app.get('/api/findings/:id', { schema: { params: IdParams, response: { 200: FindingDetailView } } }, async (req) => service.getFinding(ctxOf(req, deps), req.params.id));
    app.post('/api/findings/:id/transitions', { schema: { params: IdParams, body: FindingTransitionBody, response: { 200: FindingDetailView } } }, async (req) =>
      service.recordFindingEvent(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/findings/:id/photos', { schema: { params: IdParams, body: UploadBody, response: { 200: PhotoView } }, bodyLimit: 12 * 1024 * 1024 }, async (req) =>
      service.uploadFindingPhoto(ctxOf(req, deps), deps.config.filesDir, req.params.id, { fileName: req.body.fileName, data: Buffer.from(req.body.content, 'base64') }),
    );
  };
}
