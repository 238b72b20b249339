import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { PNG } from '../../../test-support/fixtures.js';
import { officeToday } from '../../clock.js';

let t: TestApp;
let city: Client;
let street: Client;
let grid01: Client;
let gridId = 0;
const card = (name: string) => ({ kind: 'household', name, address: '光彩路 1 号', waterSource: 'tap', tapAccounts: ['0101001'], surveyedOn: '2024-01-20', pledgeSigned: true, pledgeDate: '2024-01-20' });
const op = (body: Record<string, unknown>) => grid01.send('POST', '/api/field/ops', { opId: crypto.randomUUID(), ...body });
const cardsNamed = async (name: string) => ((await city.get(`/api/survey/grids/${gridId}/cards`)).json().cards as { id: number; name: string }[]).filter((c) => c.name === name);

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  street = await t.login('guangwu');
  grid01 = await t.login('grid01');
  const bundle = (await grid01.get('/api/field/bundle')).json();
  gridId = bundle.grids[0].gridId;
  if (bundle.grids[0].state === 'completed') await city.send('POST', `/api/survey/grids/${gridId}/reopen`, { reason: '外业测试' });
});
afterAll(() => t.close());

describe('the field bundle', () => {
  it('holds the grid worker’s own grid only, with its cards and versions, and the GPS accuracy setting', async () => {
    const res = await grid01.get('/api/field/bundle');
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.grids.map((g: { name: string }) => g.name)).toEqual(['光彩社区第1网格']);
    expect(b.truncated).toBe(false);
    expect(b.gpsAccuracyLimitM).toBe(50);
    expect(b.cards.length).toBeGreaterThan(0);
    expect(b.cards.every((c: { gridId: number; version: number }) => c.gridId === gridId && c.version >= 1)).toBe(true);
    // the street office's bundle holds 光彩社区第1网格 and its neighbours, nothing outside 光武街道
    const s = (await street.get('/api/field/bundle')).json();
    expect(s.grids.length).toBeGreaterThan(1);
    expect(s.grids.every((g: { parents: string[] }) => g.parents.includes('光武街道'))).toBe(true);
    // 待封井: wells still to be sealed, in the caller's scope
    const w = (await (await t.login('wolong')).get('/api/field/bundle')).json().wellsToSeal as { place: string[]; stage: string }[];
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((x) => x.place.includes('卧龙区') && x.stage !== 'accepted')).toBe(true);
  });
});

describe('定位精度上限', () => {
  it('is set by the city office only and reaches the bundle', async () => {
    expect((await street.send('PUT', '/api/field/settings', { gpsAccuracyLimitM: 30 })).statusCode).toBe(403);
    const district = await (await t.login('wolong')).send('PUT', '/api/field/settings', { gpsAccuracyLimitM: 30 });
    expect(district.statusCode).toBe(403);
    expect(district.json().message).toBe('只有市封停办可以修改定位精度上限');
    for (const [bad, msg] of [[2, '不能小于 5 米'], [1001, '不能大于 1000 米'], [12.5, '应为整数'], ['30', '应为数字']] as const) {
      const res = await city.send('PUT', '/api/field/settings', { gpsAccuracyLimitM: bad });
      expect(res.statusCode, `${bad}`).toBe(400);
      expect(res.json().message).toContain(msg);
    }
    expect((await grid01.get('/api/field/settings')).json()).toEqual({ gpsAccuracyLimitM: 50 });
    expect((await city.send('PUT', '/api/field/settings', { gpsAccuracyLimitM: 30 })).statusCode).toBe(200);
    expect((await grid01.get('/api/field/bundle')).json().gpsAccuracyLimitM).toBe(30);
    expect((await street.get('/api/field/settings')).json()).toEqual({ gpsAccuracyLimitM: 30 });
    const audit = await t.database.db.selectFrom('auditLog').select(['summary']).where('entityType', '=', 'setting').orderBy('id', 'desc').executeTakeFirst();
    expect(audit?.summary).toBe('定位精度上限 50 米 → 30 米');
    await city.send('PUT', '/api/field/settings', { gpsAccuracyLimitM: 50 });
  });
});

describe('queued operations are applied once', () => {
  it('a retried create, photo and edit write nothing the second time', async () => {
    const createId = crypto.randomUUID();
    const create = { opId: createId, kind: 'card.create', card: { ...card('外业重试户'), gridId } };
    const first = await grid01.send('POST', '/api/field/ops', create);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ replayed: false, card: { name: '外业重试户', version: 1 } });
    const again = await grid01.send('POST', '/api/field/ops', create);
    expect(again.json()).toMatchObject({ replayed: true, result: { cardId: first.json().result.cardId } });
    expect(await cardsNamed('外业重试户')).toHaveLength(1);

    // a photo of the card made offline names the card by its create's opId
    const photo = { opId: crypto.randomUUID(), kind: 'card.photo', card: { opId: createId }, fileName: '门头.png', content: PNG };
    const p1 = await grid01.send('POST', '/api/field/ops', photo);
    const p2 = await grid01.send('POST', '/api/field/ops', photo);
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p2.json()).toMatchObject({ replayed: true, result: { photoId: p1.json().result.photoId } });
    expect(p2.json().card.photos).toHaveLength(1);

    const edit = { opId: crypto.randomUUID(), kind: 'card.update', card: { opId: createId }, baseVersion: 1, data: { ...card('外业重试户'), persons: 4 } };
    const e1 = await grid01.send('POST', '/api/field/ops', edit);
    const e2 = await grid01.send('POST', '/api/field/ops', edit);
    expect(e1.json()).toMatchObject({ replayed: false, card: { version: 2, persons: 4 } });
    // the retry is not a conflict although version 1 is no longer current: it was applied already
    expect(e2.statusCode).toBe(200);
    expect(e2.json()).toMatchObject({ replayed: true, result: { version: 2 } });
    const versions = (await grid01.get(`/api/cards/${first.json().result.cardId}/versions`)).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('an edit sent back with the masked phone it was shown keeps the stored number', async () => {
    const made = (await op({ kind: 'card.create', card: { ...card('外业电话户'), contactPhone: '13800001111', gridId } })).json();
    expect(made.card.contactPhone).toBe('138****1111');
    const res = await op({ kind: 'card.update', card: { id: made.result.cardId }, baseVersion: 1, data: { ...card('外业电话户'), contactPhone: made.card.contactPhone, persons: 2 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().card).toMatchObject({ contactPhone: '138****1111', persons: 2 });
    const other = await op({ kind: 'card.update', card: { id: made.result.cardId }, baseVersion: 2, data: { ...card('外业电话户'), contactPhone: '139****0000' } });
    expect(other.statusCode).toBe(400);
  });

  it('racing duplicates of one create make one card', async () => {
    const create = { opId: crypto.randomUUID(), kind: 'card.create', card: { ...card('外业并发户'), gridId } };
    const answers = await Promise.all([1, 2, 3].map(() => grid01.send('POST', '/api/field/ops', create)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => !a.json().replayed)).toHaveLength(1);
    expect(await cardsNamed('外业并发户')).toHaveLength(1);
  });

  it('refuses another user’s operation id and a card outside the caller’s grids', async () => {
    const create = { opId: crypto.randomUUID(), kind: 'card.create', card: { ...card('外业他人户'), gridId } };
    expect((await grid01.send('POST', '/api/field/ops', create)).statusCode).toBe(200);
    const stolen = await street.send('POST', '/api/field/ops', create);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().message).toContain('操作编号');
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
    const other = units.find((u) => u.name === '光彩社区第2网格')!.id;
    const outside = await op({ kind: 'card.create', card: { ...card('外业越界户'), gridId: other } });
    expect(outside.statusCode).toBe(404);
    const notSynced = await op({ kind: 'card.photo', card: { opId: crypto.randomUUID() }, fileName: 'a.png', content: PNG });
    expect(notSynced.statusCode).toBe(400);
  });
});

describe('conflicts with the office', () => {
  async function conflicted(name: string) {
    const made = (await op({ kind: 'card.create', card: { ...card(name), gridId } })).json();
    const id = made.result.cardId as number;
    // the street office edits the card while the worker is offline
    const office = await street.send('PATCH', `/api/cards/${id}`, { ...card(name), remarks: '办公室修改', version: 1 });
    expect(office.statusCode, office.body).toBe(200);
    const mine = { ...card(name), persons: 5, remarks: '网格员离线修改' };
    const res = await op({ kind: 'card.update', card: { id }, baseVersion: 1, data: mine });
    return { id, mine, res };
  }

  it('answers 409 with both versions and changes nothing', async () => {
    const { id, mine, res } = await conflicted('外业冲突户一');
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.message).toContain('离线期间已被他人修改');
    expect(body.details).toMatchObject({ baseVersion: 1, current: { id, version: 2, remarks: '办公室修改' }, submitted: { persons: 5, remarks: mine.remarks } });
    expect((await city.get(`/api/cards/${id}`)).json()).toMatchObject({ version: 2, remarks: '办公室修改' });
  });

  it('保留我的: the worker’s version applies on top of the office’s, both in the history', async () => {
    const { id, mine } = await conflicted('外业冲突户二');
    const res = await op({ kind: 'card.update', card: { id }, baseVersion: 2, data: mine });
    expect(res.statusCode, res.body).toBe(200);
    expect((await city.get(`/api/cards/${id}`)).json()).toMatchObject({ version: 3, remarks: '网格员离线修改', persons: 5 });
    const versions = (await city.get(`/api/cards/${id}/versions`)).json().versions as { version: number; superseded: boolean; data: { remarks: string | null } }[];
    expect(versions.map((v) => [v.version, v.data.remarks, v.superseded])).toEqual([[3, '网格员离线修改', false], [2, '办公室修改', false], [1, null, false]]);
  });

  it('采用办公室的: the card keeps the office’s version and the worker’s stays in the history', async () => {
    const { id, mine } = await conflicted('外业冲突户三');
    const discard = { opId: crypto.randomUUID(), kind: 'card.discard', card: { id }, baseVersion: 1, officeVersion: 2, data: mine };
    expect((await grid01.send('POST', '/api/field/ops', discard)).statusCode).toBe(200);
    expect((await grid01.send('POST', '/api/field/ops', discard)).json().replayed).toBe(true);
    expect((await city.get(`/api/cards/${id}`)).json()).toMatchObject({ version: 2, remarks: '办公室修改' });
    const versions = (await city.get(`/api/cards/${id}/versions`)).json().versions as { version: number; superseded: boolean; changedBy: string; data: { remarks: string | null } }[];
    expect(versions.map((v) => [v.version, v.data.remarks, v.superseded])).toEqual([[2, '办公室修改', false], [2, '网格员离线修改', true], [1, null, false]]);
    expect(versions[1]!.changedBy).toContain('刘洋');
  });
});

// ---------------------------------------------------------------- sealing records, inspection notes, verification outcomes

describe('sealing records, inspection notes and verification outcomes', () => {
  type BundleWell = { id: number; code: string; version: number; next: string[]; place: string[] };
  let wolong: Client;
  let wancheng: Client;
  const today = officeToday();
  const sealData = { method: 'clay_backfill', contractor: '外业测试施工队', materials: '粘土' };
  const send = (c: Client, body: Record<string, unknown>) => c.send('POST', '/api/field/ops', { opId: crypto.randomUUID(), ...body });
  const auditOf = (entityType: string, entityId: number, action: string) =>
    t.database.db.selectFrom('auditLog').selectAll().where('entityType', '=', entityType).where('entityId', '=', String(entityId)).where('action', '=', action).execute();
  const used: number[] = [];
  /** a well of 卧龙区 still to seal, brought by the office to 接通替代水源 (the step before 封井); each test takes its own */
  async function sealable(): Promise<BundleWell> {
    const wells = (await wolong.get('/api/field/bundle')).json().wellsToSeal as BundleWell[];
    const w = wells.find((x) => (x.next.includes('serve_notice') || x.next.includes('connect_supply') || x.next.includes('seal')) && !used.includes(x.id));
    if (!w) throw new Error('演示数据中没有待封井');
    used.push(w.id);
    for (const [event, data] of [['serve_notice', { deadline: today }], ['connect_supply', {}]] as const) {
      const now = (await city.get(`/api/wells/${w.id}`)).json();
      if (!now.next.includes(event)) continue;
      const r = await city.send('POST', `/api/wells/${w.id}/transitions`, { event, onDate: today, data, version: now.version });
      expect(r.statusCode, r.body).toBe(200);
    }
    const ready = ((await wolong.get('/api/field/bundle')).json().wellsToSeal as BundleWell[]).find((x) => x.id === w.id)!;
    expect(ready.next).toContain('seal');
    return ready;
  }

  beforeAll(async () => {
    wolong = await t.login('wolong');
    wancheng = await t.login('wancheng');
  });

  it('the bundle holds wells with versions and next steps, inspections for inspectors and pending checks for verifiers only', async () => {
    const b = (await wolong.get('/api/field/bundle')).json();
    expect(b.canRecordWells).toBe(true);
    expect(b.wellsToSeal.every((w: BundleWell) => w.version >= 1 && Array.isArray(w.next))).toBe(true);
    expect(b.inspections.length).toBeGreaterThan(0);
    expect(b.inspections.every((i: { area: string[] }) => i.area.length === 0 || i.area.includes('卧龙区'))).toBe(true);
    const s = (await street.get('/api/field/bundle')).json();
    expect(s.inspections).toEqual([]); // 街道办 does not record inspections
    const g = (await grid01.get('/api/field/bundle')).json();
    expect(g).toMatchObject({ canRecordWells: false, inspections: [], checks: [] });
  });

  it('a retried sealing record and photo are written once, with the GPS of the record', async () => {
    const w = await sealable();
    const seal = { opId: crypto.randomUUID(), kind: 'well.transition', wellId: w.id, baseVersion: w.version, event: 'seal', onDate: today, data: sealData, gps: { lat: 32.99, lng: 112.53, accuracyM: 12 } };
    const a = await wolong.send('POST', '/api/field/ops', seal);
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ replayed: false, result: { wellId: w.id, version: w.version + 1 } });
    const b = await wolong.send('POST', '/api/field/ops', seal);
    expect(b.json()).toMatchObject({ replayed: true, result: { wellId: w.id, version: w.version + 1 } });
    const well = (await city.get(`/api/wells/${w.id}`)).json();
    expect(well.events.filter((e: { event: string }) => e.event === 'seal')).toHaveLength(1);
    expect(well).toMatchObject({ version: w.version + 1, stage: 'sealed' });
    const sync = await auditOf('well', w.id, 'field_sync');
    expect(sync).toHaveLength(1);
    expect(sync[0]!.summary).toContain('精度 ±12 米');

    const photo = { opId: crypto.randomUUID(), kind: 'well.photo', wellId: w.id, stage: 'after', gps: { lat: 32.99, lng: 112.53, accuracyM: 8 }, fileName: '封井后.png', content: PNG };
    const p1 = await wolong.send('POST', '/api/field/ops', photo);
    const p2 = await wolong.send('POST', '/api/field/ops', photo);
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p2.json()).toMatchObject({ replayed: true, result: { photoId: p1.json().result.photoId } });
    const photos = (await city.get(`/api/wells/${w.id}`)).json().photos as { id: number; stage: string; lat: number | null }[];
    expect(photos.filter((p) => p.id === p1.json().result.photoId)).toHaveLength(1);
    expect(photos.filter((p) => p.stage === 'after')).toHaveLength(1);
  });

  it('a sealed well stays in 待封井 awaiting acceptance (验收), takes its 封井后 photo and leaves once accepted', async () => {
    const w = await sealable();
    const sealed = await send(wolong, { kind: 'well.transition', wellId: w.id, baseVersion: w.version, event: 'seal', onDate: today, data: sealData });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const listed = ((await wolong.get('/api/field/bundle')).json().wellsToSeal as (BundleWell & { stage: string })[]).find((x) => x.id === w.id);
    expect(listed).toMatchObject({ stage: 'sealed', next: ['accept'], version: w.version + 1 });
    const photo = await send(wolong, { kind: 'well.photo', wellId: w.id, stage: 'after', gps: null, fileName: '验收.png', content: PNG });
    expect(photo.statusCode, photo.body).toBe(200);
    const accept = await send(wolong, { kind: 'well.transition', wellId: w.id, baseVersion: w.version + 1, event: 'accept', onDate: today, data: { acceptedBy: '区水利局', conclusion: '封填密实，合格' } });
    expect(accept.statusCode, accept.body).toBe(200);
    const after = (await city.get(`/api/wells/${w.id}`)).json();
    expect(after.stage).toBe('accepted');
    expect(after.photos.filter((p: { stage: string }) => p.stage === 'after')).toHaveLength(1);
    expect(((await wolong.get('/api/field/bundle')).json().wellsToSeal as BundleWell[]).some((x) => x.id === w.id)).toBe(false);
  });

  it('a sealing record on a well the office changed meanwhile answers 409 with both states; dropped, it stays in the audit log', async () => {
    const w = await sealable();
    const detail = (await city.get(`/api/wells/${w.id}`)).json();
    const office = await city.send('PATCH', `/api/wells/${w.id}`, { ...detail, remarks: '办公室修改', version: detail.version });
    expect(office.statusCode, office.body).toBe(200);
    const mine = { kind: 'well.transition', wellId: w.id, baseVersion: w.version, event: 'seal', onDate: today, data: sealData, gps: null };
    const res = await send(wolong, mine);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('离线期间已被他人修改');
    expect(res.json().details).toMatchObject({ target: 'well', baseVersion: w.version, current: { id: w.id, version: w.version + 1 }, submitted: { 步骤: '封井', 施工单位: '外业测试施工队' } });
    expect((await city.get(`/api/wells/${w.id}`)).json().stage).not.toBe('sealed');

    const drop = { opId: crypto.randomUUID(), kind: 'record.discard', target: 'well', targetId: w.id, baseVersion: w.version, officeVersion: w.version + 1, data: res.json().details.submitted };
    expect((await wolong.send('POST', '/api/field/ops', drop)).statusCode).toBe(200);
    expect((await wolong.send('POST', '/api/field/ops', drop)).json().replayed).toBe(true);
    const dropped = await auditOf('well', w.id, 'field_discard');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.before).toMatchObject({ baseVersion: w.version, 步骤: '封井' });

    // re-applied on the current version instead (重新提交), the step is recorded
    const again = await send(wolong, { ...mine, baseVersion: w.version + 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect((await city.get(`/api/wells/${w.id}`)).json().stage).toBe('sealed');
  });

  it('an inspection note is written once; a stale one answers 409 with both notes', async () => {
    const insp = (await wolong.get('/api/field/bundle')).json().inspections[0] as { id: number; version: number; narrative: string };
    const note = { opId: crypto.randomUUID(), kind: 'inspection.note', inspectionId: insp.id, baseVersion: insp.version, narrative: `${insp.narrative}\n外业补充：现场复核已封井。` };
    const a = await wolong.send('POST', '/api/field/ops', note);
    const b = await wolong.send('POST', '/api/field/ops', note);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.json()).toMatchObject({ replayed: true, result: { inspectionId: insp.id, version: insp.version + 1 } });
    const now = (await city.get(`/api/inspections/${insp.id}`)).json();
    expect(now).toMatchObject({ version: insp.version + 1 });
    expect(now.narrative.match(/外业补充/g)).toHaveLength(1);
    const photo = { opId: crypto.randomUUID(), kind: 'inspection.photo', inspectionId: insp.id, fileName: '现场.png', content: PNG };
    const p1 = await wolong.send('POST', '/api/field/ops', photo);
    expect(p1.statusCode, p1.body).toBe(200);
    expect((await wolong.send('POST', '/api/field/ops', photo)).json().replayed).toBe(true);
    expect((await city.get(`/api/inspections/${insp.id}`)).json().photos.filter((p: { id: number }) => p.id === p1.json().result.photoId)).toHaveLength(1);

    const stale = await send(wolong, { kind: 'inspection.note', inspectionId: insp.id, baseVersion: insp.version, narrative: '另一条离线记录' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ target: 'inspection', current: { version: insp.version + 1 }, submitted: { 核查记录: '另一条离线记录' } });
    expect(stale.json().details.current.fields.核查记录).toContain('外业补充');
  });

  it('a verification outcome is written once; a stale one answers 409', async () => {
    const db = t.database.db;
    const wolongUnit = await db.selectFrom('orgUnits').select(['id', 'path']).where('name', '=', '卧龙区').executeTakeFirstOrThrow();
    const run = await db.insertInto('suspectRuns').values({ asOf: '2023-11', weights: JSON.stringify({}), accounts: 1, flagged: 1, createdBy: null }).returning('id').executeTakeFirstOrThrow();
    const batch = await db.insertInto('suspectBatches').values({ number: 901, runId: run.id, topN: 1, controlShare: 0, dueOn: null, createdBy: null }).returning('id').executeTakeFirstOrThrow();
    const account = await db.insertInto('utilityAccounts').values({ accountNo: 'F0001', name: '外业核查户', address: '卧龙路 9 号', category: '居民', industry: null, households: 1, persons: 3, beds: null, areaM2: null, gridId: null, cardId: null, matchedBy: null, orgPath: wolongUnit.path, supplierPath: wolongUnit.path }).returning('id').executeTakeFirstOrThrow();
    const check = await db.insertInto('suspectChecks').values({ batchId: batch.id, accountId: account.id, rank: 1, score: 0.9, features: JSON.stringify({}), reasons: ['用水量骤降'], inControl: false, orgPath: wolongUnit.path, outcome: null, wellId: null, note: null, checkedOn: null, checkedBy: null }).returning('id').executeTakeFirstOrThrow();

    const item = ((await wolong.get('/api/field/bundle')).json().checks as { id: number; version: number; accountNo: string }[]).find((c) => c.id === check.id);
    expect(item).toMatchObject({ accountNo: 'F0001', version: 1 });
    expect((await wancheng.get('/api/field/bundle')).json().checks.some((c: { id: number }) => c.id === check.id)).toBe(false);
    const outcome = { opId: crypto.randomUUID(), kind: 'check.outcome', checkId: check.id, baseVersion: 1, outcome: 'normal', checkedOn: today, note: '入户查看，仅用自来水' };
    const a = await wolong.send('POST', '/api/field/ops', outcome);
    const b = await wolong.send('POST', '/api/field/ops', outcome);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.json()).toMatchObject({ replayed: true, result: { checkId: check.id, version: 2 } });
    expect(await auditOf('suspect_check', check.id, 'verify')).toHaveLength(1);
    expect(await db.selectFrom('suspectChecks').select(['outcome', 'version', 'note']).where('id', '=', check.id).executeTakeFirst()).toEqual({ outcome: 'normal', version: 2, note: '入户查看，仅用自来水' });

    const stale = await send(wolong, { kind: 'check.outcome', checkId: check.id, baseVersion: 1, outcome: 'no_access', checkedOn: today });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ target: 'check', current: { version: 2, fields: { 核查结果: '用水正常' } }, submitted: { 核查结果: '无法入户' } });
    // a sibling district's check is not there for 宛城区
    expect((await send(wancheng, { kind: 'check.outcome', checkId: check.id, baseVersion: 2, outcome: 'no_access', checkedOn: today })).statusCode).toBe(404);
  });

  it('a sibling district’s well or inspection is not found; roles without the capability are refused', async () => {
    const w = await sealable();
    const insp = (await wolong.get('/api/field/bundle')).json().inspections[0] as { id: number; version: number };
    expect((await send(wancheng, { kind: 'well.transition', wellId: w.id, baseVersion: w.version, event: 'seal', onDate: today, data: sealData })).statusCode).toBe(404);
    expect((await send(wancheng, { kind: 'well.photo', wellId: w.id, fileName: 'a.png', content: PNG })).statusCode).toBe(404);
    expect((await send(wancheng, { kind: 'inspection.note', inspectionId: insp.id, baseVersion: insp.version, narrative: '越界' })).statusCode).toBe(404);
    expect((await send(wancheng, { kind: 'record.discard', target: 'well', targetId: w.id, baseVersion: 1, officeVersion: 1, data: {} })).statusCode).toBe(404);
    // 网格员 may not record sealing steps; 街道办 may not write inspection notes
    expect((await send(grid01, { kind: 'well.transition', wellId: w.id, baseVersion: w.version, event: 'seal', onDate: today, data: sealData })).statusCode).toBe(403);
    expect((await send(street, { kind: 'inspection.note', inspectionId: insp.id, baseVersion: insp.version, narrative: '无权' })).statusCode).toBe(403);
    expect((await city.get(`/api/wells/${w.id}`)).json().version).toBe(w.version);
  });
});

describe('the audit log masks phones', () => {
  it('a discarded field version (采用办公室的) is logged with masked phone numbers', async () => {
    const made = (await op({ kind: 'card.create', card: { ...card('外业脱敏户'), contactPhone: '13800002222', gridId } })).json();
    const id = made.result.cardId as number;
    expect((await street.send('PATCH', `/api/cards/${id}`, { ...card('外业脱敏户'), contactPhone: '13800002222', remarks: '办公室修改', version: 1 })).statusCode).toBe(200);
    const discard = { opId: crypto.randomUUID(), kind: 'card.discard', card: { id }, baseVersion: 1, officeVersion: 2, data: { ...card('外业脱敏户'), contactPhone: '13900003333' } };
    expect((await grid01.send('POST', '/api/field/ops', discard)).statusCode).toBe(200);
    const rows = await t.database.db.selectFrom('auditLog').select(['before', 'after']).where('action', '=', 'field_discard').where('entityId', '=', String(id)).execute();
    expect(rows).toHaveLength(1);
    const text = JSON.stringify(rows[0]);
    expect(text).not.toContain('13900003333');
    expect(text).not.toContain('13800002222');
    expect(rows[0]).toMatchObject({ before: { contactPhone: '139****3333' }, after: { contactPhone: '138****2222' } });
  });
});
