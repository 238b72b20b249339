import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { officeToday } from '../../clock.js';
import { surveyProgressMarkdown } from '../../../domain/survey/progress-table.js';
import { IdParams } from '../org/org.schema.js';
import {
  CardImportResult, CardVersionView, CardView, CreateCardBody, EventBody, GridDetailView, GridIdParams, GridsQuery, GridSurveyView,
  IssuesQuery, IssuesView, PhotoView, ProgressQuery, ProgressView, SheetImportBody, SurveyImportResult, SurveyReportView, UpdateCardBody, UploadPhotoBody,
} from './survey.schema.js';
import * as service from './survey.service.js';
import { surveyReportXlsx } from './survey.report.js';
import { day } from '../../http/schema-types.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const attachment = (name: string, ascii: string) => `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function surveyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/survey/grids', { schema: { querystring: GridsQuery, response: { 200: z.object({ total: z.number(), grids: z.array(GridSurveyView) }) } } }, async (req) =>
      service.listSurveyGrids(ctxOf(req, deps), req.query),
    );
    app.get('/api/survey/grids/:gridId', { schema: { params: GridIdParams, response: { 200: GridDetailView } } }, async (req) =>
      service.getGridDetail(ctxOf(req, deps), req.params.gridId),
    );
    for (const event of ['start', 'complete', 'reopen'] as const) {
      app.post(`/api/survey/grids/:gridId/${event}`, { schema: { params: GridIdParams, body: EventBody, response: { 200: GridDetailView } } }, async (req) =>
        service.recordSurveyEvent(ctxOf(req, deps), req.params.gridId, event, req.body),
      );
    }
    app.get('/api/survey/grids/:gridId/cards', { schema: { params: GridIdParams, response: { 200: z.object({ cards: z.array(CardView) }) } } }, async (req) => ({
      cards: await service.listGridCards(ctxOf(req, deps), req.params.gridId),
    }));

    app.post('/api/cards', { schema: { body: CreateCardBody, response: { 200: CardView } } }, async (req) => service.createCard(ctxOf(req, deps), req.body));
    app.get('/api/cards/:id', { schema: { params: IdParams, response: { 200: CardView } } }, async (req) => service.getCard(ctxOf(req, deps), req.params.id));
    app.patch('/api/cards/:id', { schema: { params: IdParams, body: UpdateCardBody, response: { 200: CardView } } }, async (req) =>
      service.updateCard(ctxOf(req, deps), req.params.id, req.body),
    );
    app.get('/api/cards/:id/versions', { schema: { params: IdParams, response: { 200: z.object({ versions: z.array(CardVersionView) }) } } }, async (req) => ({
      versions: await service.cardVersions(ctxOf(req, deps), req.params.id),
    }));
    app.post(
      '/api/cards/:id/photos',
      { schema: { params: IdParams, body: UploadPhotoBody, response: { 200: PhotoView } }, bodyLimit: 12 * 1024 * 1024 },
      async (req) => service.uploadPhoto(ctxOf(req, deps), deps.config.filesDir, req.params.id, { ownerType: req.body.ownerType, fileName: req.body.fileName, data: Buffer.from(req.body.content, 'base64') }),
    );
    app.get('/api/photos/:id', { schema: { params: IdParams } }, async (req, reply) => {
      const photo = await service.readPhoto(ctxOf(req, deps), deps.config.filesDir, req.params.id);
      reply.type(photo.mime).header('cache-control', 'private, max-age=3600').header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.fileName)}`);
      return photo.data;
    });

    app.get('/api/survey/progress', { schema: { querystring: ProgressQuery, response: { 200: ProgressView } } }, async (req) =>
      service.surveyProgress(ctxOf(req, deps), req.query),
    );
    app.get('/api/survey/report', { schema: { querystring: z.object({ asOf: day.optional() }), response: { 200: SurveyReportView } } }, async (req) =>
      service.surveyReport(ctxOf(req, deps), req.query.asOf ?? officeToday()),
    );
    app.get('/api/survey/report/export', { schema: { querystring: z.object({ asOf: day.optional(), format: z.enum(['xlsx', 'md']).default('xlsx') }) } }, async (req, reply) => {
      const table = await service.surveyReport(ctxOf(req, deps), req.query.asOf ?? officeToday());
      const name = `自备井排查进度表_${table.asOf}.${req.query.format}`;
      reply.header('content-disposition', attachment(name, `survey-progress-${table.asOf}.${req.query.format}`));
      if (req.query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(surveyProgressMarkdown(table));
      return reply.type(XLSX).send(await surveyReportXlsx(table));
    });
    app.get('/api/survey/issues', { schema: { querystring: IssuesQuery, response: { 200: IssuesView } } }, async (req) => service.surveyIssues(ctxOf(req, deps), req.query));

    app.post('/api/survey/import/cards', { schema: { body: SheetImportBody, response: { 200: CardImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importCardSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.post('/api/survey/import/progress', { schema: { body: SheetImportBody, response: { 200: SurveyImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importSurveySheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/survey/cards/export', { schema: { querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), format: z.enum(['xlsx']).default('xlsx') }) } }, async (req, reply) => {
      const buf = await service.exportCardSheet(ctxOf(req, deps), req.query.unitId);
      return reply.type(XLSX).header('content-disposition', attachment('一户一卡.xlsx', 'user-cards.xlsx')).send(buf);
    });
    app.get('/api/survey/cards/template', async (req, reply) => {
      ctxOf(req, deps); // logged-in users only
      return reply.type(XLSX).header('content-disposition', attachment('一户一卡导入模板.xlsx', 'user-cards-template.xlsx')).send(await service.cardTemplate());
    });
  };
}
