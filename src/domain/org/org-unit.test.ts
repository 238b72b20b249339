import { describe, expect, it } from 'vitest';
import { ancestorIds, childLevel, childPath, countGrids, isOpenOn, isWithin, splitGridCode } from './org-unit.js';

describe('org units', () => {
  it('builds paths whose prefixes never collide (/1/ is not /12/)', () => {
    expect(childPath(null, 1)).toBe('/1/');
    expect(childPath('/1/', 12)).toBe('/1/12/');
    expect(isWithin('/1/12/', '/1/')).toBe(true);
    expect(isWithin('/12/', '/1/')).toBe(false);
    expect(ancestorIds('/1/4/17/')).toEqual([1, 4, 17]);
  });
  it('splits a Beijing-style 15-digit grid code into its parents', () => {
    expect(splitGridCode('411303003001002')).toEqual({ district: '411303', street: '411303003', community: '411303003001' });
    expect(splitGridCode('G-17')).toBeNull();
  });
  it('knows the level below each level', () => {
    expect(childLevel('city')).toBe('district');
    expect(childLevel('community')).toBe('grid');
    expect(childLevel('grid')).toBeNull();
  });
  it('counts open grids under every ancestor, closed grids not at all', () => {
    const counts = countGrids([
      { id: 1, parentId: null, level: 'city', open: true },
      { id: 2, parentId: 1, level: 'district', open: true },
      { id: 3, parentId: 2, level: 'community', open: true },
      { id: 4, parentId: 3, level: 'grid', open: true },
      { id: 5, parentId: 3, level: 'grid', open: true },
      { id: 6, parentId: 3, level: 'grid', open: false },
    ]);
    expect(counts.get(1)).toBe(2);
    expect(counts.get(3)).toBe(2);
    expect(counts.get(4)).toBe(1);
    expect(counts.get(6)).toBe(0);
  });
  it('keeps the history of a redrawn grid: open from opening day until closing day', () => {
    const g = { openedOn: '2023-11-01', closedOn: '2024-03-01' };
    expect(isOpenOn(g, '2023-10-31')).toBe(false);
    expect(isOpenOn(g, '2024-01-12')).toBe(true);
    expect(isOpenOn(g, '2024-03-01')).toBe(false);
  });
});
