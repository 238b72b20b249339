import { describe, expect, it } from 'vitest';
import { demoOrgRows, DEMO_DISTRICTS } from './demo-org.js';
import { planOrgImport } from '../../domain/org/org-import.js';

describe('demo hierarchy', () => {
  const rows = demoOrgRows();
  it('has the seed bulletin grid counts per district, 1152 in all', () => {
    const by = new Map<string, number>();
    for (const r of rows) by.set(r.district, (by.get(r.district) ?? 0) + 1);
    expect(Object.fromEntries(by)).toEqual({ 卧龙区: 504, 宛城区: 241, 高新区: 118, 城乡一体化示范区: 289 });
    expect(rows).toHaveLength(1152);
  });
  it('uses unique 15-digit codes whose prefix is the district code', () => {
    expect(new Set(rows.map((r) => r.gridCode)).size).toBe(rows.length);
    for (const r of rows) {
      expect(r.gridCode).toMatch(/^\d{15}$/);
      expect(r.gridCode.slice(0, 6)).toBe(DEMO_DISTRICTS.find((d) => d.name === r.district)!.code);
    }
  });
  it('contains the communities the seed bulletins name', () => {
    const names = new Set(rows.map((r) => `${r.street}/${r.community}`));
    for (const n of ['光武街道/光彩社区', '王村乡/贺营村', '张衡街道/七里园社区', '枣林街道/兴隆社区', '枣林街道/长江社区', '车站街道/崔庄社区']) {
      expect(names.has(n)).toBe(true);
    }
  });
  it('plans into a clean import with derived parent codes', () => {
    const { plan, errors } = planOrgImport(rows, [{ id: 1, code: '411300', name: '南阳市', level: 'city', parentId: null }], { cityId: 1, allowNewUnits: true });
    expect(errors).toEqual([]);
    const districts = plan.creates.filter((c) => c.level === 'district').map((c) => c.code);
    expect(districts).toEqual(['411303', '411302', '411371', '411372']);
    expect(plan.creates.filter((c) => c.level === 'grid')).toHaveLength(1152);
  });
});
