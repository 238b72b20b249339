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

/**
 * Waits for a sync that completed after `since` (an ISO time taken before the step that starts it).
 * "上次同步" merely being set is no proof: it may be an earlier sync's, with the lists as they were then.
 */
async function syncedSince(page: Page, since: string, timeout = 45_000) {
  await page.waitForFunction((t) => (document.querySelector('[data-testid=last-sync]')?.getAttribute('data-at') ?? '') > t, since, { timeout }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nno sync completed since ${since}; sync bar: ${await page.getByTestId('sync-bar').innerText().catch(() => '?')}`);
  });
}

/** 立即同步, and wait until that sync (not an earlier one) has completed. */
async function syncNow(page: Page) {
  const since = new Date().toISOString();
  await page.waitForFunction(() => !document.querySelector('.field-sync .ant-btn-loading'));
  await page.getByRole('button', { name: /立即同步/ }).click();
  await syncedSince(page, since);
}

/** A page of the phone opens /field and waits for the download it starts and for the service worker. */
async function gotoField(page: Page) {
  const since = new Date().toISOString();
  await page.goto(`${ctx.server.url}/field`);
  await syncedSince(page, since);
  // the first page of a context installs the service worker (precaching the app takes a while on a busy machine)
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 60_000 });
}

/** grid01 on a phone, in the field app with its grid downloaded and the service worker in control. */
async function openField(): Promise<Page> {
  const page = await loginPage(ctx.browser, ctx.server, 'grid01', PHONE);
  await page.context().grantPermissions(['geolocation'], { origin: ctx.server.url });
  // 120 m: worse than the 50 m limit, so the form must warn
  await page.context().setGeolocation({ latitude: 32.9987, longitude: 112.5283, accuracy: 120 });
  await gotoField(page);
  await page.getByText('光彩社区第1网格').first().waitFor();
  if (!office) {
    office = await loginPage(ctx.browser, ctx.server, 'guangwu');
    const bundle = await call(page, 'GET', '/api/field/bundle');
    gridId = bundle.grids[0].gridId;
    if (bundle.grids[0].state === 'completed') {
      await call(office, 'POST', `/api/survey/grids/${gridId}/reopen`, { reason: '外业测试' });
      await syncNow(page);
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
  // the download completed after the office's steps holds the well, ready for 封井 (no retry: a stale list is a bug)
  await gotoField(page);
  await page.getByRole('tab', { name: /待封井/ }).click();
  await page.getByTestId('field-well').filter({ hasText: well.code }).waitFor();
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
  await page.getByTestId('field-well').filter({ hasText: well.code }).scrollIntoViewIfNeeded();
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

  // 待验收: sealed, the well stayed on the phone; its acceptance and 验收 photo are recorded on site, offline
  await page.getByRole('tab', { name: /待封井/ }).click();
  const awaiting = page.getByTestId('field-well').filter({ hasText: well.code });
  await awaiting.getByText('待验收').waitFor();
  await setOffline(page, true);
  await awaiting.click();
  await page.getByLabel('验收单位/人员').fill('卧龙区水利局');
  await page.getByLabel('验收结论').fill('封填密实，验收合格');
  assert.equal(await page.getByRole('radio', { name: '封井后/验收' }).isChecked(), true, 'a sealed well’s photo is taken as 封井后/验收');
  await page.getByTestId('photo-input').setInputFiles({ name: '验收.png', mimeType: 'image/png', buffer: await page.screenshot() });
  await page.locator('.field-thumb-pending').first().waitFor();
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-accept-form.png` });
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  await page.getByTestId('pending-count').getByText('2 条待同步').waitFor();
  await page.reload();
  await page.getByTestId('pending-count').getByText('2 条待同步').waitFor();
  await page.getByRole('tab', { name: /待封井/ }).click();
  await awaiting.getByText('本机已记录：验收、照片 1 张').waitFor();
  assert.equal((await call<Detail>(city, 'GET', `/api/wells/${well.id}`)).stage, 'sealed', 'nothing reached the server while offline');
  const back = new Date().toISOString();
  await setOffline(page, false);
  await waitSynced(page);
  await syncedSince(page, back);
  const accepted = await call<Detail>(city, 'GET', `/api/wells/${well.id}`);
  assert.equal(accepted.stage, 'accepted');
  assert.equal(accepted.events.filter((e) => e.event === 'accept').length, 1, 'the acceptance exactly once');
  assert.equal(accepted.photos.filter((p) => p.stage === 'after').length, 1, 'the 验收 photo exactly once');
  // accepted, the well has left 待封井 with that sync
  await awaiting.waitFor({ state: 'detached' });
  await page.close();
  await city.close();
});

test('核查任务: a district office records a visit offline; it survives a reload and reaches the server once', async () => {
  const city = await loginPage(ctx.browser, ctx.server, 'city');
  const page = await loginPage(ctx.browser, ctx.server, 'wolong', PHONE);
  type Check = { id: number; name: string; accountNo: string; version: number; outcome: string | null; note: string | null; checkedOn: string | null };
  // the city office sends the next of its latest ranking for verification (a new batch) until some of it is 卧龙区's
  const runId = (await call<{ runs: { id: number }[] }>(city, 'GET', '/api/suspects/runs')).runs[0]!.id;
  const dueOn = new Date(Date.now() + 8 * 3600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
  let check: Check | undefined;
  for (let i = 0; i < 5 && !check; i++) {
    const batch = await call<{ id: number; checks: number }>(city, 'POST', '/api/suspects/batches', { runId, topN: 25, controlShare: 0, dueOn });
    check = (await call<{ items: Check[] }>(page, 'GET', `/api/suspects/checks?batchId=${batch.id}&outcome=pending&pageSize=100`)).items[0];
  }
  assert.ok(check, 'a verification task of 卧龙区 in a new batch');

  await gotoField(page);
  await page.getByRole('tab', { name: /核查任务/ }).click();
  const task = page.getByTestId('field-check').filter({ hasText: check.accountNo });
  await task.getByText(`${dueOn} 前完成`).waitFor();
  await setOffline(page, true);
  await task.click();
  await page.locator('.ant-radio-button-wrapper', { hasText: '无法入户' }).click();
  assert.equal(await page.getByRole('radio', { name: '无法入户' }).isChecked(), true);
  await page.getByLabel('情况说明').fill('离线核查：两次上门无人，已留联系卡。');
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-check-form.png` });
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await noDialog(page);
  await task.getByText('无法入户').waitFor();
  await page.getByTestId('pending-count').getByText('1 条待同步').waitFor();

  const reloaded = await page.reload();
  assert.ok(reloaded?.fromServiceWorker(), 'the offline reload was answered by the service worker');
  await page.getByTestId('pending-count').getByText('1 条待同步').waitFor();
  await page.getByRole('tab', { name: /核查任务/ }).click();
  await task.getByText('待同步').waitFor();
  await task.getByText('无法入户').waitFor();
  await shot(page, 'field-checks-offline');
  const onServer = async () => (await call<{ items: Check[] }>(city, 'GET', '/api/suspects/checks?pageSize=500')).items.find((c) => c.id === check!.id)!;
  assert.equal((await onServer()).outcome, null, 'nothing reached the server while offline');

  const back = new Date().toISOString();
  await setOffline(page, false);
  await waitSynced(page);
  await syncedSince(page, back);
  const done = await onServer();
  assert.deepEqual([done.outcome, done.note, done.version], ['no_access', '离线核查：两次上门无人，已留联系卡。', check.version + 1], 'recorded once');
  type Entry = { action: string };
  const verified = (await call<{ entries: Entry[] }>(city, 'GET', `/api/audit?entityType=suspect_check&entityId=${check!.id}`)).entries.filter((e) => e.action === 'verify');
  assert.equal(verified.length, 1, 'one outcome in the audit log');
  // recorded, the task has left the phone's list with that sync
  await task.waitFor({ state: 'detached' });
  await page.close();
  await city.close();
});

test('定位精度上限: set by the city office on its settings page, refused to a district, taken by the phone at its next sync', async () => {
  const phone = await openField();
  await phone.getByRole('button', { name: /新建户卡/ }).click();
  await phone.getByRole('button', { name: /获取定位/ }).click();
  await phone.getByText('定位精度 ±120 米，低于要求（50 米以内）').waitFor();
  await phone.keyboard.press('Escape');
  await noDialog(phone);

  const city = await loginPage(ctx.browser, ctx.server, 'city');
  await city.goto(`${ctx.server.url}/settings/field`);
  const input = city.getByLabel('定位精度上限');
  await input.fill('1001');
  await city.getByRole('button', { name: /保\s*存/ }).click();
  await city.getByText('定位精度上限应在 5–1000 米之间').waitFor();
  await input.fill('150');
  await city.getByRole('button', { name: /保\s*存/ }).click();
  await city.getByText('定位精度上限已设为 150 米，各手机在下次同步后生效').waitFor();
  await city.getByText('当前生效：150 米').waitFor();
  await shot(city, 'field-settings');
  // a district office may not change it (the API answers why; its menu has no such page)
  const district = await loginPage(ctx.browser, ctx.server, 'wolong');
  const me = (await (await district.request.get(`${ctx.server.url}/api/auth/me`)).json()) as { csrfToken: string };
  const refused = await district.request.put(`${ctx.server.url}/api/field/settings`, { headers: { 'x-csrf-token': me.csrfToken }, data: { gpsAccuracyLimitM: 500 } });
  assert.equal(refused.status(), 403);
  assert.equal(((await refused.json()) as { message: string }).message, '只有市封停办可以修改定位精度上限');
  assert.equal(await district.getByRole('menuitem', { name: '外业设置' }).count(), 0);
  assert.equal((await call<{ gpsAccuracyLimitM: number }>(city, 'GET', '/api/field/settings')).gpsAccuracyLimitM, 150);

  // the phone still warns by 50 m until it syncs; then a ±120 m fix is within the limit
  await syncNow(phone);
  await phone.getByRole('button', { name: /新建户卡/ }).click();
  await phone.getByRole('button', { name: /获取定位/ }).click();
  await phone.getByTestId('gps-fix').getByText('精度 ±120 米').waitFor();
  assert.equal(await phone.getByText(/低于要求/).count(), 0, 'no accuracy warning under the new 150 m limit');
  await call(city, 'PUT', '/api/field/settings', { gpsAccuracyLimitM: 100 });
  await phone.keyboard.press('Escape');
  await noDialog(phone);
  await syncNow(phone);
  await phone.getByRole('button', { name: /新建户卡/ }).click();
  await phone.getByRole('button', { name: /获取定位/ }).click();
  await phone.getByText('定位精度 ±120 米，低于要求（100 米以内）').waitFor();
  await call(city, 'PUT', '/api/field/settings', { gpsAccuracyLimitM: 50 });
  await Promise.all([phone.close(), city.close(), district.close()]);
});

test('logging out of a shared phone deletes its field data; unsent work is warned about first', async () => {
  const page = await openField();
  const fieldDbs = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('wellseal-field-')));
  assert.equal((await fieldDbs()).length, 1, 'the field app keeps its copy in IndexedDB');

  // a card saved offline whose upload does not get through when the signal returns
  await setOffline(page, true);
  await newCard(page, '退出前新户');
  await page.getByTestId('pending-count').getByText('1 条待同步').waitFor();
  await page.context().route('**/api/field/ops', (route) => route.abort('connectionreset'));
  await setOffline(page, false);
  await page.getByText('同步中断').waitFor({ timeout: 30_000 });

  // 退出登录 in field mode: warned with the count; 先同步 cannot get through and says so; 取消 keeps everything
  await page.getByTestId('field-logout').click();
  const dialog = page.getByRole('dialog', { name: '本机还有 1 条外业记录未同步' });
  await dialog.getByTestId('logout-unsent').getByText('待同步 1 条').waitFor();
  await dialog.getByRole('button', { name: '仍然退出（本机未同步的 1 条记录将被删除）' }).waitFor();
  await settled(page);
  await page.screenshot({ path: `test-output/${engine}-field-logout-warning.png` });
  await dialog.getByRole('button', { name: '先同步' }).click();
  // the warning comes back with the reason (the first one may still be fading out: pick the new one)
  const warnedAgain = page.getByRole('dialog').filter({ hasText: '同步中断' });
  await warnedAgain.waitFor({ timeout: 30_000 });
  await warnedAgain.getByRole('button', { name: /取\s*消/ }).click();
  await noDialog(page);
  assert.equal(new URL(page.url()).pathname, '/field');
  assert.deepEqual((await fieldDbs()).length, 1, 'nothing deleted after 取消');

  // 退出登录 of the main layout, the signal good again: 先同步 sends the card, then the logout goes on
  await page.getByRole('link', { name: '电脑版' }).click();
  await page.getByTestId('user-menu').waitFor();
  await page.context().unrouteAll();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.getByRole('dialog', { name: '本机还有 1 条外业记录未同步' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: '先同步' }).click();
  await page.waitForURL((u) => u.pathname === '/login', { timeout: 30_000 });
  assert.equal((await named('退出前新户')).length, 1, 'the card reached the server once before the logout');
  assert.deepEqual(await fieldDbs(), [], 'the field database is gone');
  assert.equal(await page.evaluate(() => localStorage.getItem('wellseal.field.user')), null, 'the phone no longer remembers the user');

  // offline, /field now has nothing to show: no residents' cards
  await page.context().setOffline(true);
  await page.goto(`${ctx.server.url}/field`);
  await page.getByText('当前没有网络，且本机还没有外业数据').waitFor();
  assert.equal(await page.getByTestId('field-card').count(), 0);
  await shot(page, 'field-after-logout');
  await page.close();

  // 仍然退出: the unsent card is deleted with the rest (and never reaches the server)
  const again = await openField();
  await setOffline(again, true);
  await newCard(again, '放弃的新户');
  await again.getByTestId('field-logout').click();
  await again.getByRole('dialog').getByRole('button', { name: '仍然退出（本机未同步的 1 条记录将被删除）' }).click();
  await again.waitForURL((u) => u.pathname === '/login');
  assert.deepEqual(await again.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('wellseal-field-'))), []);
  await again.context().setOffline(false);
  assert.equal((await named('放弃的新户')).length, 0);
  await again.close();
});
