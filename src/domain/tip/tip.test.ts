import { describe, expect, it } from 'vitest';
import { addWorkingDays, isOverdue, nextTipEvents, NEW_TIP, tipAsOf, transitionTip, TipRuleError, TIP_EVENTS, type TipEvent, type TipEventKind, type TipFacts } from './workflow.js';
import { suggestDuplicates, textSimilarity, tipSummary } from './summary.js';
import { planTipSheet } from './tip-sheet.js';

const DATA: Record<TipEventKind, TipEvent['data']> = {
  assign: { districtId: 2 }, pass: { streetId: 3 }, investigate: { result: 'substantiated', evidence: '现场发现在用水井一眼' },
  close: { reply: '经核查属实，已责令封停' }, recheck: {}, reopen: { reason: '答复不完整' },
};
const step = (t: TipFacts, e: TipEventKind, data = DATA[e]) => transitionTip(t, { event: e, onDate: '2024-01-05', data });

describe('the tip workflow', () => {
  it('runs received → assigned → (passed) → investigated → closed → rechecked, and a recheck can reopen', () => {
    let t = step(NEW_TIP, 'assign');
    expect(t).toMatchObject({ state: 'assigned', districtId: 2 });
    t = step(t, 'pass');
    expect(t).toMatchObject({ state: 'assigned', streetId: 3 });
    t = step(step(t, 'investigate'), 'close');
    expect(t).toMatchObject({ state: 'closed', result: 'substantiated' });
    expect(nextTipEvents(t)).toEqual(['recheck', 'reopen']);
    expect(step(t, 'reopen')).toMatchObject({ state: 'assigned', result: null });
    expect(nextTipEvents(step(t, 'recheck'))).toEqual(['reopen']);
    expect(nextTipEvents(t, { merged: true })).toEqual([]);
  });
  it('passes a tip to a street once', () => {
    const passed = step(step(NEW_TIP, 'assign'), 'pass');
    expect(nextTipEvents(passed)).toEqual(['investigate']);
    expect(() => step(passed, 'pass')).toThrow('线索已转交街道办理');
  });
  const legal: Record<string, TipEventKind[]> = { received: ['assign'], assigned: ['pass', 'investigate'], investigated: ['close'], closed: ['recheck', 'reopen'] };
  const at: Record<string, TipFacts> = { received: NEW_TIP, assigned: step(NEW_TIP, 'assign'), investigated: step(step(NEW_TIP, 'assign'), 'investigate'), closed: step(step(step(NEW_TIP, 'assign'), 'investigate'), 'close') };
  for (const [state, facts] of Object.entries(at)) {
    for (const e of TIP_EVENTS.filter((x) => !legal[state]!.includes(x))) {
      it(`refuses ${e} when ${state}`, () => expect(() => step(facts, e)).toThrow(TipRuleError));
    }
  }
  it('requires evidence, a reply to the reporter, and a reason to reopen', () => {
    expect(() => step(at.assigned!, 'investigate', { result: 'substantiated' })).toThrow('请填写核查情况（证据）');
    expect(() => step(at.investigated!, 'close', {})).toThrow('请填写给举报人的答复');
    expect(() => step(at.closed!, 'reopen', {})).toThrow('复核退回须填写原因');
  });
  it('counts 5 working days from assignment, skipping the weekend, and flags overdue tips', () => {
    expect(addWorkingDays('2024-01-05', 5)).toBe('2024-01-12'); // Friday → next Friday
    expect(addWorkingDays('2024-01-08', 5)).toBe('2024-01-15');
    const t = transitionTip(NEW_TIP, { event: 'assign', onDate: '2024-01-05', data: { districtId: 2, deadline: '2024-01-12' } });
    expect(isOverdue(t, '2024-01-12')).toBe(false);
    expect(isOverdue(t, '2024-01-13')).toBe(true);
  });
  it('replays the history to any day', () => {
    const ev: TipEvent[] = [
      { event: 'assign', onDate: '2024-01-03', data: DATA.assign },
      { event: 'investigate', onDate: '2024-01-08', data: DATA.investigate },
      { event: 'close', onDate: '2024-01-09', data: DATA.close },
    ];
    expect(tipAsOf(ev, '2024-01-02').state).toBe('received');
    expect(tipAsOf(ev, '2024-01-08')).toMatchObject({ state: 'investigated', assignedOn: '2024-01-03', closedOn: null });
    expect(tipAsOf(ev, '2024-01-12')).toMatchObject({ state: 'closed', closedOn: '2024-01-09' });
  });
});

describe('the tips table and duplicates', () => {
  it('rounds the closure rate down and counts unassigned tips in 合计 only', () => {
    const t = tipSummary('2024-01-12', [{ district: '卧龙区', received: 3, assigned: 3, closed: 2, substantiated: 1 }, { district: '宛城区', received: 0, assigned: 0, closed: 0, substantiated: 0 }], 2);
    expect(t.total).toEqual({ received: 5, assigned: 3, closed: 2, closureRate: '66%', substantiated: 1 });
    expect(t.rows[1]!.closureRate).toBe('0%');
  });
  it('suggests a duplicate nearby with similar words, not one far away or long ago', () => {
    const base = { id: 1, content: '光彩小区地下室水泵房有一眼井一直在抽水', receivedOn: '2024-01-10', gridId: null, lat: 33.0, lng: 112.5 };
    const near = { ...base, id: 2, content: '光彩小区地下室有井在抽水', receivedOn: '2024-01-05', lat: 33.001 };
    const far = { ...near, id: 3, lat: 33.1 };
    const old = { ...near, id: 4, receivedOn: '2023-11-01' };
    const other = { ...near, id: 5, content: '洗车行门口下水道流水' };
    expect(suggestDuplicates(base, [near, far, old, other]).map((d) => d.id)).toEqual([2]);
    expect(textSimilarity('abc', 'abc')).toBe(1);
  });
  it('reads a tip ledger and refuses impossible rows', () => {
    const header = ['线索编号', '受理日期', '来源渠道', '所属区', '交办日期', '办结日期', '是否有效', '内容'];
    const ctx = { districts: [{ id: 2, name: '城乡一体化示范区', shortName: '示范区' }], takenCodes: new Set<string>(), today: '2024-02-01' };
    const ok = planTipSheet(header, [['A1', '2024-01-02', '12345热线', '示范区', '2024-01-03', '2024-01-05', '是', '某处有井']], 2, ctx);
    expect(ok.errors).toEqual([]);
    expect(tipAsOf(ok.tips[0]!.events, '2024-01-05')).toMatchObject({ state: 'closed', result: 'substantiated', districtId: 2 });
    const bad = planTipSheet(header, [['A2', '2024-01-05', '飞鸽', '卧龙区', '2024-01-04', '', '', 'x'], ['A3', '2024-01-05', '', '示范区', '', '2024-01-06', '', 'y']], 2, ctx);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[2, '来源渠道'], [2, '所属区'], [2, '交办日期'], [3, '交办日期'], [3, '是否有效']]);
  });
});
