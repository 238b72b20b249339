import { describe, expect, it } from 'vitest';
import { estimateSample, fieldChlorineOf, nextSampleCode, normaliseLabResults, samplePointOf } from './sample.js';
import { parseOtherTracers, planSampleSheet } from './sample-sheet.js';

describe('water samples', () => {
  it('checks lab results: known tracers by code or Chinese name, extra tracers by name', () => {
    expect(normaliseLabResults({ 总硬度: 300, tds: 280, 锶: 0.7, nitrate: null })).toEqual({ results: { totalHardness: 300, tds: 280, 锶: 0.7 }, errors: [] });
    expect(normaliseLabResults({ totalHardness: -1, conductivity: 99999, 总硬度: 3 }).errors).toEqual([
      '总硬度应为不小于 0 的数值', '电导率 99999 µS/cm 超出合理范围（≤30000）',
    ]);
    expect(normaliseLabResults({ totalHardness: 3, 总硬度: 4 }).errors).toEqual(['总硬度填写了两次']);
  });
  it('names a tap without free chlorine as evidence of well water', () => {
    const lab = { totalHardness: 311.4, tds: 285.6, conductivity: 438, nitrate: 9.4 };
    const tap = estimateSample({ point: 'tap', fieldChlorine: 'absent', labResults: lab });
    expect(tap.estimate!.share).toBeCloseTo(0.4, 6);
    expect(tap.chlorineEvidence).toContain('井水');
    expect(estimateSample({ point: 'well_head', fieldChlorine: 'absent', labResults: lab }).chlorineEvidence).toBeNull();
    expect(estimateSample({ point: 'tap', fieldChlorine: 'absent', labResults: { chloride: 3 } }).estimate).toBeNull();
  });
  it('reads the words of a sheet and numbers codes by day', () => {
    expect(samplePointOf('水龙头')).toBe('tap');
    expect(samplePointOf('井口')).toBe('well_head');
    expect(samplePointOf('马桶')).toBeNull();
    expect(fieldChlorineOf('无')).toEqual({ test: 'absent', mgL: null });
    expect(fieldChlorineOf('0.3')).toEqual({ test: 'present', mgL: 0.3 });
    expect(fieldChlorineOf('')).toEqual({ test: 'not_done', mgL: null });
    expect(fieldChlorineOf('很多')).toBeNull();
    expect(nextSampleCode('2024-01-09', ['SY-20240109-01', 'SY-20240109-03', 'SY-20240108-07'])).toBe('SY-20240109-04');
    expect(nextSampleCode('2024-01-10', [])).toBe('SY-20240110-01');
    expect(parseOtherTracers('锶=0.7；钡：0.1')).toEqual({ values: { 锶: 0.7, 钡: 0.1 }, error: null });
    expect(parseOtherTracers('锶').error).toContain('指标名称=数值');
  });
  it('plans a sheet, every bad row or none', () => {
    const ctx = { districts: [{ id: 2, name: '卧龙区', shortName: null, path: '/1/2/' }], units: [], existingCodes: new Set(['SY-1']), today: '2024-06-30' };
    const header = ['样品编号', '采样日期', '区', '地址', '采样点', '余氯', '硝酸盐（以N计）'];
    const ok = planSampleSheet(header, [['SY-2', '2024年1月9日', '卧龙区', '某路1号', '水龙头', '无', '9.4']], 2, ctx);
    expect(ok.errors).toEqual([]);
    expect(ok.samples[0]).toMatchObject({ code: 'SY-2', sampledOn: '2024-01-09', districtId: 2, unitId: 2, point: 'tap', fieldChlorine: 'absent', labResults: { nitrate: 9.4 } });
    const bad = planSampleSheet(header, [['SY-1', '2025-01-01', '宛城区', '', '水龙头', '', '']], 2, ctx);
    expect(bad.samples).toEqual([]);
    expect(bad.errors.map((e) => e.column)).toEqual(['地址', '样品编号', '采样日期', '区']);
  });
});
