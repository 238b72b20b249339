/**
 * Browser test against the real built server: log in as a demo user in Chromium, open the org
 * tree, see the 1152 grids, rename a grid through the web app and find the change in the audit log.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the server printed the URL and the demo accounts at first start', () => {
  assert.match(ctx.server.output(), /已启动/);
  assert.match(ctx.server.output(), /city\s+市封停办/);
});

test('a city user logs in and sees the 1152 grids in the org tree', async () => {
  const page = await login('city');
  await page.getByText('“飓风”行动进展').waitFor();
  // today 1150 of 1152 grids are complete: 光彩社区第1网格 was reopened after the 第12期 inspection, and 三川社区第1网格
  // went back to surveying for its missed wells (漏排)
  await page.getByTestId('metric-survey').getByText('99%').waitFor();
  await page.getByText('已完成 1150 / 1152 个网格').waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1200); // let the charts finish their entry animation for the screenshot
  await shot(page, 'home');
  await page.getByRole('menuitem', { name: '组织机构' }).click();
  await page.waitForURL(`${ctx.server.url}/org`);
  const tree = page.getByTestId('org-tree');
  await tree.getByText('卧龙区').first().waitFor();
  assert.equal(await page.getByTestId('grid-total').innerText(), '1152');
  for (const [district, grids] of [['卧龙区', 504], ['宛城区', 241], ['高新区', 118], ['城乡一体化示范区', 289]] as const) {
    await tree.getByText(`${district}`, { exact: true }).waitFor();
    await tree.getByText(`(${grids}个网格)`).first().waitFor();
  }
  await shot(page, 'org-tree');
  await page.close();
});

test('a district user sees only their district', async () => {
  const page = await login('wolong');
  await page.goto(`${ctx.server.url}/org`);
  await page.getByTestId('org-tree').getByText('卧龙区', { exact: true }).waitFor();
  assert.equal(await page.getByTestId('grid-total').innerText(), '504');
  assert.equal(await page.getByTestId('org-tree').getByText('宛城区', { exact: true }).count(), 0);
  await page.close();
});

test('a change made in the web app shows in the audit log', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/org`);
  await page.getByPlaceholder('搜索名称或编码').fill('七里园社区第1网格');
  await page.getByPlaceholder('搜索名称或编码').press('Enter');
  await page.getByTestId('org-tree').getByText('七里园社区第1网格').first().click();
  // the grid's own detail card before renaming (the tree may still be filtering when the click lands)
  await page.locator('.ant-card-head-title').getByText('七里园社区第1网格', { exact: true }).waitFor();
  await page.getByRole('button', { name: /重命名/ }).click();
  const dialog = page.getByRole('dialog');
  const nameInput = dialog.getByLabel('名称');
  await page.waitForFunction(() => (document.querySelector('.ant-modal input#name') as HTMLInputElement | null)?.value === '七里园社区第1网格');
  await nameInput.fill('七里园社区一网格');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('已将“七里园社区第1网格”更名为“七里园社区一网格”').waitFor();

  await page.getByRole('menuitem', { name: '操作日志' }).click();
  await page.waitForURL(`${ctx.server.url}/audit`);
  await page.getByText('网格“七里园社区第1网格”更名为“七里园社区一网格”').first().waitFor();
  await page.getByText('市封停办 王晓燕').first().waitFor();
  await shot(page, 'audit');
  await page.close();
});
