import { officeToday } from '../../clock.js';
import { planWellSheet, WELL_SHEET_COLUMNS, DISPOSITION_SHEET_LABELS, type PlannedWell } from '../../../domain/well/well-sheet.js';
import { wellAsOf, type WellEventData } from '../../../domain/well/lifecycle.js';
import { WELL_USE_LABELS } from '../../../domain/well/well.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { requireCapability } from '../../auth/policies.js';
import { scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type Progress, type ServiceCtx } from '../../context.js';
import { badRequest, rowErrors } from '../../http/errors.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import * as repo from './wells.repo.js';
import { addWellEvents } from './wells.state.js';
import * as campaignsRepo from '../campaigns/campaigns.repo.js';

/** Loads a well ledger sheet: every row applies, in one transaction, or none does. */
export async function importWellSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }, onProgress: Progress = () => {}) {
  requireCapability(ctx.actor, 'wells.import');
  const scope = scopeFor(ctx.actor, 'wells.import');
  onProgress(0, 1, '读取文件');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const units = await repo.openUnits(trx, scope);
    // districts are found by name under the city root: the first id of any path in scope
    const city = (await repo.unitsForPlaces(trx, [Number(scope.paths[0]!.split('/')[1])]))[0];
    if (!city) throw badRequest('找不到市级单位');
    const codes = sheet.body.map((r) => r[sheet.header.indexOf('井编号')] ?? '').filter(Boolean);
    const campaigns = await campaignsRepo.listCampaigns(trx);
    const plan = planWellSheet(sheet.header, sheet.body, sheet.firstDataRow, {
      units, cityId: city.id, takenCodes: await repo.codesExisting(trx, codes), campaigns, today: officeToday(),
    });
    if (plan.errors.length) throw rowErrors(plan.errors);
    const result = { applied: !input.dryRun, created: plan.wells.length, tasks: plan.wells.filter((w) => w.task).length };
    if (!input.dryRun) await applyPlannedWells(trx, ctx, scope, plan.wells, input.fileName, onProgress);
    return result;
  });
}

export async function applyPlannedWells(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, wells: PlannedWell[], source: string, onProgress: Progress = () => {}) {
  const units = new Map((await repo.openUnits(trx, scope)).map((u) => [u.id, u]));
  const events: Parameters<typeof addWellEvents>[1][number][] = [];
  const ids: number[] = [];
  const tasks: Parameters<typeof campaignsRepo.insertTasks>[1] = [];
  let done = 0;
  for (const w of wells) {
    const unit = units.get(w.unitId)!;
    const sealed = wellAsOf(w.events, '9999-12-31').dates.seal !== undefined;
    const { id } = await repo.insertWell(trx, {
      code: w.code, orgUnitId: unit.id, orgPath: unit.path, ownerName: w.ownerName, address: '', lat: w.lat, lng: w.lng, yearDrilled: null, depthM: w.depthM,
      innerDiameterMm: null, casing: null, aquifer: null, use: w.use, pumpPowerKw: null, powerMeterNo: null, inUseStatus: sealed ? 'sealed' : 'in_use',
      foundVia: 'other', foundRef: `台账导入：${source}`, cardId: null, remarks: null, discoveredOn: w.discoveredOn,
    });
    ids.push(id);
    for (const e of w.events) events.push({ wellId: id, event: e.event, onDate: e.onDate, data: e.data, actorName: ctx.actor.displayName });
    if (w.task) tasks.push({ campaignId: w.task.campaignId, wellId: id, districtId: w.districtId, disposition: w.task.disposition, deadline: w.task.deadline, addedOn: w.task.addedOn });
    if (++done % 100 === 0) onProgress(done, wells.length, '写入');
  }
  await addWellEvents(trx, events, ids);
  await campaignsRepo.insertTasks(trx, tasks);
  const top = [...units.values()].sort((a, b) => a.path.length - b.path.length)[0];
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'well', entityId: null, orgPath: top?.path ?? null,
    summary: `导入自备井台账（${source}）：${wells.length} 眼井、${tasks.length} 项任务`,
  });
  onProgress(wells.length, wells.length, '完成');
}

/** The registry in the import's columns (处置方式 and 完成日期 from each well's history). */
export async function exportWellSheet(ctx: ServiceCtx): Promise<Buffer> {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const wells = await repo.listWells(ctx.db, scope);
  const events = await repo.eventsOf(ctx.db, wells.map((w) => w.id));
  const all = new Map((await repo.unitsForPlaces(ctx.db, [...new Set(wells.flatMap((w) => w.orgPath.split('/').filter(Boolean).map(Number)))])).map((u) => [u.id, u]));
  const rows = wells.map((w) => {
    const chain = w.orgPath.split('/').filter(Boolean).map((id) => all.get(Number(id)));
    const at = (level: string) => chain.find((u) => u?.level === level);
    const ev = events.filter((e) => e.wellId === w.id).map((e) => ({ event: e.event, onDate: e.onDate, data: e.data as WellEventData }));
    const facts = wellAsOf(ev, '9999-12-31');
    const completed = facts.disposition === 'seal' ? facts.dates.seal : facts.disposition === 'permit' ? facts.dates.register_tax : undefined;
    return [
      w.code, at('district')?.name ?? '', at('street')?.name ?? '', at('community')?.name ?? '', at('grid')?.code ?? '', w.ownerName,
      w.lng?.toString() ?? '', w.lat?.toString() ?? '', w.depthM?.toString() ?? '', WELL_USE_LABELS[w.use],
      facts.disposition ? DISPOSITION_SHEET_LABELS[facts.disposition] : '', w.discoveredOn, '', completed ?? '',
    ];
  });
  return writeXlsx('自备井台账', [...WELL_SHEET_COLUMNS], rows);
}
