/**
 * Phone and ID numbers typed into free text: a tip's words and handling notes are masked for every
 * role but the city office (which alone sees the reporter); a case's facts are masked for everyone,
 * with the audited reveal for the offices that handle cases. A text sent back as it was shown keeps
 * its numbers; a changed text that still carries a mask is refused.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type Res, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client, wolong: Client, guangwu: Client, leader: Client, enforce: Client;
const NEIGHBOUR = '13977778888';
const ID = '410102198505051234';
const NOTE_PHONE = '13966665555';
const RAW = [NEIGHBOUR, ID, NOTE_PHONE];
let tipId = 0;
let tipCode = '';

const sheetText = async (res: Res) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.eachSheet((s) => s.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
  return cells.join('|');
};
const reveal = (who: Client, body: Record<string, unknown>) => who.send('POST', '/api/personal-info/reveal', body);

beforeAll(async () => {
  t = await demoApp();
  [city, wolong, guangwu, leader, enforce] = (await Promise.all(['city', 'wolong', 'guangwu', 'leader', 'enforce'].map((u) => t.login(u)))) as [Client, Client, Client, Client, Client];
  const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  // a hotline tip naming a neighbour with a phone and an ID number, given to 卧龙区, passed to 光武街道, checked there
  const staff = await city.send('POST', '/api/tips', {
    channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', address: '光彩社区北门',
    content: `来电称邻居张某（电话${NEIGHBOUR}，身份证${ID}）院内有井`,
  });
  expect(staff.statusCode, staff.body).toBe(200);
  tipId = staff.json().id;
  tipCode = staff.json().code;
  let tip = (await city.send('POST', `/api/tips/${tipId}/transitions`, { event: 'assign', onDate: '2024-06-01', data: { districtId: unit('卧龙区') }, version: staff.json().version })).json();
  tip = (await wolong.send('POST', `/api/tips/${tipId}/transitions`, { event: 'pass', onDate: '2024-06-02', data: { streetId: unit('光武街道') }, version: tip.version })).json();
  const checked = await guangwu.send('POST', `/api/tips/${tipId}/transitions`, {
    event: 'investigate', onDate: '2024-06-03', data: { result: 'substantiated', evidence: `已联系张某家属 ${NOTE_PHONE}，现场确有一眼井` }, version: tip.version,
  });
  expect(checked.statusCode, checked.body).toBe(200);
});
afterAll(() => t.close());

describe('a tip’s free text', () => {
  it('is masked in the list, the detail, its history, the overdue list, the map and the export for every role but the city office', async () => {
    for (const who of [wolong, guangwu, leader]) {
      const list = await who.get(`/api/tips?q=${tipCode}`);
      expect(list.statusCode, who.username).toBe(200);
      expect(list.json().tips[0].content).toBe('来电称邻居张某（电话139****8888，身份证4101**********1234）院内有井');
      const detail = await who.get(`/api/tips/${tipId}`);
      expect(detail.json().events.find((e: { event: string }) => e.event === 'investigate').data.evidence).toBe('已联系张某家属 139****5555，现场确有一眼井');
      const texts = [list.body, detail.body, (await who.get('/api/tips/overdue')).body, (await who.get('/api/map/layers?layers=tips')).body, await sheetText(await who.get('/api/tips/export'))];
      expect(texts[4]).toContain('139****8888');
      for (const text of texts) for (const raw of RAW) expect(text, who.username).not.toContain(raw);
    }
  });

  it('is shown in full to the city office, which alone sees the reporter too', async () => {
    const detail = await city.get(`/api/tips/${tipId}`);
    expect(detail.json().content).toContain(NEIGHBOUR);
    expect(detail.json().content).toContain(ID);
    expect(detail.body).toContain(NOTE_PHONE);
    expect(await sheetText(await city.get('/api/tips/export'))).toContain(NEIGHBOUR);
    // its audit log keeps the notes masked all the same
    const audit = await city.get(`/api/audit?entityType=tip&entityId=${tipId}`);
    expect(audit.body).toContain('139****5555');
    expect(audit.body).not.toContain(NOTE_PHONE);
  });

  it('refuses a new note that copies a masked number (the stars would be stored for the number)', async () => {
    const tip = (await guangwu.get(`/api/tips/${tipId}`)).json();
    const res = await guangwu.send('POST', `/api/tips/${tipId}/transitions`, { event: 'close', data: { reply: '已联系 139****8888，井已封填' }, version: tip.version });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('填写的内容中有遮蔽后的号码（带 *）：请写出完整号码，或删去该号码');
    const ok = await guangwu.send('POST', `/api/tips/${tipId}/transitions`, { event: 'close', data: { reply: '经核查属实，井已封填' }, version: tip.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const staff = await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: '2024-06-01T09:00:00+08:00', content: '来电 139****8888 称有井' });
    expect(staff.statusCode).toBe(400);
    expect(staff.json().message).toContain('遮蔽后的号码');
  });
});

describe('a case’s facts', () => {
  const FACTS = `当事人（身份证号${ID}，电话${NEIGHBOUR}）隐瞒自备井1眼不报`;
  const SHOWN = '当事人（身份证号4101**********1234，电话139****8888）隐瞒自备井1眼不报';
  let caseId = 0;
  type CaseDetail = Record<string, unknown> & { id: number; wells: { id: number }[]; legalBasis: { code: string }[]; version: number; facts: string };
  const bodyOf = (d: CaseDetail, patch: Record<string, unknown>) => ({
    filedOn: d.filedOn, unitId: d.unitId, partyCardId: d.partyCardId, partyName: d.partyName, partyContact: d.partyContact, wellIds: d.wells.map((w) => w.id),
    violation: d.violation, violationOther: d.violationOther, legalBasis: d.legalBasis.map((b) => b.code), facts: d.facts, fineYuan: d.fineYuan,
    otherMeasures: d.otherMeasures, typical: d.typical, version: d.version, ...patch,
  });

  beforeAll(async () => {
    const units = (await city.get('/api/org/units')).json().units as { id: number; name: string }[];
    const created = await wolong.send('POST', '/api/cases', { filedOn: '2024-03-01', unitId: units.find((u) => u.name === '光武街道')!.id, partyName: '某洗车行（隐私）', violation: 'concealed', facts: FACTS });
    expect(created.statusCode, created.body).toBe(200);
    caseId = created.json().id;
  });

  it('are masked in the list, the detail and the export for every role, the city office included', async () => {
    for (const who of [city, wolong, guangwu, leader, enforce]) {
      const list = await who.get(`/api/cases?q=${encodeURIComponent('某洗车行（隐私）')}`);
      expect(list.statusCode, who.username).toBe(200);
      expect(list.json().cases[0].facts).toBe(SHOWN);
      const detail = await who.get(`/api/cases/${caseId}`);
      expect(detail.json().facts).toBe(SHOWN);
      const sheet = await sheetText(await who.get('/api/cases/export'));
      expect(sheet, who.username).toContain(SHOWN);
      for (const text of [list.body, detail.body, sheet]) for (const raw of [NEIGHBOUR, ID]) expect(text, who.username).not.toContain(raw);
    }
    const audit = await city.get(`/api/audit?entityType=case&entityId=${caseId}`);
    expect(audit.body).toContain('139****8888');
    expect(audit.body).not.toContain(NEIGHBOUR);
  });

  it('are revealed, audited, to the offices that handle cases, and to nobody else', async () => {
    const body = { kind: 'case', id: caseId, field: 'facts' };
    for (const who of [wolong, enforce, city]) {
      const res = await reveal(who, body);
      expect(res.statusCode, who.username).toBe(200);
      expect(res.json().value).toBe(FACTS);
      expect(res.headers['cache-control']).toBe('no-store');
    }
    for (const who of [leader, guangwu]) expect((await reveal(who, body)).statusCode, who.username).toBe(403);
    const audit = (await city.get(`/api/audit?entityType=case&entityId=${caseId}`)).json().entries as { action: string; summary: string }[];
    const looks = audit.filter((e) => e.action === 'reveal_personal_info');
    expect(looks.length).toBe(3);
    expect(looks[0]!.summary).toMatch(/^查看执法案件“.+ 某洗车行（隐私）”的完整违法事实$/);
  });

  it('sent back as shown keep their numbers; changed with a mask still in them they are refused; written out they are taken', async () => {
    const d = (await wolong.get(`/api/cases/${caseId}`)).json() as CaseDetail;
    // the whole case as the form has it, facts masked, another field changed
    const kept = await wolong.send('PATCH', `/api/cases/${caseId}`, bodyOf(d, { otherMeasures: '责令限期封填' }));
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().facts).toBe(SHOWN);
    expect((await reveal(wolong, { kind: 'case', id: caseId, field: 'facts' })).json().value).toBe(FACTS);

    const changed = await wolong.send('PATCH', `/api/cases/${caseId}`, bodyOf(d, { facts: `${SHOWN}，拒不整改`, version: kept.json().version }));
    expect(changed.statusCode).toBe(400);
    expect(changed.json().message).toContain('违法事实中有遮蔽后的号码');
    expect((await reveal(wolong, { kind: 'case', id: caseId, field: 'facts' })).json().value).toBe(FACTS);

    const full = await wolong.send('PATCH', `/api/cases/${caseId}`, bodyOf(d, { facts: `${FACTS}，拒不整改`, version: kept.json().version }));
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().facts).toBe(`${SHOWN}，拒不整改`);
    expect((await reveal(wolong, { kind: 'case', id: caseId, field: 'facts' })).json().value).toBe(`${FACTS}，拒不整改`);

    const fresh = await wolong.send('POST', '/api/cases', { filedOn: '2024-03-01', unitId: d.unitId, partyName: '另一当事人', violation: 'concealed', facts: SHOWN });
    expect(fresh.statusCode).toBe(400);
    expect(fresh.json().message).toContain('违法事实中有遮蔽后的号码');
  });
});
