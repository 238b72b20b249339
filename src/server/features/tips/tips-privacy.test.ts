/**
 * Whistleblower protection, walked route by route: a tip's reporter (name, phone, address of the
 * browser) never reaches any role but the city office — not in an API answer, an export, an error
 * message or a line of the server log. The app here logs at debug level into a buffer we read.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { readConfig } from '../../config.js';
import type { Database } from '../../db/engine.js';
import { loginAs, type Client, type Res } from '../../../test-support/app.js';
import { demoDatabase } from '../../../test-support/db.js';
import { PNG } from '../../../test-support/fixtures.js';
import { DEMO_PASSWORD } from '../../demo/demo-users.js';
import { issueFormToken } from './tips.service.js';

const NAME = '钱秘举报人';
const PHONE = '13655554321';
const STAFF_NAME = '孙秘来电人';
const STAFF_PHONE = '13544443210';
const IP = '10.77.66.55';
const SECRETS = [NAME, PHONE, STAFF_NAME, STAFF_PHONE, IP];
const USERS = ['city', 'wolong', 'wancheng', 'guangwu', 'grid01', 'utility', 'enforce', 'leader', 'gaoxin'];

let database: Database;
let app: FastifyInstance;
const log: string[] = [];
const routes: { method: string; url: string }[] = [];
const who: Record<string, Client> = {};
const ids = { tip: 0, staffTip: 0, code: '', staffCode: '', photo: 0 };

async function textOf(res: Res): Promise<string> {
  if (!String(res.headers['content-type'] ?? '').includes('spreadsheetml')) return res.body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
  return cells.join('|');
}

beforeAll(async () => {
  database = await demoDatabase();
  const sink = new Writable({ write(chunk, _enc, done) { log.push(String(chunk)); done(); } });
  const config = readConfig({ WELLSEAL_LOG_LEVEL: 'debug', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000' });
  app = await buildApp({ db: database.db, config, engine: database.kind, logStream: sink, onRoute: (r) => { for (const m of [r.method].flat()) routes.push({ method: m, url: r.url }); } });
  for (const u of USERS) who[u] = await loginAs(app, u, DEMO_PASSWORD);
  const units = (await who.city!.get('/api/org/units')).json().units as { id: number; name: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;

  // a public tip with a name, a phone and a photo, from a distinctive address; given to 卧龙区 and on to 光武街道
  const formToken = await issueFormToken(database.db, Date.now() - 10_000);
  const sent = await app.inject({
    method: 'POST', url: '/api/public/tips', remoteAddress: IP, headers: { cookie: 'ws_client=privacy', 'user-agent': 'PrivacyTestBrowser/1.0', 'x-form-token': formToken },
    payload: { content: '光武街道某洗车店院内有一眼井，每天都在抽水', address: '光武街道光彩社区北门', name: NAME, phone: PHONE, website: '', photos: [{ fileName: 'p.png', content: PNG }] },
  });
  expect(sent.statusCode, sent.body).toBe(200);
  ids.code = sent.json().trackingCode;
  const tip = (await who.city!.get(`/api/tips?q=${ids.code}`)).json().tips[0];
  ids.tip = tip.id;
  const assigned = (await who.city!.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', data: { districtId: unit('卧龙区') }, version: tip.version })).json();
  await who.city!.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'pass', data: { streetId: unit('光武街道') }, version: assigned.version });
  ids.photo = (await who.city!.get(`/api/tips/${tip.id}`)).json().photos[0].id;
  // a hotline tip registered by the city office with the caller's name and phone
  const staff = await who.city!.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', content: '12345 来电：某小区水泵房有井', reporterName: STAFF_NAME, reporterPhone: STAFF_PHONE });
  expect(staff.statusCode, staff.body).toBe(200);
  ids.staffTip = staff.json().id;
  ids.staffCode = staff.json().code;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('the reporter of a tip', () => {
  it('is in no answer of any tip, map, dashboard or audit route, for any role — the city office’s reporter route alone excepted', async () => {
    const urls = routes
      .filter((r) => r.method === 'GET' && /^\/api\/(tips|public\/tips|map|dashboard|audit)/.test(r.url) && r.url !== '/api/public/tips/form')
      .flatMap((r) => (r.url.includes(':id') ? [ids.tip, ids.staffTip].map((id) => r.url.replace(':id', String(id))) : [r.url.replace(':code', ids.code)]))
      .flatMap((u) => (u.endsWith('/export') && u.includes('summary') ? [`${u}?format=xlsx`, `${u}?format=md`] : [u]));
    expect(urls.length).toBeGreaterThan(10);
    let reached = 0;
    for (const user of USERS) {
      for (const url of urls) {
        const res = await who[user]!.get(url);
        if (res.statusCode === 200) reached += 1;
        if (user === 'city' && /\/reporter$/.test(url)) continue;
        const text = await textOf(res);
        for (const s of SECRETS) expect(text, `${user} GET ${url}`).not.toContain(s);
      }
    }
    expect(reached).toBeGreaterThan(USERS.length * 3);
    // the anonymous public status page, by tracking code
    for (const code of [ids.code, ids.staffCode]) {
      const res = await app.inject({ method: 'GET', url: `/api/public/tips/${code}` });
      for (const s of SECRETS) expect(res.body).not.toContain(s);
    }
  });

  it('is read by the city office alone, through the audited reporter route or the audited reporter export', async () => {
    const full = await who.city!.get(`/api/tips/${ids.tip}/reporter`);
    expect(full.json()).toEqual({ anonymous: false, name: NAME, phone: PHONE, ip: IP });
    for (const user of USERS.filter((u) => u !== 'city')) {
      expect([403, 404], user).toContain((await who[user]!.get(`/api/tips/${ids.tip}/reporter`)).statusCode);
      expect([403], user).toContain((await who[user]!.get('/api/tips/export?includeReporter=true')).statusCode);
    }
    const sheet = await textOf(await who.city!.get('/api/tips/export?includeReporter=true'));
    expect(sheet).toContain(PHONE);
    const audit = (await who.city!.get('/api/audit?entityType=tip&pageSize=200')).json().entries as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['view_reporter', 'export_reporters']));
  });

  it('tip photos are served to those who see the tip, and to nobody else', async () => {
    const codes: Record<string, number> = {};
    for (const user of USERS) codes[user] = (await who[user]!.get(`/api/photos/${ids.photo}`)).statusCode;
    // city, the assigned district and street, and the city leader (tips.read over the city) see it
    expect(codes).toEqual({ city: 200, wolong: 200, wancheng: 404, guangwu: 200, grid01: 404, utility: 404, enforce: 404, leader: 200, gaoxin: 404 });
  });

  it('is not echoed by error messages', async () => {
    const errors: Res[] = [];
    // bad phone, future time, unknown unit, wrong transition, stale version, a merge into itself
    errors.push(await who.city!.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', content: '错误测试', reporterName: STAFF_NAME, reporterPhone: `${STAFF_PHONE}#` }));
    errors.push(await who.city!.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2099-06-01T09:00:00+08:00', content: '错误测试', reporterName: STAFF_NAME, reporterPhone: STAFF_PHONE }));
    errors.push(await who.city!.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', content: '错误测试', orgUnitId: 999999, reporterName: STAFF_NAME, reporterPhone: STAFF_PHONE }));
    errors.push(await who.city!.send('POST', `/api/tips/${ids.staffTip}/transitions`, { event: 'close', data: { reply: 'x' }, version: 1 }));
    errors.push(await who.city!.send('POST', `/api/tips/${ids.staffTip}/transitions`, { event: 'assign', data: {}, version: 999 }));
    errors.push(await who.city!.send('POST', `/api/tips/${ids.staffTip}/merge`, { intoId: ids.staffTip }));
    errors.push(await who.wolong!.send('POST', `/api/tips/${ids.staffTip}/transitions`, { event: 'assign', data: {}, version: 1 }));
    errors.push(await app.inject({
      method: 'POST', url: '/api/public/tips', remoteAddress: IP, headers: { cookie: 'ws_client=privacy2', 'x-form-token': 'x'.repeat(12) },
      payload: { content: '短', address: '某地', name: NAME, phone: `${PHONE}abc`, website: '' },
    }) as unknown as Res);
    for (const e of errors) {
      expect(e.statusCode, e.body).toBeGreaterThanOrEqual(400);
      expect(e.json().message, e.body).toMatch(/[\u4e00-\u9fa5]/);
      for (const s of SECRETS) expect(e.body).not.toContain(s);
    }
  });

  it('never reaches the server log', async () => {
    const text = log.join('');
    // the log did capture this file's requests (so an empty sink cannot pass)
    expect(text).toContain('/api/public/tips');
    expect(text).toContain(`/api/tips/${ids.tip}/reporter`);
    for (const s of [NAME, PHONE, STAFF_NAME, STAFF_PHONE, 'PrivacyTestBrowser']) expect(text, s).not.toContain(s);
  });
});
