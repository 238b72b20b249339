import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { FieldBundle, FieldOp, FieldSettings, OpAnswer } from './field.schema.js';
import * as service from './field.service.js';

export function fieldRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/field/bundle', { schema: { response: { 200: FieldBundle } } }, async (req) => service.fieldBundle(ctxOf(req, deps)));
    app.get('/api/field/settings', { schema: { response: { 200: FieldSettings } } }, async (req) => service.fieldSettings(ctxOf(req, deps)));
    app.put('/api/field/settings', { schema: { body: FieldSettings, response: { 200: FieldSettings } } }, async (req) => service.saveFieldSettings(ctxOf(req, deps), req.body));
    /** one queued operation from the phone; the phone sends them one at a time, in order */
    app.post('/api/field/ops', { schema: { body: FieldOp, response: { 200: OpAnswer } }, bodyLimit: 12 * 1024 * 1024 }, async (req) =>
      service.applyFieldOp(ctxOf(req, deps), deps.config.filesDir, req.body),
    );
  };
}
