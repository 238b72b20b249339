import { describe, expect, it } from 'vitest';
import { heatPumpFindings, monthlyRatios, reinjectionRatio } from './reinjection.js';

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
