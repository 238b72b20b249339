/**
 * Browser test of water samples: the city office records a tap sample with its lab results in the
 * form and sees the groundwater share the mixing model makes of them (about 40 %), with the
 * missing field chlorine named as evidence of well water beside it; the demo samples list shows
 * the 漫香湖 well head and the 芒果一号酒店 tap below detection.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiAs, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

async function pickTree(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-title', { hasText: text }).first().click();
}
async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}
/** An antd InputNumber's <input>, whether the test id sits on it or on its wrapper. */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

test('the city office records a tap sample with lab results and sees its groundwater share', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/samples`);
  const table = page.getByTestId('samples-table');
  await table.getByText('SY-20240109-01').waitFor();
  await table.getByText('低于检出限').first().waitFor();

  await page.getByTestId('sample-new').click();
  await page.getByTestId('sample-code').fill('SY-E2E-01');
  await pickTree(page, 'sample-unit', '卧龙区');
  await page.getByTestId('sample-by').fill('市封停办督导组');
  await page.getByTestId('sample-address').fill('卧龙区测试小区2号楼住户水龙头');
  await pickOption(page, 'sample-point', '水龙头');
  await page.getByTestId('sample-chlorine').getByText('未检出').click();
  // 40 % groundwater by the default end-members
  for (const [tracer, value] of [['totalHardness', '311.4'], ['tds', '285.6'], ['conductivity', '438'], ['nitrate', '9.4'], ['chloride', '40']]) {
    await numberInput(page, `lab-${tracer}`).fill(value!);
  }
  await page.getByTestId('sample-lab-name').fill('南阳市水质监测中心');
  await page.getByTestId('sample-submit').click();
  await noDialog(page);

  await page.getByTestId('sample-detail').waitFor();
  await page.waitForURL(/\/samples\/\d+$/);
  assert.match((await page.getByTestId('sample-share').textContent()) ?? '', /约40%/);
  assert.match((await page.getByTestId('sample-share-text').textContent()) ?? '', /地下水占比约40%（±2%/);
  await page.getByTestId('sample-chlorine-evidence').getByText(/井水/).waitFor();
  await page.getByTestId('sample-lab-table').getByText('总硬度').waitFor();
  await page.getByTestId('sample-per-tracer').getByText('电导率').waitFor();
  await shot(page, 'sample');

  const id = Number(page.url().split('/').at(-1));
  const saved = await apiAs(page, ctx.server, 'GET', `/api/samples/${id}`);
  assert.equal(saved.code, 'SY-E2E-01');
  assert.ok(Math.abs(saved.estimate.share - 0.4) < 1e-6);
  assert.equal(saved.labResults.chloride, 40);
});
