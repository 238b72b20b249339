import { describe, expect, it } from 'vitest';
import { monthlyUse, repairMeterFaults } from './series.js';

describe('the monthly series', () => {
  it('keeps missing months as gaps and runs to the cut-off month', () => {
    const s = monthlyUse([{ period: '2024-01', m3: 5 }, { period: '2024-03', m3: 7 }, { period: '2024-09', m3: 9 }], '2024-05');
    expect(s).toEqual({ start: '2024-01', values: [5, null, 7, null, null] });
  });
  it('adds daily readings up to months, and leaves a month read on fewer than half its days missing', () => {
    const days = (month: string, n: number) => Array.from({ length: n }, (_, d) => ({ period: `${month}-${String(d + 1).padStart(2, '0')}`, m3: 0.3 }));
    const s = monthlyUse([...days('2024-01', 31), ...days('2024-02', 10), ...days('2024-04', 20)]);
    expect(s.start).toBe('2024-01');
    expect(s.values.map((v) => v && Math.round(v * 10) / 10)).toEqual([9.3, null, null, 9]); // April: 20 of 30 days, scaled
  });
  it('refuses a malformed period', () => {
    expect(() => monthlyUse([{ period: '2024-13', m3: 1 }])).toThrow('用水期间格式错误：2024-13');
  });
});

describe('meter faults', () => {
  it('spreads a swapped meter’s zero month and its catch-up month evenly', () => {
    expect(repairMeterFaults([10, 11, 9, 10, 0, 20, 10])).toEqual([10, 11, 9, 10, 10, 10, 10]);
  });
  it('spreads a meter stuck for three months, and a skipped reading, over the months they cover', () => {
    expect(repairMeterFaults([10, 10, 10, 0, 0.5, 0, 39.5, 10])).toEqual([10, 10, 10, 10, 10, 10, 10, 10]);
    expect(repairMeterFaults([10, 10, 10, null, 20, 10])).toEqual([10, 10, 10, 10, 10, 10]);
  });
  it('treats a single zero month between normal ones as a lost reading', () => {
    expect(repairMeterFaults([10, 10, 10, 0, 10, 10])).toEqual([10, 10, 10, null, 10, 10]);
  });
  it('leaves real stops alone: a long run, one that never catches up, a quiet season', () => {
    expect(repairMeterFaults([10, 10, 10, 0, 0, 0, 0, 40])).toEqual([10, 10, 10, 0, 0, 0, 0, 40]);
    expect(repairMeterFaults([10, 10, 10, 10, 0, 0])).toEqual([10, 10, 10, 10, 0, 0]);
    expect(repairMeterFaults([60, 60, 60, 0.5, 0.5, 0.5, 100, 60])).toEqual([60, 60, 60, 0.5, 0.5, 0.5, 100, 60]);
  });
});
