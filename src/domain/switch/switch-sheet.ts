/**
 * Source-switch projects kept in spreadsheets (columns 项目名称, 区, 街道, 社区, 户数, 人数,
 * 预算（万元）, 费用分担, 施工单位, 开工日期, 计划完工, 实际完工, 进度, 状态; optional 计划封井数).
 * Pure: every bad row, or the projects to create and to update (by name).
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import { switchProblems, switchStateFromText, type SwitchState } from './switch-project.js';

export const SWITCH_SHEET_COLUMNS = ['项目名称', '区', '街道', '社区', '户数', '人数', '预算（万元）', '费用分担', '施工单位', '开工日期', '计划完工', '实际完工', '进度', '状态'] as const;
const OPTIONAL = ['计划封井数'] as const;
const REQUIRED = new Set(['项目名称', '区', '街道', '状态']);
const ALIASES: Record<string, string[]> = {
  '预算（万元）': ['预算(万元)', '预算', '预算万元'], 计划完工: ['计划完工日期'], 实际完工: ['实际完工日期'], 进度: ['进度（%）', '进度(%)', '工程进度'], 状态: ['项目状态'],
  费用分担: ['费用分担协议', '费用分担方式'], 施工单位: ['承建单位'], 社区: ['社区/村', '村'],
};

export type SheetUnit = { id: number; name: string; level: string; path: string; parentId: number | null };
export type PlannedSwitchProject = {
  rowNumber: number;
  name: string;
  unitId: number;
  households: number | null;
  persons: number | null;
  budgetWan: number | null;
  costSharing: string;
  contractor: string;
  startedOn: string | null;
  plannedFinish: string | null;
  finishedOn: string | null;
  progress: number;
  state: SwitchState;
  /** undefined when the sheet has no such column (an update keeps the number it had) */
  wellsPlanned: number | null | undefined;
  /** the project of that name inside the caller's scope, updated rather than created */
  existingId: number | null;
};

export function planSwitchSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: {
    districts: readonly { id: number; name: string; shortName: string | null; path: string }[];
    units: readonly SheetUnit[];
    /** every project by name: id, and whether the caller may change it */
    existing: ReadonlyMap<string, { id: number; inScope: boolean }>;
    today: string;
  },
): { projects: PlannedSwitchProject[]; errors: RowError[] } {
  const projects: PlannedSwitchProject[] = [];
  const seen = new Map<string, number>();
  const hasPlanned = header.some((h) => (h ?? '').trim() === '计划封井数');
  const errors = eachSheetRow({ header, body, firstDataRow }, { all: [...SWITCH_SHEET_COLUMNS, ...OPTIONAL], required: REQUIRED, aliases: ALIASES }, ({ row, cell, fail, failed }) => {
    const day = (c: string) => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      return d;
    };
    const count = (c: string) => {
      const t = cell(c).replace(/[户人眼]$/, '');
      if (!t) return null;
      if (!/^\d+$/.test(t)) return fail(c, '应为不小于0的整数'), null;
      return Number(t);
    };
    const name = cell('项目名称');
    if (name.length > 100) fail('项目名称', '不能超过 100 个字');
    if (name && seen.has(name)) fail('项目名称', `与第${seen.get(name)}行重复`);
    if (name) seen.set(name, row);
    const prior = name ? ctx.existing.get(name) : undefined;
    if (prior && !prior.inScope) fail('项目名称', `项目“${name}”已存在，且不在管辖范围内`);

    const districtName = cell('区');
    const district = districtName ? ctx.districts.find((d) => d.name === districtName || d.shortName === districtName) : undefined;
    if (districtName && !district) fail('区', `区“${districtName}”不存在或不在管辖范围内`);
    let unit: SheetUnit | undefined;
    const streetName = cell('街道');
    if (district && streetName) {
      const street = ctx.units.find((u) => u.level === 'street' && u.parentId === district.id && u.name === streetName);
      if (!street) fail('街道', `${district.name}没有名为“${streetName}”的街道（乡镇）`);
      const communityName = cell('社区');
      if (street && communityName) {
        unit = ctx.units.find((u) => u.level === 'community' && u.parentId === street.id && u.name === communityName);
        if (!unit) fail('社区', `${streetName}没有名为“${communityName}”的社区（村）`);
      } else {
        unit = street;
      }
    }

    const households = count('户数');
    const persons = count('人数');
    const wellsPlanned = hasPlanned ? count('计划封井数') : undefined;
    const budgetText = cell('预算（万元）').replace(/万元?$/, '');
    let budgetWan: number | null = null;
    if (budgetText) {
      budgetWan = Number(budgetText.replace(/,/g, ''));
      if (!Number.isFinite(budgetWan) || budgetWan < 0) {
        fail('预算（万元）', '应为不小于0的数（万元）');
        budgetWan = null;
      }
    }
    const progressText = cell('进度');
    let progress = 0;
    if (progressText) {
      const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(progressText);
      const v = m ? Number(m[1]) : NaN;
      if (!Number.isFinite(v) || v > 100) fail('进度', '应为 0 至 100 的百分数（如 10%）');
      else progress = Math.round(v);
    }
    const stateText = cell('状态');
    const state = stateText ? switchStateFromText(stateText) : null;
    if (stateText && !state) fail('状态', `“${stateText}”不是有效状态（规划、协商、开工、完工、通水）`);
    const startedOn = day('开工日期');
    const plannedFinish = day('计划完工');
    const finishedOn = day('实际完工');
    if (startedOn && startedOn > ctx.today) fail('开工日期', '不能晚于今天');
    if (finishedOn && finishedOn > ctx.today) fail('实际完工', '不能晚于今天');
    if (failed() || !state || !unit) return;
    const column = { state: '状态', progress: '进度', startedOn: '开工日期', plannedFinish: '计划完工', finishedOn: '实际完工' } as const;
    for (const p of switchProblems({ state, progress, startedOn, plannedFinish, finishedOn })) fail(column[p.field], p.message);
    if (failed()) return;
    projects.push({
      rowNumber: row, name, unitId: unit.id, households, persons, budgetWan, costSharing: cell('费用分担'), contractor: cell('施工单位'),
      startedOn, plannedFinish, finishedOn, progress, state, wellsPlanned, existingId: prior?.id ?? null,
    });
  });
  return { projects: errors.length ? [] : projects, errors };
}
