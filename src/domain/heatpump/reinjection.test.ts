import { describe, expect, it } from 'vitest';
import { findingCategoryFor, findingsToRaise, heatPumpFindings, monthlyRatios, periodEnd, reinjectionRatio } from './reinjection.js';

describe('reinjection', () => {
  it('is reinjected over pumped, with no ratio when nothing was pumped', () => {
    expect(reinjectionRatio(1000, 970)).toBeCloseTo(0.97);
    expect(reinjectionRatio(0, 0)).toBeNull();
  });
  it('adds daily spot measurements up to their month', () => {
    const r = monthlyRatios([
      { period: '2024-06-03', pumpedM3: 400, reinjectedM3: 300 },
      { period: '2024-05', pumpedM3: 1000, reinjectedM3: 990 },
      { period: '2024-06-17', pumpedM3: 600, reinjectedM3: 320 },
    ]);
    expect(r).toEqual([
      { period: '2024-05', pumpedM3: 1000, reinjectedM3: 990, ratio: 0.99 },
      { period: '2024-06', pumpedM3: 1000, reinjectedM3: 620, ratio: 0.62 },
    ]);
  });
  it('raises a finding for a low month, a discharge seen, and wells found beyond those registered (人力大厦: 1 against 5)', () => {
    const drafts = heatPumpFindings(
      { name: '人力大厦', registeredWells: 1, foundWells: 5 },
      [{ period: '2024-05', pumpedM3: 1000, reinjectedM3: 960 }, { period: '2024-06', pumpedM3: 1200, reinjectedM3: 744 }],
      [{ onDate: '2024-06-20', kind: 'discharge', note: '雨水管道内有大量清水流出' }, { onDate: '2024-06-21', kind: 'pump_stop_test', note: '停泵后流量明显减少' }],
    );
    expect(drafts.map((d) => d.description)).toEqual([
      '人力大厦登记取水、回灌井1眼，实际发现5眼，4眼未登记',
      '人力大厦2024年6月回灌率62%（抽水1,200立方米，回灌744立方米），低于95%',
      '2024年6月20日检查发现人力大厦抽取的地下水外排：雨水管道内有大量清水流出',
    ]);
  });
  it('says nothing about a project that puts back what it pumps and has all its wells registered', () => {
    expect(heatPumpFindings({ name: '白河沿岸', registeredWells: 4, foundWells: 4 }, [{ period: '2024-06', pumpedM3: 5000, reinjectedM3: 4900 }], [])).toEqual([]);
    // the threshold is the office's setting
    expect(heatPumpFindings({ name: '白河沿岸', registeredWells: 4, foundWells: 4 }, [{ period: '2024-06', pumpedM3: 5000, reinjectedM3: 4900 }], [], 0.99)).toHaveLength(1);
  });
});

describe('findings still to raise', () => {
  const project = { name: '人力大厦', registeredWells: 1, foundWells: 5 };
  const readings = [
    { period: '2024-07', pumpedM3: 1000, reinjectedM3: 990 },
    { period: '2024-08-03', pumpedM3: 400, reinjectedM3: 300 },
    { period: '2024-08-17', pumpedM3: 600, reinjectedM3: 320 },
  ];
  const observations = [{ id: 7, onDate: '2024-08-20', kind: 'discharge' as const, note: '雨水井内有清水' }, { id: 8, onDate: '2024-08-21', kind: 'pump_stop_test' as const, note: '停泵后流量减少' }];

  it('keys each finding by what it is about, finds a low month on its last reading, and leaves out what was raised', () => {
    const all = findingsToRaise(project, readings, observations, new Set(), { today: '2024-09-01' });
    expect(all.map((f) => [f.key, f.kind, f.foundOn])).toEqual([
      ['month:2024-08', 'low_reinjection', '2024-08-17'],
      ['observation:7', 'discharge', '2024-08-20'],
      ['wells:5', 'unregistered_wells', '2024-09-01'],
    ]);
    expect(all[0]!.description).toBe('人力大厦2024年8月回灌率62%（抽水1,000立方米，回灌620立方米），低于95%');
    expect(findingsToRaise(project, readings, observations, new Set(['month:2024-08', 'observation:7', 'wells:5']), { today: '2024-09-01' })).toEqual([]);
    // one more well found is a new fact
    expect(findingsToRaise({ ...project, foundWells: 6 }, [], [], new Set(['wells:5']), { today: '2024-09-01' }).map((f) => f.key)).toEqual(['wells:6']);
  });

  it('finds a month read by a meter at its end, or today while it is still running', () => {
    const month = [{ period: '2024-02', pumpedM3: 100, reinjectedM3: 50 }];
    expect(findingsToRaise({ ...project, foundWells: 1 }, month, [], new Set(), { today: '2024-06-01' })[0]!.foundOn).toBe('2024-02-29');
    expect(findingsToRaise({ ...project, foundWells: 1 }, month, [], new Set(), { today: '2024-02-10' })[0]!.foundOn).toBe('2024-02-10');
  });

  it('raises wells the survey missed as 漏排 when their grid is known, and low months and discharges as 外排', () => {
    expect(findingCategoryFor('unregistered_wells', true)).toBe('missed');
    expect(findingCategoryFor('unregistered_wells', false)).toBe('other');
    expect(findingCategoryFor('low_reinjection', true)).toBe('discharge');
    expect(findingCategoryFor('discharge', false)).toBe('discharge');
    expect(periodEnd('2023-02')).toBe('2023-02-28');
    expect(periodEnd('2024-06-03')).toBe('2024-06-03');
  });
});
