import { describe, expect, it } from 'vitest';
import { annualDesignVolume, latestMonth, meteringRequired, parsePeriod, periodLabel } from './project.js';
import { planReadingSheet } from './reading-sheet.js';

describe('online metering (在线计量)', () => {
  it('is required when the annual design volume is above the threshold (default 50,000 m³ a year)', () => {
    // 150 m³ a day all year: 54,750 m³
    expect(annualDesignVolume(150, null)).toBe(54_750);
    expect(meteringRequired({ designPumpM3PerDay: 150, operatingDaysPerYear: null })).toBe(true);
    // the same plant run for a 200-day heating and cooling season: 30,000 m³
    expect(meteringRequired({ designPumpM3PerDay: 150, operatingDaysPerYear: 200 })).toBe(false);
    // exactly at the threshold is not above it
    expect(meteringRequired({ designPumpM3PerDay: 250, operatingDaysPerYear: 200 })).toBe(false);
    // the threshold is the office's setting
    expect(meteringRequired({ designPumpM3PerDay: 150, operatingDaysPerYear: 200 }, 20_000)).toBe(true);
  });
  it('is unknown without a design volume', () => {
    expect(meteringRequired({ designPumpM3PerDay: null, operatingDaysPerYear: 200 })).toBeNull();
  });
});

describe('periods', () => {
  it('reads a day or a month as people write them', () => {
    expect(['2024-06', '2024/6', '2024.6', '2024年6月', '202406', '2024-06-03', '2024/6/3', '2024年6月3日', '20240603'].map(parsePeriod)).toEqual([
      '2024-06', '2024-06', '2024-06', '2024-06', '2024-06', '2024-06-03', '2024-06-03', '2024-06-03', '2024-06-03',
    ]);
    expect(['2024-13', '六月', '2024-06-31', ''].map(parsePeriod)).toEqual([null, null, null, null]);
    expect(periodLabel('2024-06')).toBe('2024年6月');
    expect(periodLabel('2024-06-03')).toBe('2024年6月3日');
  });
  it('takes the latest month with a ratio as of a day', () => {
    const r = [{ period: '2024-05', pumpedM3: 100, reinjectedM3: 97 }, { period: '2024-06-10', pumpedM3: 100, reinjectedM3: 60 }, { period: '2024-07', pumpedM3: 0, reinjectedM3: 0 }];
    expect(latestMonth(r, '2024-07-31')).toMatchObject({ period: '2024-06', ratio: 0.6 });
    expect(latestMonth(r, '2024-06-09')).toMatchObject({ period: '2024-05', ratio: 0.97 });
    expect(latestMonth([], '2024-06-09')).toBeNull();
  });
});

describe('the readings sheet', () => {
  const header = ['项目名称', '日期/期间', '抽水量', '回灌量', '方式', '水温'];
  const ctx = { projects: [{ id: 1, name: '白河沿岸地温空调项目' }], taken: new Set(['1|2024-05|meter']), today: '2024-07-01' };
  it('plans every row, or none: each bad row says where and why', () => {
    const ok = planReadingSheet({ header, body: [['白河沿岸地温空调项目', '2024-06', '1,200', '1150', '计量表', '16.5'], ['白河沿岸地温空调项目', '2024/6/3', '40', '30', '超声波', '']], firstDataRow: 2 }, ctx);
    expect(ok.errors).toEqual([]);
    expect(ok.readings).toEqual([
      { rowNumber: 2, projectId: 1, period: '2024-06', pumpedM3: 1200, reinjectedM3: 1150, method: 'meter', waterTempC: 16.5 },
      { rowNumber: 3, projectId: 1, period: '2024-06-03', pumpedM3: 40, reinjectedM3: 30, method: 'ultrasonic', waterTempC: null },
    ]);
    const bad = planReadingSheet({
      header,
      body: [
        ['白河沿岸地温空调项目', '2024-06', '1200', '1150', '', ''],
        ['不存在的项目', '2024-06', '1', '1', '', ''],
        ['白河沿岸地温空调项目', '2024-05', '1', '1', '', ''],
        ['白河沿岸地温空调项目', '2024-06', '1', '1', '计量表', ''],
        ['白河沿岸地温空调项目', '2024-08', '-1', '', '目测', '200'],
      ],
      firstDataRow: 2,
    }, ctx);
    expect(bad.readings).toEqual([]);
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([[3, '项目名称'], [4, '日期/期间'], [5, '日期/期间'], [6, '回灌量'], [6, '日期/期间'], [6, '抽水量'], [6, '方式'], [6, '水温']]);
  });
});
