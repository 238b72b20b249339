/**
 * Water samples kept in spreadsheets: one row a sample with its lab results (样品编号, 采样日期,
 * 区, 地址, 采样点 required). Pure: every bad row, or the samples to create.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import {
  fieldChlorineOf, LAB_TRACER_LABELS, LAB_TRACERS, labTracerOf, normaliseLabResults, SAMPLE_POINT_LABELS, SAMPLE_POINTS, samplePointOf, type FieldChlorine, type LabTracer, type SamplePoint,
} from './sample.js';

/** The sheet's column for each known tracer (its short Chinese name). */
export const LAB_COLUMNS: Record<LabTracer, string> = {
  totalHardness: '总硬度', tds: '溶解性总固体', conductivity: '电导率', nitrate: '硝酸盐', fluoride: '氟化物', chloride: '氯化物', sulfate: '硫酸盐', freeChlorine: '游离余氯',
};
export const SAMPLE_SHEET_COLUMNS = [
  '样品编号', '采样日期', '区', '单位/社区', '地址', '纬度', '经度', '采样人', '采样点', '余氯', ...LAB_TRACERS.map((t) => LAB_COLUMNS[t]), '其他指标', '化验单位', '报告日期', '备注',
] as const;
const REQUIRED = new Set(['样品编号', '采样日期', '区', '地址', '采样点']);
const ALIASES: Record<string, string[]> = {
  '单位/社区': ['单位', '社区', '街道/社区'], '余氯': ['现场余氯', '余氯（现场）'], '硝酸盐': ['硝酸盐（以N计）', '硝酸盐(以N计)', '硝酸盐氮'], '溶解性总固体': ['TDS'],
  '游离余氯': ['游离氯', '余氯（化验）'], '区': ['所属区'],
};

export type SheetUnit = { id: number; name: string; code: string; level: string; path: string; parentId: number | null };
export type PlannedSample = {
  rowNumber: number; code: string; sampledOn: string; unitId: number; districtId: number; address: string; lat: number | null; lng: number | null; sampledBy: string;
  point: SamplePoint; fieldChlorine: FieldChlorine; fieldChlorineMgL: number | null; labResults: Record<string, number>; labName: string | null; reportOn: string | null; note: string | null;
};

/** "名称=值；名称=值" — the extra tracers of a row, as exported. */
export function parseOtherTracers(text: string): { values: Record<string, number>; error: string | null } {
  const values: Record<string, number> = {};
  for (const part of text.split(/[;；,，\n]/).map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=＝:：]\s*(\S+)$/.exec(part);
    const n = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(n)) return { values, error: `“${part}”应写成“指标名称=数值”，多项用分号隔开` };
    values[m[1]!.trim()] = n;
  }
  return { values, error: null };
}
export const formatOtherTracers = (results: Record<string, number>): string =>
  Object.entries(results).filter(([k]) => !labTracerOf(k)).map(([k, v]) => `${k}=${v}`).join('；');

export function planSampleSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: { districts: readonly { id: number; name: string; shortName: string | null; path: string }[]; units: readonly SheetUnit[]; existingCodes: ReadonlySet<string>; today: string },
): { samples: PlannedSample[]; errors: RowError[] } {
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const streetOf = (u: SheetUnit): string => {
    let p: SheetUnit | undefined = u;
    while (p && p.level !== 'street') p = p.parentId ? byId.get(p.parentId) : undefined;
    return p?.name ?? '';
  };
  const samples: PlannedSample[] = [];
  const seen = new Map<string, number>();
  const errors = eachSheetRow({ header, body, firstDataRow }, { all: SAMPLE_SHEET_COLUMNS, required: REQUIRED, aliases: ALIASES }, ({ row, cell, fail, failed }) => {
    const day = (c: string) => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      if (d > ctx.today) return fail(c, '不能晚于今天'), null;
      return d;
    };
    const code = cell('样品编号');
    if (code.length > 40) fail('样品编号', '最多 40 个字符');
    else if (code && ctx.existingCodes.has(code)) fail('样品编号', `样品编号 ${code} 已存在`);
    else if (code && seen.has(code)) fail('样品编号', `与第 ${seen.get(code)} 行重复`);
    if (code) seen.set(code, row);
    const sampledOn = day('采样日期');
    const reportOn = day('报告日期');
    if (sampledOn && reportOn && reportOn < sampledOn) fail('报告日期', '报告日期早于采样日期');

    const districtName = cell('区');
    const district = districtName ? ctx.districts.find((d) => d.name === districtName || d.shortName === districtName) : undefined;
    if (districtName && !district) fail('区', `区“${districtName}”不存在或不在管辖范围内`);
    let unit: SheetUnit | { id: number } | undefined = district;
    const unitText = cell('单位/社区');
    if (district && unitText) {
      const hits = ctx.units.filter((u) => u.path.startsWith(district.path) && u.id !== district.id && ['street', 'community', 'grid'].includes(u.level)
        && (u.name === unitText || u.code === unitText || `${streetOf(u)}${u.name}` === unitText || `${streetOf(u)}/${u.name}` === unitText));
      if (hits.length === 1) unit = hits[0];
      else if (hits.length > 1) { fail('单位/社区', `“${unitText}”在${district.name}有 ${hits.length} 处同名，请写成“街道/社区”`); unit = undefined; }
      else { fail('单位/社区', `${district.name}没有名为“${unitText}”的街道、社区或网格`); unit = undefined; }
    }

    const coord = (c: string, lo: number, hi: number) => {
      const t = cell(c);
      if (!t) return null;
      const n = Number(t);
      if (!Number.isFinite(n) || n < lo || n > hi) return fail(c, `“${t}”不是有效的${c}`), null;
      return n;
    };
    const lat = coord('纬度', -90, 90), lng = coord('经度', -180, 180);
    if ((lat === null) !== (lng === null)) fail(lat === null ? '纬度' : '经度', '经纬度须同时填写');

    const point = cell('采样点') ? samplePointOf(cell('采样点')) : null;
    if (cell('采样点') && !point) fail('采样点', `应为 ${SAMPLE_POINTS.map((p) => SAMPLE_POINT_LABELS[p]).join('、')} 之一`);
    const chlorine = fieldChlorineOf(cell('余氯'));
    if (!chlorine) fail('余氯', '应为 有、无、未测，或实测数值（mg/L）');

    const raw: Record<string, number> = {};
    for (const t of LAB_TRACERS) {
      const text = cell(LAB_COLUMNS[t]);
      if (!text) continue;
      const n = Number(text);
      if (!Number.isFinite(n)) fail(LAB_COLUMNS[t], `“${text}”不是数值`);
      else raw[t] = n;
    }
    const other = parseOtherTracers(cell('其他指标'));
    if (other.error) fail('其他指标', other.error);
    for (const [k, v] of Object.entries(other.values)) {
      if (labTracerOf(k)) fail('其他指标', `${k}请填在“${LAB_COLUMNS[labTracerOf(k)!]}”列`);
      else raw[k] = v;
    }
    const lab = normaliseLabResults(raw);
    for (const e of lab.errors) {
      const t = LAB_TRACERS.find((x) => e.startsWith(LAB_TRACER_LABELS[x]));
      fail(t ? LAB_COLUMNS[t] : '其他指标', e);
    }
    const address = cell('地址');
    if (address.length > 200) fail('地址', '最多 200 个字');
    if (failed() || !sampledOn || !district || !unit || !point || !chlorine) return;
    samples.push({
      rowNumber: row, code, sampledOn, unitId: unit.id, districtId: district.id, address, lat, lng, sampledBy: cell('采样人'), point,
      fieldChlorine: chlorine.test, fieldChlorineMgL: chlorine.mgL, labResults: lab.results, labName: cell('化验单位') || null, reportOn, note: cell('备注') || null,
    });
  });
  return { samples, errors };
}
