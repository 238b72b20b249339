import { describe, expect, it } from 'vitest';
import { caseNumber, CaseRuleError, NEW_CASE, nextCaseEvents, parseCaseNumber, parseFine, transitionCase, violationFromText, type CaseEvent, type CaseFacts } from './case.js';
import { caseArticleDraft } from './case-article.js';
import { planCaseSheet } from './case-sheet.js';
import { chineseNumber, legalBasisText, parseChineseNumber, parseLegalBasis } from './legal-basis.js';
import { annualVolume, isPermitTracked, isUnderThreshold, taxState } from './small-users.js';

const step = (f: CaseFacts, event: CaseEvent['event'], data: CaseEvent['data'] = {}, onDate = '2024-01-20') => transitionCase(f, { event, onDate, data });

describe('the case transition table', () => {
  it('goes forward one step at a time: 立案 → 调查 → 处罚决定 → 执行 → 结案', () => {
    let f = NEW_CASE;
    expect(nextCaseEvents(f.state)).toEqual(['investigate']);
    f = step(f, 'investigate');
    f = step(f, 'decide', { fineYuan: 100_000 });
    expect(f).toMatchObject({ state: 'decided', fineYuan: 100_000 });
    f = step(f, 'enforce');
    f = step(f, 'close', { executionNote: '罚款已缴纳，3 眼井已回填' });
    expect(f.state).toBe('closed');
    expect(nextCaseEvents(f.state)).toEqual([]);
  });

  it('refuses a decision without a penalty, and takes “other measures” as one', () => {
    const investigating = step(NEW_CASE, 'investigate');
    expect(() => step(investigating, 'decide')).toThrow('处罚决定须写明罚款金额或其他处罚措施');
    expect(() => step(investigating, 'decide', { fineYuan: 0 })).toThrow(CaseRuleError);
    expect(step(investigating, 'decide', { otherMeasures: '责令限期封井' }).state).toBe('decided');
    // a penalty already on the case counts
    expect(step({ ...investigating, fineYuan: 50_000 }, 'decide').fineYuan).toBe(50_000);
  });

  it('never goes back, skips or repeats a step', () => {
    const decided = step(step(NEW_CASE, 'investigate'), 'decide', { fineYuan: 1 });
    expect(() => step(decided, 'investigate')).toThrow('不能退回或重复');
    expect(() => step(decided, 'decide', { fineYuan: 2 })).toThrow('不能退回或重复');
    expect(() => step(NEW_CASE, 'decide', { fineYuan: 1 })).toThrow('请先完成“调查”');
    expect(() => step(decided, 'close', { executionNote: '已缴纳' })).toThrow('请先完成“执行”');
  });

  it('closes only a decision being executed, saying how it was executed', () => {
    const enforcing = step(step(step(NEW_CASE, 'investigate'), 'decide', { fineYuan: 1 }), 'enforce');
    expect(() => step(enforcing, 'close')).toThrow('执行情况');
    expect(step(enforcing, 'close', { executionNote: '罚款已缴纳' }).state).toBe('closed');
  });
});

describe('case numbers, fines, violations and legal basis', () => {
  it('writes and reads 宛水罚〔2024〕3号', () => {
    expect(caseNumber('宛水罚', 2024, 3)).toBe('宛水罚〔2024〕3号');
    expect(parseCaseNumber('宛水罚〔2024〕12号')).toEqual({ year: 2024, serial: 12 });
    expect(parseCaseNumber('宛水罚[2023]第5号')).toEqual({ year: 2023, serial: 5 });
    expect(parseCaseNumber('第5号')).toBeNull();
  });
  it('reads fines as clerks write them', () => {
    expect(parseFine('100,000')).toBe(100_000);
    expect(parseFine('¥5000元')).toBe(5000);
    expect(parseFine('10万')).toBe(100_000);
    expect(parseFine('十万')).toBeNull();
  });
  it('reads violations by label or as “其他：…”', () => {
    expect(violationFromText('隐瞒')).toEqual({ violation: 'concealed', other: null });
    expect(violationFromText('外排')).toEqual({ violation: 'discharge', other: null });
    expect(violationFromText('其他：擅自转供')).toEqual({ violation: 'other', other: '擅自转供' });
    expect(violationFromText('偷水')).toBeNull();
  });
  it('names articles in Chinese and reads them back, law carried forward', () => {
    expect(chineseNumber(58)).toBe('五十八');
    expect(chineseNumber(20)).toBe('二十');
    expect(parseChineseNumber('四十九')).toBe(49);
    expect(legalBasisText(['gwr-49', 'gwr-58', 'wpr-20'])).toBe('《地下水管理条例》第四十九条、第五十八条、《取水许可和水资源费征收管理条例》第二十条');
    expect(parseLegalBasis('《地下水管理条例》第四十九条、第58条；取水许可和水资源费征收管理条例第二十条')).toEqual({ codes: ['gwr-49', 'gwr-58', 'wpr-20'], unknown: [] });
    expect(parseLegalBasis('地下水管理条例第一条').unknown).toEqual(['地下水管理条例第一条']);
  });
});

describe('the 工作信息 draft of a typical case', () => {
  it('tells who, what, which article and the penalty', () => {
    const d = caseArticleDraft({
      number: '宛水罚〔2024〕2号', filedOn: '2024-01-12', district: '宛城区', partyName: '向阳荷花广场小区物业', violation: 'discharge', violationOther: null,
      legalBasis: ['gwr-51'], facts: '该小区地温空调回灌水量明显小于取水量，回灌水经雨水管道外排', fineYuan: 100_000, otherMeasures: '责令立即整改', state: 'decided',
      decidedOn: '2024-01-30', closedOn: null, executionNote: null, wells: 0,
    });
    expect(d.title).toBe('依法查处向阳荷花广场小区物业地温空调回灌水外排案');
    expect(d.paragraphs[0]).toContain('2024年1月12日，宛城区水利执法部门对向阳荷花广场小区物业');
    expect(d.paragraphs[1]).toContain('依据《地下水管理条例》第五十一条的规定');
    expect(d.paragraphs[1]).toContain('处罚款10万元，责令立即整改');
  });
});

describe('the case sheet', () => {
  const ctx = { districts: [{ id: 3, name: '宛城区', shortName: null }, { id: 5, name: '城乡一体化示范区', shortName: '示范区' }], takenNumbers: new Set(['宛水罚〔2024〕1号']), takenSerials: new Set(['2024/1']), today: '2024-07-01' };
  const header = ['案件编号', '立案日期', '区', '当事人', '违法类型', '法律依据', '罚款金额', '状态', '结案日期'];
  it('plans each row with the history its state implies', () => {
    const plan = planCaseSheet(header, [
      ['', '2024/3/1', '示范区', '某洗车行', '私自启用', '地下水管理条例第五十八条', '10万', '结案', '2024-04-01'],
      ['宛水罚〔2024〕7号', '2024-03-02', '宛城区', '某宾馆', '隐瞒', '', '', '调查', ''],
    ], 2, ctx);
    expect(plan.errors).toEqual([]);
    expect(plan.cases[0]).toMatchObject({ number: null, year: 2024, districtId: 5, violation: 'reactivated', fineYuan: 100_000, state: 'closed', legalBasis: ['gwr-58'] });
    expect(plan.cases[0]!.events.map((e) => `${e.event}@${e.onDate}`)).toEqual(['investigate@2024-03-01', 'decide@2024-03-01', 'enforce@2024-03-01', 'close@2024-04-01']);
    expect(plan.cases[1]).toMatchObject({ number: '宛水罚〔2024〕7号', serial: 7, state: 'investigating' });
  });
  it('reports every bad row and plans nothing', () => {
    const plan = planCaseSheet(header, [
      ['宛水罚〔2024〕1号', '2024-03-01', '宛城区', '甲', '隐瞒', '', '', '', ''],
      ['', '2024-03-01', '卧龙区', '乙', '偷水', '第九十九条', '', '处罚决定', ''],
      ['', '2024-03-01', '宛城区', '丙', '外排', '', '5000', '结案', ''],
    ], 2, ctx);
    expect(plan.cases).toEqual([]);
    const at = plan.errors.map((e) => `${e.row}:${e.column}`);
    expect(at).toEqual(expect.arrayContaining(['2:案件编号', '3:区', '3:违法类型', '3:法律依据', '3:罚款金额', '4:结案日期']));
  });
});

describe('small users', () => {
  it('are permit-tracked wells under the threshold, registered for tax once they have the event', () => {
    expect(isPermitTracked({ stage: 'decided', disposition: 'permit' })).toBe(true);
    expect(isPermitTracked({ stage: 'sealed', disposition: 'seal' })).toBe(false);
    expect(annualVolume(null, 800)).toBe(800);
    expect(annualVolume(600, 800)).toBe(600);
    expect(isUnderThreshold(999, 1000)).toBe(true);
    expect(isUnderThreshold(1000, 1000)).toBe(false);
    expect(isUnderThreshold(null, 1000)).toBe(false);
    expect(taxState('2024-06-03')).toBe('registered');
    expect(taxState(null)).toBe('unregistered');
  });
});
