import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { DashboardQuery, DashboardView } from './dashboard.schema.js';
import * as service from './dashboard.service.js';

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // 指挥看板: survey.read opens it; each block needs its own capability and is null without it
    app.get('/api/dashboard', { schema: { querystring: DashboardQuery, response: { 200: DashboardView } } }, async (req) =>
      service.commandDashboard(ctxOf(req, deps), req.query),
    );
  };
}
