/**
 * Browser test of the grid survey: a grid worker, on a phone-sized screen, fills a card with a
 * photo in their grid; the street office completes the grid and sees the progress change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { PNG } from '../src/test-support/fixtures.js';
import { serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

/** 光彩社区's completed-grid count in the street office's progress table (as of today). */
async function completedInCommunity(page: Page): Promise<number> {
  await page.goto(`${ctx.server.url}/survey`);
  const row = page.getByTestId('survey-progress').locator('tr', { hasText: '光彩社区' }).first();
  await row.waitFor();
  const cells = await row.locator('td').allInnerTexts();
  return Number(cells[3]);
}

test('a grid worker fills a card with a photo; the street office completes the grid and sees progress change', async () => {
  const office = await login('guangwu');
  const before = await completedInCommunity(office);

  const phone = await login('grid01', { width: 390, height: 844 });
  await phone.waitForURL(`${ctx.server.url}/survey/my`);
  await phone.getByTestId('my-grids').getByText('光彩社区第1网格').first().click();
  await phone.waitForURL(/\/survey\/grids\/\d+/);
  assert.equal(await phone.getByTestId('grid-state').innerText(), '排查中');

  await phone.getByTestId('card-new').click();
  const drawer = phone.locator('.ws-card-form');
  await drawer.getByText('沿街门店', { exact: true }).click();
  await drawer.getByPlaceholder('如：老王洗车行').fill('光彩补录洗车行');
  await drawer.getByPlaceholder('街路门牌号、小区楼栋').fill('光武街道光彩社区中州路18号');
  const accounts = drawer.locator('.ant-form-item', { hasText: '自来水户号' }).locator('input').first();
  await accounts.click();
  await accounts.fill('101999001');
  await phone.keyboard.press('Enter');
  await phone.getByTestId('photo-input').setInputFiles({ name: 'shop.png', mimeType: 'image/png', buffer: Buffer.from(PNG, 'base64') });
  await drawer.getByText('未签字').click();
  await shot(phone, 'card-form-phone');
  await phone.getByTestId('card-submit').click();
  await phone.getByTestId('card-list').getByText('光彩补录洗车行').first().waitFor();

  const gridId = Number(new URL(phone.url()).pathname.split('/').pop());
  // the photo goes up right after the card is saved: wait for it (at most 15 s)
  type Cards = { cards: { name: string; photos: unknown[]; surveyedBy: string }[] };
  let saved: Cards['cards'][number] | undefined;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await phone.waitForTimeout(250)) {
    const cards = (await (await phone.request.get(`${ctx.server.url}/api/survey/grids/${gridId}/cards`)).json()) as Cards;
    saved = cards.cards.find((c) => c.name === '光彩补录洗车行');
    if (saved && saved.photos.length > 0) break;
  }
  assert.ok(saved, 'the card was saved');
  assert.equal(saved.surveyedBy, '网格员 刘洋');
  assert.equal(saved.photos.length, 1, 'the photo was uploaded');
  await shot(phone, 'grid-phone');
  await phone.close();

  await office.goto(`${ctx.server.url}/survey/grids/${gridId}`);
  await office.getByRole('button', { name: /完成排查/ }).first().click();
  const dialog = office.getByRole('dialog');
  await dialog.getByRole('button', { name: '确认完成排查' }).click();
  await office.getByTestId('grid-state').getByText('已完成').waitFor();
  assert.equal(await completedInCommunity(office), before + 1);
  await shot(office, 'survey-progress');
  await office.close();
});
