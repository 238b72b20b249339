import { describe, expect, it } from 'vitest';
import { applySurveyEvent, nextSurveyState, surveyStateAt, SurveyRuleError } from './survey-state.js';
import { floorPercent, surveyProgressMarkdown, surveyProgressTable } from './progress-table.js';
import { cardProblems, pledgeStatus } from './card.js';
import { completionChecklist, summarizeGrid, type CardFacts } from './grid-summary.js';
import { readCardSheet, cardToSheetRow, CARD_SHEET_COLUMNS, splitAccounts } from './card-sheet.js';
import { planSurveyImport, readSurveySheet } from './survey-sheet.js';

describe('survey state machine', () => {
  it('allows exactly start → complete → reopen → complete', () => {
    expect(nextSurveyState('not_started', 'start')).toBe('in_progress');
    expect(nextSurveyState('in_progress', 'complete')).toBe('completed');
    expect(nextSurveyState('completed', 'reopen')).toBe('in_progress');
  });
  it.each([
    ['not_started', 'complete', '尚未开始排查'],
    ['not_started', 'reopen', '尚未开始排查'],
    ['in_progress', 'start', '只能完成排查'],
    ['in_progress', 'reopen', '只能完成排查'],
    ['completed', 'start', '先重新打开'],
    ['completed', 'complete', '先重新打开'],
  ] as const)('refuses %s + %s in Chinese', (state, event, words) => {
    expect(() => nextSurveyState(state, event)).toThrow(SurveyRuleError);
    expect(() => nextSurveyState(state, event)).toThrow(words);
  });
  it('gives the state at the end of any day', () => {
    const ev = [
      { event: 'start' as const, onDate: '2023-12-05' },
      { event: 'complete' as const, onDate: '2024-01-10' },
      { event: 'reopen' as const, onDate: '2024-01-13' },
    ];
    expect(surveyStateAt(ev, '2023-12-04')).toBe('not_started');
    expect(surveyStateAt(ev, '2023-12-05')).toBe('in_progress');
    expect(surveyStateAt(ev, '2024-01-12')).toBe('completed');
    expect(surveyStateAt(ev, '2024-01-13')).toBe('in_progress');
  });
  it('refuses back-dated, future and reasonless events', () => {
    const ev = [{ event: 'start' as const, onDate: '2024-01-05' }];
    expect(() => applySurveyEvent(ev, { event: 'complete', onDate: '2024-01-04' }, '2024-02-01')).toThrow('不能早于上一次记录');
    expect(() => applySurveyEvent(ev, { event: 'complete', onDate: '2024-03-01' }, '2024-02-01')).toThrow('不能晚于今天');
    const done = [...ev, { event: 'complete' as const, onDate: '2024-01-09' }];
    expect(() => applySurveyEvent(done, { event: 'reopen', onDate: '2024-01-10', reason: ' ' }, '2024-02-01')).toThrow('须填写原因');
    expect(applySurveyEvent(done, { event: 'reopen', onDate: '2024-01-10', reason: '漏排' }, '2024-02-01')).toBe('in_progress');
  });
});

describe('survey progress table', () => {
  it('rounds the completion rate down, as the seed prints 452/504 as 89% and 1078/1152 as 93%', () => {
    expect(floorPercent(452, 504)).toBe('89%');
    expect(floorPercent(219, 241)).toBe('90%');
    expect(floorPercent(1078, 1152)).toBe('93%');
    expect(floorPercent(118, 118)).toBe('100%');
    expect(floorPercent(0, 0)).toBe('0%');
    expect(floorPercent(199, 200)).toBe('99%');
  });
  it('totals the districts and renders the bulletin layout', () => {
    const t = surveyProgressTable('2024-01-12', [
      { district: '卧龙区', grids: 504, started: 504, completed: 452 },
      { district: '宛城区', grids: 241, started: 241, completed: 219 },
      { district: '高新区', grids: 118, started: 118, completed: 118 },
      { district: '城乡一体化示范区', grids: 289, started: 289, completed: 289 },
    ]);
    expect(t.total).toEqual({ grids: 1152, started: 1152, completed: 1078, rate: '93%' });
    const md = surveyProgressMarkdown(t);
    expect(md).toContain('截止日期：2024年1月12日');
    expect(md).toContain('| 合计 | 1152 | 1152 | 1078 | 93% |');
  });
});

const card = (over: Partial<CardFacts>): CardFacts => ({
  name: '张三户', kind: 'household', industry: null, tapAccounts: ['1'], wellsDeclared: 0, households: 1, persons: 3, pledgeSigned: true, pledgeStamped: false, ...over,
});

describe('cards, pledges and the completion checklist', () => {
  it('flags a unit pledge signed but not stamped; households need no stamp', () => {
    expect(pledgeStatus(card({ kind: 'unit' }))).toBe('unstamped');
    expect(pledgeStatus(card({ kind: 'unit', pledgeStamped: true }))).toBe('complete');
    expect(pledgeStatus(card({ kind: 'household' }))).toBe('complete');
    expect(pledgeStatus(card({ pledgeSigned: false }))).toBe('unsigned');
  });
  it('checks what no schema can', () => {
    const ok = { waterSource: 'tap' as const, wellsDeclared: 0, tapAccounts: ['1'], pledgeStamped: false, pledgeSigned: true, surveyedOn: '2024-01-01', pledgeDate: null };
    expect(cardProblems(ok, '2024-02-01')).toEqual([]);
    expect(cardProblems({ ...ok, waterSource: 'well' }, '2024-02-01').map((p) => p.field)).toEqual(['wellsDeclared']);
    expect(cardProblems({ ...ok, tapAccounts: [] }, '2024-02-01')[0]!.message).toBe('水源含自来水，请填写自来水户号');
    expect(cardProblems({ ...ok, surveyedOn: '2024-03-01' }, '2024-02-01')[0]!.field).toBe('surveyedOn');
  });
  it('lets a grid complete only with cards, signed pledges and stamped units', () => {
    expect(completionChecklist([]).filter((i) => !i.ok).map((i) => i.key)).toEqual(['cards', 'summaries']);
    const items = completionChecklist([card({}), card({ name: '漫香湖小区物业', kind: 'unit' }), card({ name: '李四户', pledgeSigned: false })]);
    expect(items.filter((i) => !i.ok).map((i) => [i.key, i.detail])).toEqual([
      ['pledges', '未签：李四户'],
      ['stamps', '未盖章：漫香湖小区物业'],
    ]);
  });
  it('summarises a grid from its cards', () => {
    const s = summarizeGrid([card({}), card({ kind: 'shop', industry: '商业', households: null, persons: null }), card({ kind: 'village_house', tapAccounts: [], wellsDeclared: 1, persons: 4 })]);
    expect(s).toMatchObject({ cards: 3, households: 2, persons: 7, tapAccounts: 1, cardsWithoutTap: 1, wellsDeclared: 1, cardsWithWells: 1 });
    expect(s.byKind).toMatchObject({ household: 1, shop: 1, village_house: 1, unit: 0 });
    expect(s.byIndustry[0]).toEqual({ industry: '未分类', cards: 2 });
  });
});

describe('the card sheet', () => {
  const header = CARD_SHEET_COLUMNS.map((c) => c.label);
  it('reads a row, and writes it back the same', () => {
    const row = ['', '411303003001001', '单位', '漫香湖小区物业', '张衡路1号', '王经理', '13800000000', '住宅小区', '0101、0102', '420', '1180', '', '', '0', '自来水', '112.53', '33.01', '李娜', '2024年1月5日', '是', '否', '2024/1/5', ''];
    const r = readCardSheet(header, [row], 2, '2024-02-01');
    expect(r.errors).toEqual([]);
    expect(r.rows[0]!.card).toMatchObject({ kind: 'unit', tapAccounts: ['0101', '0102'], households: 420, surveyedOn: '2024-01-05', pledgeStamped: false, lat: 33.01 });
    const back = cardToSheetRow({ ...r.rows[0]!.card, id: 7, gridCode: '411303003001001' });
    expect(readCardSheet(header, [back], 2, '2024-02-01').rows[0]!.card).toEqual(r.rows[0]!.card);
  });
  it('reports each bad cell with row and column, in Chinese', () => {
    const bad = ['', '411303003001001', '工厂', '', '', '', 'abc', '', '', '-1', '', '', '', '', '井水', '200', '', '', '2024-13-01', '也许', '', '', ''];
    const r = readCardSheet(header, [bad], 2, '2024-02-01');
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => `${e.row}:${e.column}`)).toEqual(
      expect.arrayContaining(['2:名称', '2:排查人', '2:类别', '2:水源', '2:户数', '2:经度', '2:排查日期', '2:承诺书签字', '2:联系电话']),
    );
    expect(r.errors.find((e) => e.column === '类别')!.message).toBe('应为 居民户、单位、沿街门店、城中村住户、其他 之一');
  });
  it('splits account lists written every which way', () => {
    expect(splitAccounts('0101, 0102；0103 、0101')).toEqual(['0101', '0102', '0103']);
  });
});

describe('loading survey progress', () => {
  const read = (rows: string[][]) => readSurveySheet(['网格编号', '开始排查日期', '完成排查日期'], rows, 2);
  it('adds events for fresh grids, leaves matching ones, refuses conflicting ones', () => {
    const { rows, errors } = read([['A', '2023-12-01', '2024-01-10'], ['B', '2023-12-02', ''], ['C', '2023-12-03', '2024-01-09'], ['D', '2023-12-04', '']]);
    expect(errors).toEqual([]);
    const grids = new Map([
      ['A', { id: 1, events: [] }],
      ['B', { id: 2, events: [{ event: 'start' as const, onDate: '2023-12-02' }] }],
      ['C', { id: 3, events: [{ event: 'start' as const, onDate: '2023-12-01' }] }],
    ]);
    const plan = planSurveyImport(rows, grids, '2024-02-01');
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([[4, '开始排查日期'], [5, '网格编号']]);
    expect(plan.events).toEqual([]);
    const good = planSurveyImport(rows.slice(0, 2), grids, '2024-02-01');
    expect(good.events).toEqual([{ gridId: 1, event: 'start', onDate: '2023-12-01' }, { gridId: 1, event: 'complete', onDate: '2024-01-10' }]);
    expect(good.unchanged).toBe(1);
  });
  it('rejects a completion before the start and unreadable dates', () => {
    const { errors } = read([['A', '2024-01-10', '2024-01-01'], ['B', '昨天', '']]);
    expect(errors.map((e) => e.message)).toEqual(['完成日期早于开始日期', '“昨天”不是有效日期']);
  });
});
