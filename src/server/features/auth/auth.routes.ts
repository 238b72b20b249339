import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import type { Actor } from '../../auth/actor.js';
import { hasCapability } from '../../auth/scope.js';
import { requireActor } from '../../auth/policies.js';
import { CAPABILITIES_ALL } from '../../../domain/shared/roles.js';
import { ChangePasswordBody, LoginBody, MeResponse } from './auth.schema.js';
import * as service from './auth.service.js';
import { officeNow, officeTimeZone } from '../../clock.js';

export const SESSION_COOKIE = 'ws_session';


function presentMe(actor: Actor, csrfToken: string): MeResponse {
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      mustChangePassword: actor.mustChangePassword,
      grants: actor.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgName: g.orgName, orgLevel: g.orgLevel })),
      capabilities: CAPABILITIES_ALL.filter((c) => hasCapability(actor, c)),
    },
    csrfToken,
    office: { timeZone: officeTimeZone(), now: officeNow().toISOString() },
  };
}

export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: { body: LoginBody, response: { 200: MeResponse } },
        config: { rateLimit: { max: deps.config.loginAttemptsPerMinute, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const s = await service.login(
          deps.db,
          req.body,
          { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, requestId: req.id },
          deps.config.sessionHours,
        );
        reply.setCookie(SESSION_COOKIE, s.sessionId, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.config.secureCookies,
          maxAge: deps.config.sessionHours * 3600,
        });
        return presentMe(s.actor, s.csrfToken);
      },
    );

    app.get('/api/auth/me', { schema: { response: { 200: MeResponse } } }, async (req) => {
      const actor = requireActor(req.actor);
      return presentMe(actor, req.csrfSecret ? service.csrfTokenFor(req.csrfSecret) : '');
    });

    app.post('/api/auth/logout', { schema: { response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
      const actor = requireActor(req.actor);
      await service.logout(deps.db, actor, req.id);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.post(
      '/api/auth/password',
      { schema: { body: ChangePasswordBody, response: { 200: z.object({ ok: z.boolean() }) } } },
      async (req) => {
        await service.changePassword(deps.db, requireActor(req.actor), req.body, req.id);
        return { ok: true };
      },
    );
  };
}
