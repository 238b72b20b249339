/**
 * Browser test of a public tip: a resident submits an anonymous tip on the public page (no login),
 * follows it by tracking code, and sees it move as the city assigns it and a district office
 * investigates and closes it with a reply.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, BROWSER_TIME_ZONE, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

async function publicState(page: Page, code: string): Promise<string> {
  await page.goto(`${ctx.server.url}/tip/status?code=${code}`);
  const state = page.getByTestId('tip-state');
  await state.waitFor();
  return (await state.innerText()).trim();
}

test('an anonymous tip is submitted publicly, followed by code, and closed by the district office', async () => {
  const resident = await ctx.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: BROWSER_TIME_ZONE });
  await resident.goto(`${ctx.server.url}/tip`);
  await resident.getByTestId('tip-content').fill('光武街道中州路 18 号院内有一眼井，每天早上用水泵抽水，院里的水龙头没有自来水');
  await resident.getByTestId('tip-address').fill('光武街道中州路 18 号院');
  await resident.waitForTimeout(3500); // a person takes a few seconds; the form refuses faster submissions
  await shot(resident, 'tip-form');
  await resident.getByTestId('tip-submit').click();
  const code = (await resident.getByTestId('tracking-code').innerText()).trim();
  assert.match(code, /^JB[A-Z2-9]{10}$/);
  assert.equal(await publicState(resident, code), '已受理');

  const city = await login('city');
  const api = (page: Page, method: 'GET' | 'POST', url: string, data?: unknown) => apiAs(page, ctx.server, method, url, data);
  const tip = (await api(city, 'GET', `/api/tips?q=${code}`)).tips[0];
  const wolongId = ((await api(city, 'GET', '/api/org/units')).units as { id: number; name: string }[]).find((u) => u.name === '卧龙区')!.id;
  await api(city, 'POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', data: { districtId: wolongId }, version: tip.version });
  assert.equal(await publicState(resident, code), '已交办');

  const office = await login('wolong');
  await office.goto(`${ctx.server.url}/tips/${tip.id}`);
  const stateTag = office.getByTestId('tip-state-tag');
  await office.getByTestId('tip-next-investigate').click();
  let dialog = office.getByRole('dialog');
  await dialog.getByText('有效（查实）', { exact: true }).click();
  await dialog.locator('textarea').first().fill('现场核实：院内水泵房有在用自备井一眼，已拍照取证');
  await dialog.getByTestId('tip-event-submit').click();
  await stateTag.getByText('已核查').waitFor();
  await noDialog(office);
  await office.getByTestId('tip-next-close').click();
  dialog = office.getByRole('dialog');
  await dialog.locator('textarea').first().fill('经核查，您反映的自备井属实，已责令停止使用并限期封填。感谢您的举报。');
  await dialog.getByTestId('tip-event-submit').click();
  await stateTag.getByText('已办结').waitFor();
  await shot(office, 'tip-detail');

  assert.equal(await publicState(resident, code), '已办结');
  const body = await resident.locator('body').innerText();
  assert.match(body, /已责令停止使用并限期封填/);
  assert.doesNotMatch(body, /已拍照取证|卧龙区封停办/);
  await shot(resident, 'tip-status');
  await Promise.all([resident.close(), city.close(), office.close()]);
});
