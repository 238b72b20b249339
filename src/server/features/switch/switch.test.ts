import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';

let t: TestApp;
let city: Client, wolong: Client, wancheng: Client, guangwu: Client;
let units: { id: number; name: string; level: string; parentId: number | null }[];
const unit = (name: string) => units.find((u) => u.name === name)!.id;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const CUIZHUANG = '崔庄社区城中村水源置换管网改造工程';
let projectId: number;

beforeAll(async () => {
  t = await demoApp();
  [city, wolong, wancheng, guangwu] = (await Promise.all(['city', 'wolong', 'wancheng', 'guangwu'].map((u) => t.login(u)))) as [Client, Client, Client, Client];
  units = (await city.get('/api/org/units')).json().units;
  projectId = (await city.get('/api/switch/projects')).json().projects.find((p: { name: string }) => p.name === CUIZHUANG).id;
});
afterAll(() => t.close());

describe('the 崔庄 pipe-network switch of bulletin 第30期', () => {
  it('is in the demo: 145 households, 608 persons, 30-odd wells, started on 2024-06-20 at 10 %', async () => {
    const p = (await wolong.get(`/api/switch/projects/${projectId}`)).json();
    expect(p).toMatchObject({
      name: CUIZHUANG, district: '卧龙区', place: ['卧龙区', '车站街道', '崔庄社区'], households: 145, persons: 608, wellsPlanned: 30, state: 'started', stateLabel: '开工',
      startedOn: '2024-06-20', plannedFinish: '2024-09-30', finishedOn: null, progress: 10, editable: true,
    });
    expect(p.wells).toBeGreaterThanOrEqual(5);
    expect(p.wellList.every((w: { place: string }) => w.place.startsWith('车站街道 / 崔庄社区'))).toBe(true);
    expect(p.history.map((h: { onDate: string; stateLabel: string }) => `${h.onDate} ${h.stateLabel}`)).toEqual(['2024-03-15 规划', '2024-05-10 协商', '2024-06-20 开工']);
    expect(p.waitingTasks.length).toBe(p.wells);
    expect(p.waitingTasks[0]).toMatchObject({ campaign: '决战六月', deadline: '2024-06-30', warning: '期限早于管网通水计划（2024年9月30日）' });
  });

  it('is seen inside its scope only', async () => {
    expect((await wancheng.get('/api/switch/projects')).json().projects.some((p: { name: string }) => p.name === CUIZHUANG)).toBe(false);
    expect((await wancheng.get(`/api/switch/projects/${projectId}`)).statusCode).toBe(404);
    expect((await wancheng.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'started', progress: 20, onDate: '2024-07-01', version: 1 })).statusCode).toBe(404);
    expect((await guangwu.get(`/api/switch/projects/${projectId}`)).statusCode).toBe(404);
    const list = (await wolong.get('/api/switch/projects')).json();
    expect(list.projects.map((p: { name: string }) => p.name)).toContain(CUIZHUANG);
  });

  it('marks the linked wells’ seal tasks 待通水 on the campaign task list, leaving the rest as they were', async () => {
    const campaign = (await wolong.get('/api/campaigns')).json().campaigns.find((c: { name: string }) => c.name === '决战六月');
    const tasks = (await wolong.get(`/api/campaigns/${campaign.id}/tasks?asOf=2024-06-23`)).json().tasks;
    const linked = new Set((await wolong.get(`/api/switch/projects/${projectId}`)).json().wellList.map((w: { id: number }) => w.id));
    const waiting = tasks.filter((x: { supplyWait: unknown }) => x.supplyWait);
    expect(waiting.length).toBe(linked.size);
    for (const task of waiting) {
      expect(linked.has(task.wellId)).toBe(true);
      expect(task).toMatchObject({ disposition: 'seal', done: false, supplyWait: { projectId, projectName: CUIZHUANG, label: '待通水', plannedFinish: '2024-09-30', warning: '期限早于管网通水计划（2024年9月30日）' } });
    }
    expect(tasks.filter((x: { supplyWait: unknown; wellId: number }) => !x.supplyWait).every((x: { wellId: number; disposition: string; done: boolean }) => !linked.has(x.wellId) || x.done)).toBe(true);
  });
});

describe('editing projects', () => {
  it('creates a project with its wells, refuses a well another project holds, and a stale edit', async () => {
    const cui = (await wolong.get(`/api/switch/projects/${projectId}`)).json();
    const body = { name: '崔庄社区二期管网延伸工程', unitId: unit('崔庄社区'), households: 40, persons: 150, budgetWan: 60, contractor: '某市政公司', plannedFinish: '2024-12-31', wellIds: [cui.wellList[0].id] };
    const taken = await wolong.send('POST', '/api/switch/projects', body);
    expect(taken.statusCode).toBe(400);
    expect(taken.json().message).toContain(`已关联项目“${CUIZHUANG}”`);
    expect((await wancheng.send('POST', '/api/switch/projects', { ...body, wellIds: [] })).statusCode).toBe(404);
    const started = await wolong.send('POST', '/api/switch/projects', { ...body, wellIds: [], state: 'started', progress: 5 });
    expect(started.json().message).toContain('请填写开工日期');
    const made = (await wolong.send('POST', '/api/switch/projects', { ...body, wellIds: [] })).json();
    expect(made).toMatchObject({ state: 'planning', stateLabel: '规划', progress: 0, wells: 0, history: [{ stateLabel: '规划', note: '登记项目' }] });
    const edited = await wolong.send('PATCH', `/api/switch/projects/${made.id}`, { ...body, wellIds: [], households: 45, version: made.version });
    expect(edited.json()).toMatchObject({ households: 45, version: made.version + 1 });
    expect((await wolong.send('PATCH', `/api/switch/projects/${made.id}`, { ...body, wellIds: [], version: made.version })).statusCode).toBe(409);
    expect((await wolong.send('POST', '/api/switch/projects', { ...body, wellIds: [] })).statusCode).toBe(409);
  });

  it('imports a projects sheet whole, or reports each bad row and imports nothing; exports it back', async () => {
    const header = '项目名称,区,街道,社区,户数,人数,预算（万元）,费用分担,施工单位,开工日期,计划完工,实际完工,进度,状态\n';
    const before = (await wolong.get('/api/switch/projects')).json().total;
    const bad = await wolong.send('POST', '/api/switch/projects/import', {
      fileName: 's.csv', dryRun: false,
      content: b64(`${header}七一社区管网改造,卧龙区,七一街道,,80,300,50,区财政承担,某公司,2024/7/1,2024/10/31,,20%,开工\n东关改造,宛城区,东关街道,,1,1,,,,,,,0,规划\n甲,卧龙区,车站街道,崔庄社区,x,1,,,,,,,0,竣工\n`),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details.rowErrors).toEqual([
      { row: 3, column: '区', message: '区“宛城区”不存在或不在管辖范围内' },
      { row: 4, column: '户数', message: '应为不小于0的整数' },
      { row: 4, column: '状态', message: '“竣工”不是有效状态（规划、协商、开工、完工、通水）' },
    ]);
    expect((await wolong.get('/api/switch/projects')).json().total).toBe(before);
    const ok = await wolong.send('POST', '/api/switch/projects/import', { fileName: 's.csv', dryRun: false, content: b64(`${header}七一社区管网改造,卧龙区,七一街道,,80,300,50,区财政承担,某公司,2024/7/1,2024/10/31,,20%,开工\n`) });
    expect(ok.json()).toEqual({ applied: true, created: 1, updated: 0 });
    const list = (await wolong.get('/api/switch/projects')).json();
    expect(list.total).toBe(before + 1);
    expect(list.projects.find((p: { name: string }) => p.name === '七一社区管网改造')).toMatchObject({ place: ['卧龙区', '七一街道'], progress: 20, state: 'started', startedOn: '2024-07-01' });

    const xlsx = await wolong.get('/api/switch/projects/export');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]!.slice(1, 15)).toEqual(['项目名称', '区', '街道', '社区', '户数', '人数', '预算（万元）', '费用分担', '施工单位', '开工日期', '计划完工', '实际完工', '进度', '状态']);
    expect(rows.some((r) => r[1] === CUIZHUANG && r[14] === '开工' && r[13] === '10%')).toBe(true);
    const again = await wolong.send('POST', '/api/switch/projects/import', { fileName: 'back.xlsx', dryRun: true, content: xlsx.rawPayload.toString('base64') });
    expect(again.json()).toEqual({ applied: false, created: 0, updated: list.total });
  });

  it('更新进度 adds a dated history entry; a stale page is a conflict; once 通水 the tasks are released', async () => {
    const p = (await wolong.get(`/api/switch/projects/${projectId}`)).json();
    const moved = await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'started', progress: 35, onDate: '2024-07-15', note: '主管网铺设过半', version: p.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().history.at(-1)).toMatchObject({ onDate: '2024-07-15', stateLabel: '开工', progress: 35, note: '主管网铺设过半', actorName: expect.stringContaining('卧龙区封停办') });
    expect((await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'started', progress: 40, onDate: '2024-07-16', version: p.version })).statusCode).toBe(409);
    const v = moved.json().version;
    expect((await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'negotiating', progress: 0, onDate: '2024-07-16', version: v })).json().message).toBe('状态不能从“开工”退回“协商”');
    expect((await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'started', progress: 40, onDate: '2024-07-01', version: v })).json().message).toContain('日期不能早于上一条记录');
    const done = (await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'finished', progress: 100, onDate: '2024-09-25', version: v })).json();
    expect(done).toMatchObject({ state: 'finished', finishedOn: '2024-09-25', progress: 100 });
    expect(done.waitingTasks.length).toBe(done.wells);
    const supplied = (await wolong.send('POST', `/api/switch/projects/${projectId}/progress`, { state: 'supplied', progress: 100, onDate: '2024-09-28', note: '全部通水', version: done.version })).json();
    expect(supplied.waitingTasks).toEqual([]);
    const campaign = (await wolong.get('/api/campaigns')).json().campaigns.find((c: { name: string }) => c.name === '决战六月');
    expect((await wolong.get(`/api/campaigns/${campaign.id}/tasks`)).json().tasks.every((x: { supplyWait: unknown }) => x.supplyWait === null)).toBe(true);
  });
});
