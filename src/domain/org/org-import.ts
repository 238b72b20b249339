/**
 * Planning an org-hierarchy import (区 / 街道 / 社区 / 网格编号 / 网格名称). Pure: takes the sheet's
 * rows and the existing units, returns either every bad row or the list of changes to apply.
 * The caller applies the plan in one transaction, so an import applies whole or not at all.
 */
import { ORG_LEVEL_LABELS, splitGridCode, type OrgLevel } from './org-unit.js';

export const ORG_SHEET_COLUMNS = [
  { key: 'district', label: '区', aliases: ['区', '区县', 'district'] },
  { key: 'street', label: '街道', aliases: ['街道', '街道/乡镇', '乡镇', 'street'] },
  { key: 'community', label: '社区', aliases: ['社区', '社区/村', '村', 'community'] },
  { key: 'gridCode', label: '网格编号', aliases: ['网格编号', '网格编码', 'grid_code', 'gridcode'] },
  { key: 'gridName', label: '网格名称', aliases: ['网格名称', 'grid_name', 'gridname'] },
] as const;

export type OrgSheetKey = (typeof ORG_SHEET_COLUMNS)[number]['key'];
export type OrgImportRow = { rowNumber: number } & Record<OrgSheetKey, string>;
export type RowError = { row: number; column: string; message: string };

export type ExistingUnit = { id: number; code: string; name: string; level: OrgLevel; parentId: number | null; closed?: boolean };

export type PlannedCreate = {
  ref: string;
  level: Exclude<OrgLevel, 'city'>;
  code: string;
  name: string;
  /** an existing unit's id, or the ref of a unit created earlier in the plan */
  parent: { id: number } | { ref: string };
};
export type PlannedRename = { id: number; code: string; from: string; to: string };
export type OrgImportPlan = { creates: PlannedCreate[]; renames: PlannedRename[]; unchanged: number };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

/** Maps a header row to column positions; reports missing columns as errors on row 1. */
export function readOrgSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow = 2,
): { rows: OrgImportRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const index = {} as Record<OrgSheetKey, number>;
  for (const col of ORG_SHEET_COLUMNS) {
    const at = header.findIndex((h) => col.aliases.some((a) => norm(a) === norm(h ?? '')));
    if (at < 0) errors.push({ row: firstDataRow - 1, column: col.label, message: `缺少必填列“${col.label}”` });
    else index[col.key] = at;
  }
  if (errors.length) return { rows: [], errors };
  const rows: OrgImportRow[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return; // blank lines are not rows
    const row = { rowNumber: i + firstDataRow } as OrgImportRow;
    for (const col of ORG_SHEET_COLUMNS) row[col.key] = (cells[index[col.key]] ?? '').trim();
    rows.push(row);
  });
  if (rows.length === 0) errors.push({ row: firstDataRow, column: '', message: '表格中没有数据行' });
  return { rows, errors };
}

export type PlanOptions = {
  cityId: number;
  /** create districts, streets and communities that do not exist yet; otherwise they are errors */
  allowNewUnits: boolean;
};

export function planOrgImport(
  rows: readonly OrgImportRow[],
  existing: readonly ExistingUnit[],
  options: PlanOptions,
): { plan: OrgImportPlan; errors: RowError[] } {
  const errors: RowError[] = [];
  const creates: PlannedCreate[] = [];
  const renames: PlannedRename[] = [];
  let unchanged = 0;

  // closed units keep their codes (history), but names are matched among open units only
  const usedCodes = new Set(existing.map((u) => u.code));
  const open = existing.filter((u) => !u.closed);
  const byId = new Map(open.map((u) => [u.id, u]));
  const childByName = new Map<string, ExistingUnit>(); // `${parentId}|${name}`
  for (const u of open) if (u.parentId !== null) childByName.set(`${u.parentId}|${u.name}`, u);
  const gridByCode = new Map(open.filter((u) => u.level === 'grid').map((u) => [u.code, u]));
  const planned = new Map<string, PlannedCreate>(); // ref → create
  const seenGrid = new Map<string, { row: number; parentKey: string; name: string }>();

  const label: Record<OrgSheetKey, string> = Object.fromEntries(
    ORG_SHEET_COLUMNS.map((c) => [c.key, c.label]),
  ) as Record<OrgSheetKey, string>;

  for (const row of rows) {
    const before = errors.length;
    for (const col of ORG_SHEET_COLUMNS) {
      if (!row[col.key]) errors.push({ row: row.rowNumber, column: col.label, message: '不能为空' });
      else if (row[col.key].length > 64) errors.push({ row: row.rowNumber, column: col.label, message: '超过64个字符' });
    }
    if (row.gridCode && !/^[0-9A-Za-z-]{1,32}$/.test(row.gridCode)) {
      errors.push({ row: row.rowNumber, column: label.gridCode, message: `网格编号“${row.gridCode}”只能包含数字、字母和“-”` });
    }
    if (errors.length > before) continue;

    const split = splitGridCode(row.gridCode);
    const chain: { key: 'district' | 'street' | 'community'; level: 'district' | 'street' | 'community'; derived?: string }[] = [
      { key: 'district', level: 'district', ...(split ? { derived: split.district } : {}) },
      { key: 'street', level: 'street', ...(split ? { derived: split.street } : {}) },
      { key: 'community', level: 'community', ...(split ? { derived: split.community } : {}) },
    ];

    // walk city → district → street → community, finding or planning each
    let parent: { id: number } | { ref: string } = { id: options.cityId };
    let parentCode = byId.get(options.cityId)?.code ?? '';
    let parentKey = '';
    let parentLabel = byId.get(options.cityId)?.name ?? '市';
    let failed = false;
    for (const step of chain) {
      const name = row[step.key];
      const ref = `${parentKey}/${name}`;
      const found: ExistingUnit | undefined = 'id' in parent ? childByName.get(`${parent.id}|${name}`) : undefined;
      if (found) {
        if (found.level !== step.level) {
          errors.push({ row: row.rowNumber, column: label[step.key], message: `“${name}”是${ORG_LEVEL_LABELS[found.level]}级单位，不是${label[step.key]}` });
          failed = true;
          break;
        }
        parent = { id: found.id };
        parentCode = found.code;
      } else {
        const plannedUnit = planned.get(ref);
        if (plannedUnit) {
          parentCode = plannedUnit.code;
        } else if (!options.allowNewUnits) {
          errors.push({
            row: row.rowNumber,
            column: label[step.key],
            message: `${label[step.key]}“${name}”在“${parentLabel}”下不存在（如需新建，请勾选“允许新建区/街道/社区”或使用 --new-units）`,
          });
          failed = true;
          break;
        } else {
          const code = pickCode(step.derived, parentCode, usedCodes);
          const create: PlannedCreate = { ref, level: step.level, code, name, parent };
          usedCodes.add(code);
          planned.set(ref, create);
          creates.push(create);
          parentCode = code;
        }
        parent = { ref };
      }
      parentKey = ref;
      parentLabel = name;
    }
    if (failed) continue;

    const seen = seenGrid.get(row.gridCode);
    if (seen) {
      if (seen.parentKey !== parentKey || seen.name !== row.gridName) {
        errors.push({ row: row.rowNumber, column: label.gridCode, message: `网格编号“${row.gridCode}”与第${seen.row}行重复且内容不同` });
      }
      continue;
    }
    seenGrid.set(row.gridCode, { row: row.rowNumber, parentKey, name: row.gridName });

    const grid = gridByCode.get(row.gridCode);
    if (grid) {
      if (!('id' in parent) || grid.parentId !== parent.id) {
        const owner = grid.parentId === null ? undefined : byId.get(grid.parentId);
        errors.push({
          row: row.rowNumber,
          column: label.gridCode,
          message: `网格编号“${row.gridCode}”已属于“${owner?.name ?? '其他单位'}”，不能改挂到“${row.community}”（网格调整请先关闭原网格）`,
        });
        continue;
      }
      if (grid.name !== row.gridName) renames.push({ id: grid.id, code: grid.code, from: grid.name, to: row.gridName });
      else unchanged += 1;
      continue;
    }
    if (usedCodes.has(row.gridCode)) {
      errors.push({ row: row.rowNumber, column: label.gridCode, message: `编号“${row.gridCode}”已被其他单位使用` });
      continue;
    }
    usedCodes.add(row.gridCode);
    creates.push({ ref: `${parentKey}#${row.gridCode}`, level: 'grid', code: row.gridCode, name: row.gridName, parent });
  }

  if (errors.length) return { plan: { creates: [], renames: [], unchanged: 0 }, errors };
  return { plan: { creates, renames, unchanged }, errors };
}

function pickCode(derived: string | undefined, parentCode: string, used: Set<string>): string {
  if (derived && !used.has(derived)) return derived;
  for (let n = 1; n < 100000; n++) {
    const candidate = `${parentCode}${String(n).padStart(3, '0')}`;
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('no free code');
}

export function formatRowErrors(errors: readonly RowError[]): string[] {
  return errors.map((e) => `第${e.row}行${e.column ? `【${e.column}】` : ''}：${e.message}`);
}
