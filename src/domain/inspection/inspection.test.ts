import { describe, expect, it } from 'vitest';
import { inspectionProblems, leadersLine } from './inspection.js';
import { categoryFromText, findingAsOf, isFindingOverdue, missedWellReopen, nextFindingEvents, NEW_FINDING, transitionFinding, FindingRuleError } from './finding.js';
import { chineseOrdinal, findingsSummary, weekEnding, type SummaryFinding } from './findings-summary.js';
import { planFindingSheet } from './finding-sheet.js';

describe('inspection record', () => {
  const draft = { onDate: '2024-01-09', kind: 'research' as const, title: '调研督导', leaders: [{ name: '张响', title: '市水利局副局长' }], targets: [{ kind: 'address' as const, refId: null, label: '漫香湖小区' }], methods: ['翻看井盖'], narrative: '' };
  it('accepts a complete record and names what is missing in Chinese', () => {
    expect(inspectionProblems(draft, '2024-01-10')).toEqual([]);
    expect(inspectionProblems({ ...draft, leaders: [], targets: [], onDate: '2024-02-01' }, '2024-01-10')).toEqual([
      '检查日期不能晚于今天', '请至少填写一名带队领导', '请至少填写一个检查对象（单位、网格、一户一卡、井或地址）',
    ]);
    expect(inspectionProblems({ ...draft, kind: 'meeting', targets: [] }, '2024-01-10')).toEqual([]);
    expect(inspectionProblems({ ...draft, methods: ['翻看井盖', '翻看井盖'] }, '2024-01-10')).toEqual(['检查方法“翻看井盖”重复']);
  });
  it('writes leaders as a heading does', () => {
    expect(leadersLine([{ name: '闫道畅', title: '市水利局局长' }, { name: '张响', title: '副主任' }])).toBe('市水利局局长闫道畅、副主任张响');
  });
});

describe('finding workflow', () => {
  it('goes open → rectifying → submitted → closed, and a return sends it back for a new submission', () => {
    let f = transitionFinding(NEW_FINDING, { event: 'start', onDate: '2024-01-10', data: {} });
    expect(f.state).toBe('rectifying');
    f = transitionFinding(f, { event: 'submit', onDate: '2024-01-12', data: { evidence: '已补录' } });
    expect(f).toMatchObject({ state: 'submitted', submittedOn: '2024-01-12' });
    f = transitionFinding(f, { event: 'return', onDate: '2024-01-13', data: { reason: '不到位' } });
    expect(f).toMatchObject({ state: 'returned', returns: 1, submittedOn: null });
    expect(nextFindingEvents(f)).toEqual(['submit']);
    f = transitionFinding(f, { event: 'submit', onDate: '2024-01-14', data: { evidence: '再次补录' } });
    f = transitionFinding(f, { event: 'verify', onDate: '2024-01-15', data: {} });
    expect(f).toMatchObject({ state: 'closed', closedOn: '2024-01-15' });
    expect(nextFindingEvents(f)).toEqual([]);
  });
  it('refuses steps out of order and submissions without evidence', () => {
    expect(() => transitionFinding(NEW_FINDING, { event: 'verify', onDate: '2024-01-10', data: {} })).toThrow('不能核验销号：问题尚未提交整改材料');
    expect(() => transitionFinding(NEW_FINDING, { event: 'submit', onDate: '2024-01-10', data: {} })).toThrow(FindingRuleError);
    const submitted = transitionFinding(NEW_FINDING, { event: 'submit', onDate: '2024-01-10', data: { evidence: 'x' } });
    expect(() => transitionFinding(submitted, { event: 'return', onDate: '2024-01-11', data: {} })).toThrow('退回须填写原因');
  });
  it('replays as of a day, and is overdue only while nothing is submitted after the deadline', () => {
    const events = [{ event: 'submit' as const, onDate: '2024-01-20', data: { evidence: 'x' } }];
    expect(findingAsOf(events, '2024-01-19').state).toBe('open');
    expect(isFindingOverdue(findingAsOf(events, '2024-01-19'), '2024-01-18', '2024-01-19')).toBe(true);
    expect(isFindingOverdue(findingAsOf(events, '2024-01-20'), '2024-01-18', '2024-01-20')).toBe(false);
    expect(isFindingOverdue(NEW_FINDING, '2024-01-18', '2024-01-18')).toBe(false);
    expect(isFindingOverdue(NEW_FINDING, null, '2030-01-01')).toBe(false);
  });
  it('sends a completed grid back to surveying for a missed well, never rewriting its history', () => {
    expect(missedWellReopen('completed', '2024-01-05', { foundOn: '2024-01-09', description: '漏排一眼井' })).toEqual({ event: 'reopen', onDate: '2024-01-09', reason: '问题整改（漏排）：漏排一眼井' });
    expect(missedWellReopen('completed', '2024-01-11', { foundOn: '2024-01-09', description: 'x' })?.onDate).toBe('2024-01-11');
    expect(missedWellReopen('in_progress', '2024-01-05', { foundOn: '2024-01-09', description: 'x' })).toBeNull();
  });
  it('reads categories by code, label, or the office own list', () => {
    expect(categoryFromText('漏排', [])).toBe('missed');
    expect(categoryFromText('missed', [])).toBe('missed');
    expect(categoryFromText('台账造假', ['台账造假'])).toBe('台账造假');
    expect(categoryFromText('台账造假', [])).toBeNull();
  });
});

describe('weekly findings summary', () => {
  const unit = (level: 'street' | 'community', name: string, street: string) => ({ level, name, street: level === 'street' ? name : street, community: level === 'community' ? name : null });
  const districts = [{ id: 1, name: '卧龙区' }, { id: 2, name: '宛城区' }, { id: 3, name: '高新区' }];
  const f = (id: number, districtId: number, category: string, u: SummaryFinding['unit'], description: string, foundOn = '2024-01-11'): SummaryFinding => ({ id, foundOn, category, description, districtId, unit: u });

  it('tells each district in org order: what was checked, survey faults first, then violations; same words at several places told once', () => {
    const s = findingsSummary(
      weekEnding('2024-01-12'),
      districts,
      [
        f(5, 2, 'discharge', unit('community', '荷花广场社区', '东关街道'), '荷花广场社区小区地温空调回灌水外排', '2024-01-08'),
        f(6, 2, 'missed', unit('community', '三川社区', '东关街道'), '三川社区查实 3 眼自备井', '2024-01-11'),
        f(1, 1, 'not_thorough', unit('community', '王村村', '王村乡'), '网格排查没有登记沿街门店'),
        f(2, 1, 'not_thorough', unit('community', '光彩社区', '光武街道'), '网格排查没有登记沿街门店'),
        f(3, 1, 'staff_absent', unit('street', '卧龙岗街道', ''), '卧龙岗街道工作人员未到场'),
        f(4, 1, 'not_thorough', unit('community', '贺营村', '王村乡'), '网格排查没有登记沿街门店'),
        f(9, 3, 'missed', unit('community', '七里园社区', '张衡街道'), '漏排', '2024-01-05'),
      ],
      [{ id: 1, onDate: '2024-01-11', units: [{ ...unit('community', '王村村', '王村乡'), districtId: 1 }, { ...unit('community', '贺营村', '王村乡'), districtId: 1 }, { ...unit('community', '光彩社区', '光武街道'), districtId: 1 }] }],
    );
    expect(s.from).toBe('2024-01-06');
    expect(s.intro).toBe('通过本周市封停办的现场调研和工作督导，发现在排查工作中存在领导重视程度不够、排查不细不实、排查质量不高等问题。');
    expect(s.paragraphs.map((p) => p.heading)).toEqual(['（一）卧龙区', '（二）宛城区']);
    expect(s.paragraphs[0]!.body).toBe('本周检查了王村乡 2 个村和光武街道 1 个社区。王村乡王村村、贺营村，光武街道光彩社区网格排查没有登记沿街门店。卧龙岗街道工作人员未到场。');
    expect(s.paragraphs[1]!.body).toBe('三川社区查实 3 眼自备井。荷花广场社区小区地温空调回灌水外排。');
    expect(s.text.split('\n')).toHaveLength(3);
  });
  it('says so when the week found nothing', () => {
    expect(findingsSummary(weekEnding('2024-01-12'), districts, [], []).text).toBe('本周市封停办的现场调研和工作督导未发现新的问题。');
  });
  it('numbers in Chinese', () => {
    expect([1, 4, 10, 11, 20, 23].map(chineseOrdinal)).toEqual(['一', '四', '十', '十一', '二十', '二十三']);
  });
});

describe('findings sheet', () => {
  const districts = [{ id: 10, name: '卧龙区', shortName: null, path: '/1/10/' }];
  const units = [
    { id: 11, name: '光武街道', code: '411303003', level: 'street', path: '/1/10/11/', parentId: 10 },
    { id: 12, name: '光彩社区', code: '411303003001', level: 'community', path: '/1/10/11/12/', parentId: 11 },
    { id: 13, name: '光彩社区第1网格', code: '411303003001001', level: 'grid', path: '/1/10/11/12/13/', parentId: 12 },
  ];
  const header = ['发现日期', '所属区', '单位/社区', '问题类别', '问题描述', '整改期限', '整改状态', '网格'];
  const ctx = { districts, units, extraCategories: [], today: '2024-02-01' };
  it('plans findings with the history their status implies', () => {
    const plan = planFindingSheet(header, [['2024/1/11', '卧龙区', '光彩社区', '排查不细', '门店未登记', '2024-01-19', '已销号', ''], ['2024-01-12', '卧龙区', '光武街道/光彩社区', '漏排', '漏排一眼井', '', '整改中', '光彩社区第1网格']], 2, ctx);
    expect(plan.errors).toEqual([]);
    expect(plan.findings[0]).toMatchObject({ foundOn: '2024-01-11', unitId: 12, category: 'not_thorough', deadline: '2024-01-19' });
    expect(plan.findings[0]!.events.map((e) => e.event)).toEqual(['submit', 'verify']);
    expect(plan.findings[1]).toMatchObject({ unitId: 12, gridId: 13, category: 'missed' });
    expect(plan.findings[1]!.events.map((e) => e.event)).toEqual(['start']);
  });
  it('reports every bad row with its column, and plans nothing', () => {
    const plan = planFindingSheet(header, [
      ['2024-13-01', '卧龙区', '光彩社区', '排查不细', '门店未登记', '', '', ''],
      ['2024-01-11', '宛城区', '光彩社区', '乱写', '', '', '没做', ''],
      ['2024-01-11', '卧龙区', '光彩社区', '漏排', '漏排一眼井', '2024-01-01', '', ''],
    ], 2, ctx);
    expect(plan.findings).toEqual([]);
    expect(plan.errors).toEqual([
      { row: 2, column: '发现日期', message: '“2024-13-01”不是有效日期' },
      { row: 3, column: '问题描述', message: '不能为空' },
      { row: 3, column: '所属区', message: '区“宛城区”不存在或不在管辖范围内' },
      { row: 3, column: '问题类别', message: '应为 排查不细、人员不到位、资料不健全、漏排、承诺书不规范、外排、拒不配合、其他 之一' },
      { row: 3, column: '整改状态', message: expect.stringContaining('应为 待整改') },
      { row: 4, column: '整改期限', message: '整改期限早于发现日期' },
      { row: 4, column: '网格', message: '漏排问题须填写网格（名称或编号），以便退回该网格重新排查' },
    ]);
  });
  it('names a missing column', () => {
    expect(planFindingSheet(['发现日期'], [], 2, ctx).errors.map((e) => e.column)).toEqual(['所属区', '问题类别', '问题描述']);
  });
});

describe('summary text for print', () => {
  it('splits an (edited) summary into the opening sentence and the numbered paragraphs', async () => {
    const { summaryParagraphs } = await import('./findings-summary.js');
    expect(summaryParagraphs('开头。\n（一）卧龙区 本周检查了。\n\n（十二）示范区 无。\n补充说明')).toEqual({
      intro: '开头。',
      paragraphs: [{ heading: '（一）卧龙区', body: '本周检查了。' }, { heading: '（十二）示范区', body: '无。' }, { heading: '', body: '补充说明' }],
    });
  });
});
