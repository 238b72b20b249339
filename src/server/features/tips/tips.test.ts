import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { readConfig } from '../../config.js';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { PNG } from '../../../test-support/fixtures.js';
import { issueFormToken } from './tips.service.js';

let t: TestApp;
let city: Client;
const b64 = (s: string) => Buffer.from(s).toString('base64');
/** a form opened 10 s ago, as a person would have */
const token = () => issueFormToken(t.database.db, Date.now() - 10_000);
const tipBody = async (over: Record<string, unknown> = {}) => ({
  content: '光彩小区地下室水泵房有一眼井一直在抽水，晚上声音很大', address: '光武街道光彩社区 3 号楼', lat: 33.0, lng: 112.5,
  name: '张秘密', phone: '13912345678', formToken: await token(), website: '', ...over,
});
const publicPost = async (body: unknown, ip = '10.1.1.1', cookie = 'ws_client=abc') =>
  t.app.inject({ method: 'POST', url: '/api/public/tips', payload: body as object, remoteAddress: ip, headers: { cookie, 'x-form-token': String((body as { formToken?: string }).formToken ?? '') } });

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
});
afterAll(() => t.close());

describe('the tips table of bulletin 第12期', () => {
  it('comes out of the demo records to the digit as of 2024-01-12', async () => {
    expect((await city.get('/api/tips/summary?asOf=2024-01-12')).json()).toEqual({
      asOf: '2024-01-12',
      total: { received: 79, assigned: 79, closed: 79, closureRate: '100%', substantiated: 35 },
      rows: [
        { district: '卧龙区', received: 22, assigned: 22, closed: 22, closureRate: '100%', substantiated: 8 },
        { district: '宛城区', received: 29, assigned: 29, closed: 29, closureRate: '100%', substantiated: 8 },
        { district: '高新区', received: 14, assigned: 14, closed: 14, closureRate: '100%', substantiated: 8 },
        { district: '城乡一体化示范区', received: 14, assigned: 14, closed: 14, closureRate: '100%', substantiated: 11 },
      ],
    });
    const today = (await city.get('/api/tips/summary')).json();
    expect(today.total.received).toBeGreaterThan(79);
    expect(today.total.closureRate).not.toBe('100%');
  });
});

describe('a public tip, end to end', () => {
  it('is received, followed by tracking code, assigned, closed with a reply — and the public sees only state and reply', async () => {
    const sent = await publicPost({ ...(await tipBody()), photos: [{ fileName: 'well.png', content: PNG }] });
    expect(sent.statusCode, sent.body).toBe(200);
    const code = sent.json().trackingCode as string;
    expect(code).toMatch(/^JB[A-Z2-9]{10}$/);
    const status = async () => (await t.app.inject({ method: 'GET', url: `/api/public/tips/${code}` })).json();
    expect(await status()).toEqual({ trackingCode: code, state: 'received', stateLabel: '已受理', receivedOn: expect.any(String), closedOn: null, reply: null });

    const listed = (await city.get(`/api/tips?q=${code}`)).json().tips[0];
    const wolongId = ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === '卧龙区')!.id;
    const assigned = await city.send('POST', `/api/tips/${listed.id}/transitions`, { event: 'assign', data: { districtId: wolongId }, version: listed.version });
    expect(assigned.json()).toMatchObject({ state: 'assigned', district: '卧龙区' });
    expect(assigned.json().deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const wolong = await t.login('wolong');
    const seen = (await wolong.get(`/api/tips/${listed.id}`)).json();
    expect(seen.photos).toHaveLength(1);
    expect((await wolong.get(seen.photos[0].url)).statusCode).toBe(200);
    const inv = await wolong.send('POST', `/api/tips/${listed.id}/transitions`, { event: 'investigate', data: { result: 'substantiated', evidence: '内部备注：水泵房发现在用井，户主王某' }, version: seen.version });
    const closed = await wolong.send('POST', `/api/tips/${listed.id}/transitions`, { event: 'close', data: { reply: '经核查属实，已责令封停。感谢您的举报。' }, version: inv.json().version });
    expect(closed.json().state).toBe('closed');

    const pub = await status();
    expect(pub).toMatchObject({ state: 'closed', stateLabel: '已办结', reply: '经核查属实，已责令封停。感谢您的举报。' });
    const raw = JSON.stringify(pub);
    for (const secret of ['内部备注', '王某', '张秘密', '13912345678', '卧龙区', '10.1.1.1']) expect(raw).not.toContain(secret);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tips/JBNOTAREALCODE' })).statusCode).toBe(404);
  });
});

describe('whistleblower protection', () => {
  it('shows the reporter to the city office alone, and audits every look', async () => {
    const code = (await publicPost(await tipBody({ content: '某浴池用深井水，自来水表几乎不走，已经好几年了' }), '10.2.2.2', 'ws_client=def')).json().trackingCode;
    const tip = (await city.get(`/api/tips?q=${code}`)).json().tips[0];
    const wancheng = ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === '宛城区')!.id;
    await city.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', data: { districtId: wancheng }, version: tip.version });
    const district = await t.login('wancheng');
    const detail = await district.get(`/api/tips/${tip.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain('张秘密');
    expect(detail.body).not.toContain('13912345678');
    expect((await district.get(`/api/tips/${tip.id}/reporter`)).statusCode).toBe(403);
    expect((await district.get('/api/tips/export?includeReporter=true')).statusCode).toBe(403);
    const sheet = (await district.get('/api/tips/export')).rawPayload.toString('latin1');
    expect(sheet).not.toContain('13912345678');
    const street = await t.login('guangwu');
    expect((await street.get(`/api/tips/${tip.id}`)).statusCode).toBe(404);
    expect((await street.get(`/api/tips/${tip.id}/reporter`)).statusCode).toBe(403);

    const revealed = await city.get(`/api/tips/${tip.id}/reporter`);
    expect(revealed.json()).toEqual({ anonymous: false, name: '张秘密', phone: '13912345678', ip: '10.2.2.2' });
    const audit = (await city.get('/api/audit?entityType=tip')).json().entries as { action: string; summary: string }[];
    expect(audit.find((a) => a.action === 'view_reporter')?.summary).toBe(`查看举报线索 ${code} 的举报人信息`);
    expect(JSON.stringify(audit)).not.toContain('张秘密');
  });
});

describe('abuse resistance', () => {
  it('drops honeypot submissions silently and refuses forms sent too fast', async () => {
    const bot = await publicPost(await tipBody({ website: 'http://spam.example' }), '10.3.3.3', 'ws_client=bot');
    expect(bot.statusCode).toBe(200);
    // the bot's code answers like a real one (已受理): it cannot tell it was caught; nothing was stored
    const botStatus = await t.app.inject({ method: 'GET', url: `/api/public/tips/${bot.json().trackingCode}` });
    expect(botStatus.statusCode).toBe(200);
    expect(botStatus.json()).toMatchObject({ state: 'received', stateLabel: '已受理', closedOn: null, reply: null });
    expect((await city.get(`/api/tips?q=${bot.json().trackingCode}`)).json().total).toBe(0);
    // a code a ledger gave (sequential, guessable) is not public; a random one that was never issued neither
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tips/JB2024000001' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/tips/JBABCDEFGHJK' })).statusCode).toBe(404);
    // a form token is used once
    const once = await tipBody({ content: '同一份表单提交两次，第一次应当成功受理' });
    expect((await publicPost(once, '10.3.3.6', 'ws_client=once')).statusCode).toBe(200);
    const again = await publicPost(once, '10.3.3.7', 'ws_client=once2');
    expect(again.statusCode).toBe(400);
    expect(again.json().message).toBe('这份表单已经提交过了，请刷新页面后再填写新的举报');
    // the token is checked before the body is read: a forged one with a huge body is refused at once
    const big = await t.app.inject({ method: 'POST', url: '/api/public/tips', remoteAddress: '10.3.3.8', headers: { 'content-type': 'application/json', 'x-form-token': `${Date.now() - 10_000}.forged` }, payload: JSON.stringify({ content: 'x'.repeat(20 * 1024 * 1024) }) });
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toBe('页面已过期，请刷新后重新填写');
    const fast = await publicPost(await tipBody({ formToken: await issueFormToken(t.database.db) }), '10.3.3.4', 'ws_client=fast');
    expect(fast.statusCode).toBe(400);
    expect(fast.json().message).toBe('提交太快了，请检查填写的内容后再提交');
    const forged = await publicPost(await tipBody({ formToken: `${Date.now() - 10_000}.forged-signature` }), '10.3.3.5', 'ws_client=forged');
    expect(forged.json().message).toBe('页面已过期，请刷新后重新填写');
  });

  it('limits one browser to 3 tips an hour, and one address under a burst', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await publicPost(await tipBody({ content: `同一浏览器第${i}次举报，某小区有自备井在用` }), `10.4.4.${i}`, 'ws_client=same')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);

    // a real burst over loopback: 12 submissions at once from one address, each from a fresh browser
    const app = await buildApp({ db: t.database.db, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_PUBLIC_TIPS_PER_10_MINUTES: '5' }), engine: 'test' });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const bodies = await Promise.all(Array.from({ length: 12 }, (_, i) => tipBody({ content: `突发第${i}条举报内容，某处有井在抽水` })));
    const burst = await Promise.all(
      bodies.map(async (body, i) => (await fetch(`${url}/api/public/tips`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: `ws_client=burst${i}`, 'x-form-token': body.formToken }, body: JSON.stringify(body) })).status),
    );
    await app.close();
    expect(burst.filter((s) => s === 200)).toHaveLength(5);
    expect(burst.filter((s) => s === 429)).toHaveLength(7);
  });
});

describe('staff work', () => {
  it('filters the list by state, overdue and district, then pages, as the whole list does', async () => {
    type T = { id: number; state: string; overdue: boolean; district: string | null };
    const all = (await city.get('/api/tips?pageSize=500')).json() as { total: number; tips: T[] };
    expect(all.tips).toHaveLength(all.total);
    const ids = (xs: T[]) => xs.map((x) => x.id);
    const pages = async (query: string, expected: T[]) => {
      const one = (await city.get(`/api/tips?${query}&pageSize=500`)).json();
      expect(one.total, query).toBe(expected.length);
      expect(ids(one.tips), query).toEqual(ids(expected));
      const second = (await city.get(`/api/tips?${query}&page=2&pageSize=3`)).json();
      expect(second.total, query).toBe(expected.length);
      expect(ids(second.tips), query).toEqual(ids(expected.slice(3, 6)));
    };
    const states = [...new Set(all.tips.map((x) => x.state))];
    expect(states.length).toBeGreaterThan(1);
    for (const state of states) await pages(`state=${state}`, all.tips.filter((x) => x.state === state));
    await pages('overdue=true', all.tips.filter((x) => x.overdue));
    await pages('overdue=false', all.tips.filter((x) => !x.overdue));
    const wolongId = ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === '卧龙区')!.id;
    await pages(`districtId=${wolongId}`, all.tips.filter((x) => x.district === '卧龙区'));
    await pages(`districtId=${wolongId}&state=closed`, all.tips.filter((x) => x.district === '卧龙区' && x.state === 'closed'));
    await pages('', all.tips);
  });

  it('registers a hotline tip, suggests its duplicate, merges keeping both texts', async () => {
    const first = await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-03-01T10:00:00+08:00', content: '三川盛唐商务苑地下车库有井在抽水', address: '三川盛唐', lat: 33.02, lng: 112.55 });
    const second = await city.send('POST', '/api/tips', { channel: 'wechat', receivedAt: '2024-03-03T10:00:00+08:00', content: '三川盛唐商务苑车库里有井抽水', address: '三川盛唐', lat: 33.0201, lng: 112.5501 });
    expect(second.json().duplicates.map((d: { id: number }) => d.id)).toContain(first.json().id);
    const merged = await city.send('POST', `/api/tips/${second.json().id}/merge`, { intoId: first.json().id });
    expect(merged.json().mergedText).toContain('三川盛唐商务苑车库里有井抽水');
    expect((await city.get(`/api/tips/${second.json().id}`)).json().duplicateOf).toBe(first.json().id);
  });
  it('refuses steps out of order, in Chinese', async () => {
    const tip = (await city.send('POST', '/api/tips', { channel: 'letter', receivedAt: '2024-03-05T10:00:00+08:00', content: '来信反映某厂有井' })).json();
    const res = await city.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'close', data: { reply: 'x' }, version: tip.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('不能办结：线索尚未交办，请先交办到区');
  });
  it('imports a ledger whole or not at all', async () => {
    const sheet = '线索编号,受理日期,来源渠道,所属区,交办日期,办结日期,是否有效,内容\nL1,2024-02-01,电话,卧龙区,2024-02-02,2024-02-05,是,甲\nL2,2024-02-01,电话,卧龙区,2024-01-30,,,乙\n';
    const res = await city.send('POST', '/api/tips/import', { fileName: 't.csv', content: b64(sheet) });
    expect(res.statusCode).toBe(422);
    expect(res.json().details.rowErrors).toEqual([{ row: 3, column: '交办日期', message: '交办日期早于受理日期' }]);
    expect((await city.get('/api/tips?q=L1')).json().total).toBe(0);
  });
});
