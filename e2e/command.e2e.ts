/**
 * Browser test of the command dashboard (指挥看板): a leader of one district (宛城区), made by the
 * city office for the test, opens the board as of 2024-01-12, sees only 宛城区 in the survey
 * chart, clicks its bar and lands on the survey list of that district; then the meeting-room
 * display (大屏, ?screen=1). Needs the route /command (CommandPage) wired in routes.tsx.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, BROWSER_TIME_ZONE, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;
const PASSWORD = 'Wellseal2024'; // what support.login types

test('a district leader sees only the district on the board; a bar click opens the list behind it', async () => {
  const city = await login('city');
  const { units } = await apiAs<{ units: { id: number; name: string; level: string }[] }>(city, ctx.server, 'GET', '/api/org/units');
  const wancheng = units.find((u) => u.name === '宛城区' && u.level === 'district');
  assert.ok(wancheng);
  await apiAs(city, ctx.server, 'POST', '/api/users', {
    username: 'wancheng-leader', displayName: '宛城区领导', password: 'Start2024a', grants: [{ role: 'leader', orgUnitId: wancheng.id }],
  });
  // a new user must set a password of their own first: do that through the API, then log in through the form
  const first = await ctx.browser.newPage({ timezoneId: BROWSER_TIME_ZONE });
  const res = await first.request.post(`${ctx.server.url}/api/auth/login`, { data: { username: 'wancheng-leader', password: 'Start2024a' } });
  assert.equal(res.status(), 200);
  await apiAs(first, ctx.server, 'POST', '/api/auth/password', { currentPassword: 'Start2024a', newPassword: PASSWORD });
  await first.close();

  const page = await login('wancheng-leader');
  await page.goto(`${ctx.server.url}/command?asOf=2024-01-12`);
  await page.getByTestId('command-page').waitFor();
  const chart = page.getByTestId('command-survey-chart');
  await chart.locator('canvas').first().waitFor();
  // the chart's numbers, as the page states them for screen readers
  const table = page.getByTestId('command-survey-table');
  const names = await table.locator('tbody th').allTextContents();
  assert.deepEqual(names, ['宛城区']);
  const report = await apiAs(page, ctx.server, 'GET', '/api/survey/report?asOf=2024-01-12');
  const cells = await table.locator('tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(cells, [String(report.total.grids), String(report.total.started), String(report.total.completed), report.total.rate]);
  // the board is cached for a minute: the page says when its figures were computed
  assert.match((await page.getByTestId('command-computed-at').textContent()) ?? '', /^数据更新于 \d{2}:\d{2}$/);
  // blocks a leader may see are there; the district's campaign block too
  await page.getByTestId('command-tips').waitFor();
  await page.getByTestId('command-findings').waitFor();
  await page.getByTestId('command-wells-funnel').waitFor();
  await page.getByTestId('command-suspects').waitFor();
  await page.waitForTimeout(800); // let the charts' entry animation end before the screenshot
  await shot(page, 'command');

  // the one bar: in the middle of the plot area (below the legend), left of centre (the bar fills most of the value axis)
  const box = (await chart.locator('canvas').first().boundingBox())!;
  const legend = 12 * 3;
  await page.mouse.click(box.x + box.width * 0.45, box.y + legend + (box.height - legend - 8) / 2);
  await page.waitForURL((u) => u.pathname === '/survey' && u.searchParams.get('unit') === String(wancheng.id) && u.searchParams.get('asOf') === '2024-01-12');

  // 大屏
  await page.goto(`${ctx.server.url}/command?asOf=2024-06-23&screen=1`);
  await page.getByTestId('command-page').waitFor();
  await page.getByTestId('command-tasks-chart').locator('canvas').first().waitFor();
  assert.match((await page.getByTestId('command-page').getAttribute('class')) ?? '', /ws-command--screen/);
  const tasks = await page.getByTestId('command-tasks-table').locator('tbody th').allTextContents();
  assert.equal(tasks.length, 1);
  await page.getByTestId('command-fullscreen').waitFor();
  await page.waitForTimeout(800);
  await shot(page, 'command-screen');
});
