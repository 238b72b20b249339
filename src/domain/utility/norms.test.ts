import { describe, expect, it } from 'vitest';
import { DEFAULT_NORMS, expectedUse, normTable, peerGroup, type Account } from './norms.js';

const compound: Account = { accountNo: '1001', name: '某小区', category: '居民', households: 300 };

describe('expected use from the norm table', () => {
  it('counts residents at 110 L per person per day, 2.8 persons per household when only households are known', () => {
    expect(expectedUse(compound, DEFAULT_NORMS, '2023-02-14')).toBeCloseTo(92.4); // 300 × 2.8 × 110 L
    expect(expectedUse(compound, DEFAULT_NORMS, '2023-02')).toBeCloseTo(92.4 * 28);
    expect(expectedUse({ ...compound, persons: 600 }, DEFAULT_NORMS, '2023-01')).toBeCloseTo(66 * 31);
  });
  it('counts hotels per bed, bathhouses per m², car washes per business', () => {
    expect(expectedUse({ accountNo: '2', name: '宾馆', category: '宾馆', beds: 120 }, DEFAULT_NORMS, '2023-04')).toBeCloseTo(900);
    expect(expectedUse({ accountNo: '3', name: '浴池', category: '浴池', areaM2: 500 }, DEFAULT_NORMS, '2023-04-01')).toBeCloseTo(20);
    expect(expectedUse({ accountNo: '4', name: '洗车', category: '洗车' }, DEFAULT_NORMS, '2023-04')).toBeCloseTo(60);
  });
  it('has no expectation for a vacant flat, an unknown size, industry or an unknown category', () => {
    expect(expectedUse({ ...compound, households: 1, persons: 0 }, DEFAULT_NORMS, '2023-01')).toBeNull();
    expect(expectedUse({ accountNo: '5', name: '住户', category: '居民' }, DEFAULT_NORMS, '2023-01')).toBeNull();
    expect(expectedUse({ accountNo: '6', name: '宾馆', category: '宾馆', persons: 10 }, DEFAULT_NORMS, '2023-01')).toBeNull();
    expect(expectedUse({ ...compound, category: '工业' }, DEFAULT_NORMS, '2023-01')).toBeNull();
    expect(expectedUse({ ...compound, category: 'toString' }, DEFAULT_NORMS, '2023-01')).toBeNull();
  });
  it('takes the office’s edits over the defaults', () => {
    const norms = normTable({ householdSize: 3, categories: { 居民: { basis: 'person', litresPerDay: 85 }, 工业: { basis: 'areaM2', litresPerDay: 5 } } });
    expect(expectedUse(compound, norms, '2023-02-01')).toBeCloseTo(76.5); // 300 × 3 × 85 L
    expect(expectedUse({ ...compound, category: '工业', areaM2: 1000 }, norms, '2023-02-01')).toBeCloseTo(5);
    expect(norms.categories.宾馆).toEqual(DEFAULT_NORMS.categories.宾馆);
    expect(expectedUse(compound, DEFAULT_NORMS, '2023-02-01')).toBeCloseTo(92.4); // defaults untouched
  });
  it('puts accounts of one category and size band in one peer group', () => {
    expect(peerGroup(compound, DEFAULT_NORMS)).toBe('居民/5'); // 840 persons
    expect(peerGroup({ ...compound, households: 280 }, DEFAULT_NORMS)).toBe('居民/5');
    expect(peerGroup({ ...compound, households: 1 }, DEFAULT_NORMS)).toBe('居民/0');
    expect(peerGroup({ ...compound, category: '工业' }, DEFAULT_NORMS)).toBeNull();
  });
});
