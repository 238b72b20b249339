/**
 * Browser tests of the field app (外业模式) in Chromium with offline emulation: a grid worker
 * works with no signal, reloads the page offline (the service worker serves the app, IndexedDB the
 * data), and everything reaches the server exactly once when the signal returns; a conflict with
 * the office ends with both versions kept and the worker's choice applied; a sync killed mid-way
 * and retried duplicates nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { engine, login as loginPage, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const PHONE = { width: 390, height: 844 };

type Card = { id: number; name: string; version: number; contactPhone: string | null; remarks: string | null; lat: number | null; gpsAccuracyM: number | null; photos: unknown[] };

/** The API as a page's user, any method. */
async function call<T = any>(page: Page, method: string, url: string, data?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const me = (await (await page.request.get(`${ctx.server.url}/api/auth/me`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${ctx.server.url}${url}`, { method, headers: { 'x-csrf-token': me.csrfToken }, ...(data ? { data } : {}) });
  if (res.status() !== 200) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

let office: Page;
let gridId = 0;
const cardsOnServer = async () => (await call<{ cards: Card[] }>(office, 'GET', `/api/survey/grids/${gridId}/cards`)).cards;
const named = async (name: string) => (await cardsOnServer()).filter((c) => c.name === name);

/** grid01 on a phone, in the field app with its grid downloaded and the service worker in control. */
async function openField(): Promise<Page> {
  const page = await loginPage(ctx.browser, ctx.server, 'grid01', PHONE);
  await page.context().grantPermissions(['geolocation'], { origin: ctx.server.url });
  // 120 m: worse than the 50 m limit, so the form must warn
  await page.context().setGeolocation({ latitude: 32.9987, longitude: 112.5283, accuracy: 120 });
  await page.goto(`${ctx.server.url}/field`);
  await page.getByText('光彩社区第1网格').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid=last-sync]')?.textContent?.includes('—'));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
  if (!office) {
    office = await loginPage(ctx.browser, ctx.server, 'guangwu');
    const bundle = await call(page, 'GET', '/api/field/bundle');
    gridId = bundle.grids[0].gridId;
    if (bundle.grids[0].state === 'completed') {
      await call(office, 'POST', `/api/survey/grids/${gridId}/reopen`, { reason: '外业测试' });
      await page.getByRole('button', { name: /立即同步/ }).click();
    }
  }
  await page.getByRole('tab', { name: '我的户卡' }).click();
  return page;
}

async function setOffline(page: Page, offline: boolean) {
  await page.context().setOffline(offline);
  await page.getByTestId('net-state').getByText(offline ? '离线' : '在线').waitFor();
}

/** Drawers and modals finished their opening animation (a screenshot mid-way shows half a form). */
async function settled(page: Page) {
  await page.waitForFunction(() => !document.querySelector('[class*="-enter"], [class*="-appear"]'));
}

async function waitSynced(page: Page) {
  await page.getByTestId('pending-count').getByText('0 条待同步').waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nsync bar: ${await page.getByTestId('sync-bar').innerText()}`);
  });
  await page.waitForFunction(() => !document.querySelector('.field-sync .ant-btn-loading'));
}

async function newCard(page: Page, name: string, opts: { photo?: boolean; gps?: boolean } = {}) {
  await page.getByRole('button', { name: /新建户卡/ }).click();
  await page.getByLabel('名称（户主/单位/门店）').fill(name);
  await page.getByLabel('地址').fill('光彩路 8 号');
  await page.getByLabel('自来水户号').fill('0101099');
  if (opts.gps) {
    await page.getByRole('button', { name: /获取定位/ }).click();
    await page.getByTestId('gps-fix').waitFor();
    await page.getByText('定位精度 ±120 米，低于要求（50 米以内）').waitFor();
    await page.getByTestId('gps-fix').getByText('精度 ±120 米').waitFor();
  }
  if (opts.photo) {
    const png = await page.screenshot();
    await page.getByTestId('photo-input').setInputFiles({ name: `${name}.png`, mimeType: 'image/png', buffer: png });
    await page.locator('.field-thumb-pending').first().waitFor();
    if (opts.gps) await page.screenshot({ path: `test-output/${engine}-field-card-form.png` });
  }
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  await page.getByTestId('field-card').filter({ hasText: name }).waitFor();
}

async function editRemarks(page: Page, cardName: string, remarks: string) {
  await page.getByTestId('field-card').filter({ hasText: cardName }).first().click();
  await page.getByLabel('备注').fill(remarks);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
}

test('offline: two new cards with photos and an edit survive a reload and reach the server exactly once', async () => {
  const page = await openField();
  const third = (await cardsOnServer())[0]!;
  await setOffline(page, true);

  await newCard(page, '离线新户甲', { photo: true, gps: true });
  await newCard(page, '离线新户乙', { photo: true });
  await editRemarks(page, third.name, '离线修改：井已填埋');
  // two creates, two photos, one edit
  await page.getByTestId('pending-count').getByText('5 条待同步').waitFor();
  await shot(page, 'field-offline');

  // the reload while offline: the service worker serves the app, IndexedDB the data
  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the offline reload was answered by the service worker');
  await page.getByTestId('net-state').getByText('离线').waitFor();
  await page.getByTestId('pending-count').getByText('5 条待同步').waitFor();
  await page.getByRole('tab', { name: '我的户卡' }).click();
  for (const n of ['离线新户甲', '离线新户乙']) await page.getByTestId('field-card').filter({ hasText: n }).getByText('待同步').waitFor();
  assert.equal(await named('离线新户甲').then((x) => x.length), 0, 'nothing reached the server while offline');
  await setOffline(page, false);
  await waitSynced(page);
  await shot(page, 'field-synced');
  const a = await named('离线新户甲');
  const b = await named('离线新户乙');
  assert.equal(a.length, 1);
  assert.equal(b.length, 1);
  assert.equal(a[0]!.photos.length, 1);
  assert.equal(b[0]!.photos.length, 1);
  assert.ok(Math.abs(a[0]!.lat! - 32.9987) < 1e-6, 'the GPS point was saved');
  assert.equal(a[0]!.gpsAccuracyM, 120);
  const edited = (await cardsOnServer()).find((c) => c.id === third.id)!;
  assert.equal(edited.remarks, '离线修改：井已填埋');
  assert.equal(edited.version, third.version + 1, 'the edit was applied once');
  await page.close();
});

test('a conflict with the office: both versions shown, both kept, the worker’s choice applied', async () => {
  const page = await openField();
  const [d, e] = (await cardsOnServer()).filter((c) => !c.name.startsWith('离线') && !c.contactPhone).slice(1, 3) as [Card, Card];
  await setOffline(page, true);
  await editRemarks(page, d.name, '网格员：现场已封井');
  await editRemarks(page, e.name, '网格员：户主不在家');
  // meanwhile the street office edits both cards
  for (const c of [d, e]) {
    const full = await call(office, 'GET', `/api/cards/${c.id}`);
    const { id: _i, gridCode: _g, gridName: _n, surveyedBy: _s, pledgeStatus: _p, lacksTapAccount: _l, updatedAt: _u, photos: _ph, contactPhone: _c, ...body } = full;
    await call(office, 'PATCH', `/api/cards/${c.id}`, { ...body, remarks: '办公室：已电话核实' });
  }
  await setOffline(page, false);
  await page.getByText('2 张户卡在您离线期间被办公室修改').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '处理冲突' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText('办公室：已电话核实').waitFor();
  await modal.getByText('网格员：现场已封井').waitFor();
  // only the field both changed differs (an untouched field must not look changed)
  await modal.locator('tr.field-diff', { hasText: '网格员：现场已封井' }).waitFor();
  assert.equal(await modal.locator('tr.field-diff').count(), 1, 'exactly the differing field is marked');
  await page.screenshot({ path: `test-output/${engine}-field-conflict.png` });
  await modal.getByRole('button', { name: '保留我的' }).click();
  await page.getByText('1 张户卡在您离线期间被办公室修改').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '处理冲突' }).click();
  await page.getByRole('dialog').getByText('网格员：户主不在家').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: '采用办公室的' }).click();
  await waitSynced(page);
  await page.getByText('张户卡在您离线期间被办公室修改').waitFor({ state: 'detached' });

  const dNow = await call<Card>(office, 'GET', `/api/cards/${d.id}`);
  assert.equal(dNow.remarks, '网格员：现场已封井');
  assert.equal(dNow.version, d.version + 2);
  type V = { version: number; superseded: boolean; data: { remarks: string | null } };
  const dVersions = (await call<{ versions: V[] }>(office, 'GET', `/api/cards/${d.id}/versions`)).versions;
  assert.deepEqual(dVersions.slice(0, 2).map((v) => [v.version, v.data.remarks]), [[d.version + 2, '网格员：现场已封井'], [d.version + 1, '办公室：已电话核实']]);

  const eNow = await call<Card>(office, 'GET', `/api/cards/${e.id}`);
  assert.equal(eNow.remarks, '办公室：已电话核实');
  assert.equal(eNow.version, e.version + 1);
  const eVersions = (await call<{ versions: V[] }>(office, 'GET', `/api/cards/${e.id}/versions`)).versions;
  assert.deepEqual(eVersions.slice(0, 2).map((v) => [v.version, v.data.remarks, v.superseded]), [[e.version + 1, '办公室：已电话核实', false], [e.version + 1, '网格员：户主不在家', true]]);
  await page.close();
});

test('a sync killed mid-way and retried duplicates nothing', async () => {
  const page = await openField();
  await setOffline(page, true);
  for (const n of ['中断户一', '中断户二', '中断户三']) await newCard(page, n);
  await page.getByTestId('pending-count').getByText('3 条待同步').waitFor();

  // the second upload reaches the server, then its answer is lost (the connection dies)
  let calls = 0;
  await page.context().route('**/api/field/ops', async (route) => {
    calls += 1;
    if (calls !== 2) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await setOffline(page, false);
  await page.getByText('同步中断').waitFor({ timeout: 30_000 });
  await page.getByTestId('pending-count').getByText('2 条待同步').waitFor();
  assert.equal((await named('中断户二')).length, 1, `the killed upload was applied on the server (calls ${calls}; on the server: ${(await cardsOnServer()).map((c) => c.name).join('、')})`);
  await page.context().unrouteAll();

  await page.getByRole('button', { name: /立即同步/ }).click();
  await waitSynced(page);
  for (const n of ['中断户一', '中断户二', '中断户三']) assert.equal((await named(n)).length, 1, `${n} exactly once`);
  assert.equal(calls, 2);
  await page.close();
});

test('a district office offline: a sealing record with a photo and an inspection note reach the server once; a note the office overtook is shown and kept', async () => {
  // the district office's phone; the office's browser (city) changes the inspection meanwhile
  const page = await loginPage(ctx.browser, ctx.server, 'wolong', PHONE);
  const city = await loginPage(ctx.browser, ctx.server, 'city');
  type W = { id: number; code: string; lat: number | null; lng: number | null; next: string[]; version: number };
  type Detail = W & { stage: string; events: { event: string }[]; photos: { stage: string; lat: number | null }[] };
  // a well of 卧龙区 brought by the office to 接通替代水源, so 封井 is its next step
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const wells = (await call<{ wellsToSeal: W[] }>(page, 'GET', '/api/field/bundle')).wellsToSeal;
  const well = wells.find((w) => w.next.includes('serve_notice') || w.next.includes('connect_supply'))!;
  assert.ok(well, 'a well to seal in the demo data');
  for (const [event, data] of [['serve_notice', { deadline: today }], ['connect_supply', {}]] as const) {
    const now = await call<Detail>(city, 'GET', `/api/wells/${well.id}`);
    if (now.next.includes(event)) await call(city, 'POST', `/api/wells/${well.id}/transitions`, { event, onDate: today, data, version: now.version });
  }
  await page.context().grantPermissions(['geolocation'], { origin: ctx.server.url });
  await page.context().setGeolocation({ latitude: well.lat ?? 32.99, longitude: well.lng ?? 112.53, accuracy: 80 });
  await page.goto(`${ctx.server.url}/field`);
  await page.waitForFunction(() => !document.querySelector('[data-testid=last-sync]')?.textContent?.includes('—'));
  // run alone, this test is the one that installs the service worker (precaching the app takes a while on a busy machine)
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 60_000 });
  // the well is on the phone before the signal goes (a worker opens 待封井 while still online)
  await page.getByRole('tab', { name: /待封井/ }).click();
  const listed = page.getByTestId('field-well').filter({ hasText: well.code });
  if (!(await listed.waitFor({ timeout: 15_000 }).then(() => true, () => false))) {
    await page.getByRole('button', { name: /立即同步/ }).click();
    await listed.waitFor({ timeout: 45_000 });
  }
  await setOffline(page, true);

  // 封井记录 with a photo before sealing and the GPS of the record
  await page.getByTestId('field-well').filter({ hasText: well.code }).click();
  await page.getByLabel('施工单位').fill('离线施工队');
  await page.getByLabel('回填材料').fill('粘土');
  await page.getByRole('button', { name: /获取定位/ }).click();
  await page.getByText('定位精度 ±80 米，低于要求（50 米以内）').waitFor();
  await page.getByTestId('photo-input').setInputFiles({ name: '封井前.png', mimeType: 'image/png', buffer: await page.screenshot() });
  await page.locator('.field-thumb-pending').first().waitFor();
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-well-form.png` });
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  await page.getByTestId('field-well').filter({ hasText: well.code }).getByText('待同步').waitFor();

  // 督导核查: a note added to an inspection
  await page.getByRole('tab', { name: '督导核查' }).click();
  const inspections = (await call<{ inspections: { id: number; title: string; version: number; narrative: string }[] }>(city, 'GET', '/api/inspections?pageSize=500')).inspections;
  const firstTitle = (await page.getByTestId('field-inspection').first().locator('strong').innerText()).trim();
  const insp = inspections.find((i) => i.title === firstTitle)!;
  await page.getByTestId('field-inspection').first().click();
  await page.getByLabel('核查记录').fill(`${insp.narrative}\n离线补充：崔庄社区现场复核。`);
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-inspection-form.png` });
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  await page.getByTestId('pending-count').getByText('3 条待同步').waitFor();

  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the offline reload was answered by the service worker');
  await page.getByTestId('pending-count').getByText('3 条待同步').waitFor();
  await page.getByRole('tab', { name: /待封井/ }).click();
  await page.getByTestId('field-well').filter({ hasText: well.code }).getByText('本机已记录：封井、照片 1 张').waitFor();
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-wells-offline.png` });
  assert.equal((await call<Detail>(city, 'GET', `/api/wells/${well.id}`)).stage, 'supply_connected', 'nothing reached the server while offline');
  await setOffline(page, false);
  await waitSynced(page);

  const sealed = await call<Detail>(city, 'GET', `/api/wells/${well.id}`);
  assert.equal(sealed.stage, 'sealed');
  assert.equal(sealed.events.filter((e) => e.event === 'seal').length, 1, 'the sealing record exactly once');
  assert.equal(sealed.photos.filter((p) => p.stage === 'before').length, 1, 'the photo exactly once');
  assert.ok(sealed.photos.find((p) => p.stage === 'before')!.lat !== null, 'the photo carries its GPS point');
  const noted = await call<{ narrative: string; version: number }>(city, 'GET', `/api/inspections/${insp.id}`);
  assert.equal(noted.narrative.split('离线补充').length - 1, 1, 'the note exactly once');
  assert.equal(noted.version, insp.version + 1);

  // offline again: another note, while the office edits the same inspection
  await setOffline(page, true);
  await page.getByRole('tab', { name: '督导核查' }).click();
  await page.getByTestId('field-inspection').filter({ hasText: insp.title }).click();
  await page.getByLabel('核查记录').fill('离线第二次记录：整改未完成。');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  const full = await call(city, 'GET', `/api/inspections/${insp.id}`);
  await call(city, 'PATCH', `/api/inspections/${insp.id}`, { ...full, narrative: '办公室改写：以正式通报为准。', version: full.version });
  await setOffline(page, false);
  await page.getByText('1 条封井/核查记录在您离线期间被办公室修改').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: '处理记录冲突' }).click();
  const modal = page.getByRole('dialog');
  await modal.getByText('办公室改写：以正式通报为准。').waitFor();
  await modal.getByText('离线第二次记录：整改未完成。').waitFor();
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-record-conflict.png` });
  await modal.getByRole('button', { name: '放弃我的' }).click();
  await page.getByText('条封井/核查记录在您离线期间被办公室修改').waitFor({ state: 'detached' });
  await waitSynced(page);
  type Entry = { action: string; before: Record<string, unknown> | null };
  const discards = async () => (await call<{ entries: Entry[] }>(city, 'GET', `/api/audit?entityType=inspection&entityId=${insp.id}`)).entries.filter((a) => a.action === 'field_discard');
  for (let i = 0; i < 50 && (await discards()).length === 0; i++) await page.waitForTimeout(200);
  assert.equal((await call<{ narrative: string }>(city, 'GET', `/api/inspections/${insp.id}`)).narrative, '办公室改写：以正式通报为准。');
  const dropped = await discards();
  assert.equal(dropped.length, 1, `the dropped note is in the audit log once (sync bar: ${await page.getByTestId('sync-bar').innerText()})`);
  assert.equal(dropped[0]!.before?.['核查记录'], '离线第二次记录：整改未完成。');
  await page.close();
  await city.close();
});
