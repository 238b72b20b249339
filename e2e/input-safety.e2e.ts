/**
 * Browser test of stored XSS: records whose text is an HTML payload (and a district renamed to one)
 * are opened in their list and detail pages, the map and the charts whose tooltips are HTML. No
 * dialog may fire, no injected element may exist, and the payload must read as plain text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const XSS = '<img src=x onerror=alert(1)>';

/** Fails on any dialog the page opens, and on any element a payload could have injected. */
function guard(page: Page): () => Promise<void> {
  const dialogs: string[] = [];
  const blocked: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // the app itself must live within its Content-Security-Policy (a violation would show here)
  page.on('console', (m) => void (/Content Security Policy/i.test(m.text()) && blocked.push(m.text())));
  return async () => {
    assert.deepEqual(dialogs, [], `${page.url()}: a dialog fired`);
    assert.deepEqual(blocked, [], `${page.url()}: the CSP blocked something`);
    assert.equal(await page.locator('img[src="x"], script[data-xss], [onerror]').count(), 0, `${page.url()}: an injected element exists`);
  };
}

async function seesText(page: Page, path: string, text: string, check: () => Promise<void>): Promise<void> {
  await page.goto(`${ctx.server.url}${path}`);
  await page.getByText(text, { exact: false }).first().waitFor({ timeout: 15_000 });
  await check();
}

test('payloads stored in records show as text on list, detail, map and chart pages', async () => {
  const page = await ctx.login('city');
  const check = guard(page);
  const api = <T = any>(method: 'GET' | 'POST', url: string, data?: unknown) => apiAs<T>(page, ctx.server, method, url, data); // eslint-disable-line @typescript-eslint/no-explicit-any
  const units = (await api('GET', '/api/org/units')).units as { id: number; name: string; level: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;

  const well = await api('POST', '/api/wells', { ownerName: `井主${XSS}`, address: `地址${XSS}`, use: 'domestic', foundVia: 'inspection', discoveredOn: '2024-01-10', orgUnitId: unit('光彩社区第1网格'), lat: 33.0, lng: 112.53 });
  const tip = await api('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-01-08T09:00:00+08:00', content: `线索${XSS}`, address: `某路${XSS}` });
  const sample = await api('POST', '/api/samples', { sampledOn: '2024-01-10', unitId: unit('光武街道'), address: `采样点${XSS}`, point: 'tap', labResults: { totalHardness: 300 } });
  const project = await api('POST', '/api/switch/projects', { name: `改造${XSS}`, unitId: unit('光武街道') });
  const hp = await api('POST', '/api/heatpump/projects', { name: `地温${XSS}`, orgUnitId: unit('光武街道') });
  const finding = await api('POST', '/api/findings', { foundOn: '2024-01-10', unitId: unit('光武街道'), category: 'not_thorough', description: `问题描述${XSS}` });

  await seesText(page, `/wells/${well.id}`, `井主${XSS}`, check);
  await seesText(page, `/wells?q=${encodeURIComponent(well.code)}`, `井主${XSS}`, check);
  await seesText(page, `/tips/${tip.id}`, `线索${XSS}`, check);
  await seesText(page, `/tips?q=${encodeURIComponent(tip.code)}`, `线索${XSS}`, check);
  await seesText(page, `/samples/${sample.id}`, `采样点${XSS}`, check);
  await seesText(page, `/switch/${project.id}`, `改造${XSS}`, check);
  await seesText(page, '/switch', `改造${XSS}`, check);
  await seesText(page, `/heatpump/${hp.id}`, `地温${XSS}`, check);
  await seesText(page, `/findings/${finding.id}`, `问题描述${XSS}`, check);
  await shot(page, 'input-safety-finding');

  // the map: the well's popup is built from DOM text nodes
  await page.goto(`${ctx.server.url}/map`);
  await page.locator('.leaflet-container').waitFor();
  await page.locator('.ws-map-point, .ws-map-cluster').first().waitFor({ timeout: 15_000 });
  await check();

  // a district named with a payload: chart tooltips are HTML strings
  const wolong = (await api('GET', `/api/org/units/${unit('卧龙区')}`)) as { version: number };
  const renamed = await page.request.fetch(`${ctx.server.url}/api/org/units/${unit('卧龙区')}`, {
    method: 'PATCH', headers: { 'x-csrf-token': ((await (await page.request.get(`${ctx.server.url}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken },
    data: { name: `卧龙区${XSS}`, version: wolong.version },
  });
  assert.equal(renamed.status(), 200, await renamed.text());
  const campaign = (await api('GET', '/api/campaigns')).campaigns[0];
  await page.goto(`${ctx.server.url}/campaigns/${campaign.id}`);
  const canvas = page.locator('canvas').first();
  await canvas.waitFor({ timeout: 15_000 });
  const box = (await canvas.boundingBox())!;
  let tooltip = '';
  for (let x = 0.1; x < 0.95 && !tooltip.includes('卧龙区'); x += 0.05) {
    await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.6);
    await page.waitForTimeout(80);
    tooltip = await canvas.locator('xpath=../..').innerText(); // ECharts puts its tooltip next to the canvas
  }
  assert.match(tooltip, /卧龙区<img src=x onerror=alert\(1\)>/, 'the chart tooltip shows the district name as text');
  await shot(page, 'input-safety-chart');
  await check();
});
