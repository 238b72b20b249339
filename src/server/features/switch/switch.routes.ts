import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import { CandidateWellsQuery, CandidateWellsView, CreateSwitchBody, EditSwitchBody, ProgressBody, SwitchDetailView, SwitchList, SwitchQuery } from './switch.schema.js';
import * as service from './switch.service.js';

export function switchRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/switch/projects', { schema: { querystring: SwitchQuery, response: { 200: SwitchList } } }, async (req) => service.listProjectsFor(ctxOf(req, deps), req.query));
    app.post('/api/switch/projects', { schema: { body: CreateSwitchBody, response: { 200: SwitchDetailView } } }, async (req) => service.createProject(ctxOf(req, deps), req.body));
    app.get('/api/switch/wells', { schema: { querystring: CandidateWellsQuery, response: { 200: CandidateWellsView } } }, async (req) => service.candidateWells(ctxOf(req, deps), req.query));
    app.post('/api/switch/projects/import', { schema: { body: SheetImportBody, response: { 200: z.object({ applied: z.boolean(), created: z.number(), updated: z.number() }) } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importSwitchSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/switch/projects/export', async (req, reply) => {
      const buf = await service.exportProjects(ctxOf(req, deps));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="switch-projects.xlsx"; filename*=UTF-8''${encodeURIComponent('水源置换项目.xlsx')}`)
        .send(buf);
    });
    app.get('/api/switch/projects/:id', { schema: { params: IdParams, response: { 200: SwitchDetailView } } }, async (req) => service.getProject(ctxOf(req, deps), req.params.id));
    app.patch('/api/switch/projects/:id', { schema: { params: IdParams, body: EditSwitchBody, response: { 200: SwitchDetailView } } }, async (req) => service.editProject(ctxOf(req, deps), req.params.id, req.body));
    app.post('/api/switch/projects/:id/progress', { schema: { params: IdParams, body: ProgressBody, response: { 200: SwitchDetailView } } }, async (req) => service.updateProgress(ctxOf(req, deps), req.params.id, req.body));
  };
}
