import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import {
  LinkBody, LinkParams, LinkTargets, LinkTargetsQuery, MixingView, SampleBody, SampleDetailView, SamplesList, SamplesQuery, SaveMixingBody, UpdateSampleBody,
} from './samples.schema.js';
import * as service from './samples.service.js';

export function samplesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/samples', { schema: { querystring: SamplesQuery, response: { 200: SamplesList } } }, async (req) => service.listSamplesFor(ctxOf(req, deps), req.query));
    app.post('/api/samples', { schema: { body: SampleBody, response: { 200: SampleDetailView } } }, async (req) => service.createSample(ctxOf(req, deps), req.body));
    app.get('/api/samples/mixing', { schema: { response: { 200: MixingView } } }, async (req) => service.mixingView(ctxOf(req, deps)));
    app.put('/api/samples/mixing', { schema: { body: SaveMixingBody, response: { 200: MixingView } } }, async (req) => service.saveMixing(ctxOf(req, deps), req.body));
    app.get('/api/samples/link-targets', { schema: { querystring: LinkTargetsQuery, response: { 200: LinkTargets } } }, async (req) => service.linkTargetsFor(ctxOf(req, deps), req.query));
    app.post('/api/samples/import', { schema: { body: SheetImportBody, response: { 200: z.object({ applied: z.boolean(), created: z.number() }) } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importSampleSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/samples/export', async (req, reply) => {
      const buf = await service.exportSamples(ctxOf(req, deps));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="samples.xlsx"; filename*=UTF-8''${encodeURIComponent('水样化验台账.xlsx')}`)
        .send(buf);
    });
    app.get('/api/samples/:id', { schema: { params: IdParams, response: { 200: SampleDetailView } } }, async (req) => service.getSample(ctxOf(req, deps), req.params.id));
    app.put('/api/samples/:id', { schema: { params: IdParams, body: UpdateSampleBody, response: { 200: SampleDetailView } } }, async (req) =>
      service.updateSample(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/samples/:id/links', { schema: { params: IdParams, body: LinkBody, response: { 200: SampleDetailView } } }, async (req) =>
      service.linkSample(ctxOf(req, deps), req.params.id, req.body),
    );
    app.delete('/api/samples/:id/links/:kind/:refId', { schema: { params: LinkParams, response: { 200: SampleDetailView } } }, async (req) =>
      service.unlinkSample(ctxOf(req, deps), req.params.id, { kind: req.params.kind, refId: req.params.refId }),
    );
  };
}
