/**
 * What auth.test.ts does not prove yet: CSRF on every write of the route table, the cookie flags
 * under both settings, session fixation, and API tokens held to their owner's scope and rights,
 * barred from managing tokens, users and passwords, and cut off when the owner is disabled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { readConfig } from '../../config.js';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client;
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];
// no session to protect yet; both are rate limited and tested in auth.test.ts and tips.test.ts
const CSRF_EXEMPT = new Set(['POST /api/auth/login', 'POST /api/public/tips']);

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
});
afterAll(() => t.close());

const sessionCookie = (setCookie: unknown) => String([setCookie].flat().find((c) => String(c).startsWith('ws_session=')));

describe('CSRF', () => {
  it('every write route refuses a logged-in request without the session’s CSRF token, in Chinese, before doing anything', async () => {
    const writes = t.routes.filter((r) => r.url.startsWith('/api/') && UNSAFE.includes(r.method) && !CSRF_EXEMPT.has(`${r.method} ${r.url}`));
    expect(writes.length).toBeGreaterThan(60);
    const other = await t.login('wolong');
    const auditBefore = (await city.get('/api/audit?pageSize=1')).json().total as number;
    for (const r of writes) {
      const url = r.url.replace(/:[A-Za-z]+/g, '1');
      const method = r.method as 'POST';
      const none = await t.app.inject({ method, url, headers: { cookie: city.cookie }, payload: {} });
      expect(none.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(none.json().message, `${r.method} ${r.url}`).toBe('页面已过期，请刷新后重试（CSRF 校验失败）');
      // a token of someone else's session does not do either
      const foreign = await t.app.inject({ method, url, headers: { cookie: city.cookie, 'x-csrf-token': other.csrf }, payload: {} });
      expect(foreign.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
    expect((await city.get('/api/audit?pageSize=1')).json().total).toBe(auditBefore);
    expect((await city.get('/api/auth/me')).statusCode).toBe(200); // the session is still good
  });
});

describe('cookies and sessions', () => {
  it('the session cookie is HttpOnly, SameSite=Strict, Path=/, expires with the session, and Secure when the deployment says HTTPS', async () => {
    const login = { method: 'POST' as const, url: '/api/auth/login', payload: { username: 'leader', password: 'Wellseal2024' } };
    const plain = sessionCookie((await t.app.inject(login)).headers['set-cookie']);
    expect(plain).toMatch(/; HttpOnly/);
    expect(plain).toMatch(/; SameSite=Strict/);
    expect(plain).toMatch(/; Path=\/(;|$)/);
    expect(plain).toMatch(/; Max-Age=43200/);
    expect(plain).not.toMatch(/Secure/);
    const app = await buildApp({ db: t.database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_SECURE_COOKIES: 'true', WELLSEAL_SESSION_HOURS: '8' }), engine: 'test' });
    try {
      const secure = sessionCookie((await app.inject(login)).headers['set-cookie']);
      expect(secure).toMatch(/; Secure/);
      expect(secure).toMatch(/; HttpOnly/);
      expect(secure).toMatch(/; Max-Age=28800/);
      // the public form's browser cookie too
      const form = String((await app.inject({ method: 'GET', url: '/api/public/tips/form' })).headers['set-cookie']);
      expect(form).toMatch(/ws_client=.*; Path=\/api\/public.*; HttpOnly.*; Secure; SameSite=Strict/);
    } finally {
      await app.close();
    }
  });

  it('a session id planted before login is never adopted (session fixation)', async () => {
    // an id the attacker made up
    const planted = 'ws_session=attacker-chosen-session-id-0123456789';
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: planted }, payload: { username: 'gaoxin', password: 'Wellseal2024' } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res.headers['set-cookie']).split(';')[0]).not.toBe(planted);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: planted } })).statusCode).toBe(401);
    // a real session of the attacker's own, planted in the victim's browser, stays the attacker's
    const attacker = await t.login('shifan');
    const victim = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: attacker.cookie }, payload: { username: 'gaoxin', password: 'Wellseal2024' } });
    expect(sessionCookie(victim.headers['set-cookie']).split(';')[0]).not.toBe(attacker.cookie);
    expect((await attacker.get('/api/auth/me')).json().user.username).toBe('shifan');
  });
});

describe('API tokens', () => {
  const tokenFor = async (username: string) => {
    const users = (await city.get('/api/users')).json().users as { id: number; username: string; version: number }[];
    const user = users.find((u) => u.username === username)!;
    const created = await city.send('POST', '/api/tokens', { userId: user.id, name: `${username} 测试令牌` });
    expect(created.statusCode, created.body).toBe(200);
    const headers = { authorization: `Bearer ${created.json().token as string}` };
    return {
      user,
      get: (url: string) => t.app.inject({ method: 'GET', url, headers }),
      send: (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: object = {}) => t.app.inject({ method, url, headers, payload }),
    };
  };

  it('a district’s token reads its own district only, and cannot do what its owner cannot', async () => {
    const wancheng = await tokenFor('wancheng');
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
    const wolongGrid = units.find((u) => u.name === '光彩社区第2网格')!.id;
    const card = (await city.get(`/api/survey/grids/${wolongGrid}/cards`)).json().cards[0].id as number;
    const other = await wancheng.get(`/api/cards/${card}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('记录不存在或无权访问');
    const grids = (await wancheng.get('/api/survey/grids?pageSize=500')).json() as { total: number; grids: { code: string }[] };
    expect(grids.total).toBe(241);
    expect(grids.grids.every((g) => g.code.startsWith('411302'))).toBe(true);
    // the district office may not register tips or read the audit log; neither may its token
    expect((await wancheng.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', content: '令牌测试' })).statusCode).toBe(403);
    expect((await wancheng.get('/api/audit')).statusCode).toBe(403);
  });

  it('a token can never manage tokens, users or passwords — not even the city office’s own', async () => {
    const own = await tokenFor('city');
    expect((await own.get('/api/auth/me')).statusCode).toBe(200);
    const refused = [
      await own.get('/api/tokens'),
      await own.send('POST', '/api/tokens', { userId: own.user.id, name: '再造一个' }),
      await own.send('DELETE', '/api/tokens/1'),
      await own.get('/api/users'),
      await own.send('POST', '/api/users', { username: 'sneaky', displayName: '潜入者', password: 'Passw0rd1', grants: [] }),
      await own.send('POST', `/api/users/${own.user.id}/password`, { version: own.user.version, password: 'Taken0ver1' }),
      await own.send('POST', '/api/auth/password', { currentPassword: 'Wellseal2024', newPassword: 'Taken0ver1' }),
    ];
    for (const r of refused) {
      expect(r.statusCode, r.body).toBe(403);
      expect(r.json().message).toBe('接口令牌不能管理令牌、用户或修改密码，请登录后操作');
    }
    expect((await t.login('city')).username).toBe('city'); // the password is unchanged
  });

  it('a disabled owner’s tokens stop at once, and work again only when re-enabled', async () => {
    const shifan = await tokenFor('shifan');
    expect((await shifan.get('/api/survey/grids?pageSize=1')).statusCode).toBe(200);
    const disabled = await city.send('POST', `/api/users/${shifan.user.id}/disable`, { version: shifan.user.version });
    expect(disabled.statusCode).toBe(200);
    const after = await shifan.get('/api/survey/grids?pageSize=1');
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toBe('接口令牌无效、已过期或已吊销');
    await city.send('POST', `/api/users/${shifan.user.id}/enable`, { version: disabled.json().version });
    expect((await shifan.get('/api/survey/grids?pageSize=1')).statusCode).toBe(200);
  });
});
