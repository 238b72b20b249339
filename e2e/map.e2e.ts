/**
 * Browser test of the map: the city office opens /map with no tile URL set (the test server has
 * none), sees the grid boundaries and the wells (points or clusters) on the plain background,
 * switches a layer off and sees it gone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the city office sees grid boundaries and wells on the map and toggles a layer', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/map`);
  await page.getByTestId('map-page').waitFor();
  const map = page.getByTestId('map-container');
  await map.waitFor();
  // no base map: no tile images at all
  const grids = map.locator('path.ws-grid-boundary');
  await grids.nth(100).waitFor({ timeout: 30_000 });
  assert.ok((await grids.count()) > 100);
  assert.equal(await map.locator('img.leaflet-tile').count(), 0);
  const wells = map.locator('.ws-map-cluster--wells, path.ws-map-point');
  await wells.first().waitFor();
  assert.ok((await wells.count()) > 0);
  await shot(page, 'map');

  // the grid layer off: its polygons go; the wells stay
  const toggles = page.getByTestId('map-layer-toggles');
  await toggles.getByText(/网格边界/).click();
  await page.waitForFunction(() => document.querySelectorAll('path.ws-grid-boundary').length === 0);
  assert.ok((await wells.count()) > 0);
  // and the wells off too
  await toggles.getByText(/自备井/).click();
  await page.waitForFunction(() => document.querySelectorAll('.ws-map-cluster--wells').length === 0);

  // a cluster opens to points, and a point's popup links to the well's file
  await toggles.getByText(/自备井/).click();
  await toggles.getByText(/网格边界/).click();
  await grids.first().waitFor();
  // a point inside the visible map (clusters open up when clicked)
  const box = (await map.boundingBox())!;
  const inside = async () => {
    for (const p of await map.locator('path.ws-map-point').all()) {
      const b = await p.boundingBox();
      if (!b || b.x < box.x + 40 || b.y < box.y + 40 || b.x + b.width > box.x + box.width - 20 || b.y + b.height > box.y + box.height - 40) continue;
      // not under another layer's cluster icon
      const onTop = await page.evaluate(([x, y]) => !!document.elementFromPoint(x!, y!)?.classList.contains('ws-map-point'), [b.x + b.width / 2, b.y + b.height / 2]);
      if (onTop) return b;
    }
    return null;
  };
  let target = await inside();
  for (let i = 0; i < 6 && !target; i++) {
    await map.locator('.ws-map-cluster--wells').first().click();
    await page.waitForTimeout(400);
    target = await inside();
  }
  assert.ok(target, 'no point in view');
  await page.mouse.click(target.x + target.width / 2, target.y + target.height / 2);
  const link = page.locator('.ws-map-popup__link').first();
  await link.waitFor();
  assert.match((await link.getAttribute('href')) ?? '', /^\/(wells|tips)\/\d+$|^\/suspects\?q=/);
});
