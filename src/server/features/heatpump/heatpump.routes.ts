import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import {
  CreateHeatPumpProjectBody, HeatPumpList, HeatPumpProjectDetail, HeatPumpQuery, HeatPumpRulesView, HeatPumpWriteResult, ReadingsImportBody, ReadingsImportResult,
  RecordObservationBody, RecordReadingBody, SaveHeatPumpRulesBody, SetHeatPumpWellsBody, UpdateHeatPumpProjectBody,
} from './heatpump.schema.js';
import * as service from './heatpump.service.js';
import { exportProjects, importReadingSheet } from './heatpump.sheet.js';

export function heatPumpRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/heatpump/projects', { schema: { querystring: HeatPumpQuery, response: { 200: HeatPumpList } } }, async (req) => service.listProjectsFor(ctxOf(req, deps), req.query));
    app.post('/api/heatpump/projects', { schema: { body: CreateHeatPumpProjectBody, response: { 200: HeatPumpProjectDetail } } }, async (req) => service.createProject(ctxOf(req, deps), req.body));
    app.get('/api/heatpump/projects/export', async (req, reply) => {
      const buf = await exportProjects(ctxOf(req, deps));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="heatpump-projects.xlsx"; filename*=UTF-8''${encodeURIComponent('地温空调项目.xlsx')}`)
        .send(buf);
    });
    app.get('/api/heatpump/rules', { schema: { response: { 200: HeatPumpRulesView } } }, async (req) => service.rulesView(ctxOf(req, deps)));
    app.put('/api/heatpump/rules', { schema: { body: SaveHeatPumpRulesBody, response: { 200: HeatPumpRulesView } } }, async (req) => service.saveRules(ctxOf(req, deps), req.body));
    app.post('/api/heatpump/readings/import', { schema: { body: ReadingsImportBody, response: { 200: ReadingsImportResult } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      importReadingSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/heatpump/projects/:id', { schema: { params: IdParams, response: { 200: HeatPumpProjectDetail } } }, async (req) => service.getProject(ctxOf(req, deps), req.params.id));
    app.patch('/api/heatpump/projects/:id', { schema: { params: IdParams, body: UpdateHeatPumpProjectBody, response: { 200: HeatPumpWriteResult } } }, async (req) =>
      service.updateProject(ctxOf(req, deps), req.params.id, req.body),
    );
    app.put('/api/heatpump/projects/:id/wells', { schema: { params: IdParams, body: SetHeatPumpWellsBody, response: { 200: HeatPumpWriteResult } } }, async (req) =>
      service.setProjectWells(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/heatpump/projects/:id/readings', { schema: { params: IdParams, body: RecordReadingBody, response: { 200: HeatPumpWriteResult } } }, async (req) =>
      service.recordReading(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/heatpump/projects/:id/observations', { schema: { params: IdParams, body: RecordObservationBody, response: { 200: HeatPumpWriteResult } } }, async (req) =>
      service.recordObservation(ctxOf(req, deps), req.params.id, req.body),
    );
  };
}
