import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { writeXlsx } from '../../files/sheet.js';

let t: TestApp;
let city: Client, wancheng: Client, gaoxin: Client, enforce: Client;
type Unit = { id: number; name: string; level: string; path: string };
let units: Unit[] = [];
const unit = (name: string) => units.find((u) => u.name === name) ?? (() => { throw new Error(`no unit ${name}`); })();

const b64 = (buf: Buffer) => buf.toString('base64');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

beforeAll(async () => {
  t = await demoApp();
  [city, wancheng, gaoxin, enforce] = await Promise.all([t.login('city'), t.login('wancheng'), t.login('gaoxin'), t.login('enforce')]);
  units = await t.database.db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path']).execute();
}, 120_000);
afterAll(async () => t?.close());

describe('enforcement cases', () => {
  it('lists the demo cases of 2024; a district sees only its own', async () => {
    const all = (await city.get('/api/cases')).json();
    expect(all.cases.map((c: Json) => c.number).sort()).toEqual(['宛水罚〔2024〕1号', '宛水罚〔2024〕2号', '宛水罚〔2024〕3号']);
    const hehua = all.cases.find((c: Json) => c.partyName.startsWith('向阳荷花广场'));
    expect(hehua).toMatchObject({ district: '宛城区', violationLabel: '外排', state: 'closed', stateLabel: '结案', typical: true, fineYuan: 100_000, closedOn: '2024-02-29' });
    expect(hehua.legalBasis[0].title).toBe('《地下水管理条例》第五十一条');

    const mine = (await wancheng.get('/api/cases')).json();
    expect(mine.cases.map((c: Json) => c.district)).toEqual(['宛城区', '宛城区']);
    expect(mine.districts.map((d: Json) => d.name)).toEqual(['宛城区']);
    const other = all.cases.find((c: Json) => c.partyName === '人力大厦');
    expect(other.district).toBe('示范区');
    expect((await wancheng.get(`/api/cases/${other.id}`)).statusCode).toBe(404);
    expect((await wancheng.send('POST', `/api/cases/${other.id}/transitions`, { event: 'decide', data: { fineYuan: 1 }, version: other.version })).statusCode).toBe(404);

    const detail = (await city.get(`/api/cases/${all.cases.find((c: Json) => c.partyName === '三川盛唐商务苑物业').id}`)).json();
    expect(detail.wells).toHaveLength(3);
    expect(detail.events.map((e: Json) => e.eventLabel)).toEqual(['立案', '开始调查', '作出处罚决定', '执行处罚']);
    expect(detail.next).toEqual(['close']);
  });

  it('numbers a new case, checks the party and wells against scope, and answers a stale edit with 409', async () => {
    const grid = unit('三川社区第1网格');
    const wells = (await wancheng.get(`/api/wells?unitId=${grid.id}&pageSize=50`)).json().wells;
    const res = await wancheng.send('POST', '/api/cases', {
      filedOn: '2024-03-01', unitId: grid.id, partyName: '某洗车行', violation: 'reactivated', legalBasis: ['gwr-58'], wellIds: [wells[0].id], facts: '已封存的井私自启用',
    });
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ number: '宛水罚〔2024〕4号', district: '宛城区', state: 'filed', version: 1 });
    expect(created.wells.map((w: Json) => w.id)).toEqual([wells[0].id]);

    // outside the caller's district: not found
    expect((await wancheng.send('POST', '/api/cases', { filedOn: '2024-03-01', unitId: unit('卧龙区').id, partyName: '甲', violation: 'refused' })).statusCode).toBe(404);
    const wolongWell = (await city.get(`/api/wells?unitId=${unit('卧龙区').id}&pageSize=1`)).json().wells[0];
    expect((await wancheng.send('POST', '/api/cases', { filedOn: '2024-03-01', unitId: grid.id, partyName: '甲', violation: 'refused', wellIds: [wolongWell.id] })).statusCode).toBe(404);
    expect((await wancheng.send('POST', '/api/cases', { filedOn: '2024-03-01', unitId: grid.id, partyName: '甲', violation: 'other' })).json().message).toContain('写明违法行为');

    const body = { filedOn: '2024-03-01', unitId: grid.id, partyName: '某洗车行（个体）', violation: 'reactivated', legalBasis: ['gwr-58'], wellIds: [], version: 1 };
    const edited = await wancheng.send('PATCH', `/api/cases/${created.id}`, body);
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ partyName: '某洗车行（个体）', version: 2, wellCount: 0 });
    const stale = await wancheng.send('PATCH', `/api/cases/${created.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect((await wancheng.send('POST', `/api/cases/${created.id}/transitions`, { event: 'investigate', version: 1 })).statusCode).toBe(409);
  });

  it('moves only forward: a decision needs a penalty, and there is no going back', async () => {
    const created = (await city.send('POST', '/api/cases', { filedOn: '2024-04-02', unitId: unit('高新区').id, partyName: '某宾馆', violation: 'no_meter', legalBasis: ['gwr-22', 'gwr-56'] })).json();
    expect((await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'decide', onDate: '2024-04-03', data: { fineYuan: 100_000 }, version: created.version })).json().message).toContain('请先完成“调查”');
    const investigating = (await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'investigate', onDate: '2024-04-03', version: created.version })).json();
    const refused = await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'decide', onDate: '2024-04-10', data: {}, version: investigating.version });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('处罚决定须写明罚款金额或其他处罚措施');
    expect((await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'decide', onDate: '2024-04-01', data: { fineYuan: 1 }, version: investigating.version })).json().message).toContain('不能早于上一步');
    const decided = (await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'decide', onDate: '2024-04-10', data: { fineYuan: 120_000 }, version: investigating.version })).json();
    expect(decided).toMatchObject({ state: 'decided', fineYuan: 120_000, decidedOn: '2024-04-10', next: ['enforce'] });
    const back = await city.send('POST', `/api/cases/${created.id}/transitions`, { event: 'investigate', version: decided.version });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toContain('不能退回');
    // an edit may not drop the penalty of a decided case
    const drop = await city.send('PATCH', `/api/cases/${created.id}`, { filedOn: '2024-04-02', unitId: unit('高新区').id, partyName: '某宾馆', violation: 'no_meter', fineYuan: null, version: decided.version });
    expect(drop.json().message).toContain('须保留罚款金额');
    // the enforcement office reads and moves cases, and cannot write bulletin articles
    expect((await enforce.get(`/api/cases/${created.id}`)).statusCode).toBe(200);
  });

  it('writes a typical case up as a 工作信息 draft of its district, through the articles workflow', async () => {
    const list = (await city.get('/api/cases?state=enforcing')).json();
    const sanchuan = list.cases.find((c: Json) => c.partyName === '三川盛唐商务苑物业');
    expect((await city.send('POST', `/api/cases/${sanchuan.id}/article`, { version: sanchuan.version })).json().message).toContain('请先标记为典型案例');
    const typical = (await city.send('POST', `/api/cases/${sanchuan.id}/typical`, { typical: true, version: sanchuan.version })).json();
    expect(typical).toMatchObject({ typical: true, mayWriteArticle: true });
    expect((await enforce.send('POST', `/api/cases/${sanchuan.id}/article`, { version: typical.version })).statusCode).toBe(403);

    const written = (await city.send('POST', `/api/cases/${sanchuan.id}/article`, { version: typical.version })).json();
    expect(written.article).toMatchObject({ state: 'draft', stateLabel: '草稿' });
    expect(written.mayWriteArticle).toBe(false);
    const article = (await city.get(`/api/articles/${written.articleId}`)).json();
    expect(article).toMatchObject({ category: 'info', district: '宛城区', state: 'draft', authorUnitId: unit('宛城区').id, title: '依法查处三川盛唐商务苑物业隐瞒自备井不报案' });
    expect(article.displayTitle).toBe('宛城区：依法查处三川盛唐商务苑物业隐瞒自备井不报案');
    expect(article.paragraphs[0]).toContain('涉及自备井3眼');
    expect(article.paragraphs[1]).toContain('《地下水管理条例》第三十五条、第四十九条、第五十八条');
    expect(article.paragraphs[1]).toContain('处罚款10万元，责令限期回填封井');
    // the district office owns its draft: it sees it and may submit it for approval
    const theirs = (await wancheng.get('/api/articles?state=draft')).json().articles.find((a: Json) => a.id === written.articleId);
    expect(theirs.actions).toContain('submit');
    expect((await city.send('POST', `/api/cases/${sanchuan.id}/article`, { version: written.version })).json().message).toContain('已生成');
  });

  it('imports a case ledger all-or-nothing and exports it', async () => {
    const header = ['案件编号', '立案日期', '区', '当事人', '违法类型', '法律依据', '罚款金额', '状态', '结案日期'];
    const before = (await city.get('/api/cases')).json().total;
    const bad = await writeXlsx('案件', header, [
      ['', '2024-05-06', '卧龙区', '某机械厂', '拒不配合', '地下水管理条例第五十八条', '100000', '结案', '2024-06-01'],
      ['', '2024-05-07', '卧龙区', '某浴池', '偷水', '', '', '', ''],
    ]);
    const refused = await city.send('POST', '/api/cases/import', { fileName: 'cases.xlsx', content: b64(bad) });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.rowErrors).toEqual([expect.objectContaining({ row: 3, column: '违法类型' })]);
    expect((await city.get('/api/cases')).json().total).toBe(before);

    const good = await writeXlsx('案件', header, [
      ['', '2024-05-06', '卧龙区', '某机械厂', '拒不配合', '地下水管理条例第五十八条', '10万', '结案', '2024-06-01'],
      ['宛水罚〔2023〕9号', '2023-11-07', '示范区', '某浴池', '其他：擅自转供', '', '', '调查', ''],
    ]);
    expect((await city.send('POST', '/api/cases/import', { fileName: 'cases.xlsx', content: b64(good), dryRun: true })).json()).toEqual({ applied: false, created: 2 });
    expect((await city.send('POST', '/api/cases/import', { fileName: 'cases.xlsx', content: b64(good) })).json()).toEqual({ applied: true, created: 2 });
    const after = (await city.get('/api/cases?q=某机械厂')).json().cases[0];
    expect(after).toMatchObject({ district: '卧龙区', state: 'closed', closedOn: '2024-06-01', fineYuan: 100_000, violationLabel: '拒不配合' });
    expect(after.number).toMatch(/^宛水罚〔2024〕\d+号$/);
    expect((await city.get('/api/cases?year=2023')).json().cases[0]).toMatchObject({ number: '宛水罚〔2023〕9号', violationLabel: '其他（擅自转供）', state: 'investigating' });
    // a district imports only into itself
    expect((await wancheng.send('POST', '/api/cases/import', { fileName: 'cases.xlsx', content: b64(good) })).statusCode).toBe(422);

    const exported = await city.get('/api/cases/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('small users and the water-resource tax', () => {
  it('lists permitted wells under the threshold per district, with their tax registration', async () => {
    const all = (await city.get('/api/cases/small-users')).json();
    expect(all.thresholdM3).toBe(1000);
    expect(all.total).toBeGreaterThanOrEqual(8);
    expect(all.rows.every((r: Json) => r.volumeM3 < 1000)).toBe(true);
    expect(new Set(all.rows.map((r: Json) => r.district))).toEqual(new Set(['示范区', '卧龙区', '高新区']));
    expect(all.rows.some((r: Json) => r.taxState === 'registered' && r.taxRegisteredOn && r.stage === 'tax_registered')).toBe(true);
    expect(all.rows.some((r: Json) => r.taxState === 'unregistered' && r.taxStateLabel === '未登记')).toBe(true);
    expect(all.registered).toBe(all.rows.filter((r: Json) => r.taxState === 'registered').length);

    const gx = unit('高新区');
    const mine = (await gaoxin.get('/api/cases/small-users')).json();
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r: Json) => r.district === '高新区')).toBe(true);
    expect((await city.get(`/api/cases/small-users?districtId=${gx.id}`)).json().rows).toEqual(mine.rows);
    expect((await gaoxin.get(`/api/cases/small-users?districtId=${unit('卧龙区').id}`)).statusCode).toBe(404);
    expect((await wancheng.get('/api/cases/small-users')).json().rows).toEqual([]);
    // a higher threshold takes in the well that draws 1800 m³
    expect((await gaoxin.get('/api/cases/small-users?thresholdM3=2000')).json().total).toBe(mine.total + 1);

    const xlsx = await city.get(`/api/cases/small-users/export?districtId=${gx.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('takes a well out of the list when its recorded volume rises; 409 on a stale version', async () => {
    const before = (await gaoxin.get('/api/cases/small-users')).json();
    const row = before.rows[0];
    const res = await gaoxin.send('PUT', `/api/cases/small-users/${row.wellId}/volume`, { annualVolumeM3: 5000, version: row.version });
    expect(res.statusCode).toBe(200);
    const after = (await gaoxin.get('/api/cases/small-users')).json();
    expect(after.rows.map((r: Json) => r.wellId)).not.toContain(row.wellId);
    expect((await gaoxin.send('PUT', `/api/cases/small-users/${row.wellId}/volume`, { annualVolumeM3: 10, version: row.version })).statusCode).toBe(409);
    // the sheet puts it back, all rows or none
    const sheet = await writeXlsx('年取水量', ['井编号', '年取水量'], [[row.code, '300'], ['NO-SUCH-WELL', '1']]);
    expect((await gaoxin.send('POST', '/api/cases/small-users/import', { fileName: 'v.xlsx', content: b64(sheet) })).statusCode).toBe(422);
    const ok = await writeXlsx('年取水量', ['井编号', '年取水量'], [[row.code, '300']]);
    expect((await gaoxin.send('POST', '/api/cases/small-users/import', { fileName: 'v.xlsx', content: b64(ok) })).json()).toEqual({ applied: true, updated: 1 });
    expect((await gaoxin.get('/api/cases/small-users')).json().rows.find((r: Json) => r.wellId === row.wellId)).toMatchObject({ volumeM3: 300, volumeSource: 'recorded' });
  });
});
