/**
 * Browser test of the bulletins: the city office opens the issued 第12期 (live preview in the
 * page, Word download whose tables are the seed's), then makes the 决战六月 daily notice in one
 * click from the campaign page and issues it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import JSZip from 'jszip';
import { apiAs, noDialog, OUTPUT_DIR, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the issued 第12期 previews in the page and downloads as Word with the seed tables', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/bulletins`);
  await page.getByTestId('bulletins-table').getByText('第 12 期').first().click();
  await page.getByTestId('bulletin-page').waitFor();
  const preview = page.frameLocator('[data-testid=bulletin-preview]');
  await preview.getByText('第 12 期').waitFor();
  await preview.locator('td', { hasText: '1078' }).first().waitFor();
  await preview.getByText('（四）示范区').waitFor();
  await shot(page, 'bulletin-12');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
  const file = path.join(OUTPUT_DIR, 'bulletin-12.docx');
  await download.saveAs(file);
  assert.equal(download.suggestedFilename(), '工作简报第12期.docx');
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file))).file('word/document.xml')!.async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
  assert.ok(text.includes('合 计|1152|1152|1078|93%'), 'survey total row');
  assert.ok(text.includes('合计|79|79|79|100%|35'), 'tips total row');
});

test('the daily notice of 决战六月 is one click from the campaign page, and is issued', async () => {
  const page = await login('city');
  const campaign = (await apiAs(page, ctx.server, 'GET', '/api/campaigns')).campaigns.find((c: { name: string }) => c.name === '决战六月');
  await page.goto(`${ctx.server.url}/campaigns/${campaign.id}`);
  await page.getByTestId('campaign-notice').click();
  await page.waitForURL(/\/bulletins\/\d+$/);
  await page.getByTestId('bulletin-page').waitFor();
  const preview = page.frameLocator('[data-testid=bulletin-preview]');
  await preview.getByText('中心城区“飓风”行动“决战六月”日通报').waitFor();
  await preview.getByText('(2024. 6. 30)').waitFor();
  await page.getByTestId('bulletin-issue').click();
  await page.getByRole('button', { name: '确定印发' }).click();
  await noDialog(page);
  await page.getByTestId('bulletin-state').getByText('已印发').waitFor();
  await shot(page, 'notice-issued');
});
