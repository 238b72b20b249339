import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { DashboardQuery, DashboardView } from './dashboard.schema.js';
import * as service from './dashboard.service.js';
import { TtlCache } from './dashboard.cache.js';

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // one cache per server: the same caller scope, date and unit within the lifetime share one computation
    const cache = new TtlCache<DashboardView>({ ttlMs: deps.config.dashboardCacheSeconds * 1000 });
    // 指挥看板: survey.read opens it; each block needs its own capability and is null without it
    app.get('/api/dashboard', { schema: { querystring: DashboardQuery, response: { 200: DashboardView } } }, async (req) =>
      service.cachedCommandDashboard(cache, ctxOf(req, deps), req.query),
    );
  };
}
