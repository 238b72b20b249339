import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { DB } from './db/types.js';
import type { Actor } from './auth/actor.js';
import { AppError } from './http/errors.js';
import { clientClockProblem } from './clock.js';
import { fieldLabel } from './http/field-labels.js';
import { actorFromSession, actorFromToken, csrfValid } from './features/auth/auth.service.js';
import { authRoutes, SESSION_COOKIE } from './features/auth/auth.routes.js';
import { orgRoutes } from './features/org/org.routes.js';
import { usersRoutes } from './features/users/users.routes.js';
import { auditRoutes } from './features/audit/audit.routes.js';
import { systemRoutes } from './features/system/system.routes.js';
import { surveyRoutes } from './features/survey/survey.routes.js';
import { wellsRoutes } from './features/wells/wells.routes.js';
import { campaignsRoutes } from './features/campaigns/campaigns.routes.js';
import { tipsRoutes } from './features/tips/tips.routes.js';
import { inspectionsRoutes } from './features/inspections/inspections.routes.js';
import { findingsRoutes } from './features/findings/findings.routes.js';
import { articlesRoutes } from './features/articles/articles.routes.js';
import { bulletinsRoutes } from './features/bulletins/bulletins.routes.js';
import { utilityRoutes } from './features/utility/utility.routes.js';
import { tileImgSrc } from './features/map/map.geo.js';
import { mapRoutes } from './features/map/map.routes.js';
import { casesRoutes } from './features/cases/cases.routes.js';
import { switchRoutes } from './features/switch/switch.routes.js';
import { samplesRoutes } from './features/samples/samples.routes.js';
import { heatPumpRoutes } from './features/heatpump/heatpump.routes.js';
import { dashboardRoutes } from './features/dashboard/dashboard.routes.js';
import { personalInfoRoutes } from './features/personal-info/personal-info.routes.js';
import { fieldRoutes } from './features/field/field.routes.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    csrfSecret: string | null;
  }
}

z.config(z.locales.zhCN());

export type AppDeps = {
  db: Kysely<DB>;
  config: Config;
  engine: string;
  webDir?: string | undefined;
  /** sees every route as it is registered (the scope-matrix test checks each has an entry) */
  onRoute?: (route: { method: string | string[]; url: string; schema?: unknown }) => void;
  /** where the log lines go (default stdout); tests read it to prove what is never logged */
  logStream?: NodeJS.WritableStream | undefined;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Every rule below is decided on the route the router matched (its URL pattern, e.g.
// /api/tokens/:id), never on the raw request URL: the router decodes %xx before it matches, so
// /api/%74okens is /api/tokens here as well.
// reachable without a CSRF token: nothing to protect yet (no session), and rate limited
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/public/tips']);
// what an API token may never do, whoever owns it
const TOKEN_FORBIDDEN = /^\/api\/(tokens|users|auth\/password)(\/|$)/;
// what a user who must change the first password may still do
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/auth/login']);

/** A first (or reset) password is changed before anything else is done with the account: enforced here, not only by the web app. */
function mustHaveChangedPassword(actor: Actor | null, route: string): void {
  if (actor?.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(route)) {
    throw new AppError(403, 'must_change_password', '请先修改初始密码，然后才能使用系统');
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : {
      level: deps.config.logLevel,
      // never log cookies, tokens or request bodies (tip reporters, passwords)
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    // X-Forwarded-For is believed only from the proxies named in WELLSEAL_TRUSTED_PROXIES (default
    // none): anyone else could rotate it past every rate limit and write any "client address"
    trustProxy: deps.config.trustedProxies.length ? deps.config.trustedProxies : false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements
        styleSrc: ["'self'", "'unsafe-inline'"],
        // the configured base-map tile server, if any (nothing else from outside)
        imgSrc: ["'self'", 'data:', 'blob:', ...tileImgSrc(deps.config.tileUrl)],
        frameAncestors: ["'none'"],
        // the web app's own service worker and manifest (same origin only)
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // no page of the app is shown in a frame (the bulletin preview says otherwise for itself)
    frameguard: { action: 'deny' },
    // HSTS only behind HTTPS: sent over plain HTTP it would pin a browser to an https:// that does not exist
    hsts: deps.config.secureCookies ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: ctx.statusCode,
      error: 'rate_limited',
      message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`,
    }),
  });
  await app.register(swagger, {
    openapi: { info: { title: 'Wellseal API', description: '自备井封停工作平台接口', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });

  if (deps.onRoute) app.addHook('onRoute', (r) => deps.onRoute?.({ method: r.method, url: r.url, schema: r.schema }));
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfSecret', null);

  app.addHook('onRequest', async (req) => {
    const route = req.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await actorFromToken(deps.db, auth.slice(7).trim());
      if (!req.actor) throw new AppError(401, 'unauthorized', '接口令牌无效、已过期或已吊销');
      // a leaked token must not mint more tokens, hand out grants or take over the account
      if (TOKEN_FORBIDDEN.test(route)) throw new AppError(403, 'forbidden', '接口令牌不能管理令牌、用户或修改密码，请登录后操作');
      mustHaveChangedPassword(req.actor, route);
      return; // bearer tokens are not sent by browsers on their own: no CSRF risk
    }
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) {
      const s = await actorFromSession(deps.db, sid);
      if (s) {
        req.actor = s.actor;
        req.csrfSecret = s.csrfSecret;
      }
    }
    mustHaveChangedPassword(req.actor, route);
    if (UNSAFE.has(req.method) && !CSRF_EXEMPT.has(route) && req.actor) {
      const token = req.headers['x-csrf-token'];
      if (typeof token !== 'string' || !req.csrfSecret || !csrfValid(req.csrfSecret, token)) {
        throw new AppError(403, 'csrf', '页面已过期，请刷新后重试（CSRF 校验失败）');
      }
    }
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-client-time'];
      const problem = clientClockProblem(typeof sent === 'string' ? sent : undefined);
      if (problem) throw new AppError(400, 'clock_skew', problem);
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => {
        const where = fieldLabel(v.instancePath.replace(/^\//, '').replace(/\//g, '.'));
        return where ? `${where}：${v.message}` : (v.message ?? '');
      });
      return reply.status(400).send({ error: 'bad_request', message: `请求内容有误：${fields.join('；')}`, details: { fields: err.validation } });
    }
    if (err.statusCode === 429) return reply.status(429).send({ error: 'rate_limited', message: err.message });
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ error: 'too_large', message: '提交的内容过大' });
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send({ error: 'bad_media_type', message: '不支持的内容类型' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: 'bad_request', message: '请求格式不正确' });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'internal', message: `服务器内部错误，请联系管理员（请求编号 ${req.id}）` });
  });

  await app.register(authRoutes(deps));
  await app.register(orgRoutes(deps));
  await app.register(usersRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(systemRoutes(deps));
  await app.register(surveyRoutes(deps));
  await app.register(wellsRoutes(deps));
  await app.register(campaignsRoutes(deps));
  await app.register(tipsRoutes(deps));
  await app.register(inspectionsRoutes(deps));
  await app.register(findingsRoutes(deps));
  await app.register(articlesRoutes(deps));
  await app.register(bulletinsRoutes(deps));
  await app.register(utilityRoutes(deps));
  await app.register(mapRoutes(deps));
  await app.register(casesRoutes(deps));
  await app.register(switchRoutes(deps));
  await app.register(samplesRoutes(deps));
  await app.register(heatPumpRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(personalInfoRoutes(deps));
  await app.register(fieldRoutes(deps));

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webDir = deps.webDir;
  if (webDir && fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
    app.setNotFoundHandler((req, reply) => {
      // the app's own routes fall back to index.html; a missing file (/assets/x.js) is a plain 404
      if (req.url.startsWith('/api/') || req.method !== 'GET' || /\.[a-z0-9]+(\?|$)/i.test(req.url)) {
        return reply.status(404).send({ error: 'not_found', message: '接口不存在' });
      }
      return reply.type('text/html').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((_req, reply) => reply.status(404).send({ error: 'not_found', message: '接口不存在' }));
  }
  return app;
}
