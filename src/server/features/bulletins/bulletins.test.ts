import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client;
let wolong: Client;
type Listed = { id: number; number: number; series: string; state: string; version: number };
let list: Listed[];
const issue = (n: number) => list.find((b) => b.series === '工作简报' && b.number === n)!;

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
  wolong = await t.login('wolong');
  list = (await city.get('/api/bulletins')).json().bulletins;
});
afterAll(() => t.close());

/** The DOCX's document.xml, its paragraphs' text, and its tables as rows of cell texts. */
async function readDocx(id: number, as = city) {
  const res = await as.get(`/api/bulletins/${id}/render?format=docx`);
  expect(res.statusCode).toBe(200);
  const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
  const text = (s: string) => [...s.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const tablesXml = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const tables = tablesXml.map((tbl) => [...tbl.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((tr) => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) => text(tc[0]))));
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => text(p[0])).filter(Boolean);
  return { xml, tables, tablesXml, paragraphs };
}

describe('the seed bulletins rebuilt from the demo records', () => {
  it('第12期: the masthead, the contents list and every table row of the seed, in its order', async () => {
    const d = await readDocx(issue(12).id);
    expect(d.paragraphs.slice(0, 2)).toEqual(['“飓风”行动工作简报', '第 12 期']);
    expect(d.tables[0]).toEqual([['市中心城区自备井封停及南水北调水源置换工作领导小组办公室', '2024 年 1 月 14 日']]);
    const at = d.paragraphs.indexOf('本期导读');
    expect(d.paragraphs.slice(at, at + 11)).toEqual([
      '本期导读', '【领导活动】', '刘江副市长专项调研“飓风”行动排查阶段工作进展情况', '【工作动态】',
      '市领导小组办公室召开办公室主任会议', '市领导小组办公室核查调研地温空调项目运行情况', '市领导小组办公室对疑似双水源用水户进行调研督导', '市领导小组办公室研究部署核查督导工作',
      '中心城区自备井专项整治“飓风”行动举报线索办理情况表', '四区自备井排查进度表', '一周问题汇总',
    ]);
    expect(d.tables[1]).toEqual([
      ['区域 \\ 类别', '受理（件）', '交办（件）', '办结（件）', '办结率', '有效（件）'],
      ['合计', '79', '79', '79', '100%', '35'],
      ['卧龙区', '22', '22', '22', '100%', '8'],
      ['宛城区', '29', '29', '29', '100%', '8'],
      ['高新区', '14', '14', '14', '100%', '8'],
      ['城乡一体化示范区', '14', '14', '14', '100%', '11'],
    ]);
    expect(d.tables[2]).toEqual([
      ['区域 \\ 类别', '网格总数', '已开展排查网格数', '已完成排查网格数', '排查完成率'],
      ['合 计', '1152', '1152', '1078', '93%'],
      ['卧龙区', '504', '504', '452', '89%'],
      ['宛城区', '241', '241', '219', '90%'],
      ['高新区', '118', '118', '118', '100%'],
      ['城乡一体化示范区', '289', '289', '289', '100%'],
    ]);
    expect(d.paragraphs).toContain('截止日期：2024年1月12日');
    const summary = d.paragraphs.slice(d.paragraphs.lastIndexOf('一周问题汇总'));
    expect(summary[1]).toContain('领导重视程度不够、排查不细不实、排查质量不高、台账资料不健全');
    expect(summary.slice(2, 6).map((p) => p.slice(0, 6))).toEqual(['（一）卧龙区', '（二）宛城区', '（三）高新区', '（四）示范区']);
    expect(summary).toContain('报：市领导小组组长、副组长、执行副组长。');
    expect(summary.at(-1)).toBe('发：中心城区四区政府（管委会），各成员单位。');
    // GB/T 9704: A4, 37 mm top / 28 mm left margins, red title, body 三号 仿宋, page numbers on both sides
    expect(d.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(d.xml).toMatch(/w:top="2098"[^>]*w:left="1587"/);
    expect(d.xml).toContain('<w:color w:val="E60012"/>');
    expect(d.xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(d.xml).toContain('w:eastAsia="方正小标宋简体"');
  });

  it('第30期: the contents list and the daily notice with its merged cells, to the digit', async () => {
    const d = await readDocx(issue(30).id);
    const at = d.paragraphs.indexOf('本期导读');
    expect(d.paragraphs.slice(at, at + 9)).toEqual([
      '本期导读', '【工作动态】', '市领导小组办公室会同市督察局对宛城区自备井封停工作进行督导', '市领导小组办公室召开自备井封停研讨会', '【工作信息】',
      '示范区：多措并举全力打好自备井封停攻坚战', '卧龙区：召开自备井专项整治专题会议', '卧龙区：崔庄社区城中村水源置换管网改造工程开工', '宛城区：召开自备井封停工作约谈会',
    ]);
    expect(d.paragraphs).toContain('中心城区“飓风”行动“决战六月”日通报');
    expect(d.paragraphs).toContain('(2024. 6. 23)');
    const notice = d.tables[1]!;
    expect(notice).toEqual([
      ['辖区', '分类', '总任务数', '累计完成数', '累计完成比例', '完成比例', '排名'],
      ['示范区', '应封停', '84', '33', '39.29%', '35.11%', '1'], ['', '应纳管', '10', '0', '0.00%', '', ''], ['', '合计', '94', '33', '35.11%', '', ''],
      ['卧龙区', '应封停', '29', '21', '72.41%', '29.76%', '2'], ['', '应纳管', '55', '4', '7.27%', '', ''], ['', '合计', '84', '25', '29.76%', '', ''],
      ['宛城区', '应封停', '38', '10', '26.32%', '26.32%', '3'], ['', '应纳管', '0', '0', '0.00%', '', ''], ['', '合计', '38', '10', '26.32%', '', ''],
      ['高新区', '应封停', '34', '9', '26.47%', '15.38%', '4'], ['', '应纳管', '57', '5', '8.77%', '', ''], ['', '合计', '91', '14', '15.38%', '', ''],
      ['总计', '应封停', '185', '73', '39.46%', '26.71%', ''], ['', '应纳管', '122', '9', '7.38%', '', ''], ['', '合计', '307', '82', '26.71%', '', ''],
    ]);
    // the district, its share and its rank are merged over its three rows
    expect((d.tablesXml[1]!.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(15);
  });
});

describe('issuing', () => {
  it('freezes: a well changed after issuing leaves the issued tables byte-identical; a new draft shows the change', async () => {
    const before = await readDocx(issue(30).id);
    // seal an open 示范区 task of 决战六月 on 2024-06-20: the live notice of 6/23 changes
    const campaign = (await city.get('/api/campaigns')).json().campaigns.find((c: { name: string }) => c.name === '决战六月');
    const tasks = (await city.get(`/api/campaigns/${campaign.id}/tasks`)).json().tasks as { wellId: number; district: string; disposition: string; done: boolean }[];
    const open = tasks.find((x) => x.district.includes('示范区') && x.disposition === 'permit' && !x.done)!;
    let v = (await city.get(`/api/wells/${open.wellId}`)).json().version;
    // walk the well to 纳管 on 6/20; steps it has already taken are refused and skipped
    for (const [event, data] of [
      ['verify', {}], ['decide', { disposition: 'permit' }], ['issue_permit', { permitNo: 'QS-1', annualVolumeM3: 800, permitExpiresOn: '2029-06-20' }], ['install_meter', { meterSerial: 'M-1' }], ['register_tax', { taxRegisteredNo: 'T-1' }],
    ] as const) {
      const r = await city.send('POST', `/api/wells/${open.wellId}/transitions`, { event, onDate: '2024-06-20', data, version: v });
      if (r.statusCode === 200) v = r.json().version;
    }
    expect((await city.get(`/api/wells/${open.wellId}?asOf=2024-06-23`)).json().stage).toBe('tax_registered');
    const live = (await city.get(`/api/campaigns/${campaign.id}/progress?asOf=2024-06-23`)).json();
    expect(JSON.stringify(live)).not.toContain('"share":"35.11%"');
    const after = await readDocx(issue(30).id);
    expect(after.tablesXml).toEqual(before.tablesXml);
    const notice = (await city.send('POST', '/api/bulletins/notice', { campaignId: campaign.id, date: '2024-06-23' })).json();
    expect(notice).toMatchObject({ state: 'draft', series: '决战六月日通报', number: 1 });
    const fresh = notice.content.blocks[0].table.rows[0];
    expect(fresh[5].text).not.toBe('35.11%');
  });

  it('numbers follow on and are never reused; drafts are the city office’s; a correction says what it corrects', async () => {
    const series = (await city.get('/api/bulletins/series')).json().series.find((s: { name: string }) => s.name === '工作简报');
    expect((await city.send('POST', '/api/bulletins', { seriesId: series.id, issuedOn: '2024-06-30', asOf: '2024-06-28', number: 5 })).json().message).toContain('第 5 期已用过');
    const draft = (await city.send('POST', '/api/bulletins', { seriesId: series.id, issuedOn: '2024-06-30', asOf: '2024-06-28', correctsId: issue(30).id, correction: '日通报中高新区应纳管数字有误' })).json();
    expect(draft).toMatchObject({ number: 31, state: 'draft' });
    expect(draft.content.corrects).toBe('本期更正第 30 期：日通报中高新区应纳管数字有误');
    expect((await wolong.get(`/api/bulletins/${draft.id}`)).statusCode).toBe(404);
    expect((await wolong.get(`/api/bulletins/${issue(12).id}`)).statusCode).toBe(200);
    expect((await wolong.get('/api/bulletins')).json().bulletins.every((b: Listed) => b.state === 'issued')).toBe(true);
    // a used article cannot go into another issue
    const used = (await city.get('/api/articles?state=used&pageSize=100')).json().articles;
    expect(used).toHaveLength(11);
    expect(used[0].usedIn).toMatch(/^工作简报第(12|30)期$/);
    const bad = await city.send('PATCH', `/api/bulletins/${draft.id}`, { issuedOn: '2024-06-30', asOf: '2024-06-28', sections: [{ kind: 'articles', category: used[0].category, articleIds: [used[0].id] }], version: draft.version });
    expect(bad.json().message).toContain('已刊用');
    const issued = await city.send('POST', `/api/bulletins/${draft.id}/issue`, { version: draft.version });
    expect(issued.json().state).toBe('issued');
    expect((await city.send('PATCH', `/api/bulletins/${draft.id}`, { issuedOn: '2024-06-30', asOf: '2024-06-28', sections: [], version: issued.json().version })).json().message).toContain('已印发的简报不能修改');
    // issuing again from the stale page is a conflict; from a fresh page, a rule error
    expect((await city.send('POST', `/api/bulletins/${draft.id}/issue`, { version: draft.version })).statusCode).toBe(409);
    expect((await city.send('POST', `/api/bulletins/${draft.id}/issue`, { version: issued.json().version })).json().message).toBe('该期简报已印发');
  });

  it.skipIf(!fs.existsSync('/usr/bin/chromium'))('prints a PDF with the Chinese glyphs embedded', async () => {
    const res = await city.get(`/api/bulletins/${issue(12).id}/render?format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toMatch(/\/FontFile|\/Type3/);
    const html = await city.get(`/api/bulletins/${issue(12).id}/render?format=html`);
    expect(html.body).toContain('<h1>“飓风”行动工作简报</h1>');
  }, 90_000);
});

describe('printing without Chromium', () => {
  it('answers in Chinese and suggests the Word file', async () => {
    const { bulletinPdf } = await import('./bulletins.html.js');
    const content = (await city.get(`/api/bulletins/${issue(12).id}`)).json().content;
    await expect(bulletinPdf(content, '/nonexistent/chromium')).rejects.toMatchObject({ statusCode: 503, message: expect.stringContaining('请下载 Word 版') });
  });
});
