import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import {
  CreateTokenBody, CreatedTokenResponse, CreateUserBody, ResetPasswordBody, TokenView, UpdateUserBody, UserView, VersionBody,
} from './users.schema.js';
import * as service from './users.service.js';

export function usersRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/users', { schema: { response: { 200: z.object({ users: z.array(UserView) }) } } }, async (req) => ({
      users: await service.listUsers(ctxOf(req, deps)),
    }));
    app.post('/api/users', { schema: { body: CreateUserBody, response: { 200: UserView } } }, async (req) =>
      service.createUser(ctxOf(req, deps), req.body),
    );
    app.patch('/api/users/:id', { schema: { params: IdParams, body: UpdateUserBody, response: { 200: UserView } } }, async (req) =>
      service.updateUser(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/users/:id/disable', { schema: { params: IdParams, body: VersionBody, response: { 200: UserView } } }, async (req) =>
      service.setUserDisabled(ctxOf(req, deps), req.params.id, req.body.version, true),
    );
    app.post('/api/users/:id/enable', { schema: { params: IdParams, body: VersionBody, response: { 200: UserView } } }, async (req) =>
      service.setUserDisabled(ctxOf(req, deps), req.params.id, req.body.version, false),
    );
    app.post(
      '/api/users/:id/password',
      { schema: { params: IdParams, body: ResetPasswordBody, response: { 200: UserView } } },
      async (req) => service.resetPassword(ctxOf(req, deps), req.params.id, req.body.version, req.body.password),
    );

    app.get('/api/tokens', { schema: { response: { 200: z.object({ tokens: z.array(TokenView) }) } } }, async (req) => ({
      tokens: await service.listTokens(ctxOf(req, deps)),
    }));
    app.post('/api/tokens', { schema: { body: CreateTokenBody, response: { 200: CreatedTokenResponse } } }, async (req) =>
      service.createToken(ctxOf(req, deps), req.body),
    );
    app.delete('/api/tokens/:id', { schema: { params: IdParams, response: { 200: z.object({ ok: z.boolean() }) } } }, async (req) => {
      await service.revokeToken(ctxOf(req, deps), req.params.id);
      return { ok: true };
    });
  };
}
