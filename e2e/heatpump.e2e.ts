/**
 * Browser test of heat-pump projects (地温空调): the city office opens 向阳荷花广场 from the list,
 * records this month's meter reading with a low reinjection ratio, and sees the finding raised for
 * 宛城区 on the project page and in the findings list filtered to 宛城区.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the city office records a low reading and the finding appears for the project’s district', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/heatpump`);
  const table = page.getByTestId('heatpump-table');
  await table.getByText('向阳荷花广场小区地温空调').waitFor();
  // 白河沿岸's short September stands out in red
  assert.equal(await table.locator('tr.ws-hp-row--low').count(), 1);
  await table.getByText('向阳荷花广场小区地温空调').click();
  await page.getByTestId('heatpump-project').waitFor();
  await page.getByTestId('heatpump-ratio-chart').waitFor();
  const before = await page.getByTestId('heatpump-findings').locator('.ant-list-item').count();
  assert.equal(before, 1); // the 外排 found on 2024-01-08

  // this month, read from the meter: 1,000 m³ pumped, 700 put back
  await page.getByTestId('heatpump-record-reading').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('抽水量（立方米）').fill('1000');
  await dialog.getByLabel('回灌量（立方米）').fill('700');
  await dialog.getByTestId('heatpump-reading-ratio').getByText(/回灌率 70%，低于标准 95%/).waitFor();
  await dialog.getByTestId('heatpump-reading-submit').click();
  await noDialog(page);

  const findings = page.getByTestId('heatpump-findings');
  await findings.getByText(/回灌率70%（抽水1,000立方米，回灌700立方米），低于95%/).waitFor();
  assert.equal(await findings.locator('.ant-list-item').count(), before + 1);
  assert.match(await findings.locator('.ant-list-item').filter({ hasText: '回灌率70%' }).innerText(), /宛城区/);
  await page.getByTestId('heatpump-latest-ratio').getByText('70%').waitFor();
  await shot(page, 'heatpump');

  // the findings list, filtered to 宛城区, has it too
  const units = (await apiAs(page, ctx.server, 'GET', '/api/org/units')).units as { id: number; name: string }[];
  const wancheng = units.find((u) => u.name === '宛城区')!.id;
  await page.goto(`${ctx.server.url}/findings?district=${wancheng}&category=discharge`);
  await page.getByTestId('findings-table').getByText(/向阳荷花广场小区地温空调\d{4}年\d{1,2}月回灌率70%/).waitFor();

  // and a district office sees it among its own
  const district = await login('wancheng');
  await district.goto(`${ctx.server.url}/heatpump`);
  await district.getByTestId('heatpump-table').getByText('向阳荷花广场小区地温空调').waitFor();
  assert.equal(await district.getByTestId('heatpump-table').getByText('白河沿岸地温空调项目').count(), 0);
});
