/**
 * Browser test of source-switch projects (水源置换): 卧龙区 opens the 崔庄社区 pipe-network project
 * of bulletin 第30期, records its progress (更新进度) and sees the entry in its history; on the
 * 决战六月 task list a seal task of one of its wells is marked 待通水, with its deadline flagged
 * as earlier than the planned finish of the works.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { apiAs, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;
const CUIZHUANG = '崔庄社区城中村水源置换管网改造工程';

/** The input behind an antd field's test id (on the input itself or on its wrapper). */
const field = (l: Locator) => l.locator('xpath=self::input|self::textarea|.//input|.//textarea').first();

test('a district updates the 崔庄 project’s progress and sees its seal tasks waiting for supply', async () => {
  const page = await login('wolong');
  await page.goto(`${ctx.server.url}/switch`);
  const table = page.getByTestId('switch-table');
  await table.getByText(CUIZHUANG).waitFor();
  await shot(page, 'switch-projects');
  await table.getByText(CUIZHUANG).click();
  await page.getByTestId('switch-project').waitFor();
  assert.equal(await page.getByTestId('switch-project-name').textContent(), CUIZHUANG);
  assert.equal(await page.getByTestId('switch-state-tag').textContent(), '开工');
  await page.getByTestId('switch-history').getByText('6月20日上午工程开工').waitFor();
  await page.getByTestId('switch-wells-table').locator('tbody tr').first().waitFor();

  await page.getByTestId('switch-update-progress').click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await field(page.getByTestId('switch-progress-percent')).fill('25');
  await field(page.getByTestId('switch-progress-note')).fill('主管网铺设完成四分之一');
  await page.getByTestId('switch-progress-submit').click();
  await noDialog(page);
  const entry = page.getByTestId('switch-history-entry').first();
  await entry.getByText('主管网铺设完成四分之一').waitFor();
  assert.match((await entry.textContent()) ?? '', /进度 25%/);
  assert.match((await page.getByTestId('switch-progress').textContent()) ?? '', /25%/);
  assert.equal(await page.getByTestId('switch-history-entry').count(), 4);
  await page.getByTestId('switch-waiting-alert').getByText(/期限早于管网通水计划/).waitFor();
  await shot(page, 'switch-project');

  // the seal task of a linked well, on the campaign's task list
  const projectId = Number(new URL(page.url()).pathname.split('/').at(-1));
  const project = await apiAs(page, ctx.server, 'GET', `/api/switch/projects/${projectId}`);
  assert.equal(project.progress, 25);
  const code: string = project.waitingTasks[0].wellCode;
  const campaignId: number = project.waitingTasks[0].campaignId;
  await page.goto(`${ctx.server.url}/campaigns/${campaignId}?status=open`);
  const tasks = page.getByTestId('task-list');
  await tasks.locator('tbody tr.ant-table-row').first().waitFor();
  const row = tasks.locator('tbody tr.ant-table-row', { hasText: code });
  for (let i = 0; i < 10 && (await row.count()) === 0; i++) {
    await tasks.locator('.ant-pagination-next').click();
    await page.waitForTimeout(200);
  }
  await row.getByTestId('task-supply-wait').getByText('待通水').waitFor();
  assert.equal(await row.getByTestId('task-supply-warning').textContent(), '期限早于管网通水计划（2024年9月30日）');
  await shot(page, 'switch-task-list');
});
