import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../server/app.js';
import { readConfig } from '../server/config.js';
import type { Database } from '../server/db/engine.js';
import { DEMO_PASSWORD } from '../server/demo/demo-users.js';
import { demoDatabase } from './db.js';

export type Client = {
  username: string;
  get(url: string): Promise<Res>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<Res>;
  cookie: string;
  csrf: string;
};
// test responses are checked field by field, so their JSON is left untyped here (and only here)
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Res = { statusCode: number; json: () => any; body: string; rawPayload: Buffer; headers: Record<string, unknown> };

export type TestApp = { app: FastifyInstance; database: Database; routes: { method: string; url: string }[]; login(username: string, password?: string): Promise<Client>; close(): Promise<void> };

/** The real app over a private demo database, driven through HTTP injection. */
export async function demoApp(): Promise<TestApp> {
  const database = await demoDatabase();
  const config = readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  const routes: { method: string; url: string }[] = [];
  const onRoute = (r: { method: string | string[]; url: string }) => {
    for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url });
  };
  const app = await buildApp({ db: database.db, config, engine: database.kind, onRoute });
  return {
    app,
    routes,
    database,
    login: (username, password = DEMO_PASSWORD) => loginAs(app, username, password),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function loginAs(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  const cookie = setCookie.split(';')[0]!;
  const csrf = res.json().csrfToken as string;
  const client: Client = {
    username,
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }) as unknown as Promise<Res>,
    send: (method, url, body, headers = {}) => {
      const opts: InjectOptions = { method, url, headers: { cookie, 'x-csrf-token': csrf, ...headers } };
      if (body !== undefined) opts.payload = body as InjectOptions['payload'];
      return app.inject(opts) as unknown as Promise<Res>;
    },
  };
  return client;
}
