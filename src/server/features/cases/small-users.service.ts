import { officeToday } from '../../clock.js';
import { wellAsOf, WELL_STAGE_LABELS, type WellEvent, type WellEventData } from '../../../domain/well/lifecycle.js';
import { SMALL_USER_M3 } from '../../../domain/well/well.js';
import { annualVolume, isPermitTracked, isUnderThreshold, SMALL_USER_THRESHOLD_SETTING, taxState, TAX_STATE_LABELS, type TaxState } from '../../../domain/case/small-users.js';
import { eachSheetRow } from '../../../domain/shared/sheet-rows.js';
import type { RowError } from '../../../domain/org/org-import.js';
import { requireCapability } from '../../auth/policies.js';
import { pathInScope, scopeFor } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { notFound, rowErrors } from '../../http/errors.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import { readSetting } from '../system/settings.repo.js';
import * as repo from './cases.repo.js';

/** The last element that matches (the records come in date order). */
const lastOf = <T>(xs: readonly T[], ok: (x: T) => boolean): T | undefined => [...xs].reverse().find(ok);

const FAR_FUTURE = '9999-12-31';

/**
 * 小用水户: the permit-tracked wells in the caller's scope whose annual volume is under the
 * threshold (the setting, 1000 m³ unless set), district by district, with their tax registration.
 */
export async function smallUsers(ctx: ServiceCtx, q: { districtId?: number | undefined; thresholdM3?: number | undefined; tax?: TaxState | undefined }) {
  const scope = scopeFor(ctx.actor, 'cases.read');
  const setting = Number(await readSetting(ctx.db, SMALL_USER_THRESHOLD_SETTING));
  const thresholdM3 = q.thresholdM3 ?? (setting > 0 ? setting : SMALL_USER_M3);
  const districts = (await repo.allDistricts(ctx.db)).filter((d) => scope.paths.some((s) => d.path.startsWith(s) || s.startsWith(d.path)));
  const district = q.districtId ? districts.find((d) => d.id === q.districtId) : undefined;
  if (q.districtId && !district) throw notFound();

  const wells = (await repo.wellsForSmallUsers(ctx.db, scope)).filter((w) => !district || w.orgPath.startsWith(district.path));
  const events = await repo.wellEventsOf(ctx.db, wells.map((w) => w.id));
  const byWell = new Map<number, WellEvent[]>();
  for (const e of events) (byWell.get(e.wellId) ?? byWell.set(e.wellId, []).get(e.wellId)!).push({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });
  const place = await placesOf(ctx.db, wells.map((w) => w.orgPath));
  const order = new Map(districts.map((d, i) => [d.id, i]));

  let unknownVolume = 0;
  const rows = wells.flatMap((w) => {
    const history = byWell.get(w.id) ?? [];
    const facts = wellAsOf(history, FAR_FUTURE);
    if (!isPermitTracked(facts)) return [];
    const permit = lastOf(history, (e) => e.event === 'issue_permit');
    const volume = annualVolume(w.annualVolumeM3, permit?.data.annualVolumeM3);
    if (volume === null) unknownVolume += 1;
    if (!isUnderThreshold(volume, thresholdM3)) return [];
    const registeredOn = lastOf(history, (e) => e.event === 'register_tax')?.onDate ?? null;
    const state = taxState(registeredOn);
    const p = place(w.orgPath);
    return [{
      wellId: w.id, code: w.code, districtId: p.district?.id ?? null, district: p.district ? (p.district.shortName ?? p.district.name) : '', place: p.names, ownerName: w.ownerName,
      address: w.address, stage: facts.stage, stageLabel: WELL_STAGE_LABELS[facts.stage], volumeM3: volume, volumeSource: w.annualVolumeM3 !== null ? 'recorded' as const : 'permit' as const,
      recordedVolumeM3: w.annualVolumeM3, permitNo: permit?.data.permitNo ?? null, taxState: state, taxStateLabel: TAX_STATE_LABELS[state], taxRegisteredOn: registeredOn, version: w.version,
    }];
  }).filter((r) => !q.tax || r.taxState === q.tax)
    .sort((a, b) => (order.get(a.districtId ?? 0) ?? 99) - (order.get(b.districtId ?? 0) ?? 99) || a.code.localeCompare(b.code));
  return {
    asOf: officeToday(), thresholdM3, districts: districts.map((d) => ({ id: d.id, name: d.shortName ?? d.name })),
    total: rows.length, registered: rows.filter((r) => r.taxState === 'registered').length, unknownVolume, rows,
  };
}

/** The list for the tax office, as a spreadsheet. */
export async function smallUsersXlsx(ctx: ServiceCtx, q: Parameters<typeof smallUsers>[1]): Promise<Buffer> {
  const list = await smallUsers(ctx, q);
  const header = ['区', '井编号', '权属单位', '位置', '地址', '年取水量（m³）', '水量来源', '取水许可证号', '办理阶段', '水资源税登记', '登记日期'];
  const body = list.rows.map((r) => [
    r.district, r.code, r.ownerName, r.place.slice(1).join('/'), r.address, String(r.volumeM3), r.volumeSource === 'recorded' ? '登记水量' : '许可水量', r.permitNo ?? '',
    r.stageLabel, r.taxStateLabel, r.taxRegisteredOn ?? '',
  ]);
  return writeXlsx(`小用水户（年取水量低于${list.thresholdM3}m³）`.slice(0, 31), header, body);
}

/** A well's annual volume (年取水量), set or cleared; the well file's version guards it. */
export async function setWellVolume(ctx: ServiceCtx, wellId: number, input: { annualVolumeM3: number | null; version: number }) {
  requireCapability(ctx.actor, 'wells.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const well = await repo.findWell(trx, scopeFor(ctx.actor, 'wells.edit'), wellId);
    if (!well) throw notFound();
    await repo.setWellVolume(trx, wellId, input.version, input.annualVolumeM3);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'well', entityId: wellId, orgPath: well.orgPath,
      summary: `修改井 ${well.code} 的年取水量：${input.annualVolumeM3 ?? '（清空）'} m³`, before: { annualVolumeM3: well.annualVolumeM3 }, after: { annualVolumeM3: input.annualVolumeM3 },
    });
  });
  return { wellId, annualVolumeM3: input.annualVolumeM3 };
}

export const VOLUME_SHEET_COLUMNS = ['井编号', '年取水量'] as const;

/** Annual volumes from a sheet (井编号, 年取水量 m³; blank clears): every row, or none. */
export async function importWellVolumes(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'wells.edit');
  const scope = scopeFor(ctx.actor, 'wells.edit');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const codes = sheet.body.map((r) => (r[sheet.header.findIndex((h) => h === '井编号')] ?? '').trim()).filter(Boolean);
    const wells = new Map((await repo.wellsByCodes(trx, scope, codes)).map((w) => [w.code, w]));
    const planned: { id: number; code: string; orgPath: string; volume: number | null }[] = [];
    const seen = new Map<string, number>();
    const errors: RowError[] = eachSheetRow(sheet, { all: VOLUME_SHEET_COLUMNS, required: new Set(['井编号']), aliases: { 年取水量: ['年取水量（m³）', '年取水量(m³)', '年取水量（立方米）'] } }, ({ row, cell, fail, failed }) => {
      const code = cell('井编号');
      const well = wells.get(code);
      if (!well || !pathInScope(scope, well.orgPath)) fail('井编号', `井“${code}”不存在或不在管辖范围内`);
      if (seen.has(code)) fail('井编号', `与第${seen.get(code)}行重复`);
      seen.set(code, row);
      const text = cell('年取水量').replace(/[,，\s]/g, '');
      const volume = text === '' ? null : Number(text);
      if (volume !== null && !(Number.isFinite(volume) && volume >= 0)) fail('年取水量', `“${cell('年取水量')}”不是有效的水量（m³）`);
      if (!failed() && well) planned.push({ id: well.id, code, orgPath: well.orgPath, volume });
    });
    if (errors.length) throw rowErrors(errors);
    if (!input.dryRun) {
      for (const p of planned) await repo.setWellVolume(trx, p.id, null, p.volume);
      await insertAudit(trx, {
        ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'well', entityId: null, orgPath: null,
        summary: `导入年取水量（${input.fileName}）${planned.length} 眼井`,
      });
    }
    return { applied: !input.dryRun, updated: planned.length };
  });
}
