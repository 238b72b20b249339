/**
 * Browser test of one well's file: a well found in 卧龙区 joins the 决战六月 campaign, the city
 * office walks it from 已发现 to 已验收 (with sealing photos) in the web app, and the daily notice
 * shows 卧龙区's share and rank change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from '../src/test-support/fixtures.js';
import { apiAs, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

/** 卧龙区's 完成比例 and 排名 in today's notice (the cells merged over its three rows). */
async function wolongInNotice(page: Page, campaignId: number): Promise<{ share: string; rank: string }> {
  await page.goto(`${ctx.server.url}/campaigns/${campaignId}`);
  const row = page.getByTestId('task-progress').locator('tr', { hasText: '卧龙区' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  return { share: cells.at(-2)!.trim(), rank: cells.at(-1)!.trim() };
}

test('a well walks from discovered to accepted in the web app; the district’s share and rank change', async () => {
  const page = await login('city');
  const api = (method: 'GET' | 'POST', url: string, data?: unknown) => apiAs(page, ctx.server, method, url, data);
  const units = (await api('GET', '/api/org/units')).units as { id: number; name: string }[];
  const campaign = (await api('GET', '/api/campaigns')).campaigns.find((c: { name: string }) => c.name === '决战六月');
  const before = await wolongInNotice(page, campaign.id);

  const well = await api('POST', '/api/wells', {
    orgUnitId: units.find((u) => u.name === '麒麟社区第1网格')!.id, ownerName: '麒麟社区新发现井', use: 'domestic', foundVia: 'inspection',
    discoveredOn: '2024-06-10', lat: 33.01, lng: 112.52,
  });
  await api('POST', `/api/campaigns/${campaign.id}/tasks`, { tasks: [{ wellId: well.id, disposition: 'seal' }] });

  await page.goto(`${ctx.server.url}/wells/${well.id}`);
  const stage = page.getByTestId('well-stage');
  assert.equal((await stage.innerText()).trim(), '已发现');
  const stepTo = async (event: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>, expected: string) => {
    await page.getByTestId(`well-next-${event}`).click();
    const dialog = page.getByRole('dialog');
    await fill(dialog);
    await dialog.getByTestId('well-event-submit').click();
    await stage.getByText(expected).waitFor();
    await noDialog(page);
  };
  await stepTo('verify', async () => {}, '已核实');
  await stepTo('decide', async (d) => { await d.getByText('应封停', { exact: true }).click(); }, '已确定处置方式');
  await stepTo('serve_notice', async (d) => {
    await d.locator('.ant-form-item', { hasText: '封停期限' }).locator('input').click();
    await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
  }, '已下达封停通知');
  await stepTo('connect_supply', async (d) => { await d.getByPlaceholder('如：崔庄社区城中村水源置换管网改造工程').fill('麒麟社区供水管网接入'); }, '已接通替代水源');
  await stepTo('seal', async (d) => {
    await d.locator('.ant-form-item', { hasText: '回填材料' }).locator('input').first().fill('粘土球、水泥砂浆');
    await d.getByPlaceholder('如：南阳市水利工程公司').fill('卧龙区水利工程队');
    await d.getByTestId('well-photo-input').setInputFiles([
      { name: 'before.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') },
      { name: 'after.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') },
    ]);
    await shot(page, 'well-seal-step');
  }, '已封井');
  await stepTo('accept', async (d) => {
    await d.getByPlaceholder('如：区封停办 王某某、街道办 李某某').fill('卧龙区封停办');
    await d.getByPlaceholder('如：封井质量符合要求，验收合格').fill('封填密实，验收合格');
  }, '已验收');
  await shot(page, 'well-file');

  const file = await api('GET', `/api/wells/${well.id}`);
  assert.equal(file.stage, 'accepted');
  assert.equal(file.inUseStatus, 'sealed');
  assert.ok(file.photos.length >= 2, 'the sealing photos were uploaded');

  const after = await wolongInNotice(page, campaign.id);
  assert.notEqual(after.share, before.share);
  assert.equal(Number(after.rank), Number(before.rank) - 1, `卧龙区 moves up: ${JSON.stringify({ before, after })}`);
  await shot(page, 'notice');
  await page.close();
});
