/**
 * Personal information (PIPL): phone numbers are masked in every list, detail, history, audit entry
 * and export; the full number comes only through POST /api/personal-info/reveal, for the roles that
 * must call the person, and every reveal is audited without the number itself. Edits that send the
 * masked value back keep the stored number.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client, wolong: Client, wancheng: Client, grid01: Client, leader: Client, enforce: Client, utility: Client;
const PHONE = '13766661234';
const MASKED = '137****1234';
let gridId = 0;
let cardId = 0;

const cardBody = { kind: 'household', name: '隐私测试户', address: '光彩社区 9 号', contactName: '赵某', contactPhone: PHONE, waterSource: 'tap', tapAccounts: ['7770001'], surveyedOn: '2024-01-20' };
const cellsOf = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? ''))));
  return out;
};
const reveal = (who: Client, body: Record<string, unknown>) => who.send('POST', '/api/personal-info/reveal', body);

beforeAll(async () => {
  t = await demoApp();
  [city, wolong, wancheng, grid01, leader, enforce, utility] = (await Promise.all(['city', 'wolong', 'wancheng', 'grid01', 'leader', 'enforce', 'utility'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client, Client, Client];
  const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
  gridId = units.find((u) => u.name === '光彩社区第1网格')!.id;
  await city.send('POST', `/api/survey/grids/${gridId}/reopen`, { reason: '隐私测试' }); // when completed in the demo
  const created = await grid01.send('POST', '/api/cards', { ...cardBody, gridId });
  expect(created.statusCode, created.body).toBe(200);
  cardId = created.json().id;
});
afterAll(() => t.close());

describe('一户一卡 contact phones', () => {
  it('are masked in the card, the grid list, the version history and the audit log, for every role', async () => {
    expect((await grid01.get(`/api/cards/${cardId}`)).json().contactPhone).toBe(MASKED);
    for (const who of [city, wolong, grid01, leader, enforce]) {
      const list = await who.get(`/api/survey/grids/${gridId}/cards`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(PHONE);
      expect(list.json().cards.find((c: { id: number }) => c.id === cardId).contactPhone).toBe(MASKED);
    }
    // the offline field app's bundle of the worker's own cards
    const bundle = await grid01.get('/api/field/bundle');
    expect(bundle.statusCode).toBe(200);
    expect(bundle.body).toContain(MASKED);
    expect(bundle.body).not.toContain(PHONE);
    const versions = await city.get(`/api/cards/${cardId}/versions`);
    expect(versions.json().versions[0].data.contactPhone).toBe(MASKED);
    expect(versions.body).not.toContain(PHONE);
    const audit = await city.get(`/api/audit?entityType=user_card&entityId=${cardId}`);
    expect(audit.json().entries.length).toBeGreaterThan(0);
    expect(audit.body).toContain(MASKED);
    expect(audit.body).not.toContain(PHONE);
  });

  it('are masked in the card sheet export, and re-importing that sheet keeps the stored numbers', async () => {
    const res = await wolong.get(`/api/survey/cards/export?unitId=${gridId}`);
    expect(res.statusCode).toBe(200);
    const cells = await cellsOf(res.rawPayload);
    expect(cells).toContain(MASKED);
    expect(cells.join('|')).not.toContain(PHONE);
    const back = await wolong.send('POST', '/api/survey/import/cards', { fileName: 'cards.xlsx', content: res.rawPayload.toString('base64'), dryRun: false });
    expect(back.json()).toMatchObject({ applied: true, created: 0, updated: 0 });
    expect((await grid01.send('POST', '/api/personal-info/reveal', { kind: 'card', id: cardId, field: 'contactPhone' })).json().value).toBe(PHONE);
  });

  it('reveal the full number to the roles that call the person, in scope, and audit each look without the number', async () => {
    const body = { kind: 'card', id: cardId, field: 'contactPhone' };
    for (const who of [grid01, wolong, city]) {
      const res = await reveal(who, body);
      expect(res.statusCode, who.username).toBe(200);
      expect(res.json()).toEqual({ ...body, value: PHONE });
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // read-only roles and roles without the survey see masks only; a sibling district does not see the card at all
    for (const who of [leader, enforce, utility]) {
      const res = await reveal(who, body);
      expect(res.statusCode, who.username).toBe(403);
      expect(res.json().message).toBe('无权执行此操作');
    }
    const sibling = await reveal(wancheng, body);
    expect(sibling.statusCode).toBe(404);
    expect(sibling.json().message).toBe('记录不存在或无权访问');
    // a field that is not personal information, or an unknown kind: a Chinese 400
    const bad = await reveal(city, { kind: 'card', id: cardId, field: 'name' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('该字段不能查看完整内容');
    expect((await reveal(city, { kind: 'tip', id: 1, field: 'phone' })).statusCode).toBe(400);

    const audit = await city.get(`/api/audit?entityType=user_card&entityId=${cardId}&pageSize=200`);
    const looks = (audit.json().entries as { action: string; actorName: string; summary: string; after: unknown }[]).filter((e) => e.action === 'reveal_personal_info');
    expect(looks.map((e) => e.actorName).sort()).toEqual(expect.arrayContaining(['网格员 刘洋']));
    expect(looks.length).toBeGreaterThanOrEqual(4); // three above and the one after the import
    expect(looks[0]!.summary).toBe('查看一户一卡“隐私测试户（光彩社区第1网格）”的完整联系电话');
    expect(looks[0]!.after).toEqual({ field: 'contactPhone' });
    expect(audit.body).not.toContain(PHONE);
  });

  it('an edit that sends the masked number back keeps the stored one; a new number replaces it; other stars are refused', async () => {
    const card = (await grid01.get(`/api/cards/${cardId}`)).json();
    const { id: _id, gridCode: _gc, gridName: _gn, pledgeStatus: _ps, lacksTapAccount: _lt, updatedAt: _u, photos: _p, gridId: _g, ...body } = card;
    // the whole card as the form or the field app has it, the phone masked, one other field changed
    const kept = await grid01.send('PATCH', `/api/cards/${cardId}`, { ...body, remarks: '改了备注' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().contactPhone).toBe(MASKED);
    expect((await reveal(grid01, { kind: 'card', id: cardId, field: 'contactPhone' })).json().value).toBe(PHONE);

    const wrong = await grid01.send('PATCH', `/api/cards/${cardId}`, { ...body, version: kept.json().version, contactPhone: '137****9999' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('联系电话是遮蔽后的号码');
    const fresh = await grid01.send('POST', '/api/cards', { ...cardBody, name: '隐私测试户二', contactPhone: MASKED, gridId });
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().message).toContain('联系电话是遮蔽后的号码');

    const changed = await grid01.send('PATCH', `/api/cards/${cardId}`, { ...body, version: kept.json().version, contactPhone: '13900001111' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().contactPhone).toBe('139****1111');
    expect((await reveal(grid01, { kind: 'card', id: cardId, field: 'contactPhone' })).json().value).toBe('13900001111');
    // put the first number back for the other tests
    await grid01.send('PATCH', `/api/cards/${cardId}`, { ...body, version: changed.json().version, contactPhone: PHONE });
  });
});

describe('case parties and staff phones', () => {
  it('a case party’s contact is masked in lists and details; enforcement offices may reveal it, leaders may not; the mask back keeps it', async () => {
    const list = await leader.get('/api/cases?q=' + encodeURIComponent('向阳荷花'));
    const c = (list.json().cases as { id: number; partyContact: string }[])[0]!;
    expect(c.partyContact).toBe('物业经理 王某 138****0000');
    expect(list.body).not.toContain('13803770000');
    const detail = await enforce.get(`/api/cases/${c.id}`);
    expect(detail.json().partyContact).toBe('物业经理 王某 138****0000');
    expect((await reveal(leader, { kind: 'case', id: c.id, field: 'partyContact' })).statusCode).toBe(403);
    const full = await reveal(enforce, { kind: 'case', id: c.id, field: 'partyContact' });
    expect(full.json().value).toBe('物业经理 王某 13803770000');
    // an edit of another field sends the masked contact back: the stored one stays
    const d = detail.json();
    const edit = await enforce.send('PATCH', `/api/cases/${c.id}`, {
      filedOn: d.filedOn, unitId: d.unitId, partyCardId: d.partyCardId, partyName: d.partyName, partyContact: d.partyContact, wellIds: d.wells.map((w: { id: number }) => w.id),
      violation: d.violation, violationOther: d.violationOther, legalBasis: d.legalBasis.map((b: { code: string }) => b.code), facts: `${d.facts}（补充）`, fineYuan: d.fineYuan,
      otherMeasures: d.otherMeasures, typical: d.typical, version: d.version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect((await reveal(enforce, { kind: 'case', id: c.id, field: 'partyContact' })).json().value).toBe('物业经理 王某 13803770000');
    const audit = await city.get(`/api/audit?entityType=case&entityId=${c.id}`);
    expect(audit.body).not.toContain('13803770000');
  });

  it('a typical case written up for the bulletin carries no phone or ID number from its facts', async () => {
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
    const created = await wolong.send('POST', '/api/cases', {
      filedOn: '2024-03-01', unitId: units.find((u) => u.name === '光武街道')!.id, partyName: '某洗车行', partyContact: '店主 13911112222', violation: 'concealed',
      facts: '当事人（身份证号410102199001011234，电话13911112222）隐瞒自备井1眼不报', legalBasis: [],
    });
    expect(created.statusCode, created.body).toBe(200);
    let c = created.json();
    c = (await wolong.send('POST', `/api/cases/${c.id}/transitions`, { event: 'investigate', version: c.version })).json();
    c = (await wolong.send('POST', `/api/cases/${c.id}/transitions`, { event: 'decide', data: { fineYuan: 20000 }, version: c.version })).json();
    c = (await wolong.send('POST', `/api/cases/${c.id}/typical`, { typical: true, version: c.version })).json();
    const written = await wolong.send('POST', `/api/cases/${c.id}/article`, { version: c.version });
    expect(written.statusCode, written.body).toBe(200);
    const article = await wolong.get(`/api/articles/${written.json().articleId}`);
    expect(article.body).toContain('身份证号4101**********1234，电话139****2222');
    expect(article.body).not.toContain('13911112222');
    expect(article.body).not.toContain('410102199001011234');
  });

  it('a staff user’s phone is masked in the user list; user managers may reveal it within their scope', async () => {
    const users = (await wolong.get('/api/users')).json().users as { id: number; username: string; phone: string | null }[];
    const g = users.find((u) => u.username === 'grid01')!;
    expect(g.phone).toBe('138****0007');
    expect((await reveal(wolong, { kind: 'user', id: g.id, field: 'phone' })).json().value).toBe('13837700007');
    expect((await reveal(wancheng, { kind: 'user', id: g.id, field: 'phone' })).statusCode).toBe(404);
    expect((await reveal(grid01, { kind: 'user', id: g.id, field: 'phone' })).statusCode).toBe(403);
  });
});

describe('photos', () => {
  it('every photo URL is scope-checked, and a sibling cannot tell another district’s photo from a missing one', async () => {
    const { PNG } = await import('../../../test-support/fixtures.js');
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
    const street = units.find((u) => u.name === '光武街道')!.id;
    const well = await wolong.send('POST', '/api/wells', { ownerName: '照片测试井', use: 'domestic', foundVia: 'inspection', discoveredOn: '2024-01-10', lat: 33.0, lng: 112.5, orgUnitId: gridId });
    expect(well.statusCode, well.body).toBe(200);
    const inspection = await wolong.send('POST', '/api/inspections', { onDate: '2024-01-10', kind: 'site_check', title: '照片测试督导', leaders: [{ name: '督导组', title: '' }], areaUnitId: street, targets: [{ kind: 'address', label: '光武街道某小区' }] });
    expect(inspection.statusCode, inspection.body).toBe(200);
    const finding = await wolong.send('POST', '/api/findings', { foundOn: '2024-01-10', unitId: street, category: 'not_thorough', description: '照片测试问题' });
    expect(finding.statusCode, finding.body).toBe(200);
    const uploads = {
      card: await grid01.send('POST', `/api/cards/${cardId}/photos`, { fileName: 'c.png', content: PNG }),
      pledge: await grid01.send('POST', `/api/cards/${cardId}/photos`, { fileName: 'p.png', content: PNG, ownerType: 'pledge' }),
      well: await wolong.send('POST', `/api/wells/${well.json().id}/photos`, { fileName: 'w.png', content: PNG, stage: 'before', lat: 33.0, lng: 112.5 }),
      inspection: await wolong.send('POST', `/api/inspections/${inspection.json().id}/photos`, { fileName: 'i.png', content: PNG }),
      finding: await wolong.send('POST', `/api/findings/${finding.json().id}/photos`, { fileName: 'f.png', content: PNG }),
    };
    const missing = await wancheng.get('/api/photos/99999999');
    expect(missing.statusCode).toBe(404);
    for (const [kind, up] of Object.entries(uploads)) {
      expect(up.statusCode, `${kind} ${up.body}`).toBe(200);
      const url = up.json().url as string;
      expect(url).toBe(`/api/photos/${up.json().id}`);
      const mine = await wolong.get(url);
      expect(mine.statusCode, kind).toBe(200);
      expect(mine.headers['cache-control']).toBe('private, max-age=3600');
      expect(mine.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      for (const outsider of [wancheng, utility]) {
        const res = await outsider.get(url);
        expect(res.statusCode, `${kind} as ${outsider.username}`).toBe(404);
        expect(res.body).toBe(missing.body); // same answer as an id that does not exist
      }
      // the city office sees everything
      expect((await city.get(url)).statusCode).toBe(200);
    }
    // card and pledge photos: the grid worker of that grid; well photos: read by grid workers too; inspections and findings: not theirs
    expect((await grid01.get(uploads.card.json().url)).statusCode).toBe(200);
    expect((await grid01.get(uploads.well.json().url)).statusCode).toBe(200);
    expect((await grid01.get(uploads.inspection.json().url)).statusCode).toBe(404);
    // walking the ids around them, the sibling district finds nothing of 卧龙区's
    const photoIds = Object.values(uploads).map((u) => u.json().id as number);
    for (let id = Math.max(1, Math.min(...photoIds) - 2); id <= Math.max(...photoIds) + 2; id++) {
      expect((await wancheng.get(`/api/photos/${id}`)).statusCode).toBe(404);
    }
  });
});
