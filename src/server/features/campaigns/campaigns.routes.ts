import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { taskProgressMarkdown } from '../../../domain/campaign/task-progress.js';
import { AddTasksBody, CampaignIdParams, CampaignView, CreateCampaignBody, ProgressQuery, TaskProgressView, TasksQuery, TaskView } from './campaigns.schema.js';
import * as service from './campaigns.service.js';
import { taskProgressXlsx } from './campaigns.report.js';

export function campaignsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/campaigns', { schema: { response: { 200: z.object({ campaigns: z.array(CampaignView) }) } } }, async (req) => ({ campaigns: await service.listCampaigns(ctxOf(req, deps)) }));
    app.post('/api/campaigns', { schema: { body: CreateCampaignBody, response: { 200: CampaignView } } }, async (req) => service.createCampaign(ctxOf(req, deps), req.body));
    app.get('/api/campaigns/:campaignId/tasks', { schema: { params: CampaignIdParams, querystring: TasksQuery, response: { 200: z.object({ tasks: z.array(TaskView) }) } } }, async (req) => ({
      tasks: await service.listTasks(ctxOf(req, deps), req.params.campaignId, req.query),
    }));
    app.post('/api/campaigns/:campaignId/tasks', { schema: { params: CampaignIdParams, body: AddTasksBody, response: { 200: z.object({ added: z.number() }) } } }, async (req) =>
      service.addTasks(ctxOf(req, deps), req.params.campaignId, req.body.tasks),
    );
    app.get('/api/campaigns/:campaignId/progress', { schema: { params: CampaignIdParams, querystring: ProgressQuery, response: { 200: TaskProgressView } } }, async (req) =>
      service.taskProgress(ctxOf(req, deps), req.params.campaignId, req.query.asOf),
    );
    app.get('/api/campaigns/:campaignId/progress/export', { schema: { params: CampaignIdParams, querystring: ProgressQuery.extend({ format: z.enum(['xlsx', 'md']).default('xlsx') }) } }, async (req, reply) => {
      const ctx = ctxOf(req, deps);
      const table = await service.taskProgress(ctx, req.params.campaignId, req.query.asOf);
      const title = await service.campaignTitle(req.params.campaignId, ctx);
      const name = `日通报_${table.campaign}_${table.asOf}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="task-progress-${table.asOf}.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      if (req.query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(taskProgressMarkdown(table, title));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await taskProgressXlsx(table, title));
    });
  };
}
