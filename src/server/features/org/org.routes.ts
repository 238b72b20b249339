import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams, OrgImportBody, OrgImportResponse, OrgUnitsQuery, OrgUnitsResponse, OrgUnitView, UpdateOrgUnitBody } from './org.schema.js';
import * as service from './org.service.js';

export function orgRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/org/units', { schema: { querystring: OrgUnitsQuery, response: { 200: OrgUnitsResponse } } }, async (req) => ({
      units: await service.listOrgUnits(ctxOf(req, deps), { includeClosed: req.query.includeClosed === 'true' }),
    }));

    app.get('/api/org/units/:id', { schema: { params: IdParams, response: { 200: OrgUnitView } } }, async (req) =>
      service.getOrgUnit(ctxOf(req, deps), req.params.id),
    );

    app.patch(
      '/api/org/units/:id',
      { schema: { params: IdParams, body: UpdateOrgUnitBody, response: { 200: OrgUnitView } } },
      async (req) => service.updateOrgUnit(ctxOf(req, deps), req.params.id, req.body),
    );

    app.post(
      '/api/org/import',
      { schema: { body: OrgImportBody, response: { 200: OrgImportResponse } }, bodyLimit: 30 * 1024 * 1024 },
      async (req) =>
        service.importOrgSheet(ctxOf(req, deps), {
          data: Buffer.from(req.body.content, 'base64'),
          fileName: req.body.fileName,
          allowNewUnits: req.body.allowNewUnits,
          dryRun: req.body.dryRun,
        }),
    );

    app.get(
      '/api/org/export',
      { schema: { querystring: z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) } },
      async (req, reply) => {
        const buf = await service.exportOrgSheet(ctxOf(req, deps), req.query.format);
        const name = `网格清单.${req.query.format}`;
        reply
          .header('content-type', req.query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="grids.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(name)}`);
        return buf;
      },
    );
  };
}
