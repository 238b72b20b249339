/**
 * One clock: the browser runs in UTC with a fixed clock, the server's office clock starts at the
 * same moment (WELLSEAL_NOW). At 2024-06-22T17:30Z the UTC day is 22 June while Beijing is
 * already at 01:30 on 23 June; at 04:00Z both say 23 June. In both, every default date and every
 * stored day is the office's: 6月23日 — on the home page, for a card, a tip step and a sealing
 * record made offline in the field app. A device whose clock is hours off is told so by name.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, engine, noDialog, serverAndBrowser } from './support.js';

const PHONE = { width: 390, height: 844 };
const OFFICE_DAY = '2024-06-23';

const MOMENTS = [
  { name: 'UTC still on 22 June, Beijing on 23 June', at: '2024-06-22T17:30:00Z', tag: 'differ' },
  { name: 'UTC and Beijing both on 23 June', at: '2024-06-23T04:00:00Z', tag: 'agree' },
] as const;

for (const moment of MOMENTS) {
  describe(`fixed clock ${moment.at}: ${moment.name}`, () => {
    const ctx = serverAndBrowser({ env: { WELLSEAL_NOW: moment.at } });
    const api = <T = any>(page: Page, method: 'GET' | 'POST', url: string, data?: unknown) => apiAs<T>(page, ctx.server, method, url, data); // eslint-disable-line @typescript-eslint/no-explicit-any

    test('the browser really is on the UTC day and the server on the office day', async () => {
      const city = await ctx.login('city');
      const browserDay = await city.evaluate(() => new Date().toISOString().slice(0, 10));
      assert.equal(browserDay, moment.at.slice(0, 10));
      assert.equal(await city.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'UTC');
      const me = await api<{ office: { timeZone: string; now: string } }>(city, 'GET', '/api/auth/me');
      assert.equal(me.office.timeZone, 'Asia/Shanghai');
      assert.ok(Math.abs(Date.parse(me.office.now) - Date.parse(moment.at)) < 10 * 60_000, `server clock ${me.office.now}`);
      // the home page's date line
      await city.getByText(/2024年6月23日 星期日/).first().waitFor();
      await city.waitForLoadState('networkidle');
      await city.locator('.ant-skeleton').first().waitFor({ state: 'detached' }).catch(() => {});
      await city.screenshot({ path: `test-output/${engine}-clock-${moment.tag}-home.png` });
      await city.close();
    });

    test('a tip step in the web app defaults to, and is stored on, 6月23日', async () => {
      const city = await ctx.login('city');
      const tip = await api<{ id: number; version: number }>(city, 'POST', '/api/tips', {
        channel: 'hotline', receivedAt: new Date(ctx.server.clockNow!() - 60_000).toISOString(), content: '时钟测试：卧龙区某小区院内有自备井', address: '卧龙区',
      });
      await city.goto(`${ctx.server.url}/tips/${tip.id}`);
      await city.getByTestId('tip-next-assign').click();
      const dialog = city.getByRole('dialog');
      const date = dialog.locator('.ant-picker input').first();
      await date.waitFor();
      assert.equal(await date.inputValue(), '2024年6月23日', 'the default date is the office’s today');
      // the picker's own 今天 is the office's today too, and today's cell is marked on the 23rd
      await date.click();
      const dropdown = city.locator('.ant-picker-dropdown:visible');
      assert.equal((await dropdown.locator('.ant-picker-cell-today').innerText()).trim(), '23');
      await dropdown.getByText('今天').click();
      assert.equal(await date.inputValue(), '2024年6月23日');
      await dialog.getByText('卧龙区', { exact: true }).click();
      await dialog.getByTestId('tip-event-submit').click();
      await noDialog(city);
      const detail = await api<{ district: string | null; events: { event: string; onDate: string }[] }>(city, 'GET', `/api/tips/${tip.id}`);
      assert.equal(detail.events.find((e) => e.event === 'assign')?.onDate, OFFICE_DAY);
      assert.equal(detail.district, '卧龙区');
      await city.close();
    });

    test('the field app: a card and an offline sealing record carry 6月23日 and are accepted', async () => {
      // a well of 卧龙区 found today and brought by the office to 接通替代水源 today, so 封井 is its next step
      // (the demo's own wells have steps after 23 June: the campaign went on)
      const phone = await ctx.login('wolong', PHONE);
      const city = await ctx.login('city');
      type Detail = { id: number; code: string; version: number; stage: string; events: { event: string; onDate: string }[] };
      const grid = (await api<{ units: { id: number; name: string }[] }>(city, 'GET', '/api/org/units')).units.find((u) => u.name === '光彩社区第1网格')!;
      let well = await api<Detail>(city, 'POST', '/api/wells', { ownerName: `时钟测试井${moment.tag}`, use: 'domestic', foundVia: 'tip', discoveredOn: OFFICE_DAY, orgUnitId: grid.id, lat: 32.9987, lng: 112.5283 });
      for (const [event, data] of [
        ['verify', {}],
        ['decide', { disposition: 'seal', sealMode: 'backfill', legalBasis: '《地下水管理条例》第四十九条' }],
        ['serve_notice', { deadline: '2024-07-10' }],
        ['connect_supply', {}],
      ] as const) {
        well = await api<Detail>(city, 'POST', `/api/wells/${well.id}/transitions`, { event, onDate: OFFICE_DAY, data, version: well.version });
      }
      await phone.goto(`${ctx.server.url}/field`);
      await phone.getByTestId('last-sync').and(phone.locator('[data-at^="20"]')).waitFor({ timeout: 45_000 });
      await phone.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 60_000 });
      await phone.getByRole('tab', { name: /待封井/ }).click();
      await phone.getByTestId('field-well').filter({ hasText: well.code }).waitFor();

      await phone.context().setOffline(true);
      await phone.getByTestId('net-state').getByText('离线').waitFor();
      await phone.getByTestId('field-well').filter({ hasText: well.code }).click();
      const dialog = phone.getByRole('dialog');
      await dialog.getByLabel('施工单位').fill('时钟测试施工队');
      await dialog.getByLabel('回填材料').fill('粘土');
      const onDate = dialog.locator('input[type=date]').first();
      assert.equal(await onDate.inputValue(), OFFICE_DAY, 'the sealing form defaults to the office’s today');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await noDialog(phone);
      await phone.getByTestId('pending-count').getByText('1 条待同步').waitFor();
      await phone.context().setOffline(false);
      await phone.getByTestId('pending-count').getByText('0 条待同步').waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
        throw new Error(`${e.message}\nsync bar: ${await phone.getByTestId('sync-bar').innerText()}`);
      });
      const sealed = await api<Detail>(city, 'GET', `/api/wells/${well.id}`);
      assert.equal(sealed.stage, 'sealed');
      assert.equal(sealed.events.find((e) => e.event === 'seal')?.onDate, OFFICE_DAY);
      await Promise.all([phone.close(), city.close()]);
    });

    test('a grid worker’s card in the field app is dated 6月23日', async () => {
      const phone = await ctx.login('grid01', PHONE);
      const office = await ctx.login('guangwu');
      await phone.goto(`${ctx.server.url}/field`);
      await phone.getByTestId('last-sync').and(phone.locator('[data-at^="20"]')).waitFor({ timeout: 45_000 });
      const bundle = await api<{ grids: { gridId: number; state: string }[] }>(phone, 'GET', '/api/field/bundle');
      const gridId = bundle.grids[0]!.gridId;
      if (bundle.grids[0]!.state === 'completed') {
        await api(office, 'POST', `/api/survey/grids/${gridId}/reopen`, { reason: '时钟测试' });
        await phone.reload();
        await phone.getByTestId('last-sync').and(phone.locator('[data-at^="20"]')).waitFor({ timeout: 45_000 });
      }
      await phone.getByRole('tab', { name: '我的户卡' }).click();
      await phone.getByRole('button', { name: /新建户卡/ }).click();
      const name = `时钟户${moment.tag}`;
      await phone.getByLabel('名称（户主/单位/门店）').fill(name);
      await phone.getByLabel('地址').fill('光彩路 9 号');
      await phone.getByLabel('自来水户号').fill('0101098');
      assert.equal(await phone.getByLabel('排查日期').inputValue(), OFFICE_DAY, 'the card form defaults to the office’s today');
      await phone.getByRole('button', { name: /保\s*存/ }).click();
      await noDialog(phone);
      await phone.getByTestId('pending-count').getByText('0 条待同步').waitFor({ timeout: 30_000 });
      const cards = (await api<{ cards: { name: string; surveyedOn: string }[] }>(office, 'GET', `/api/survey/grids/${gridId}/cards`)).cards;
      assert.equal(cards.find((c) => c.name === name)?.surveyedOn, OFFICE_DAY);
      await Promise.all([phone.close(), office.close()]);
    });
  });
}

describe('a device whose clock is off', () => {
  const ctx = serverAndBrowser();
  test('the phone is told both times, keeps its card, and sends it once the clock is right', async () => {
    const phone = await ctx.login('grid01', PHONE);
    await phone.clock.install({ time: Date.now() - 8 * 3_600_000 });
    await phone.goto(`${ctx.server.url}/field`);
    await phone.getByTestId('last-sync').and(phone.locator('[data-at^="20"]')).waitFor({ timeout: 45_000 });
    const office = await ctx.login('guangwu');
    const bundle = await apiAs<{ grids: { gridId: number; state: string }[] }>(phone, ctx.server, 'GET', '/api/field/bundle');
    const gridId = bundle.grids[0]!.gridId;
    if (bundle.grids[0]!.state === 'completed') {
      await apiAs(office, ctx.server, 'POST', `/api/survey/grids/${gridId}/reopen`, { reason: '时钟测试' });
      await phone.reload();
      await phone.getByTestId('last-sync').and(phone.locator('[data-at^="20"]')).waitFor({ timeout: 45_000 });
    }
    await phone.getByRole('tab', { name: '我的户卡' }).click();
    await phone.getByRole('button', { name: /新建户卡/ }).click();
    await phone.getByLabel('名称（户主/单位/门店）').fill('时钟偏差户');
    await phone.getByLabel('地址').fill('光彩路 10 号');
    await phone.getByLabel('自来水户号').fill('0101097');
    await phone.getByRole('button', { name: /保\s*存/ }).click();
    await noDialog(phone);
    const bar = phone.getByTestId('sync-bar');
    await bar.getByText(/本设备的时间（\d{4}年\d+月\d+日 \d\d:\d\d）与服务器时间（\d{4}年\d+月\d+日 \d\d:\d\d）相差约 8 小时，慢了/).waitFor({ timeout: 30_000 });
    await phone.getByTestId('pending-count').getByText('1 条待同步').waitFor();
    await phone.screenshot({ path: `test-output/${engine}-clock-skew-field.png` });
    const cards = async () => (await apiAs<{ cards: { name: string }[] }>(office, ctx.server, 'GET', `/api/survey/grids/${gridId}/cards`)).cards.filter((c) => c.name === '时钟偏差户');
    assert.equal((await cards()).length, 0, 'nothing applied while the clock is off');

    await phone.clock.setSystemTime(Date.now());
    await phone.getByRole('button', { name: /立即同步/ }).click();
    await phone.getByTestId('pending-count').getByText('0 条待同步').waitFor({ timeout: 30_000 });
    assert.equal((await cards()).length, 1, 'the card reached the server once');
    await Promise.all([phone.close(), office.close()]);
  });
});
