import crypto from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { officeToday } from '../../clock.js';
import { tipSummaryMarkdown } from '../../../domain/tip/summary.js';
import { IdParams } from '../org/org.schema.js';
import { SheetImportBody } from '../survey/survey.schema.js';
import {
  MergeBody, OverdueView, PublicFormView, PublicTipBody, PublicTipCreated, PublicTipStatus, ReporterView, StaffTipBody, TipDetailView, TipsList, TipsQuery,
  TipSummaryView, TipTransitionBody,
} from './tips.schema.js';
import * as service from './tips.service.js';
import { tipSummaryXlsx } from './tips.report.js';
import { day } from '../../http/schema-types.js';

const CLIENT_COOKIE = 'ws_client';

export function tipsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // ---- public: no login. Limited per address (here) and per browser (in the service).
    app.get('/api/public/tips/form', { schema: { response: { 200: PublicFormView } } }, async (req, reply) => {
      if (!req.cookies[CLIENT_COOKIE]) {
        reply.setCookie(CLIENT_COOKIE, crypto.randomBytes(16).toString('base64url'), { path: '/api/public', httpOnly: true, sameSite: 'strict', secure: deps.config.secureCookies, maxAge: 365 * 86400 });
      }
      return { formToken: await service.issueFormToken(deps.db), minSeconds: service.FORM_MIN_SECONDS };
    });
    app.post(
      '/api/public/tips',
      {
        schema: { body: PublicTipBody, response: { 200: PublicTipCreated } },
        // three photos of 8 MB as base64, and the words: nothing bigger is read
        bodyLimit: 34 * 1024 * 1024,
        config: { rateLimit: { max: deps.config.publicTipsPer10Minutes, timeWindow: '10 minutes' } },
        // cheap things first: the rate limit (onRequest), then the form token from its header —
        // before a byte of the body is read or parsed
        preParsing: async (req) => {
          const token = req.headers['x-form-token'];
          await service.checkFormToken(deps.db, typeof token === 'string' ? token : '');
        },
      },
      async (req) =>
        service.submitPublicTip(deps.db, deps.config.filesDir, { ...req.body, formToken: String(req.headers['x-form-token']) }, { ip: req.ip, clientId: req.cookies[CLIENT_COOKIE] ?? `ip:${req.ip}` }),
    );
    app.get('/api/public/tips/:code', { schema: { params: z.object({ code: z.string().min(4).max(20) }), response: { 200: PublicTipStatus } }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req) =>
      service.publicStatus(deps.db, req.params.code),
    );

    // ---- staff
    app.get('/api/tips', { schema: { querystring: TipsQuery, response: { 200: TipsList } } }, async (req) => service.listTipsFor(ctxOf(req, deps), req.query));
    app.post('/api/tips', { schema: { body: StaffTipBody, response: { 200: TipDetailView } } }, async (req) => service.registerTip(ctxOf(req, deps), req.body));
    app.get('/api/tips/summary', { schema: { querystring: z.object({ asOf: day.optional() }), response: { 200: TipSummaryView } } }, async (req) =>
      service.tipSummaryAsOf(ctxOf(req, deps), req.query.asOf ?? officeToday()),
    );
    app.get('/api/tips/summary/export', { schema: { querystring: z.object({ asOf: day.optional(), format: z.enum(['xlsx', 'md']).default('xlsx') }) } }, async (req, reply) => {
      const t = await service.tipSummaryAsOf(ctxOf(req, deps), req.query.asOf ?? officeToday());
      reply.header('content-disposition', `attachment; filename="tip-summary-${t.asOf}.${req.query.format}"; filename*=UTF-8''${encodeURIComponent(`举报线索办理情况表_${t.asOf}.${req.query.format}`)}`);
      if (req.query.format === 'md') return reply.type('text/markdown; charset=utf-8').send(tipSummaryMarkdown(t));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await tipSummaryXlsx(t));
    });
    app.get('/api/tips/overdue', { schema: { response: { 200: OverdueView } } }, async (req) => service.overdueTips(ctxOf(req, deps)));
    app.get('/api/tips/export', { schema: { querystring: z.object({ includeReporter: z.enum(['true', 'false']).default('false') }) } }, async (req, reply) => {
      const buf = await service.exportTips(ctxOf(req, deps), req.query.includeReporter === 'true');
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="tips.xlsx"; filename*=UTF-8''${encodeURIComponent('举报线索.xlsx')}`).send(buf);
    });
    app.post('/api/tips/import', { schema: { body: SheetImportBody, response: { 200: z.object({ applied: z.boolean(), created: z.number() }) } }, bodyLimit: 30 * 1024 * 1024 }, async (req) =>
      service.importTipSheet(ctxOf(req, deps), { data: Buffer.from(req.body.content, 'base64'), fileName: req.body.fileName, dryRun: req.body.dryRun }),
    );
    app.get('/api/tips/:id', { schema: { params: IdParams, response: { 200: TipDetailView } } }, async (req) => service.getTip(ctxOf(req, deps), req.params.id));
    app.post('/api/tips/:id/transitions', { schema: { params: IdParams, body: TipTransitionBody, response: { 200: TipDetailView } } }, async (req) =>
      service.recordTipEvent(ctxOf(req, deps), req.params.id, req.body),
    );
    app.get('/api/tips/:id/reporter', { schema: { params: IdParams, response: { 200: ReporterView } } }, async (req) => service.revealReporter(ctxOf(req, deps), req.params.id));
    app.post('/api/tips/:id/merge', { schema: { params: IdParams, body: MergeBody, response: { 200: TipDetailView } } }, async (req) => service.mergeTip(ctxOf(req, deps), req.params.id, req.body.intoId));
  };
}
