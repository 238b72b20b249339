/**
 * Every field a request may carry (body, query string, path) has a Chinese name, so that a
 * validation error reads “户数：…”, never “households: …”. The fields are taken from the OpenAPI
 * document generated from the routes' zod schemas: a new field without a label fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { readConfig } from '../config.js';
import type { Database } from '../db/engine.js';
import { emptyDatabase } from '../../test-support/db.js';
import { fieldLabel } from './field-labels.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema | Schema[]; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; additionalProperties?: Schema | boolean };
type Operation = { parameters?: { name: string; in: string; schema?: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await emptyDatabase();
  app = await buildApp({ db: database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent' }), engine: database.kind });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Every field name a request can carry, with one route that takes it. */
function requestFields(doc: { paths: Record<string, Record<string, Operation>> }): Map<string, string> {
  const fields = new Map<string, string>();
  const walk = (s: Schema | undefined, route: string) => {
    if (!s || typeof s !== 'object') return;
    for (const [name, sub] of Object.entries(s.properties ?? {})) {
      if (!fields.has(name)) fields.set(name, route);
      walk(sub, route);
    }
    for (const sub of [s.items ?? [], s.anyOf ?? [], s.oneOf ?? [], s.allOf ?? []].flat()) walk(sub, route);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, route);
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const route = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) {
        if (p.in === 'header' || p.in === 'cookie') continue;
        if (!fields.has(p.name)) fields.set(p.name, route);
        walk(p.schema, route);
      }
      for (const c of Object.values(op.requestBody?.content ?? {})) walk(c.schema, route);
    }
  }
  return fields;
}

describe('field labels', () => {
  it('name every request field of every route in Chinese', () => {
    const fields = requestFields(app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> });
    expect(fields.size).toBeGreaterThan(100);
    const unnamed = [...fields].filter(([name]) => !/[\u4e00-\u9fff]/.test(fieldLabel(name))).map(([name, route]) => `${name}（${route}）`);
    expect(unnamed).toEqual([]);
  });

  it('name nested fields and list items, and a validation error uses them', async () => {
    expect(fieldLabel('tapAccounts.1')).toBe('自来水户号第2项');
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 5, password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().message).toMatch(/^请求内容有误：用户名：/);
  });
});
