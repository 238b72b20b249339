import { describe, expect, it } from 'vitest';
import { applyProgressUpdate, isSwitchOverdue, switchProblems, switchStateFromText, SwitchRuleError } from './switch-project.js';
import { supplyWait } from './supply-wait.js';
import { planSwitchSheet, SWITCH_SHEET_COLUMNS } from './switch-sheet.js';

const project = { id: 1, name: '崔庄社区城中村水源置换管网改造工程', state: 'started' as const, plannedFinish: '2024-09-30' };

describe('a seal task waiting for its well’s source-switch project', () => {
  it('waits for supply (待通水) while the project has not reached 通水', () => {
    const w = supplyWait({ disposition: 'seal', done: false, deadline: null }, project);
    expect(w).toEqual({ projectId: 1, projectName: project.name, plannedFinish: '2024-09-30', label: '待通水', warning: null });
    for (const state of ['planning', 'negotiating', 'finished'] as const) expect(supplyWait({ disposition: 'seal', done: false, deadline: null }, { ...project, state })?.label).toBe('待通水');
  });

  it('flags a deadline earlier than the planned finish of the works', () => {
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-06-30' }, project)?.warning).toBe('期限早于管网通水计划（2024年9月30日）');
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-09-30' }, project)?.warning).toBeNull();
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-10-31' }, project)?.warning).toBeNull();
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-06-30' }, { ...project, plannedFinish: null })?.warning).toBeNull();
  });

  it('a supplied project releases the task; done, permit and unlinked tasks wait for nothing', () => {
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-06-30' }, { ...project, state: 'supplied' })).toBeNull();
    expect(supplyWait({ disposition: 'seal', done: true, deadline: '2024-06-30' }, project)).toBeNull();
    expect(supplyWait({ disposition: 'permit', done: false, deadline: '2024-06-30' }, project)).toBeNull();
    expect(supplyWait({ disposition: 'seal', done: false, deadline: '2024-06-30' }, null)).toBeNull();
  });
});

describe('a project’s state, dates and progress', () => {
  const started = { state: 'started' as const, progress: 10, startedOn: '2024-06-20', plannedFinish: '2024-09-30', finishedOn: null, lastOn: '2024-06-20' };

  it('reads states as users write them and knows an overdue project', () => {
    expect(['开工', '已开工', 'supplied', '通水', '规划中', '竣工'].map(switchStateFromText)).toEqual(['started', 'started', 'supplied', 'supplied', 'planning', null]);
    expect(isSwitchOverdue(started, '2024-10-01')).toBe(true);
    expect(isSwitchOverdue(started, '2024-09-30')).toBe(false);
    expect(isSwitchOverdue({ ...started, state: 'finished' }, '2024-10-01')).toBe(false);
  });

  it('checks that dates and progress agree with the state', () => {
    expect(switchProblems({ ...started, startedOn: null }).map((p) => p.message)).toEqual(['状态为“开工”，请填写开工日期']);
    expect(switchProblems({ ...started, state: 'finished' }).map((p) => p.field)).toEqual(['finishedOn', 'progress']);
    expect(switchProblems({ ...started, state: 'planning', startedOn: null }).map((p) => p.message)).toEqual(['尚未开工，进度应为 0']);
    expect(switchProblems({ ...started, plannedFinish: '2024-06-01' }).map((p) => p.message)).toEqual(['计划完工日期早于开工日期']);
  });

  it('a progress update dates the start and the finish, and never goes back', () => {
    const neg = { state: 'negotiating' as const, progress: 0, startedOn: null, plannedFinish: '2024-09-30', finishedOn: null, lastOn: '2024-06-01' };
    expect(applyProgressUpdate(neg, { state: 'started', progress: 0, onDate: '2024-06-20' }, '2024-07-01')).toMatchObject({ state: 'started', startedOn: '2024-06-20' });
    expect(applyProgressUpdate(started, { state: 'finished', progress: 90, onDate: '2024-09-25' }, '2024-10-01')).toMatchObject({ progress: 100, finishedOn: '2024-09-25' });
    expect(() => applyProgressUpdate(started, { state: 'negotiating', progress: 0, onDate: '2024-06-21' }, '2024-07-01')).toThrow('状态不能从“开工”退回“协商”');
    expect(() => applyProgressUpdate(started, { state: 'started', progress: 20, onDate: '2024-06-19' }, '2024-07-01')).toThrow(SwitchRuleError);
    expect(() => applyProgressUpdate(started, { state: 'started', progress: 20, onDate: '2024-07-02' }, '2024-07-01')).toThrow('日期不能晚于今天');
  });
});

describe('the projects sheet', () => {
  const ctx = {
    districts: [{ id: 2, name: '卧龙区', shortName: null, path: '/1/2/' }],
    units: [
      { id: 10, name: '车站街道', level: 'street', path: '/1/2/10/', parentId: 2 },
      { id: 11, name: '崔庄社区', level: 'community', path: '/1/2/10/11/', parentId: 10 },
    ],
    existing: new Map([['旧项目', { id: 5, inScope: true }], ['外区项目', { id: 6, inScope: false }]]),
    today: '2024-07-01',
  };
  const header = [...SWITCH_SHEET_COLUMNS];
  const row = (over: Partial<Record<(typeof SWITCH_SHEET_COLUMNS)[number], string>> = {}) =>
    header.map((h) => ({ 项目名称: '新项目', 区: '卧龙区', 街道: '车站街道', 社区: '崔庄社区', 户数: '145', 人数: '608', '预算（万元）': '320.5', 费用分担: '区财政六成', 施工单位: '某公司', 开工日期: '2024/6/20', 计划完工: '2024年9月30日', 实际完工: '', 进度: '10%', 状态: '开工', ...over })[h]);

  it('plans projects to create and to update by name', () => {
    const plan = planSwitchSheet(header, [row(), row({ 项目名称: '旧项目', 社区: '', 状态: '协商', 进度: '0', 开工日期: '' })], 2, ctx);
    expect(plan.errors).toEqual([]);
    expect(plan.projects[0]).toMatchObject({ name: '新项目', unitId: 11, households: 145, persons: 608, budgetWan: 320.5, startedOn: '2024-06-20', plannedFinish: '2024-09-30', progress: 10, state: 'started', existingId: null, wellsPlanned: undefined });
    expect(plan.projects[1]).toMatchObject({ unitId: 10, state: 'negotiating', existingId: 5 });
  });

  it('reports every bad row and plans nothing', () => {
    const plan = planSwitchSheet(header, [row(), row({ 社区: '不存在社区' }), row({ 项目名称: '外区项目', 户数: '-1' }), row({ 项目名称: 'x', 状态: '竣工', 进度: '120%' }), row({ 项目名称: 'y', 开工日期: '' })], 2, ctx);
    expect(plan.projects).toEqual([]);
    expect(plan.errors).toEqual([
      { row: 3, column: '项目名称', message: '与第2行重复' },
      { row: 3, column: '社区', message: '车站街道没有名为“不存在社区”的社区（村）' },
      { row: 4, column: '项目名称', message: '项目“外区项目”已存在，且不在管辖范围内' },
      { row: 4, column: '户数', message: '应为不小于0的整数' },
      { row: 5, column: '进度', message: '应为 0 至 100 的百分数（如 10%）' },
      { row: 5, column: '状态', message: '“竣工”不是有效状态（规划、协商、开工、完工、通水）' },
      { row: 6, column: '开工日期', message: '状态为“开工”，请填写开工日期' },
    ]);
  });
});
