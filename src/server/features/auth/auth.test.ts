import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, loginAs, type TestApp } from '../../../test-support/app.js';
import { DEMO_PASSWORD } from '../../demo/demo-users.js';

let t: TestApp;
beforeAll(async () => {
  t = await demoApp();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('sets an HttpOnly, SameSite session cookie and answers /me with grants and capabilities', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wolong', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/ws_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(me.json().user).toMatchObject({ username: 'wolong', grants: [{ role: 'district', orgName: '卧龙区' }] });
    expect(me.json().user.capabilities).toContain('users.manage');
    expect(me.json().user.capabilities).not.toContain('audit.read');
  });

  it('answers a wrong password and an unknown user with the same Chinese message', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'wrong-1' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-1' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().message).toBe('用户名或密码错误');
    expect(b.json().message).toBe(a.json().message);
  });

  const attempt = (username: string, password: string, from = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: from });

  it('stops a client after five wrong passwords for a name, even for the right one, and says the same for a name that does not exist', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) known.push((await attempt('enforce', `bad${i}`, '10.0.0.2')).statusCode);
    for (let i = 0; i < 6; i++) unknown.push((await attempt('no-such-user', `bad${i}`, '10.0.0.2')).statusCode);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    const right = await attempt('enforce', DEMO_PASSWORD, '10.0.0.2');
    expect(right.statusCode).toBe(429);
    expect(right.json().message).toBe('登录失败次数过多，请 15 分钟后再试');
    expect((await attempt('no-such-user', 'x', '10.0.0.2')).json().message).toBe(right.json().message);
    // the owner elsewhere is not locked out by a stranger
    expect((await attempt('enforce', DEMO_PASSWORD, '10.0.0.3')).statusCode).toBe(200);
    // the users page shows the name locked; enabling the account (解锁) clears it
    const city = await t.login('city');
    const users = (await city.get('/api/users')).json().users as { id: number; username: string; locked: boolean; version: number }[];
    const enforce = users.find((u) => u.username === 'enforce')!;
    expect(enforce.locked).toBe(true);
  });

  it('checks at most five passwords of twenty sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt('leader', `parallel-${i}`, '10.0.0.4')));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it('refuses a write without the CSRF token of the session', async () => {
    const c = await t.login('city');
    const without = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().message).toContain('CSRF');
    const other = await t.login('wolong');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: c.cookie, 'x-csrf-token': other.csrf } });
    expect(wrong.statusCode).toBe(403);
  });

  it('gives every login a new session id, and logout ends the session', async () => {
    const a = await t.login('gaoxin');
    const b = await t.login('gaoxin');
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.send('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await a.get('/api/org/units')).statusCode).toBe(401);
    expect((await b.get('/api/org/units')).statusCode).toBe(200);
  });

  it('cuts off a disabled user at once', async () => {
    const victim = await t.login('shifan');
    const city = await t.login('city');
    const users = (await city.get('/api/users')).json().users as { id: number; username: string; version: number }[];
    const u = users.find((x) => x.username === 'shifan')!;
    expect((await city.send('POST', `/api/users/${u.id}/disable`, { version: u.version })).statusCode).toBe(200);
    expect((await victim.get('/api/org/units')).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'shifan', password: DEMO_PASSWORD } });
    expect(again.statusCode).toBe(401);
  });

  it('changes a password: the old one stops working, other sessions end', async () => {
    const here = await t.login('guangwu');
    const elsewhere = await t.login('guangwu');
    const bad = await here.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('密码至少 8 位');
    expect((await here.send('POST', '/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'NewPass2025' })).statusCode).toBe(200);
    expect((await here.get('/api/org/units')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/org/units')).statusCode).toBe(401);
    await expect(loginAs(t.app, 'guangwu', DEMO_PASSWORD)).rejects.toThrow(/401/);
    await loginAs(t.app, 'guangwu', 'NewPass2025');
  });

  it('rate-limits login attempts per client', async () => {
    const { buildApp } = await import('../../app.js');
    const { readConfig } = await import('../../config.js');
    const app = await buildApp({ db: t.database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '3' }), engine: 'test' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    await app.close();
  });
});

describe('API tokens', () => {
  it('lets a machine client act as its owner, until revoked', async () => {
    const city = await t.login('city');
    const users = (await city.get('/api/users')).json().users as { id: number; username: string }[];
    const utility = users.find((u) => u.username === 'utility')!;
    const created = await city.send('POST', '/api/tokens', { userId: utility.id, name: '北控水务数据上传' });
    expect(created.statusCode).toBe(200);
    const token = created.json().token as string;
    const auth = { authorization: `Bearer ${token}` };
    const ok = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(ok.json().user.username).toBe('utility');
    // a token needs no CSRF token: browsers never send it on their own
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth })).statusCode).toBe(403);
    const list = (await city.get('/api/tokens')).json().tokens as { id: number; tokenPrefix: string }[];
    expect(list[0]!.tokenPrefix).toBe(token.slice(0, 10));
    expect(JSON.stringify(list)).not.toContain(token);
    expect((await city.send('DELETE', `/api/tokens/${created.json().view.id}`)).statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().message).toContain('吊销');
  });
});
