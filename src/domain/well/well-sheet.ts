/**
 * Loading a well ledger (columns 井编号, 区, 街道, 社区, 网格编号, 权属单位, 经度, 纬度, 井深, 用途,
 * 处置方式, 发现日期, 任务批次, 完成日期). Pure: rows and the existing units, codes and campaigns in;
 * every bad row out (row, column, reason), or the wells, their dated history and their tasks.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import { transitionWell, NEW_WELL, type WellEvent } from './lifecycle.js';
import { WELL_USE_LABELS, WELL_USES, type WellUse } from './well.js';

export const WELL_SHEET_COLUMNS = ['井编号', '区', '街道', '社区', '网格编号', '权属单位', '经度', '纬度', '井深', '用途', '处置方式', '发现日期', '任务批次', '完成日期'] as const;
const REQUIRED = new Set(['井编号', '区', '权属单位', '用途']);
const DISPOSITION_BY_LABEL: Record<string, 'seal' | 'permit' | 'keep'> = { 应封停: 'seal', 应纳管: 'permit', 保留: 'keep' };
export const DISPOSITION_SHEET_LABELS = { seal: '应封停', permit: '应纳管', keep: '保留' } as const;

export type SheetUnit = { id: number; name: string; code: string; level: string; parentId: number | null };
export type SheetCampaign = { id: number; name: string; startsOn: string; endsOn: string };
export type PlannedWell = {
  rowNumber: number;
  code: string;
  unitId: number;
  districtId: number;
  ownerName: string;
  lat: number | null;
  lng: number | null;
  depthM: number | null;
  use: WellUse;
  discoveredOn: string;
  events: WellEvent[];
  task: { campaignId: number; disposition: 'seal' | 'permit'; deadline: string; addedOn: string } | null;
};

const IMPORTED = { imported: true, note: '由原台账导入' } as const;

/** The history a ledger row implies: checked through the same transition table as any step. */
export function impliedEvents(disposition: 'seal' | 'permit' | 'keep' | null, discoveredOn: string, completedOn: string | null): WellEvent[] {
  if (!disposition) return [];
  const ev: WellEvent[] = [
    { event: 'verify', onDate: discoveredOn, data: IMPORTED },
    { event: 'decide', onDate: discoveredOn, data: { ...IMPORTED, disposition, ...(disposition === 'seal' ? { sealMode: 'backfill' as const } : {}) } },
  ];
  if (!completedOn) return ev;
  if (disposition === 'seal') {
    ev.push({ event: 'serve_notice', onDate: discoveredOn, data: { ...IMPORTED, deadline: completedOn } });
    ev.push({ event: 'connect_supply', onDate: completedOn, data: IMPORTED });
    ev.push({ event: 'seal', onDate: completedOn, data: IMPORTED });
  } else if (disposition === 'permit') {
    for (const event of ['issue_permit', 'install_meter', 'register_tax'] as const) ev.push({ event, onDate: completedOn, data: IMPORTED });
  }
  return ev;
}

export function planWellSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: { units: readonly SheetUnit[]; cityId: number; takenCodes: ReadonlySet<string>; campaigns: readonly SheetCampaign[]; today: string },
): { wells: PlannedWell[]; errors: RowError[] } {
  const child = new Map(ctx.units.filter((u) => u.parentId !== null).map((u) => [`${u.parentId}|${u.name}`, u]));
  const gridByCode = new Map(ctx.units.filter((u) => u.level === 'grid').map((u) => [u.code, u]));
  const byId = new Map(ctx.units.map((u) => [u.id, u]));
  const seen = new Map<string, number>();
  const wells: PlannedWell[] = [];

  const errors = eachSheetRow({ header, body, firstDataRow }, { all: WELL_SHEET_COLUMNS, required: REQUIRED }, ({ row, cell, fail, failed }) => {
    const code = cell('井编号');
    if (code && !/^[0-9A-Za-z-]{1,40}$/.test(code)) fail('井编号', '只能包含数字、字母和“-”');
    else if (code && ctx.takenCodes.has(code)) fail('井编号', `井编号“${code}”已存在`);
    else if (code && seen.has(code)) fail('井编号', `与第${seen.get(code)}行重复`);
    if (code) seen.set(code, row);

    // where: 区 → 街道 → 社区 by name, or the grid by its code (which must lie under them)
    let unit: SheetUnit | undefined;
    let district: SheetUnit | undefined;
    if (cell('区')) {
      district = child.get(`${ctx.cityId}|${cell('区')}`);
      if (!district || district.level !== 'district') fail('区', `区“${cell('区')}”不存在`);
      else {
        unit = district;
        for (const col of ['街道', '社区'] as const) {
          if (!cell(col) || !unit) continue;
          const next: SheetUnit | undefined = child.get(`${unit.id}|${cell(col)}`);
          if (!next) {
            fail(col, `${col}“${cell(col)}”在“${unit.name}”下不存在`);
            unit = undefined;
          } else unit = next;
        }
        const gridCode = cell('网格编号');
        if (gridCode && unit) {
          const grid = gridByCode.get(gridCode);
          let inside = false;
          for (let u: SheetUnit | undefined = grid; u; u = u.parentId === null ? undefined : byId.get(u.parentId)) if (u.id === unit.id) inside = true;
          if (!grid) fail('网格编号', `网格“${gridCode}”不存在`);
          else if (!inside) fail('网格编号', `网格“${gridCode}”不在“${unit.name}”内`);
          else unit = grid;
        }
      }
    }

    const num = (c: string, lo: number, hi: number): number | null => {
      const t = cell(c);
      if (!t) return null;
      const n = Number(t);
      if (!Number.isFinite(n) || n < lo || n > hi) return fail(c, `“${t}”应为 ${lo} 到 ${hi} 之间的数`), null;
      return n;
    };
    const lng = num('经度', -180, 180);
    const lat = num('纬度', -90, 90);
    if ((cell('经度') === '') !== (cell('纬度') === '')) fail(cell('经度') ? '纬度' : '经度', '经度和纬度须同时填写');
    const depthM = num('井深', 0, 5000);
    const use = WELL_USES.find((u) => WELL_USE_LABELS[u] === cell('用途'));
    if (cell('用途') && !use) fail('用途', `应为 ${WELL_USES.map((u) => WELL_USE_LABELS[u]).join('、')} 之一`);
    const dispositionText = cell('处置方式');
    const disposition = dispositionText ? (DISPOSITION_BY_LABEL[dispositionText] ?? null) : null;
    if (dispositionText && !disposition) fail('处置方式', '应为 应封停、应纳管、保留 之一');

    const day = (c: string): string | null => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      if (d > ctx.today) return fail(c, '不能晚于今天'), null;
      return d;
    };
    const completedOn = day('完成日期');
    const campaignName = cell('任务批次');
    const campaign = campaignName ? ctx.campaigns.find((c) => c.name === campaignName) : undefined;
    if (campaignName && !campaign) fail('任务批次', `任务批次“${campaignName}”不存在，请先建立`);
    if (campaign && disposition === 'keep') fail('处置方式', '保留的井不能列入封停任务');
    if (campaign && !disposition) fail('处置方式', '列入任务批次的井须填写处置方式');
    if (completedOn && (!disposition || disposition === 'keep')) fail('完成日期', '只有应封停、应纳管的井才有完成日期');
    // without a discovery date the history starts at the earliest date the row knows — never "today"
    const discoveredOn = day('发现日期') ?? [completedOn, campaign?.startsOn].filter((d): d is string => !!d).sort()[0] ?? null;
    if (!discoveredOn && !cell('发现日期')) fail('发现日期', '没有任何已知日期，请填写发现日期');
    if (discoveredOn && completedOn && completedOn < discoveredOn) fail('完成日期', '完成日期早于发现日期');

    if (failed() || !unit || !district || !use || !discoveredOn) return;
    const events = impliedEvents(disposition, discoveredOn, completedOn);
    let facts = NEW_WELL;
    for (const e of events) facts = transitionWell(facts, e); // the same table as any step: never an impossible history
    wells.push({
      rowNumber: row, code, unitId: unit.id, districtId: district.id, ownerName: cell('权属单位'), lat, lng, depthM, use, discoveredOn, events,
      // a ledger's task was on the list from the campaign's start (or from the well's discovery, if later)
      task: campaign && (disposition === 'seal' || disposition === 'permit') ? { campaignId: campaign.id, disposition, deadline: campaign.endsOn, addedOn: [campaign.startsOn, discoveredOn].sort()[1]! } : null,
    });
  });
  return { wells: errors.length ? [] : wells, errors };
}
