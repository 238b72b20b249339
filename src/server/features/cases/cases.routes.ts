import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import {
  CaseDetailView, CaseImportResult, CasesList, CasesQuery, CaseTransitionBody, CaseTypicalBody, CaseVersionBody, CreateCaseBody, SmallUsersQuery, SmallUsersView,
  UpdateCaseBody, VolumeImportResult, WellVolumeBody,
} from './cases.schema.js';
import * as service from './cases.service.js';
import * as smallUsers from './small-users.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (ascii: string, chinese: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;

/** 执法案件 (cases.read / cases.edit) and 小用水户 (cases.read; volumes need wells.edit). */
export function casesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/cases', { schema: { querystring: CasesQuery, response: { 200: CasesList } } }, async (req) => service.listCasesFor(ctxOf(req, deps), req.query));
    app.post('/api/cases', { schema: { body: CreateCaseBody, response: { 200: CaseDetailView } } }, async (req) => service.createCase(ctxOf(req, deps), req.body));
    app.post('/api/cases/import', { schema: { body: SheetImportBody, response: { 200: CaseImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importCaseSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/cases/export', async (req, reply) => {
      const buf = await service.exportCases(ctxOf(req, deps));
      return reply.type(XLSX).header('content-disposition', attachment('cases.xlsx', '执法案件台账.xlsx')).send(buf);
    });

    app.get('/api/cases/small-users', { schema: { querystring: SmallUsersQuery, response: { 200: SmallUsersView } } }, async (req) => smallUsers.smallUsers(ctxOf(req, deps), req.query));
    app.get('/api/cases/small-users/export', { schema: { querystring: SmallUsersQuery } }, async (req, reply) => {
      const buf = await smallUsers.smallUsersXlsx(ctxOf(req, deps), req.query);
      return reply.type(XLSX).header('content-disposition', attachment('small-users.xlsx', '小用水户清单.xlsx')).send(buf);
    });
    app.post('/api/cases/small-users/import', { schema: { body: SheetImportBody, response: { 200: VolumeImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      smallUsers.importWellVolumes(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.put('/api/cases/small-users/:id/volume', { schema: { params: IdParams, body: WellVolumeBody, response: { 200: z.object({ wellId: z.number(), annualVolumeM3: z.number().nullable() }) } } }, async (req) =>
      smallUsers.setWellVolume(ctxOf(req, deps), req.params.id, req.body),
    );

    app.get('/api/cases/:id', { schema: { params: IdParams, response: { 200: CaseDetailView } } }, async (req) => service.getCase(ctxOf(req, deps), req.params.id));
    app.patch('/api/cases/:id', { schema: { params: IdParams, body: UpdateCaseBody, response: { 200: CaseDetailView } } }, async (req) => service.updateCase(ctxOf(req, deps), req.params.id, req.body));
    app.post('/api/cases/:id/transitions', { schema: { params: IdParams, body: CaseTransitionBody, response: { 200: CaseDetailView } } }, async (req) =>
      service.recordCaseEvent(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/cases/:id/typical', { schema: { params: IdParams, body: CaseTypicalBody, response: { 200: CaseDetailView } } }, async (req) =>
      service.markTypical(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/cases/:id/article', { schema: { params: IdParams, body: CaseVersionBody, response: { 200: CaseDetailView } } }, async (req) =>
      service.writeCaseArticle(ctxOf(req, deps), req.params.id, req.body),
    );
  };
}
