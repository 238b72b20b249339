/**
 * Findings kept in spreadsheets (columns 发现日期, 所属区, 单位/社区, 问题类别, 问题描述, 整改期限,
 * 整改状态; optional 网格, 整改情况, 整改日期). Pure: every bad row, or the findings with the dated
 * history their status implies.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import { categoryFromText, FINDING_CATEGORIES, FINDING_CATEGORY_LABELS, isMissedWell, NEW_FINDING, SHEET_STATES, transitionFinding, type FindingEvent } from './finding.js';

export const FINDING_SHEET_COLUMNS = ['发现日期', '所属区', '单位/社区', '问题类别', '问题描述', '整改期限', '整改状态', '网格', '整改情况', '整改日期'] as const;
const REQUIRED = new Set(['发现日期', '所属区', '问题类别', '问题描述']);

export type SheetUnit = { id: number; name: string; code: string; level: string; path: string; parentId: number | null };
export type PlannedFinding = {
  rowNumber: number; foundOn: string; districtId: number; unitId: number; gridId: number | null; category: string; description: string;
  deadline: string | null; events: FindingEvent[];
};

export function planFindingSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: { districts: readonly { id: number; name: string; shortName: string | null; path: string }[]; units: readonly SheetUnit[]; extraCategories: readonly string[]; today: string },
): { findings: PlannedFinding[]; errors: RowError[] } {
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const streetOf = (u: SheetUnit): string => {
    let p: SheetUnit | undefined = u;
    while (p && p.level !== 'street') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p?.name ?? '';
  };
  const findings: PlannedFinding[] = [];
  const errors = eachSheetRow(
    { header, body, firstDataRow },
    { all: FINDING_SHEET_COLUMNS, required: REQUIRED, aliases: { '单位/社区': ['单位', '社区', '单位或社区'] } },
    ({ row, cell, fail, failed }) => {
    const day = (c: string) => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      return d;
    };
    const foundOn = day('发现日期');
    if (foundOn && foundOn > ctx.today) fail('发现日期', '不能晚于今天');
    const deadline = day('整改期限');
    if (foundOn && deadline && deadline < foundOn) fail('整改期限', '整改期限早于发现日期');
    const doneOn = day('整改日期');
    if (doneOn && doneOn > ctx.today) fail('整改日期', '不能晚于今天');
    if (foundOn && doneOn && doneOn < foundOn) fail('整改日期', '整改日期早于发现日期');

    const districtName = cell('所属区');
    const district = districtName ? ctx.districts.find((d) => d.name === districtName || d.shortName === districtName) : undefined;
    if (districtName && !district) fail('所属区', `区“${districtName}”不存在或不在管辖范围内`);
    const inDistrict = district ? ctx.units.filter((u) => u.path.startsWith(district.path) && u.id !== district.id) : [];
    const resolve = (column: string, text: string, levels: readonly string[]): SheetUnit | null | undefined => {
      if (!text) return null;
      const hits = inDistrict.filter((u) => levels.includes(u.level) && (u.name === text || u.code === text || `${streetOf(u)}${u.name}` === text || `${streetOf(u)}/${u.name}` === text));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) return fail(column, `“${text}”在${district!.name}有 ${hits.length} 处同名，请写成“街道/社区”`), undefined;
      return fail(column, `${district!.name}没有名为“${text}”的街道、社区或网格`), undefined;
    };
    const unit = district ? resolve('单位/社区', cell('单位/社区'), ['street', 'community', 'grid']) : undefined;
    const gridText = cell('网格');
    let grid = district ? resolve('网格', gridText, ['grid']) : undefined;
    if (!gridText && unit?.level === 'grid') grid = unit;
    if (grid && unit && unit.level !== 'grid' && !grid.path.startsWith(unit.path)) fail('网格', `网格“${grid.name}”不在“${unit.name}”内`);

    const category = cell('问题类别') ? categoryFromText(cell('问题类别'), ctx.extraCategories) : null;
    if (cell('问题类别') && !category) {
      fail('问题类别', `应为 ${[...FINDING_CATEGORIES.map((c) => FINDING_CATEGORY_LABELS[c]), ...ctx.extraCategories].join('、')} 之一`);
    }
    const stateText = cell('整改状态') || '待整改';
    const state = SHEET_STATES[stateText];
    if (!state) fail('整改状态', `应为 ${Object.keys(SHEET_STATES).join('、')} 之一`);
    if (category && isMissedWell(category) && !grid && state !== 'closed') fail('网格', '漏排问题须填写网格（名称或编号），以便退回该网格重新排查');
    if (failed() || !foundOn || !district || !category || !state) return;

    const imported = { imported: true } as const;
    const when = doneOn ?? foundOn;
    const evidence = cell('整改情况') || '已整改（原台账）';
    const events: FindingEvent[] = [];
    if (state === 'rectifying') events.push({ event: 'start', onDate: foundOn, data: imported });
    if (state === 'submitted' || state === 'closed' || state === 'returned') events.push({ event: 'submit', onDate: when, data: { ...imported, evidence } });
    if (state === 'closed') events.push({ event: 'verify', onDate: when, data: imported });
    if (state === 'returned') events.push({ event: 'return', onDate: when, data: { ...imported, reason: '原台账：已退回' } });
    let facts = NEW_FINDING;
    for (const e of events) facts = transitionFinding(facts, e);
    findings.push({
      rowNumber: row, foundOn, districtId: district.id, unitId: (unit ?? district).id, gridId: grid?.id ?? null, category, description: cell('问题描述'),
      deadline, events,
    });
  });
  return { findings: errors.length ? [] : findings, errors };
}
