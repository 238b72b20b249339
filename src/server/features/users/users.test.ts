import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client;
let wolong: Client;
const unitId = async (name: string) => ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === name)!.id;

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  wolong = await t.login('wolong');
});
afterAll(() => t.close());

describe('user administration', () => {
  it('creates a grid worker who must change the password at first login, and audits it with the phone masked', async () => {
    const res = await wolong.send('POST', '/api/users', {
      username: 'zhangsan', displayName: '网格员 张三', phone: '13912345678', password: 'Start2024a',
      grants: [{ role: 'grid', orgUnitId: await unitId('榆树庄社区第1网格') }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'zhangsan', phone: '139****5678', mustChangePassword: true, grants: [{ role: 'grid', orgName: '榆树庄社区第1网格' }] });
    const me = await t.login('zhangsan', 'Start2024a');
    expect((await me.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const audit = (await city.get('/api/audit?entityType=user&q=zhangsan')).json().entries as { actorName: string; summary: string; after: { phone: string } }[];
    expect(audit[0]).toMatchObject({ actorName: '卧龙区封停办 李明', summary: '新建用户 网格员 张三（zhangsan）：榆树庄社区第1网格·网格员' });
    expect(audit[0]!.after.phone).toBe('139****5678');
    expect(JSON.stringify(audit)).not.toContain('13912345678');
  });

  it('refuses a taken username (any case), a weak password and roles a district may not grant', async () => {
    const grid = await unitId('光彩社区第2网格');
    const taken = await wolong.send('POST', '/api/users', { username: 'GRID01', displayName: 'x', password: 'Start2024a', grants: [{ role: 'grid', orgUnitId: grid }] });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toBe('用户名“GRID01”已被使用');
    const weak = await wolong.send('POST', '/api/users', { username: 'weak1', displayName: 'x', password: 'abcdefgh', grants: [{ role: 'grid', orgUnitId: grid }] });
    expect(weak.json().message).toBe('密码须同时包含字母和数字');
    const cityRole = await wolong.send('POST', '/api/users', { username: 'boss1', displayName: 'x', password: 'Start2024a', grants: [{ role: 'city', orgUnitId: await unitId('卧龙区') }] });
    expect(cityRole.statusCode).toBe(403);
    expect(cityRole.json().message).toBe('无权授予该角色');
    const bad = await wolong.send('POST', '/api/users', { username: 'x', displayName: '', password: 'Start2024a', grants: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^请求内容有误：/);
  });

  it('never overwrites a concurrent edit: the second writer gets 409', async () => {
    const list = (await city.get('/api/users')).json().users as { id: number; username: string; version: number }[];
    const u = list.find((x) => x.username === 'leader')!;
    const a = await city.send('PATCH', `/api/users/${u.id}`, { version: u.version, displayName: '市领导（甲）' });
    const b = await city.send('PATCH', `/api/users/${u.id}`, { version: u.version, displayName: '市领导（乙）' });
    expect([a.statusCode, b.statusCode]).toEqual([200, 409]);
    const now = (await city.get('/api/users')).json().users.find((x: { id: number }) => x.id === u.id);
    expect(now.displayName).toBe('市领导（甲）');
    expect(now.version).toBe(u.version + 1);
  });

  it('does not let a district office touch a user who also holds a grant outside the district', async () => {
    const made = await city.send('POST', '/api/users', {
      username: 'twohats', displayName: '跨区人员', password: 'Start2024a',
      grants: [{ role: 'street', orgUnitId: await unitId('光武街道') }, { role: 'district', orgUnitId: await unitId('宛城区') }],
    });
    const res = await wolong.send('POST', `/api/users/${made.json().id}/disable`, { version: made.json().version });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('该用户有管辖范围以外的授权，请联系上级管理员');
  });

  it('does not let a user disable themselves', async () => {
    const list = (await city.get('/api/users')).json().users as { id: number; username: string; version: number }[];
    const me = list.find((x) => x.username === 'city')!;
    const res = await city.send('POST', `/api/users/${me.id}/disable`, { version: me.version });
    expect(res.json().message).toBe('不能停用自己的账号');
  });
});
