/**
 * The 一户一卡 sheet (import and export share these columns). Reading it is pure: each row
 * becomes a card input or row errors (row, column, reason in Chinese); the caller resolves grid
 * codes and card numbers and applies all rows in one transaction, or none.
 */
import { parseDay } from '../shared/dates.js';
import type { RowError } from '../org/org-import.js';
import { CARD_KIND_LABELS, CARD_KINDS, cardProblems, WATER_SOURCE_LABELS, WATER_SOURCES, type CardKind, type WaterSource } from './card.js';

export type CardInput = {
  kind: CardKind;
  name: string;
  address: string;
  contactName: string | null;
  contactPhone: string | null;
  industry: string | null;
  tapAccounts: string[];
  households: number | null;
  persons: number | null;
  beds: number | null;
  areaM2: number | null;
  wellsDeclared: number;
  waterSource: WaterSource;
  lat: number | null;
  lng: number | null;
  surveyedBy: string;
  surveyedOn: string;
  remarks: string | null;
  pledgeSigned: boolean;
  pledgeStamped: boolean;
  pledgeDate: string | null;
};

type Col = { key: keyof CardInput | 'gridCode' | 'id'; label: string; aliases?: string[]; required?: boolean };
export const CARD_SHEET_COLUMNS: Col[] = [
  { key: 'id', label: '卡片编号' },
  { key: 'gridCode', label: '网格编号', required: true },
  { key: 'kind', label: '类别', aliases: ['用户类别'], required: true },
  { key: 'name', label: '名称', aliases: ['户名', '单位名称'], required: true },
  { key: 'address', label: '地址' },
  { key: 'contactName', label: '联系人' },
  { key: 'contactPhone', label: '联系电话', aliases: ['电话'] },
  { key: 'industry', label: '行业分类', aliases: ['行业'] },
  { key: 'tapAccounts', label: '自来水户号', aliases: ['户号'] },
  { key: 'households', label: '户数' },
  { key: 'persons', label: '人数' },
  { key: 'beds', label: '床位' },
  { key: 'areaM2', label: '建筑面积', aliases: ['建筑面积(㎡)', '面积'] },
  { key: 'wellsDeclared', label: '申报自备井数', aliases: ['自备井数'] },
  { key: 'waterSource', label: '水源', required: true },
  { key: 'lng', label: '经度' },
  { key: 'lat', label: '纬度' },
  { key: 'surveyedBy', label: '排查人', required: true },
  { key: 'surveyedOn', label: '排查日期', required: true },
  { key: 'pledgeSigned', label: '承诺书签字' },
  { key: 'pledgeStamped', label: '承诺书盖章' },
  { key: 'pledgeDate', label: '承诺书日期' },
  { key: 'remarks', label: '备注' },
];

export type CardSheetRow = { rowNumber: number; gridCode: string; id: number | null; card: CardInput };

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');
const kindByLabel = new Map<string, CardKind>([...CARD_KINDS.map((k) => [CARD_KIND_LABELS[k], k] as const), ...CARD_KINDS.map((k) => [k, k] as const), ['门店', 'shop'], ['居民', 'household'], ['城中村', 'village_house']]);
const sourceByLabel = new Map<string, WaterSource>([...WATER_SOURCES.map((s) => [WATER_SOURCE_LABELS[s], s] as const), ...WATER_SOURCES.map((s) => [s, s] as const), ['双水源', 'both'], ['自来水+自备井', 'both']]);

export function splitAccounts(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean))];
}

export function readCardSheet(header: readonly string[], body: readonly (readonly string[])[], firstDataRow: number, today: string): { rows: CardSheetRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const at = new Map<string, number>();
  for (const col of CARD_SHEET_COLUMNS) {
    const i = header.findIndex((h) => [col.label, ...(col.aliases ?? []), col.key].some((a) => norm(a) === norm(h ?? '')));
    if (i >= 0) at.set(col.key, i);
    else if (col.required) errors.push({ row: firstDataRow - 1, column: col.label, message: `缺少必填列“${col.label}”` });
  }
  if (errors.length) return { rows: [], errors };

  const rows: CardSheetRow[] = [];
  body.forEach((cells, idx) => {
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    const row = idx + firstDataRow;
    const before = errors.length;
    const cell = (key: string) => (at.has(key) ? (cells[at.get(key)!] ?? '').trim() : '');
    const fail = (key: string, message: string) => errors.push({ row, column: CARD_SHEET_COLUMNS.find((c) => c.key === key)!.label, message });
    for (const col of CARD_SHEET_COLUMNS) if (col.required && !cell(col.key)) fail(col.key, '不能为空');
    for (const col of CARD_SHEET_COLUMNS) if (cell(col.key).length > 200) fail(col.key, '超过200个字符');

    const int = (key: string, opts: { min?: number } = {}): number | null => {
      const t = cell(key);
      if (!t) return null;
      if (!/^\d+$/.test(t)) return fail(key, `“${t}”不是整数`), null;
      const n = Number(t);
      if (opts.min !== undefined && n < opts.min) return fail(key, `不能小于 ${opts.min}`), null;
      return n;
    };
    const num = (key: string, lo: number, hi: number): number | null => {
      const t = cell(key);
      if (!t) return null;
      const n = Number(t);
      if (!Number.isFinite(n)) return fail(key, `“${t}”不是数字`), null;
      if (n < lo || n > hi) return fail(key, `应在 ${lo} 到 ${hi} 之间`), null;
      return n;
    };
    const yesNo = (key: string): boolean => {
      const t = cell(key);
      if (!t || ['否', '无', '未', 'n', 'no', 'false', '0'].includes(t.toLowerCase())) return false;
      if (['是', '有', '已', 'y', 'yes', 'true', '1', '√'].includes(t.toLowerCase())) return true;
      fail(key, `应填“是”或“否”，不是“${t}”`);
      return false;
    };
    const day = (key: string): string | null => {
      const t = cell(key);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) fail(key, `“${t}”不是有效日期（例：2024-01-05 或 2024年1月5日）`);
      return d;
    };

    const kind = kindByLabel.get(cell('kind'));
    if (cell('kind') && !kind) fail('kind', `应为 ${CARD_KINDS.map((k) => CARD_KIND_LABELS[k]).join('、')} 之一`);
    const waterSource = sourceByLabel.get(cell('waterSource'));
    if (cell('waterSource') && !waterSource) fail('waterSource', `应为 ${WATER_SOURCES.map((s) => WATER_SOURCE_LABELS[s]).join('、')} 之一`);
    const idText = cell('id');
    const id = idText ? int('id', { min: 1 }) : null;
    const phone = cell('contactPhone');
    // '*': the export masks phones; the import keeps the stored number for its own mask
    if (phone && !/^[0-9+\-\s*]{7,20}$/.test(phone)) fail('contactPhone', '电话号码格式不正确');
    const card: CardInput = {
      kind: kind ?? 'other',
      name: cell('name'),
      address: cell('address'),
      contactName: cell('contactName') || null,
      contactPhone: phone || null,
      industry: cell('industry') || null,
      tapAccounts: splitAccounts(cell('tapAccounts')),
      households: int('households', { min: 0 }),
      persons: int('persons', { min: 0 }),
      beds: int('beds', { min: 0 }),
      areaM2: num('areaM2', 0, 10_000_000),
      wellsDeclared: int('wellsDeclared', { min: 0 }) ?? 0,
      waterSource: waterSource ?? 'tap',
      lat: num('lat', -90, 90),
      lng: num('lng', -180, 180),
      surveyedBy: cell('surveyedBy'),
      surveyedOn: day('surveyedOn') ?? '',
      remarks: cell('remarks') || null,
      pledgeSigned: yesNo('pledgeSigned'),
      pledgeStamped: yesNo('pledgeStamped'),
      pledgeDate: day('pledgeDate'),
    };
    if ((card.lat === null) !== (card.lng === null)) fail(card.lat === null ? 'lat' : 'lng', '经度和纬度须同时填写');
    if (errors.length === before) {
      for (const p of cardProblems(card, today)) fail(p.field, p.message);
    }
    if (errors.length === before) rows.push({ rowNumber: row, gridCode: cell('gridCode'), id, card });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: firstDataRow, column: '', message: '表格中没有数据行' });
  return { rows, errors };
}

/** A card as a sheet row, in CARD_SHEET_COLUMNS order (export; re-importing it changes nothing). */
export function cardToSheetRow(c: CardInput & { id: number; gridCode: string }): string[] {
  const v: Record<string, string> = {
    id: String(c.id),
    gridCode: c.gridCode,
    kind: CARD_KIND_LABELS[c.kind],
    name: c.name,
    address: c.address,
    contactName: c.contactName ?? '',
    contactPhone: c.contactPhone ?? '',
    industry: c.industry ?? '',
    tapAccounts: c.tapAccounts.join('、'),
    households: c.households?.toString() ?? '',
    persons: c.persons?.toString() ?? '',
    beds: c.beds?.toString() ?? '',
    areaM2: c.areaM2?.toString() ?? '',
    wellsDeclared: String(c.wellsDeclared),
    waterSource: WATER_SOURCE_LABELS[c.waterSource],
    lng: c.lng?.toString() ?? '',
    lat: c.lat?.toString() ?? '',
    surveyedBy: c.surveyedBy,
    surveyedOn: c.surveyedOn,
    pledgeSigned: c.pledgeSigned ? '是' : '否',
    pledgeStamped: c.pledgeStamped ? '是' : '否',
    pledgeDate: c.pledgeDate ?? '',
    remarks: c.remarks ?? '',
  };
  return CARD_SHEET_COLUMNS.map((col) => v[col.key] ?? '');
}

/** Fields compared to decide whether an imported row changes a card. */
export function sameCard(a: CardInput, b: CardInput): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(c: CardInput) {
  return { ...c, tapAccounts: [...c.tapAccounts].sort() };
}
