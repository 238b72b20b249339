/**
 * Hostile input through the real app: SQL-injection, XSS and spreadsheet-formula payloads in every
 * write route and in the sheet imports (stored verbatim or refused in Chinese, the database intact),
 * the exports and the bulletin DOCX/HTML they end up in, oversized and disguised uploads, file names
 * that try to leave the photo store, and the security headers on pages, API answers and files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { readConfig } from '../../config.js';
import type { Database } from '../../db/engine.js';
import { DEMO_PASSWORD } from '../../demo/demo-users.js';
import { writeXlsx } from '../../files/sheet.js';
import { loginAs, type Client, type Res } from '../../../test-support/app.js';
import { demoDatabase } from '../../../test-support/db.js';
import { PNG } from '../../../test-support/fixtures.js';
import { pngHeader, xlsxBomb } from '../../../test-support/hostile-files.js';

const PAYLOADS = ["'; drop table cards;--", '<img src=x onerror=alert(1)>', "=CMD|' /C calc'!A0", '@SUM(1+1)', '+1+1', '-1+1'];
const FORMULA = /^[=+\-@]/;
const chinese = (r: Res) => /[\u4e00-\u9fff]/.test(String(r.json().message));
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-safety-'));
const filesDir = path.join(tmp, 'store', 'files');
const webDir = path.join(tmp, 'web');
let app: FastifyInstance;
let database: Database;
let city: Client;
let openapi: Json;
const units: Record<string, number> = {};

beforeAll(async () => {
  fs.mkdirSync(webDir, { recursive: true });
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
  database = await demoDatabase();
  const config = readConfig({ WELLSEAL_LOG_LEVEL: 'silent', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000', WELLSEAL_DATA: path.join(tmp, 'store'), WELLSEAL_FILES: filesDir });
  app = await buildApp({ db: database.db, config, engine: database.kind, webDir });
  city = await loginAs(app, 'city', DEMO_PASSWORD);
  openapi = (await city.get('/api/openapi.json')).json();
  for (const u of (await city.get('/api/org/units')).json().units as { id: number; name: string }[]) units[u.name] = u.id;
  // a grid surveyed again, so that cards can be added to it
  await city.send('POST', `/api/survey/grids/${units['光彩社区第2网格']}/reopen`, { reason: '输入安全测试' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function intactCounts(): Promise<number[]> {
  const n = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(database.db)).rows[0]!.n);
  return Promise.all([
    n(sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema()`),
    n(sql<{ n: number }>`select count(*) as n from user_cards`),
    n(sql<{ n: number }>`select count(*) as n from users`),
    n(sql<{ n: number }>`select count(*) as n from org_units`),
  ]);
}

// ---------------------------------------------------------------- schemas → bodies

type Schema = { type?: string | string[]; enum?: unknown[]; const?: unknown; pattern?: string; format?: string; minLength?: number; maxLength?: number; minimum?: number; maximum?: number; minItems?: number; items?: Schema; properties?: Record<string, Schema>; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

const bodySchema = (method: string, route: string): Schema | undefined =>
  openapi.paths[route.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;

/** A free-text field: a string with no enum, pattern or format (those refuse a payload by design). */
const freeText = (s: Schema | undefined): boolean => !!s && (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) && !s.enum && !s.pattern && !s.format && s.const === undefined;

/** A value for `s` with every free-text string set to `text` (dates, enums and numbers made valid). */
function fill(s: Schema, text: string): unknown {
  const alt = s.anyOf ?? s.oneOf ?? s.allOf;
  if (alt?.length) return fill(alt.find((a) => a.type !== 'null') ?? alt[0]!, text);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return '2024-01-10T09:00:00+08:00';
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2024-01-10';
      if (s.pattern?.includes('\\d{4}-\\d{2}')) return '2024-01';
      return text.padEnd(s.minLength ?? 0, '字').slice(0, s.maxLength ?? Infinity);
    case 'integer':
    case 'number':
      return Math.min(Math.max(1, s.minimum ?? 1), s.maximum ?? Infinity);
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => fill(s.items ?? { type: 'string' }, text));
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fill(v, text)]));
    default:
      return text;
  }
}

function hasFreeText(s: Schema | undefined): boolean {
  if (!s) return false;
  if (freeText(s)) return true;
  return [...Object.values(s.properties ?? {}), ...(s.items ? [s.items] : []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(hasFreeText);
}

// ---------------------------------------------------------------- the main records

type Record_ = { name: string; create: string; base: () => Json; detail: (id: number) => string };
const RECORDS: Record_[] = [
  { name: '一户一卡', create: '/api/cards', base: () => ({ kind: 'shop', name: '门店', waterSource: 'tap', tapAccounts: ['9990002'], surveyedOn: '2024-01-20', gridId: units['光彩社区第2网格'] }), detail: (id) => `/api/cards/${id}` },
  { name: '自备井', create: '/api/wells', base: () => ({ ownerName: '井', use: 'domestic', foundVia: 'inspection', discoveredOn: '2024-01-10', orgUnitId: units['光彩社区第2网格'] }), detail: (id) => `/api/wells/${id}` },
  { name: '举报线索', create: '/api/tips', base: () => ({ channel: 'hotline', receivedAt: '2024-01-08T09:00:00+08:00', content: '某处有井' }), detail: (id) => `/api/tips/${id}` },
  {
    name: '督导检查', create: '/api/inspections', detail: (id) => `/api/inspections/${id}`,
    base: () => ({ onDate: '2024-01-10', kind: 'site_check', title: '督导', leaders: [{ name: '督导组', title: '' }], areaUnitId: units['光武街道'], targets: [{ kind: 'address', label: '某小区' }] }),
  },
  { name: '问题整改', create: '/api/findings', base: () => ({ foundOn: '2024-01-10', unitId: units['光武街道'], category: 'not_thorough', description: '排查不彻底的问题' }), detail: (id) => `/api/findings/${id}` },
  { name: '执法案件', create: '/api/cases', base: () => ({ filedOn: '2024-03-01', unitId: units['卧龙区'], partyName: '甲', violation: 'other', violationOther: '其他' }), detail: (id) => `/api/cases/${id}` },
  { name: '水样', create: '/api/samples', base: () => ({ sampledOn: '2024-01-10', unitId: units['光武街道'], address: '某点', point: 'tap', labResults: { totalHardness: 300 } }), detail: (id) => `/api/samples/${id}` },
  { name: '水源置换项目', create: '/api/switch/projects', base: () => ({ name: '管网改造', unitId: units['光武街道'] }), detail: (id) => `/api/switch/projects/${id}` },
  { name: '地温空调项目', create: '/api/heatpump/projects', base: () => ({ name: '地温空调', orgUnitId: units['光武街道'] }), detail: (id) => `/api/heatpump/projects/${id}` },
];

/** The record's free-text fields, from its route's schema (a new field is covered without editing this test). */
function textFields(route: string): { name: string; array: boolean }[] {
  const props = bodySchema('POST', route)?.properties ?? {};
  return Object.entries(props).flatMap(([name, s]): { name: string; array: boolean }[] =>
    freeText(s) ? [{ name, array: false }] : s.type === 'array' && freeText(s.items) ? [{ name, array: true }] : []);
}

/** Masked for privacy in answers: phone and ID numbers are not compared. */
const MASKED = /phone|idno|idcard|contact/i;

function contains(detail: Json, field: string, payload: string): boolean {
  const v = detail[field];
  if (v === undefined) return JSON.stringify(detail).includes(JSON.stringify(payload).slice(1, -1));
  return Array.isArray(v) ? v.includes(payload) : v === payload;
}

describe('payloads in every text field of the main records', () => {
  it('stores them verbatim (or refuses in Chinese) and leaves the database intact', async () => {
    const before = await intactCounts();
    let stored = 0;
    for (const r of RECORDS) {
      const fields = textFields(r.create);
      expect(fields.length, r.name).toBeGreaterThan(0);
      for (const p of PAYLOADS) {
        const all = { ...r.base(), ...Object.fromEntries(fields.map((f) => [f.name, f.array ? [p] : p])) };
        let res = await city.send('POST', r.create, all);
        if (res.statusCode === 400) {
          // a field that refuses the payload (a number-like code, a phone) must say so in Chinese; the others are sent one by one
          expect(chinese(res), `${r.name} ${res.body}`).toBe(true);
          for (const f of fields) {
            const one = await city.send('POST', r.create, { ...r.base(), [f.name]: f.array ? [p] : p });
            if (one.statusCode === 400) expect(chinese(one), `${r.name}.${f.name} ${one.body}`).toBe(true);
            else {
              expect(one.statusCode, `${r.name}.${f.name} ${one.body}`).toBe(200);
              const detail = (await city.get(r.detail(one.json().id))).json();
              if (!MASKED.test(f.name)) expect(contains(detail, f.name, p), `${r.name}.${f.name} = ${p}`).toBe(true);
              stored++;
            }
          }
          continue;
        }
        expect(res.statusCode, `${r.name} ${res.body}`).toBe(200);
        res = await city.get(r.detail(res.json().id));
        for (const f of fields) if (!MASKED.test(f.name)) expect(contains(res.json(), f.name, p), `${r.name}.${f.name} = ${p}`).toBe(true);
        stored++;
      }
    }
    expect(stored).toBeGreaterThan(RECORDS.length * PAYLOADS.length * 0.8);
    const after = await intactCounts();
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]!);
    expect(after.slice(2)).toEqual(before.slice(2));
  });

  it('lists them as plain text too (search with a payload finds the record)', async () => {
    const res = await city.get(`/api/wells?q=${encodeURIComponent("'; drop table cards;--")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBeGreaterThan(0);
    // LIKE wildcards in a search are literal: unescaped, these would match every record
    for (const list of ['/api/wells', '/api/tips', '/api/cases', '/api/samples', '/api/switch/projects', '/api/heatpump/projects', '/api/findings', '/api/inspections', '/api/articles']) {
      for (const q of ['%%', '_%_%_']) {
        const found = await city.get(`${list}?q=${encodeURIComponent(q)}`);
        expect(found.statusCode, `${list} ${found.body}`).toBe(200);
        const body = found.json();
        const rows = Object.values(body).find(Array.isArray) as unknown[];
        expect(body.total ?? rows.length, `${list}?q=${q}`).toBe(0);
      }
    }
  });
});

describe('every write route, generated from the route table', () => {
  it('answers a payload in each text field without a server error, in Chinese when refused', async () => {
    const before = await intactCounts();
    // these act on the caller's own session and credentials, or start a background job that outlives the test
    const skip = /^\/api\/auth\/|\/password$|^\/api\/personal-info\/|^\/api\/suspects\/runs$/;
    const routes = Object.entries(openapi.paths as Record<string, Record<string, Json>>).flatMap(([p, ms]) =>
      Object.keys(ms).filter((m) => ['post', 'put', 'patch'].includes(m)).map((m) => ({ method: m.toUpperCase() as 'POST' | 'PUT' | 'PATCH', path: p })));
    const walked: string[] = [];
    for (const r of routes) {
      const schema = bodySchema(r.method, r.path);
      if (skip.test(r.path) || !hasFreeText(schema)) continue;
      for (const p of [PAYLOADS[0]!, PAYLOADS[1]!, PAYLOADS[2]!]) {
        // a record that does not exist: the body is still checked first, and nothing else is touched
        const res = await city.send(r.method, r.path.replace(/\{\w+\}/g, '999999'), fill(schema!, p));
        expect(res.statusCode, `${r.method} ${r.path}: ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(chinese(res), `${r.method} ${r.path}: ${res.body}`).toBe(true);
      }
      walked.push(`${r.method} ${r.path}`);
    }
    expect(walked.length).toBeGreaterThan(40);
    const after = await intactCounts();
    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[3]).toBe(before[3]);
  });
});

// ---------------------------------------------------------------- imports and exports

async function xlsxCells(data: Buffer): Promise<ExcelJS.Cell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void cells.push(c)));
  return cells;
}

/** Each payload is in the file exactly, with no formula cell, and formula-like text is Text-formatted. */
async function expectSafeExport(data: Buffer, payloads: string[]): Promise<void> {
  const cells = await xlsxCells(data);
  expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toEqual([]);
  for (const p of payloads) {
    const hits = cells.filter((c) => c.value === p);
    expect(hits.length, p).toBeGreaterThan(0);
    if (FORMULA.test(p)) for (const c of hits) expect(c.numFmt, p).toBe('@');
  }
}

describe('payloads in import columns', () => {
  it('imports wells with payload owners verbatim and exports them defused', async () => {
    const header = ['井编号', '区', '街道', '社区', '网格编号', '权属单位', '用途', '处置方式', '发现日期', '任务批次', '完成日期'];
    const rows = PAYLOADS.map((p, i) => [`IS-${i}`, '卧龙区', '光武街道', '光彩社区', '', p, '生活', '应封停', '2024-03-01', '', '']);
    const res = await city.send('POST', '/api/wells/import', { fileName: 'w.csv', content: b64(stringify([header, ...rows])) });
    expect(res.statusCode, res.body).toBe(200);
    for (const [i, p] of PAYLOADS.entries()) {
      const list = (await city.get(`/api/wells?q=IS-${i}`)).json();
      expect(list.wells.map((w: Json) => w.ownerName), p).toContain(p);
    }
    await expectSafeExport((await city.get('/api/wells/export')).rawPayload, PAYLOADS);
  });

  it('imports a card sheet (xlsx) with payload names verbatim', async () => {
    const header = ['网格编号', '类别', '名称', '水源', '自来水户号', '排查人', '排查日期', '承诺书签字'];
    const grid = (await city.get(`/api/org/units/${units['光彩社区第2网格']}`)).json().code;
    const rows = PAYLOADS.map((p, i) => [grid, '沿街门店', p, '自来水', `77700${i}`, p, '2024-01-20', '是']);
    const res = await city.send('POST', '/api/survey/import/cards', { fileName: 'k.xlsx', content: b64(await writeXlsx('卡', header, rows)) });
    expect(res.statusCode, res.body).toBe(200);
    const cards = (await city.get(`/api/survey/grids/${units['光彩社区第2网格']}/cards`)).json().cards.map((c: Json) => c.name);
    for (const p of PAYLOADS) expect(cards).toContain(p);
    await expectSafeExport((await city.get(`/api/survey/cards/export?unitId=${units['光彩社区第2网格']}`)).rawPayload, PAYLOADS);
  });

  it('imports cases and samples with payload text verbatim and exports them defused', async () => {
    const caseHeader = ['案件编号', '立案日期', '区', '当事人', '违法类型', '法律依据', '罚款金额', '状态', '结案日期'];
    const caseRows = PAYLOADS.map((p, i) => [`宛水罚〔2022〕${80 + i}号`, '2022-05-06', '卧龙区', p, '拒不配合', '', '', '调查', '']);
    const cases = await city.send('POST', '/api/cases/import', { fileName: 'c.xlsx', content: b64(await writeXlsx('案件', caseHeader, caseRows)) });
    expect(cases.statusCode, cases.body).toBe(200);
    await expectSafeExport((await city.get('/api/cases/export')).rawPayload, PAYLOADS);

    const sampleHeader = ['样品编号', '采样日期', '区', '单位/社区', '地址', '采样点', '余氯', '总硬度'];
    const sampleRows = PAYLOADS.map((p, i) => [`SY-20240306-0${i + 1}`, '2024-03-06', '卧龙区', '', p, '水龙头', '无', '300']);
    const samples = await city.send('POST', '/api/samples/import', { fileName: 's.csv', content: b64(stringify([sampleHeader, ...sampleRows])) });
    expect(samples.statusCode, samples.body).toBe(200);
    await expectSafeExport((await city.get('/api/samples/export')).rawPayload, PAYLOADS);
  });

  it('refuses malformed sheets in Chinese', async () => {
    for (const [fileName, content] of [['x.xlsx', b64('这不是表格')], ['x.xlsx', PNG], ['x.csv', b64('a,b\n"x,y\n')], ['../../etc/passwd', b64('x')], ['bomb.xlsx', b64(xlsxBomb(1024))]] as const) {
      const res = await city.send('POST', '/api/wells/import', { fileName, content });
      expect(res.statusCode, fileName).toBe(400);
      expect(chinese(res)).toBe(true);
    }
  });
});

describe('the bulletin as DOCX and HTML', () => {
  it('writes payload text as text, never as markup', async () => {
    const series = (await city.get('/api/bulletins/series')).json().series.find((x: Json) => x.name === '工作简报');
    const inject = '简报</w:t></w:r><w:r><w:t>注入<img src=x onerror=alert(1)>';
    const put = await city.send('PUT', `/api/bulletins/series/${series.id}`, { title: inject, office: `办公室<script>alert(1)</script>`, reportLine: '报：<b>x</b>', sendLine: "发：'; drop table bulletins;--" });
    expect(put.statusCode, put.body).toBe(200);
    const draft = (await city.send('POST', '/api/bulletins', { seriesId: series.id, issuedOn: '2024-07-01', asOf: '2024-06-30', sections: [] })).json();
    const docx = await city.get(`/api/bulletins/${draft.id}/render?format=docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('简报&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;注入&lt;img src=x onerror=alert(1)&gt;');
    expect(xml).not.toContain('<w:t>注入');
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    const html = await city.get(`/api/bulletins/${draft.id}/render?format=html`);
    expect(html.body).not.toMatch(/<img src=x|<script>|<b>x/);
    expect(html.body).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(String(html.headers['content-security-policy'])).toContain("default-src 'none'");
    // the preview alone may be framed, by the app's own page
    expect(html.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(html.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
  });
});

// ---------------------------------------------------------------- uploads

function filesUnder(root: string): string[] {
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('uploads', () => {
  let card = 0;
  beforeAll(async () => {
    card = (await city.send('POST', '/api/cards', { kind: 'shop', name: '上传测试门店', waterSource: 'tap', tapAccounts: ['9990001'], surveyedOn: '2024-01-20', gridId: units['光彩社区第2网格'] })).json().id;
    expect(card).toBeGreaterThan(0);
  });

  it('answers an oversized body with 413 in Chinese', async () => {
    const photo = await city.send('POST', `/api/cards/${card}/photos`, { fileName: 'big.jpg', content: 'A'.repeat(13 * 1024 * 1024) });
    expect(photo.statusCode).toBe(413);
    expect(photo.json().message).toBe('提交的内容过大');
    const tip = await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-01-08T09:00:00+08:00', content: '井'.repeat(1024 * 1024) });
    expect(tip.statusCode).toBe(413);
    expect(chinese(tip)).toBe(true);
    const geo = await city.send('POST', '/api/map/boundaries/import', { fileName: 'b.geojson', content: 'A'.repeat(31 * 1024 * 1024) });
    expect(geo.statusCode).toBe(413);
  });

  it('refuses disguised and oversized pictures in Chinese, and writes nothing', async () => {
    const before = fs.existsSync(filesDir) ? filesUnder(filesDir) : [];
    const exe = b64(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]));
    const pdf = b64('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    for (const [fileName, content] of [['setup.jpg', exe], ['scan.png', pdf], ['a.webp', b64('plain text')], ['flood.png', b64(pngHeader(50_000, 50_000))]]) {
      const res = await city.send('POST', `/api/cards/${card}/photos`, { fileName, content });
      expect(res.statusCode, fileName).toBe(400);
      expect(chinese(res)).toBe(true);
    }
    expect(fs.existsSync(filesDir) ? filesUnder(filesDir) : []).toEqual(before);
  });

  it('keeps a hostile file name out of the path, and serves the photo with safe headers', async () => {
    const res = await city.send('POST', `/api/cards/${card}/photos`, { fileName: '../../../etc/passwd<img src=x>.jpg', content: PNG });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().fileName).toBe('passwd<img src=x>.jpg');
    const back = await city.send('POST', `/api/cards/${card}/photos`, { fileName: '..\\..\\x\u0000.png', content: PNG });
    expect(back.json().fileName).toBe('x_.png');
    // everything written is inside the photo store, under a generated name
    const all = filesUnder(tmp).filter((f) => !f.startsWith(webDir));
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const f of all) expect(f.startsWith(filesDir + path.sep), f).toBe(true);
    const photo = await city.get(`/api/photos/${res.json().id}`);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(String(photo.headers['content-disposition'])).toBe(`inline; filename*=UTF-8''${encodeURIComponent('passwd<img src=x>.jpg')}`);
    expect(String(photo.headers['content-disposition'])).not.toMatch(/[<>"\\/]/);
  });

  it('stores a raw readings upload under its own name and fails a malformed one in Chinese', async () => {
    const res = await app.inject({
      method: 'POST', url: `/api/utility/imports/readings?fileName=${encodeURIComponent('../../../evil.xlsx')}`,
      headers: { cookie: city.cookie, 'x-csrf-token': city.csrf, 'content-type': 'application/octet-stream' }, payload: Buffer.from('这不是表格'),
    });
    expect(res.statusCode, res.body).toBe(200);
    let imp = res.json();
    for (let i = 0; i < 100 && imp.state === 'loading'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      imp = (await city.get(`/api/utility/imports/${imp.id}`)).json();
    }
    expect(imp.state).toBe('failed');
    expect(imp.message).toBe('无法读取 Excel 文件，请确认是 .xlsx 格式');
    for (const f of filesUnder(tmp).filter((x) => !x.startsWith(webDir))) expect(f.startsWith(filesDir + path.sep), f).toBe(true);
    const exe = await app.inject({
      method: 'POST', url: '/api/utility/imports/readings?fileName=x.exe',
      headers: { cookie: city.cookie, 'x-csrf-token': city.csrf, 'content-type': 'application/octet-stream' }, payload: Buffer.from('MZ'),
    });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses malformed boundary GeoJSON in Chinese', async () => {
    for (const text of ['{"type":', '[]', '{"type":"FeatureCollection","features":"x"}', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"<img src=x>"},"geometry":{"type":"Polygon","coordinates":[[["a"]]]}}]}']) {
      const res = await city.send('POST', '/api/map/boundaries/import', { fileName: 'b.geojson', content: b64(text) });
      expect([400, 422], `${text}: ${res.body}`).toContain(res.statusCode);
      expect(chinese(res)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------- headers

describe('security headers', () => {
  const check = (headers: Record<string, unknown>, what: string) => {
    const csp = String(headers['content-security-policy']);
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive('frame-ancestors'), what).toBe("frame-ancestors 'none'");
    const scripts = directive('script-src') ?? directive('default-src');
    expect(scripts, what).toBeDefined();
    expect(scripts, what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directive('worker-src'), what).toBe("worker-src 'self'");
    expect(directive('object-src'), what).toBe("object-src 'none'");
    expect(headers['x-frame-options'], what).toBe('DENY');
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['referrer-policy'], what).toBe('no-referrer');
  };

  it('sends them on pages, API answers, errors and files', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    check(page.headers, 'page');
    const spa = await app.inject({ method: 'GET', url: '/wells/1' });
    check(spa.headers, 'app route');
    check((await city.get('/api/wells?pageSize=1')).headers, 'api');
    check((await app.inject({ method: 'GET', url: '/api/wells' })).headers, '401');
    check((await city.get('/api/wells/export')).headers, 'export');
  });
});
