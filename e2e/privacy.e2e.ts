/**
 * Browser test of personal information: the grid worker's card list shows the contact phone
 * masked (137****1234); “查看完整号码” shows the full number, and the city office finds that look
 * in the audit log — without the number.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const PHONE = '13755557777';

test('a card list shows the phone masked; the reveal shows it in full and is audited', async () => {
  const city = await ctx.login('city');
  const units = (await apiAs(city, ctx.server, 'GET', '/api/org/units')).units as { id: number; name: string }[];
  const gridId = units.find((u) => u.name === '光彩社区第1网格')!.id;
  await apiAs(city, ctx.server, 'POST', `/api/survey/grids/${gridId}/reopen`, { reason: '隐私浏览器测试' }).catch(() => undefined); // when completed
  await apiAs(city, ctx.server, 'POST', '/api/cards', { gridId, kind: 'household', name: '隐私浏览器测试户', contactName: '钱某', contactPhone: PHONE, waterSource: 'tap', tapAccounts: ['8880001'], surveyedOn: '2024-01-20' });

  const grid = await ctx.login('grid01');
  await grid.goto(`${ctx.server.url}/survey/grids/${gridId}`);
  const list = grid.getByTestId('card-list');
  const row = list.locator('tr', { hasText: '隐私浏览器测试户' });
  await row.getByTestId('masked-value').getByText('137****7777').waitFor();
  assert.equal(await list.getByText(PHONE).count(), 0);
  await row.getByTestId('reveal-button').click();
  await row.getByTestId('revealed-value').getByText(PHONE).waitFor();
  await shot(grid, 'privacy-reveal');

  await city.goto(`${ctx.server.url}/audit`);
  const entry = city.locator('tr', { hasText: '查看一户一卡“隐私浏览器测试户（光彩社区第1网格）”的完整联系电话' });
  await entry.getByText('查看完整号码').waitFor();
  await entry.getByText('网格员 刘洋').waitFor();
  assert.equal(await city.getByText(PHONE).count(), 0);
});

test('a district office reads a tip with the phone and ID numbers in it masked; the city office reads them in full', async () => {
  const city = await ctx.login('city');
  const units = (await apiAs(city, ctx.server, 'GET', '/api/org/units')).units as { id: number; name: string }[];
  const tip = await apiAs(city, ctx.server, 'POST', '/api/tips', {
    channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', address: '光彩社区北门', content: '来电称邻居张某（电话13977778888，身份证410102198505051234）院内有井',
  });
  await apiAs(city, ctx.server, 'POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', onDate: '2024-06-01', data: { districtId: units.find((u) => u.name === '卧龙区')!.id }, version: tip.version });

  const district = await ctx.login('wolong');
  await district.goto(`${ctx.server.url}/tips/${tip.id}`);
  await district.getByTestId('tip-content-text').getByText('来电称邻居张某（电话139****8888，身份证4101**********1234）院内有井').waitFor();
  assert.equal(await district.getByText('13977778888').count(), 0);
  await shot(district, 'privacy-tip-masked');

  await city.goto(`${ctx.server.url}/tips/${tip.id}`);
  await city.getByTestId('tip-content-text').getByText('来电称邻居张某（电话13977778888，身份证410102198505051234）院内有井').waitFor();
});
