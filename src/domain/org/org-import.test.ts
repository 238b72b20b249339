import { describe, expect, it } from 'vitest';
import { formatRowErrors, planOrgImport, readOrgSheet, type ExistingUnit } from './org-import.js';

const header = ['区', '街道', '社区', '网格编号', '网格名称'];
const existing: ExistingUnit[] = [
  { id: 1, code: '411300', name: '南阳市', level: 'city', parentId: null },
  { id: 2, code: '411303', name: '卧龙区', level: 'district', parentId: 1 },
  { id: 3, code: '411303003', name: '光武街道', level: 'street', parentId: 2 },
  { id: 4, code: '411303003001', name: '光彩社区', level: 'community', parentId: 3 },
  { id: 5, code: '411303003001001', name: '光彩社区第1网格', level: 'grid', parentId: 4 },
];
const opts = { cityId: 1, allowNewUnits: false };

function rows(body: string[][]) {
  const r = readOrgSheet(header, body);
  expect(r.errors).toEqual([]);
  return r.rows;
}

describe('reading an org sheet', () => {
  it('names a missing column in Chinese', () => {
    const r = readOrgSheet(['区', '街道', '网格编号', '网格名称'], [['卧龙区', '光武街道', '1', 'a']]);
    expect(formatRowErrors(r.errors)).toEqual(['第1行【社区】：缺少必填列“社区”']);
  });
  it('accepts English column names and any column order, and skips blank lines', () => {
    const r = readOrgSheet(['grid_name', 'grid_code', 'community', 'street', 'district'], [['g', '9', '光彩社区', '光武街道', '卧龙区'], ['', '', '', '', '']]);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ rowNumber: 2, district: '卧龙区', street: '光武街道', community: '光彩社区', gridCode: '9', gridName: 'g' }]);
  });
});

describe('planning an org import', () => {
  it('changes nothing when the sheet matches the database', () => {
    const { plan, errors } = planOrgImport(rows([['卧龙区', '光武街道', '光彩社区', '411303003001001', '光彩社区第1网格']]), existing, opts);
    expect(errors).toEqual([]);
    expect(plan).toEqual({ creates: [], renames: [], unchanged: 1 });
  });
  it('adds a new grid under a known community and renames a changed one', () => {
    const { plan } = planOrgImport(
      rows([
        ['卧龙区', '光武街道', '光彩社区', '411303003001001', '光彩社区一网格'],
        ['卧龙区', '光武街道', '光彩社区', '411303003001002', '光彩社区第2网格'],
      ]),
      existing,
      opts,
    );
    expect(plan.renames).toEqual([{ id: 5, code: '411303003001001', from: '光彩社区第1网格', to: '光彩社区一网格' }]);
    expect(plan.creates).toMatchObject([{ level: 'grid', code: '411303003001002', parent: { id: 4 } }]);
  });
  it('rejects a grid under an unknown community, naming the row, and plans nothing', () => {
    const { plan, errors } = planOrgImport(
      rows([
        ['卧龙区', '光武街道', '光彩社区', '411303003001002', '光彩社区第2网格'],
        ['卧龙区', '光武街道', '光采社区', '411303003009001', '光采社区第1网格'],
      ]),
      existing,
      opts,
    );
    expect(formatRowErrors(errors)).toEqual([
      '第3行【社区】：社区“光采社区”在“光武街道”下不存在（如需新建，请勾选“允许新建区/街道/社区”或使用 --new-units）',
    ]);
    expect(plan.creates).toEqual([]);
  });
  it('creates missing districts, streets and communities only when allowed, with codes from the grid code', () => {
    const body = [['宛城区', '东关街道', '三川社区', '411302001002003', '三川社区第3网格']];
    const { plan, errors } = planOrgImport(rows(body), existing, { ...opts, allowNewUnits: true });
    expect(errors).toEqual([]);
    expect(plan.creates.map((c) => [c.level, c.code])).toEqual([
      ['district', '411302'],
      ['street', '411302001'],
      ['community', '411302001002'],
      ['grid', '411302001002003'],
    ]);
  });
  it('reports empty cells, bad codes, duplicates within the file and a grid moved to another community', () => {
    const { errors } = planOrgImport(
      rows([
        ['卧龙区', '', '光彩社区', '411303003001009', 'x'],
        ['卧龙区', '光武街道', '光彩社区', '41130 3', 'x'],
        ['卧龙区', '光武街道', '光彩社区', '411303003001007', 'a'],
        ['卧龙区', '光武街道', '光彩社区', '411303003001007', 'b'],
      ]),
      [...existing, { id: 6, code: '411303003002', name: '榆树庄社区', level: 'community', parentId: 3 }, { id: 7, code: '411303003002001', name: 'y', level: 'grid', parentId: 6 }],
      opts,
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, '街道'],
      [3, '网格编号'],
      [5, '网格编号'],
    ]);
    const moved = planOrgImport(rows([['卧龙区', '光武街道', '光彩社区', '411303003002001', 'y']]), [...existing, { id: 6, code: '411303003002', name: '榆树庄社区', level: 'community', parentId: 3 }, { id: 7, code: '411303003002001', name: 'y', level: 'grid', parentId: 6 }], opts);
    expect(moved.errors[0]?.message).toContain('已属于“榆树庄社区”');
  });
  it('ignores closed units when matching names, but never reuses their codes', () => {
    const closed: ExistingUnit[] = [...existing.slice(0, 4), { ...existing[4]!, closed: true }];
    const { errors } = planOrgImport(rows([['卧龙区', '光武街道', '光彩社区', '411303003001001', '新网格']]), closed, opts);
    expect(errors[0]?.message).toContain('已被其他单位使用');
  });
});
