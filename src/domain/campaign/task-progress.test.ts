import { describe, expect, it } from 'vitest';
import { rankDistricts, sharePercent, taskDone, taskDoneAtStage, taskProgressMarkdown } from './task-progress.js';
import { wellAsOf, type WellEvent } from '../well/lifecycle.js';
import { impliedEvents } from '../well/well-sheet.js';

describe('the daily notice', () => {
  it('rounds shares half up to 2 decimals, and 0 tasks shows 0.00%', () => {
    expect(sharePercent(33, 84)).toBe('39.29%');
    expect(sharePercent(33, 94)).toBe('35.11%');
    expect(sharePercent(21, 29)).toBe('72.41%');
    expect(sharePercent(0, 0)).toBe('0.00%');
    expect(sharePercent(1, 8)).toBe('12.50%');
    expect(sharePercent(1, 16)).toBe('6.25%');
    expect(sharePercent(1, 32)).toBe('3.13%'); // 3.125 → half up
    expect(sharePercent(82, 307)).toBe('26.71%');
    expect(sharePercent(7, 7)).toBe('100.00%');
  });
  it('reproduces bulletin 第30期: ranks, shares, totals', () => {
    const t = rankDistricts('决战六月', '2024-06-23', [
      { district: '卧龙区', seal: { tasks: 29, done: 21 }, permit: { tasks: 55, done: 4 } },
      { district: '宛城区', seal: { tasks: 38, done: 10 }, permit: { tasks: 0, done: 0 } },
      { district: '高新区', seal: { tasks: 34, done: 9 }, permit: { tasks: 57, done: 5 } },
      { district: '示范区', seal: { tasks: 84, done: 33 }, permit: { tasks: 10, done: 0 } },
    ]);
    expect(t.rows.map((r) => [r.district, r.share, r.rank])).toEqual([['示范区', '35.11%', 1], ['卧龙区', '29.76%', 2], ['宛城区', '26.32%', 3], ['高新区', '15.38%', 4]]);
    expect(t.total).toEqual({ seal: { tasks: 185, done: 73, share: '39.46%' }, permit: { tasks: 122, done: 9, share: '7.38%' }, all: { tasks: 307, done: 82, share: '26.71%' } });
    expect(taskProgressMarkdown(t, '日通报')).toContain('| 总计 | 应封停 | 185 | 73 | 39.46% | 26.71% |  |');
  });
  it('gives equal shares the same rank', () => {
    const t = rankDistricts('x', '2024-06-23', [
      { district: 'A', seal: { tasks: 2, done: 1 }, permit: { tasks: 0, done: 0 } },
      { district: 'B', seal: { tasks: 4, done: 2 }, permit: { tasks: 0, done: 0 } },
      { district: 'C', seal: { tasks: 1, done: 1 }, permit: { tasks: 0, done: 0 } },
    ]);
    expect(t.rows.map((r) => [r.district, r.rank])).toEqual([['C', 1], ['A', 2], ['B', 2]]);
  });
  it('counts a task done from the dated steps of its well', () => {
    const seal = impliedEvents('seal', '2024-01-01', '2024-06-20');
    expect(taskDone('seal', seal, '2024-06-19')).toBe(false);
    expect(taskDone('seal', seal, '2024-06-20')).toBe(true);
    const permit = impliedEvents('permit', '2024-01-01', '2024-06-20');
    expect(taskDone('permit', permit.slice(0, -1), '2024-12-31')).toBe(false);
    expect(taskDone('permit', permit, '2024-06-20')).toBe(true);
  });
  it('says from a well’s stage alone what the dated steps say, on every step of every path', () => {
    const paths: WellEvent['event'][][] = [
      ['verify', 'decide', 'serve_notice', 'connect_supply', 'seal', 'accept', 'reactivate'],
      ['verify', 'decide', 'issue_permit', 'install_meter', 'register_tax'],
    ];
    const data = (e: WellEvent['event'], disposition: 'seal' | 'permit') => (e === 'decide' ? { imported: true, disposition, ...(disposition === 'seal' ? { sealMode: 'standby' as const } : {}) } : { imported: true });
    let checked = 0;
    for (const [p, path] of paths.entries()) {
      const disposition = p === 0 ? 'seal' : 'permit';
      for (let n = 0; n <= path.length; n++) {
        const events = path.slice(0, n).map((e, i) => ({ event: e, onDate: `2024-03-${String(10 + i).padStart(2, '0')}`, data: data(e, disposition) }));
        const stage = wellAsOf(events, '9999-12-31').stage;
        for (const task of ['seal', 'permit'] as const) {
          expect(taskDoneAtStage(task, stage), `${task} task at ${stage}`).toBe(taskDone(task, events, '9999-12-31'));
          checked++;
        }
      }
    }
    expect(checked).toBe(2 * (8 + 6));
  });
});
