import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type TestApp } from '../../../test-support/app.js';
import { engineName } from '../../../test-support/db.js';

let t: TestApp;
beforeAll(async () => {
  t = await demoApp();
});
afterAll(() => t.close());

describe('system', () => {
  it('reports health and the engine in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ ok: true, engine: engineName });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('describes the API as OpenAPI generated from the zod schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/org/units', '/api/users', '/api/audit', '/api/auth/login']));
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('answers unknown API paths and unauthenticated calls in Chinese', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('接口不存在');
    const anon = await t.app.inject({ method: 'GET', url: '/api/org/units' });
    expect(anon.statusCode).toBe(401);
    expect(anon.json().message).toBe('请先登录');
  });

  it('never reveals internals on malformed input', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('请求格式不正确');
    const sql = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: "' or 1=1 --", password: "' or ''='" } });
    expect(sql.statusCode).toBe(401);
  });

  it('names the offending field in Chinese', async () => {
    const city = await t.login('city');
    const res = await city.send('POST', '/api/cards', { gridId: 1, kind: 'shop', name: '店', waterSource: 'tap', surveyedOn: '2024-01-01', tapAccounts: ['1', 'x'.repeat(41)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^请求内容有误：自来水户号第2项：/);
  });
});
