/**
 * Browser test of an inspection on a phone: the 卧龙区 office records a visit to 榆树庄社区 that
 * finds a well and raises a 漏排 finding. The well joins the registry (found via inspection), the
 * grid goes back to 排查中, and the street office submits its rectification, which the district
 * then verifies. Also looks at the findings board and the weekly summary of 第12期's week.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from '../src/test-support/fixtures.js';
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

test('an inspection on a phone finds a well and raises a 漏排 finding; the registry and the grid follow', async () => {
  const page = await login('wolong', { width: 390, height: 844 });
  const api = (method: 'GET' | 'POST', url: string, data?: unknown) => apiAs(page, ctx.server, method, url, data);
  const units = (await api('GET', '/api/org/units')).units as { id: number; name: string }[];
  const gridId = units.find((u) => u.name === '榆树庄社区第2网格')!.id;
  assert.equal((await api('GET', `/api/survey/grids/${gridId}`)).state, 'completed');

  await page.goto(`${ctx.server.url}/inspections/new`);
  await page.getByTestId('inspection-form').waitFor();
  await pickOption(page, 'inspection-kind', '暗访');
  await page.getByTestId('inspection-title').fill('暗访光武街道榆树庄社区沿街门店');
  await page.getByTestId('leader-name-0').fill('李明');
  await page.getByTestId('leader-title-0').fill('卧龙区封停办主任');
  await pickTree(page, 'inspection-area', '光武街道');
  await page.getByTestId('add-target').click();
  await pickTree(page, 'target-unit-0', '榆树庄社区');
  await page.getByText('翻看井盖').click();
  await page.getByText('暗访群众').click();
  await page.getByTestId('inspection-narrative').fill('暗访沿街门店，群众反映一家洗车行后院有井，现场翻看井盖后确认。');
  await page.getByTestId('add-found-well').click();
  await pickTree(page, 'found-well-unit-0', '榆树庄社区第2网格');
  await page.getByTestId('found-well-owner-0').fill('榆树庄社区洗车行');
  await page.getByTestId('add-finding').click();
  await pickOption(page, 'finding-category-0', '漏排');
  await page.getByTestId('finding-missed-hint-0').waitFor();
  await pickTree(page, 'finding-unit-0', '榆树庄社区');
  await pickTree(page, 'finding-grid-0', '榆树庄社区第2网格');
  await pickOption(page, 'finding-well-0', '第 1 眼');
  await page.getByTestId('finding-description-0').fill('榆树庄社区第2网格排查未登记洗车行院内自备井1眼');
  await shot(page, 'inspection-form-phone');
  await page.getByTestId('inspection-submit').click();
  await page.waitForURL(/\/inspections\/\d+$/);
  await page.getByTestId('inspection-detail').waitFor();
  await page.getByTestId('inspection-wells').getByText('榆树庄社区洗车行').waitFor();
  await shot(page, 'inspection-detail-phone');

  // the well registry and the grid's survey state changed
  const wells = (await api('GET', `/api/wells?q=${encodeURIComponent('榆树庄社区洗车行')}`)).wells as { id: number; foundVia: string; stage: string }[];
  assert.equal(wells.length, 1);
  assert.equal(wells[0]!.foundVia, 'inspection');
  assert.equal(wells[0]!.stage, 'discovered');
  assert.equal((await api('GET', `/api/survey/grids/${gridId}`)).state, 'in_progress');

  await page.getByTestId('inspection-findings').locator('a').first().click();
  await page.getByTestId('finding-detail').waitFor();
  await page.getByTestId('finding-grid-reopened').waitFor();
  const findingUrl = page.url();

  // the street office submits its rectification with a photo; the district verifies it
  const street = await login('guangwu', { width: 390, height: 844 });
  await street.goto(findingUrl);
  await street.getByTestId('finding-detail').waitFor();
  await street.getByTestId('finding-next-submit').click();
  await street.getByTestId('finding-evidence').fill('已重新排查榆树庄社区第2网格，补录洗车行一户一卡并登记该井');
  await street.getByTestId('finding-submit-evidence').click();
  await noDialog(street);
  await street.getByText('已提交').first().waitFor();
  await street.getByTestId('finding-photo-upload').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
  await street.locator('[data-testid=finding-detail] img').first().waitFor();
  assert.equal(await street.getByTestId('finding-next-verify').count(), 0);

  await page.reload();
  await page.getByTestId('finding-next-verify').click();
  await page.getByTestId('finding-event-submit').click();
  await noDialog(page);
  await page.getByText('已销号').first().waitFor();
  await shot(page, 'finding-closed-phone');
});

test('the findings board flags overdue findings, and the weekly summary of 第12期 covers the four districts', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/findings`);
  await page.getByTestId('findings-board').waitFor();
  const all = await page.getByTestId('findings-table').locator('tbody tr.ant-table-row').count();
  await page.getByTestId('findings-overdue-only').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=findings-table] tbody tr.ant-table-row').length < n, all);
  const overdue = await page.getByTestId('findings-table').locator('tbody tr.ant-table-row').allInnerTexts();
  assert.ok(overdue.length > 0 && overdue.every((r) => r.includes('已逾期')));
  await shot(page, 'findings-board');

  await page.goto(`${ctx.server.url}/findings/summary`);
  await page.getByTestId('summary-generated').waitFor();
  await page.goto(`${ctx.server.url}/findings/summary?weekEnd=2024-01-12`);
  const text = await page.getByTestId('summary-generated').innerText();
  for (const d of ['（一）卧龙区', '（二）宛城区', '（三）高新区', '（四）示范区']) assert.ok(text.includes(d), `${d} in the summary`);
  await shot(page, 'findings-summary');
});
