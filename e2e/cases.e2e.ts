/**
 * Browser test of enforcement cases: the city office opens the 人力大厦 case (under
 * investigation), records the penalty decision, marks it a typical case and writes it up as a
 * 工作信息 draft, which then waits among the articles (as 示范区's draft) for the approval flow.
 * A district office sees its small users and their tax registration.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiAs, noDialog, serverAndBrowser, shot } from './support.js';

const ctx = serverAndBrowser();
const { login } = ctx;

test('the city office decides a case, marks it typical and writes the 工作信息 draft', async () => {
  const page = await login('city');
  await page.goto(`${ctx.server.url}/cases`);
  const table = page.getByTestId('cases-table');
  await table.getByText('宛水罚〔2024〕1号').waitFor();
  await table.getByText('人力大厦').click();
  await page.getByTestId('case-detail').waitFor();
  await page.getByTestId('case-state-tag').getByText('调查').waitFor();

  // a decision without a penalty is refused, then made with a fine
  await page.getByTestId('case-next-decide').click();
  const modal = page.getByTestId('case-transition-modal');
  await modal.getByTestId('case-step-fine').waitFor();
  await modal.getByTestId('case-step-fine').fill('');
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await page.getByTestId('case-transition-error').getByText(/处罚决定须写明罚款金额或其他处罚措施/).waitFor();
  await modal.getByTestId('case-step-fine').fill('100000');
  await modal.getByTestId('case-step-measures').fill('责令限期补办登记并安装计量设施');
  await page.getByRole('dialog').getByRole('button', { name: /确\s*定/ }).click();
  await noDialog(page);
  await page.getByTestId('case-state-tag').getByText('处罚决定').waitFor();
  assert.match((await page.getByTestId('case-fine').textContent()) ?? '', /100,000/);
  await page.getByTestId('case-history').getByText('作出处罚决定').waitFor();

  await page.getByTestId('case-typical').click();
  await page.getByTestId('case-write-article').waitFor();
  await page.getByTestId('case-write-article').click();
  await page.getByTestId('case-article').getByText('依法查处人力大厦隐瞒自备井不报案').waitFor();
  await page.getByTestId('case-article').getByText('草稿').waitFor();
  await shot(page, 'case');

  await page.goto(`${ctx.server.url}/articles?state=draft`);
  await page.getByTestId('articles-table').getByText('示范区：依法查处人力大厦隐瞒自备井不报案').waitFor();
  const drafts = await apiAs(page, ctx.server, 'GET', '/api/articles?state=draft&category=info');
  const draft = drafts.articles.find((a: { title: string }) => a.title === '依法查处人力大厦隐瞒自备井不报案');
  assert.equal(draft.district, '示范区');
  assert.match(draft.paragraphs.join(''), /处罚款10万元/);
});

test('a district office lists its small users with their water-resource-tax registration', async () => {
  const page = await login('gaoxin');
  await page.goto(`${ctx.server.url}/small-users`);
  const table = page.getByTestId('small-users-table');
  await table.getByText('高新区').first().waitFor();
  await table.getByText(/已登记|未登记/).first().waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'small-users');
});

test('a case’s facts show phone and ID numbers masked; the office reveals them, audited, to edit the text', async () => {
  const page = await login('wolong');
  const units = (await apiAs(page, ctx.server, 'GET', '/api/org/units')).units as { id: number; name: string }[];
  const facts = '当事人（身份证号410102199001011234，电话13911112222）隐瞒自备井1眼不报';
  const created = await apiAs(page, ctx.server, 'POST', '/api/cases', {
    filedOn: '2024-03-01', unitId: units.find((u) => u.name === '光武街道')!.id, partyName: '某洗车行（事实遮蔽）', violation: 'concealed', facts,
  });
  await page.goto(`${ctx.server.url}/cases/${created.id}`);
  const detail = page.getByTestId('case-detail');
  await detail.getByText('当事人（身份证号4101**********1234，电话139****2222）隐瞒自备井1眼不报').waitFor();
  assert.equal(await detail.getByText('13911112222').count(), 0);

  // editing: the form says the numbers are masked and offers the full text (an audited reveal)
  await page.getByTestId('case-edit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/号码已遮蔽（带 \*）/).waitFor();
  await shot(page, 'case-facts-masked');
  await dialog.getByTestId('case-facts-reveal').click();
  const textarea = dialog.getByLabel('违法事实');
  await page.waitForFunction(() => [...document.querySelectorAll('textarea')].some((t) => t.value.includes('13911112222')));
  await textarea.fill(`${facts}，拒不整改`);
  await dialog.getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await noDialog(page);
  await detail.getByText('当事人（身份证号4101**********1234，电话139****2222）隐瞒自备井1眼不报，拒不整改').waitFor();

  // the detail's own reveal shows the stored text in full
  await detail.getByRole('button', { name: '查看完整内容' }).click();
  await detail.getByTestId('revealed-value').getByText(`${facts}，拒不整改`).waitFor();
  await shot(page, 'case-facts-revealed');
});
