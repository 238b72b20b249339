/**
 * Browser test of the water company's data and the suspect ranking: 北控水务 uploads January
 * 2024's readings and watches the progress bar; the city office runs the analysis (its progress
 * bar too) and sees the ranked list with reasons in Chinese; a district records a verification
 * outcome.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { apiAs, noDialog, OUTPUT_DIR, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the water company uploads a readings file and watches its progress; the city office sees the ranking with reasons', async () => {
  const page = await login('utility');
  // January 2024 for every account: what it used in January 2023, read back from the company's own list
  const accounts: string[] = [];
  for (let p = 1; ; p++) {
    const res = await apiAs(page, ctx.server, 'GET', `/api/utility/accounts?page=${p}&pageSize=500`);
    accounts.push(...res.items.map((a: { accountNo: string }) => a.accountNo));
    if (accounts.length >= res.total) break;
  }
  assert.ok(accounts.length > 4000);
  const file = path.join(OUTPUT_DIR, '北控水务2024年1月用水量.csv');
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(file, ['户号,期间,用水量', ...accounts.map((a, i) => `${a},2024-01,${(10 + (i % 50)).toFixed(1)}`)].join('\n'));

  await page.goto(`${ctx.server.url}/utility`);
  await page.getByTestId('utility-tabs').waitFor();
  await page.getByTestId('readings-upload').locator('input[type=file]').setInputFiles(file);
  await page.getByTestId('readings-submit').click();
  const progress = page.getByTestId('readings-progress');
  await progress.waitFor();
  await page.getByText(/导入完成/).first().waitFor({ timeout: 60_000 });
  assert.match((await progress.textContent()) ?? '', /100%/);
  await page.getByTestId('imports-table').getByText('已生效').first().waitFor();
  await shot(page, 'utility-upload');

  const city = await login('city');
  await city.goto(`${ctx.server.url}/suspects`);
  await city.getByTestId('suspects-table').waitFor();
  await city.getByTestId('run-analysis').click();
  // a quick run shows its progress for a moment only (the dialog closes when it is done): watch for it from the start
  await city.evaluate(() => {
    const w = window as unknown as { sawProgress: boolean };
    w.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=analysis-progress]')) w.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  await city.getByRole('dialog').getByRole('button', { name: /开始|运行|确定/ }).click();
  await city.getByText('截至2024年1月').first().waitFor({ timeout: 60_000 });
  await noDialog(city);
  assert.ok(await city.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress), 'the run showed its progress bar');
  const table = city.getByTestId('suspects-table');
  await table.getByText(/起用水量骤降\d+%/).first().waitFor();
  await table.getByText(/用水为定额的\d+%/).first().waitFor();
  await shot(city, 'suspects-ranking');
});

test('a district records a verification outcome; the city office sees the hit rate per batch', async () => {
  const page = await login('wolong');
  await page.goto(`${ctx.server.url}/suspects/checks`);
  const table = page.getByTestId('checks-table');
  await table.getByText('待核查').first().waitFor();
  await table.getByTestId('record-outcome').first().click();
  const modal = page.getByTestId('outcome-modal');
  await modal.getByText('用水正常').click();
  await modal.getByRole('button', { name: /保存|确定|登记/ }).click();
  await noDialog(page);
  await table.getByText('用水正常').first().waitFor();
  await shot(page, 'suspect-checks');

  const city = await login('city');
  await city.goto(`${ctx.server.url}/suspects/batches`);
  await city.getByTestId('batches-table').getByText('第1批').first().waitFor();
  await city.getByTestId('batches-chart').waitFor();
  await city.getByTestId('model-weights').waitFor();
  await shot(city, 'suspect-batches');
});
