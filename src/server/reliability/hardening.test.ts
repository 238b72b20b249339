/**
 * The attacks of the security review (issue 18), each tried again: every one must now fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { buildApp } from '../app.js';
import { issueFormToken } from '../features/tips/tips.service.js';
import type { BulletinContent } from '../../domain/bulletin/bulletin.js';
import { readConfig } from '../config.js';
import { demoApp, type Client, type Res, type TestApp } from '../../test-support/app.js';

let t: TestApp;
let city: Client;
beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
});
afterAll(() => t.close());

const unitId = async (name: string) => ((await city.get('/api/org/units')).json().units as { id: number; name: string }[]).find((u) => u.name === name)!.id;

/** A concrete path for a route pattern: every parameter an id that exists nowhere. */
function concrete(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+/g, '999999').replace(/\*$/, 'x');
}

/** The path with one static segment's first character percent-encoded (/api/tokens → /api/%74okens). */
function encodedVariants(path: string): string[] {
  const segments = path.split('/');
  const out: string[] = [];
  segments.forEach((seg, i) => {
    if (!seg || /^\d+$/.test(seg)) return;
    const enc = `%${seg.charCodeAt(0).toString(16).padStart(2, '0')}${seg.slice(1)}`;
    out.push(segments.map((s, j) => (j === i ? enc : s)).join('/'));
  });
  return out;
}

const answer = (r: Res) => {
  const body = (() => {
    try {
      return r.json() as { error?: string; message?: string };
    } catch {
      return {};
    }
  })();
  return { status: r.statusCode, error: body.error ?? null, message: body.message?.replace(/请求编号 [\w-]+/, '') ?? null };
};

describe('a percent-encoded path is the same route, under the same rules', () => {
  it('answers every route of the route table the same with each path segment encoded, with an API token and without one', async () => {
    // a grid worker's token: every route answers (mostly 403 or a small scope), so a thousand calls stay quick
    const grid = (await (await t.login('grid01')).get('/api/auth/me')).json();
    const made = await city.send('POST', '/api/tokens', { userId: grid.user.id, name: '编码测试', expiresInDays: 1 });
    expect(made.statusCode).toBe(200);
    const token = made.json().token as string;
    const routes = t.routes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json');
    expect(routes.length).toBeGreaterThan(150);
    const differ: string[] = [];
    let compared = 0;
    for (const r of routes) {
      const plainPath = concrete(r.url);
      for (const auth of [{ authorization: `Bearer ${token}` }, {}]) {
        const call = (url: string) =>
          t.app.inject({ method: r.method as 'GET', url, headers: { ...auth, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) }, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: '{}' }) }) as unknown as Promise<Res>;
        const plain = answer(await call(plainPath));
        for (const enc of encodedVariants(plainPath)) {
          const got = answer(await call(enc));
          // a rate limit counts every spelling of a route together: that is the point
          if (got.status === 429 || plain.status === 429) continue;
          compared++;
          if (JSON.stringify(got) !== JSON.stringify(plain)) differ.push(`${r.method} ${enc} (${'authorization' in auth ? 'token' : 'anonymous'}): ${JSON.stringify(got)} ≠ ${JSON.stringify(plain)}`);
        }
      }
    }
    expect(compared).toBeGreaterThan(600);
    expect(differ).toEqual([]);
  }, 180_000);

  it('refuses a token the token, user and password routes however they are spelled', async () => {
    const me = (await city.get('/api/auth/me')).json();
    const token = (await city.send('POST', '/api/tokens', { userId: me.user.id, name: '编码测试2', expiresInDays: 1 })).json().token as string;
    const bearer = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    for (const [method, url, payload] of [
      ['GET', '/api/%74okens', undefined],
      ['POST', '/api/%74okens', { userId: me.user.id, name: '偷来的', expiresInDays: null }],
      ['POST', '/api/%75sers', { username: 'mallory', displayName: '攻击者', password: 'Attack2024x', grants: [{ role: 'city', orgUnitId: 1 }] }],
      ['POST', `/api/%75sers/${me.user.id}/password`, { version: 1, password: 'Attack2024x' }],
      ['POST', '/api/auth/%70assword', { currentPassword: 'x', newPassword: 'Attack2024x' }],
      ['GET', '/%61pi/tokens', undefined],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: bearer, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().message).toContain('接口令牌不能');
    }
  });
});

describe('search reads only what the caller may read', () => {
  it('a district office searches a tip’s words as it sees them: masked numbers cannot be read back digit by digit', async () => {
    const grid = await unitId('光彩社区第1网格');
    const made = await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: new Date().toISOString(), content: '举报人电话13987654321，院内有井', address: '光彩路', orgUnitId: grid });
    expect(made.statusCode).toBe(200);
    const assigned = await city.send('POST', `/api/tips/${made.json().id}/transitions`, { event: 'assign', data: { districtId: await unitId('卧龙区') }, version: made.json().version });
    expect(assigned.statusCode).toBe(200);
    const street = await t.login('wolong');
    const found = async (c: Client, q: string) => ((await c.get(`/api/tips?q=${encodeURIComponent(q)}&pageSize=50`)).json().tips as { id: number; content: string }[]).some((x) => x.id === made.json().id);
    expect(await found(street, '139****4321')).toBe(true);
    expect(await found(street, '院内有井')).toBe(true);
    for (const q of ['13987654321', '1398', '987654', '8765', '76543']) expect(await found(street, q), q).toBe(false);
    // the city office reads the number, and finds it by the number
    expect(await found(city, '13987654321')).toBe(true);
    // the sample form's link list shows the words masked to everyone: so does its search
    const targets = async (q: string) => ((await city.get(`/api/samples/link-targets?kind=tip&q=${encodeURIComponent(q)}`)).json().targets as { refId: number }[]).some((x) => x.refId === made.json().id);
    expect(await targets('139****4321')).toBe(true);
    expect(await targets('987654')).toBe(false);
  });

  it('case facts are searched masked, for everyone', async () => {
    const made = await city.send('POST', '/api/cases', { filedOn: '2024-01-10', unitId: await unitId('卧龙区'), partyName: '检索测试当事人', violation: 'concealed', facts: '当事人身份证号410102199001011234，私自取用地下水' });
    expect(made.statusCode, made.body).toBe(200);
    const hits = async (q: string) => ((await city.get(`/api/cases?q=${encodeURIComponent(q)}`)).json().cases as { id: number }[]).filter((c) => c.id === made.json().id).length;
    const masked = '4101**********1234';
    expect(await hits(masked)).toBe(1);
    expect(await hits('私自取用')).toBe(1);
    for (const probe of ['410102199001011234', '4101021990', '19900101', '0101']) expect(await hits(probe), probe).toBe(0);
    // any run of digits the mask hides finds nothing
    const before = masked!.match(/^\d*/)![0];
    for (const probe of [`${before}0`, `${before}1`, `${before}2`, `${before}3`, `${before}5`, `${before}8`]) expect(await hits(probe), probe).toBe(0);
  });
});

describe('the enforcement role reads what its role grants, also through the sample form', () => {
  it('may not list tips, water-company accounts or suspect checks as link targets, nor link them', async () => {
    const enforce = await t.login('enforce');
    for (const kind of ['tip', 'account', 'suspect_check']) {
      const res = await enforce.get(`/api/samples/link-targets?kind=${kind}&q=`);
      expect(res.statusCode, kind).toBe(403);
    }
    expect((await enforce.get('/api/samples/link-targets?kind=inspection&q=')).statusCode).toBe(200);
    const samples = (await enforce.get('/api/samples')).json().samples as { id: number }[];
    const tips = (await city.get('/api/tips?pageSize=1')).json().tips as { id: number }[];
    expect(samples.length, 'a sample the enforcement role can edit').toBeGreaterThan(0);
    expect(tips.length).toBeGreaterThan(0);
    const res = await enforce.send('POST', `/api/samples/${samples[0]!.id}/links`, { kind: 'tip', refId: tips[0]!.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('a first password is changed before anything else', () => {
  it('the server refuses every call but the password change, /me and logout until it is done', async () => {
    const created = await city.send('POST', '/api/users', { username: 'newclerk', displayName: '新文员', password: 'First2024pass', grants: [{ role: 'leader', orgUnitId: await unitId('卧龙区') }] });
    expect(created.statusCode).toBe(200);
    const clerk = await t.login('newclerk', 'First2024pass');
    expect((await clerk.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const blocked = await clerk.get('/api/tips');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toBe('must_change_password');
    expect(blocked.json().message).toBe('请先修改初始密码，然后才能使用系统');
    expect((await clerk.get('/api/%74ips')).statusCode).toBe(403);
    expect((await clerk.send('POST', '/api/auth/password', { currentPassword: 'First2024pass', newPassword: 'Second2024pass' })).statusCode).toBe(200);
    expect((await clerk.get('/api/tips')).statusCode).toBe(200);
  });
});

describe('an anonymous reporter’s photo', () => {
  it('loses its EXIF (GPS, an Artist with a phone number) on the server, and stays the right way up', async () => {
    // 40×20 pixels, stored sideways with EXIF orientation 6 (rotate 90° to show), a GPS point and the owner's phone
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#3070c0' } })
      .jpeg()
      .withExif({ IFD0: { Artist: '张三 13812345678', Copyright: '13812345678' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 59/1 55/1', GPSLongitudeRef: 'E', GPSLongitude: '112/1 31/1 41/1' } })
      .keepExif()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const raw = await sharp(photo).metadata();
    expect(raw.exif, 'the test photo does carry EXIF').toBeTruthy();
    expect(raw.exif!.toString('latin1')).toContain('13812345678');
    const formToken = await issueFormToken(t.database.db, Date.now() - 10_000);
    const sent = await t.app.inject({
      method: 'POST', url: '/api/public/tips', remoteAddress: '10.7.7.7', headers: { 'x-form-token': formToken, cookie: 'ws_client=exif' },
      payload: { content: '匿名举报：某小区地下室有井，附照片', address: '卧龙区某小区', website: '', photos: [{ fileName: 'IMG_0001.jpg', content: photo.toString('base64') }] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const tip = (await city.get(`/api/tips?q=${sent.json().trackingCode}`)).json().tips[0];
    const detail = (await city.get(`/api/tips/${tip.id}`)).json();
    const served = await city.get(`/api/photos/${detail.photos[0].id}`);
    expect(served.statusCode).toBe(200);
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect([meta.width, meta.height], 'the orientation was applied to the pixels').toEqual([20, 40]);
    expect(served.rawPayload.toString('latin1')).not.toContain('13812345678');
  });
});

describe('impossible dates and control characters', () => {
  it('answer 400 in Chinese naming the field, never 500', async () => {
    for (const url of ['/api/tips/summary?asOf=2024-02-30', '/api/survey/progress?asOf=2024-13-45', '/api/audit?from=2024-02-30']) {
      const res = await city.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(/不是有效的日期/);
    }
    for (const url of ['/api/tips?q=%00', '/api/wells?q=a%00b', '/api/cases?q=%00', '/api/samples/link-targets?kind=inspection&q=%00']) {
      const res = await city.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().message, url).toMatch(/搜索内容含有无法识别的控制字符/);
    }
    const wells = (await city.get('/api/wells?pageSize=1')).json().wells as { id: number; version: number }[];
    const step = await city.send('POST', `/api/wells/${wells[0]!.id}/transitions`, { event: 'verify', onDate: '2024-02-30', data: {}, version: wells[0]!.version });
    expect(step.statusCode).toBe(400);
    expect(step.json().message).toMatch(/不是有效的日期/);
  });
});

describe('links to records out of reach', () => {
  it('a tip’s 核查 may not name another district’s well, nor one that does not exist', async () => {
    const wolong = await t.login('wolong');
    const made = await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: new Date().toISOString(), content: '卧龙区某处有井（链接测试）', address: '卧龙区' });
    const assigned = (await city.send('POST', `/api/tips/${made.json().id}/transitions`, { event: 'assign', data: { districtId: await unitId('卧龙区') }, version: made.json().version })).json();
    const foreign = ((await city.get('/api/wells?q=示范区&pageSize=50')).json().wells as { id: number; district: string }[]).find((w) => w.district !== '卧龙区');
    const other = ((await city.get('/api/wells?pageSize=500')).json().wells as { id: number; district: string }[]).find((w) => w.district && w.district !== '卧龙区')!;
    for (const wellId of [foreign?.id ?? other.id, 99_999_999]) {
      const res = await wolong.send('POST', `/api/tips/${made.json().id}/transitions`, { event: 'investigate', data: { result: 'substantiated', evidence: '现场核实', wellId }, version: assigned.version });
      expect(res.statusCode, String(wellId)).toBe(404);
      expect(res.json().message).toBe('记录不存在或无权访问');
    }
  });

  it('a well may not link to another district’s card, nor to one that does not exist', async () => {
    const wolong = await t.login('wolong');
    const grid = await unitId('光彩社区第1网格');
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string; level: string; path: string }[];
    const wancheng = units.find((u) => u.name === '宛城区')!;
    let foreignCard: number | undefined;
    for (const g of units.filter((u) => u.level === 'grid' && u.path.startsWith(wancheng.path)).slice(0, 20)) {
      foreignCard = ((await city.get(`/api/survey/grids/${g.id}/cards`)).json().cards as { id: number }[] | undefined)?.[0]?.id;
      if (foreignCard) break;
    }
    expect(foreignCard, 'a card of 宛城区').toBeTruthy();
    for (const cardId of [foreignCard!, 99_999_999]) {
      const created = await wolong.send('POST', '/api/wells', { ownerName: '链接测试井', use: 'domestic', foundVia: 'tip', discoveredOn: '2024-02-01', orgUnitId: grid, cardId });
      expect(created.statusCode).toBe(404);
      expect(created.json().message).toBe('记录不存在或无权访问');
    }
  });
});

describe('headers a client may send', () => {
  it('X-Forwarded-For is ignored unless the connection comes from a named proxy', async () => {
    const attempt = (app: TestApp['app'], xff: string, from: string) =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gaoxin', password: `wrong-${xff}` }, remoteAddress: from, headers: { 'x-forwarded-for': xff } });
    // rotating the header does not make six clients out of one
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt(t.app, `203.0.113.${i}`, '10.1.1.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    // behind a configured proxy the header names the client
    const proxied = await buildApp({ db: t.database.db, engine: t.database.kind, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000', WELLSEAL_TRUSTED_PROXIES: '10.9.9.9' }) });
    try {
      const viaProxy: number[] = [];
      for (let i = 0; i < 6; i++) viaProxy.push((await attempt(proxied, `198.51.100.${i}`, '10.9.9.9')).statusCode);
      expect(viaProxy).toEqual([401, 401, 401, 401, 401, 401]);
    } finally {
      await proxied.close();
    }
    expect(() => readConfig({ WELLSEAL_TRUSTED_PROXIES: 'nginx' })).toThrow(/WELLSEAL_TRUSTED_PROXIES/);
  });

  it('sends HSTS only behind HTTPS (WELLSEAL_SECURE_COOKIES=true)', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/public/tips/form' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const secure = await buildApp({ db: t.database.db, engine: t.database.kind, config: readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_SECURE_COOKIES: 'true' }) });
    try {
      const res = await secure.inject({ method: 'GET', url: '/api/public/tips/form' });
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
    } finally {
      await secure.close();
    }
  });
});

describe('files and prints', () => {
  it('at start, photo files no row refers to and half-written ones are removed; recent ones and referenced ones stay', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { sweepOrphanFiles } = await import('../files/photo-store.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-sweep-'));
    const put = (key: string, ageMs: number) => {
      const f = path.join(dir, key);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, 'x');
      const at = new Date(Date.now() - ageMs);
      fs.utimesSync(f, at, at);
    };
    put('2024-06/kept.jpg', 5 * 3_600_000);
    put('2024-06/orphan.jpg', 5 * 3_600_000);
    put('2024-06/half.jpg.part', 5 * 3_600_000);
    put('2024-06/uploading.jpg', 60_000);
    put('utility/readings-in-progress.csv', 5 * 3_600_000);
    expect(sweepOrphanFiles(dir, new Set(['2024-06/kept.jpg']))).toBe(2);
    const left = fs.readdirSync(dir, { recursive: true }).map(String).filter((p) => /\.\w+$/.test(p)).sort();
    expect(left).toEqual(['2024-06/kept.jpg', '2024-06/uploading.jpg', 'utility/readings-in-progress.csv'].map((p) => p.split('/').join(path.sep)));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an issued bulletin is printed once for leaders opening it together, and no more than two prints run at once', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { issuedBulletinPdf, bulletinPdf } = await import('../features/bulletins/bulletins.html.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-print-'));
    const log = path.join(dir, 'log');
    // a stand-in for Chromium: notes when it starts and ends, and writes the PDF it is asked for
    const fake = path.join(dir, 'chromium');
    fs.writeFileSync(fake, `#!/bin/sh\necho start >> ${log}\nfor a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done\nsleep 0.3\nprintf '%%PDF-1.4 fake' > "$out"\necho end >> ${log}\n`, { mode: 0o755 });
    const content: BulletinContent = { seriesTitle: '工作简报', numberText: '第1期', office: ['市封停办'], dateText: '2024年6月23日', corrects: null, contents: [], blocks: [], distribution: { report: '', send: '' } };
    const same = await Promise.all(Array.from({ length: 4 }, () => issuedBulletinPdf('test-bulletin:1', content, fake)));
    expect(same.every((b) => b.toString().startsWith('%PDF'))).toBe(true);
    expect(fs.readFileSync(log, 'utf8').match(/start/g)).toHaveLength(1);
    fs.writeFileSync(log, '');
    await Promise.all(Array.from({ length: 5 }, () => bulletinPdf(content, fake)));
    let running = 0;
    let most = 0;
    for (const line of fs.readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
