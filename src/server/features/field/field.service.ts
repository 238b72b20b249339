import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { discardPhoto, storePhoto, type StoredPhoto } from '../../files/photo-store.js';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import * as surveyRepo from '../survey/survey.repo.js';
import { cardSnapshot, maskedSnapshot, presentCard } from '../survey/survey.presenter.js';
import type { CardView } from '../survey/survey.schema.js';
import { cardValues, checkCard, listSurveyGrids, saveCardUpdate, saveNewCard } from '../survey/survey.service.js';
import { readSetting, writeSetting } from '../system/settings.repo.js';
import { listWells, recordWellEventIn } from '../wells/wells.service.js';
import * as wellsRepo from '../wells/wells.repo.js';
import { listInspectionsFor } from '../inspections/inspections.service.js';
import * as inspectionsRepo from '../inspections/inspections.repo.js';
import { listChecks, recordOutcomeIn } from '../utility/suspects.service.js';
import { OUTCOME_LABELS } from '../../../domain/utility/rank.js';
import { GPS_ACCURACY_LIMIT } from '../../../domain/survey/gps-accuracy.js';
import { SEAL_METHOD_LABELS, WELL_EVENT_LABELS, awaitsFieldSealing, type SealMethod } from '../../../domain/well/lifecycle.js';
import { distanceMetres } from '../../../domain/well/well.js';
import type { FieldBundle, FieldOp, OpResult, RecordConflictDetails } from './field.schema.js';
import * as repo from './field.repo.js';
import { realNow } from '../../clock.js';

/** 定位精度上限 (metres): instance setting, 50 m unless set. */
export const GPS_ACCURACY_SETTING = 'field.gps_accuracy_limit_m';
const DEFAULT_GPS_ACCURACY_M = GPS_ACCURACY_LIMIT.defaultM;
/** A phone caches at most this many grids (a grid worker has one to a few; a street some dozens). */
const BUNDLE_GRIDS = 100;
/** the latest inspections and the pending verification visits a phone caches */
const BUNDLE_INSPECTIONS = 50;
const BUNDLE_CHECKS = 500;

// ---------------------------------------------------------------- the offline bundle

export async function fieldBundle(ctx: ServiceCtx): Promise<FieldBundle> {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const { total, grids } = await listSurveyGrids(ctx, { page: 1, pageSize: BUNDLE_GRIDS });
  const gridIds = new Set(grids.map((g) => g.gridId));
  const boundaries = await repo.boundariesOf(ctx.db, [...gridIds]);
  const cards = total <= BUNDLE_GRIDS
    ? (await surveyRepo.listCards(ctx.db, scope, {})).filter((c) => gridIds.has(c.gridId))
    : (await Promise.all([...gridIds].map((gridId) => surveyRepo.listCards(ctx.db, scope, { gridId })))).flat();
  const photos = await surveyRepo.photosOfCards(ctx.db, cards.map((c) => c.id));
  const wells = hasCapability(ctx.actor, 'wells.read') ? (await listWells(ctx, { disposition: 'seal', page: 1, pageSize: 1000 })).wells : [];
  return {
    generatedAt: realNow().toISOString(),
    gpsAccuracyLimitM: await gpsAccuracyLimit(ctx.db),
    grids: grids.map((g) => ({ ...g, boundary: boundaries.get(g.gridId) ?? null })),
    truncated: total > grids.length,
    cards: cards.map((c) => presentCard(c, photos)),
    wellsToSeal: wells
      .filter((w) => awaitsFieldSealing(w.stage))
      .map((w) => ({ id: w.id, code: w.code, ownerName: w.ownerName, address: w.address, place: w.place, stage: w.stage, lat: w.lat, lng: w.lng, version: w.version, next: w.next })),
    canRecordWells: hasCapability(ctx.actor, 'wells.edit'),
    inspections: hasCapability(ctx.actor, 'inspections.edit')
      ? (await listInspectionsFor(ctx, { page: 1, pageSize: BUNDLE_INSPECTIONS })).inspections.map((i) => ({ id: i.id, onDate: i.onDate, kindLabel: i.kindLabel, title: i.title, area: i.area, narrative: i.narrative, version: i.version }))
      : [],
    checks: hasCapability(ctx.actor, 'suspects.verify')
      ? (await listChecks(ctx, { outcome: 'pending', page: 1, pageSize: BUNDLE_CHECKS })).items.map((c) => ({ id: c.id, batchNumber: c.batchNumber, dueOn: c.dueOn, reasons: c.reasons, accountNo: c.accountNo, name: c.name, address: c.address, place: c.place, version: c.version }))
      : [],
  };
}

async function gpsAccuracyLimit(db: Kysely<DB>): Promise<number> {
  const limit = Number(await readSetting(db, GPS_ACCURACY_SETTING));
  return Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_GPS_ACCURACY_M;
}

/** 外业设置 as it stands (everyone who surveys sees it: it is in their bundle too). */
export async function fieldSettings(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'survey.read');
  return { gpsAccuracyLimitM: await gpsAccuracyLimit(ctx.db) };
}

/** 定位精度上限: the city office sets it for every phone; phones pick it up at their next sync. */
export async function saveFieldSettings(ctx: ServiceCtx, input: { gpsAccuracyLimitM: number }) {
  requireCapability(ctx.actor, 'survey.import');
  if (!scopeFor(ctx.actor, 'survey.import').roles.includes('city')) throw forbidden('只有市封停办可以修改定位精度上限');
  const before = await gpsAccuracyLimit(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, GPS_ACCURACY_SETTING, input.gpsAccuracyLimitM);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'setting', entityId: null, orgPath: null,
      summary: `定位精度上限 ${before} 米 → ${input.gpsAccuracyLimitM} 米`, before: { gpsAccuracyLimitM: before }, after: input,
    });
  });
  return { gpsAccuracyLimitM: input.gpsAccuracyLimitM };
}

// ---------------------------------------------------------------- queued operations, each applied once

class AlreadyApplied extends Error {}

function replayOf(known: repo.OperationRow, ctx: ServiceCtx, kind: string): OpResult {
  if (known.userId !== ctx.actor.userId || known.kind !== kind) throw badRequest('操作编号已被另一项操作使用，请重新提交');
  return known.result as OpResult;
}

/**
 * Runs `work` and records the operation id in the same transaction: either both are saved or
 * neither. An id seen before returns its first result and writes nothing, so a retry after a lost
 * answer (or a killed sync) never duplicates. A recording step after the response could not
 * promise that: a crash between the commit and that step would let the retry write again.
 */
async function applyOnce(ctx: ServiceCtx, opId: string, kind: string, work: (trx: Kysely<DB>) => Promise<OpResult>): Promise<{ replayed: boolean; result: OpResult }> {
  const known = await repo.findOperation(ctx.db, opId);
  if (known) return { replayed: true, result: replayOf(known, ctx, kind) };
  try {
    const result = await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.claimOperation(trx, { opId, userId: ctx.actor.userId, kind }))) throw new AlreadyApplied();
      const r = await work(trx);
      await repo.settleOperation(trx, opId, r.cardId ?? r.wellId ?? r.inspectionId ?? r.checkId ?? null, r);
      return r;
    });
    return { replayed: false, result };
  } catch (err) {
    if (!(err instanceof AlreadyApplied)) throw err;
    return { replayed: true, result: replayOf((await repo.findOperation(ctx.db, opId))!, ctx, kind) };
  }
}

async function resolveCard(db: Kysely<DB>, ctx: ServiceCtx, ref: { id: number } | { opId: string }): Promise<number> {
  if ('id' in ref) return ref.id;
  const id = await repo.cardOfCreateOp(db, ref.opId, ctx.actor.userId);
  if (id === null) throw badRequest('这张户卡的新建记录尚未同步，请先同步新建户卡');
  return id;
}

async function cardNow(ctx: ServiceCtx, scope: Scope, id: number): Promise<CardView> {
  const card = await surveyRepo.findCard(ctx.db, scope, id);
  if (!card) throw notFound();
  return presentCard(card, await surveyRepo.photosOfCards(ctx.db, [id]));
}

export async function applyFieldOp(ctx: ServiceCtx, filesDir: string, op: FieldOp) {
  if (!op.kind.startsWith('card.')) return { opId: op.opId, ...(await applyRecordOp(ctx, filesDir, op)) };
  requireCapability(ctx.actor, 'survey.edit');
  const scope = scopeFor(ctx.actor, 'survey.edit');
  const readScope = scopeFor(ctx.actor, 'survey.read');
  let applied: { replayed: boolean; result: OpResult };
  switch (op.kind) {
    case 'card.create': {
      checkCard(op.card);
      applied = await applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const saved = await saveNewCard(trx, ctx, scope, op.card.gridId, cardValues(op.card, ctx.actor.displayName));
        return { cardId: saved.id, version: saved.version };
      });
      break;
    }
    case 'card.update': {
      applied = await applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const id = await resolveCard(trx, ctx, op.card);
        const before = await surveyRepo.findCard(trx, scope, id);
        if (!before) throw notFound();
        if (before.version !== op.baseVersion) {
          const current = presentCard(before, await surveyRepo.photosOfCards(trx, [id]));
          throw new AppError(409, 'conflict', `户卡“${before.name}”在您离线期间已被他人修改（当前第 ${before.version} 版，您的修改基于第 ${op.baseVersion} 版），请选择保留哪个版本`, {
            current, submitted: op.data, baseVersion: op.baseVersion,
          });
        }
        checkCard(op.data);
        // the phone sends back the masked number it was shown; saveCardUpdate keeps the stored one then
        const after = await saveCardUpdate(trx, ctx, scope, id, op.baseVersion, cardValues(op.data, before.surveyedBy));
        return { cardId: id, version: after.version };
      });
      break;
    }
    case 'card.discard': {
      applied = await applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const id = await resolveCard(trx, ctx, op.card);
        const card = await surveyRepo.findCard(trx, scope, id);
        if (!card) throw notFound();
        if (op.officeVersion > card.version) throw badRequest('所选办公室版本不存在，请重新同步');
        await repo.insertDiscardedVersion(trx, { cardId: id, basedOn: op.baseVersion, officeVersion: op.officeVersion, data: op.data, changedBy: ctx.actor.displayName });
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'field_discard', entityType: 'user_card', entityId: id, orgPath: card.gridPath,
          summary: `网格员离线修改未采用，保留办公室第 ${op.officeVersion} 版：${card.name}（${card.gridName}）`, before: maskedSnapshot(op.data), after: maskedSnapshot(cardSnapshot(card)),
        });
        return { cardId: id, version: card.version };
      });
      break;
    }
    case 'card.photo': {
      const known = await repo.findOperation(ctx.db, op.opId);
      if (known) {
        applied = { replayed: true, result: replayOf(known, ctx, op.kind) };
        break;
      }
      const id = await resolveCard(ctx.db, ctx, op.card);
      const card = await surveyRepo.findCard(ctx.db, scope, id);
      if (!card) throw notFound();
      const stored: StoredPhoto = await storePhoto(filesDir, Buffer.from(op.content, 'base64'), op.fileName);
      try {
        applied = await applyOnce(ctx, op.opId, op.kind, async (trx) => {
          const p = await surveyRepo.insertPhoto(trx, { ...stored, ownerType: op.ownerType, ownerId: id, orgPath: card.gridPath, uploadedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
          await insertAudit(trx, {
            ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: card.gridPath,
            summary: `上传${op.ownerType === 'pledge' ? '承诺书扫描件' : '照片'}（外业同步）：${card.name}（${card.gridName}）`,
          });
          return { cardId: id, photoId: p.id };
        });
      } catch (err) {
        discardPhoto(filesDir, stored.storageKey);
        throw err;
      }
      if (applied.replayed) discardPhoto(filesDir, stored.storageKey);
      break;
    }
    default:
      throw badRequest('未知的操作类型');
  }
  return { opId: op.opId, replayed: applied.replayed, result: applied.result, card: await cardNow(ctx, readScope, applied.result.cardId!) };
}

// ---------------------------------------------------------------- sealing records, inspection notes, verification outcomes

const recordConflict = (message: string, details: RecordConflictDetails) => new AppError(409, 'conflict', message, details);
const gpsLine = (g: { lat: number; lng: number; accuracyM: number | null } | null) =>
  g ? `${g.lat.toFixed(6)}, ${g.lng.toFixed(6)}${g.accuracyM !== null ? `（精度 ±${Math.round(g.accuracyM)} 米）` : ''}` : '未定位';

/** A well step in the terms both sides of a conflict are shown in. */
function stepFields(op: { event: keyof typeof WELL_EVENT_LABELS; onDate: string; data: Record<string, unknown> }): Record<string, string> {
  const d = op.data;
  const out: Record<string, string> = { 步骤: WELL_EVENT_LABELS[op.event], 日期: op.onDate };
  if (d.method) out['封井方式'] = SEAL_METHOD_LABELS[d.method as SealMethod];
  if (d.contractor) out['施工单位'] = String(d.contractor);
  if (d.materials) out['回填材料'] = String(d.materials);
  if (d.acceptedBy) out['验收单位'] = String(d.acceptedBy);
  if (d.conclusion) out['验收结论'] = String(d.conclusion);
  if (d.note) out['备注'] = String(d.note);
  return out;
}

/** A photo of a well or an inspection: stored before the transaction, dropped when the transaction fails or the op was applied already. */
async function photoOnce(ctx: ServiceCtx, filesDir: string, op: { opId: string; kind: string; fileName: string; content: string }, work: (trx: Kysely<DB>, stored: StoredPhoto) => Promise<OpResult>) {
  const known = await repo.findOperation(ctx.db, op.opId);
  if (known) return { replayed: true, result: replayOf(known, ctx, op.kind) };
  const stored = await storePhoto(filesDir, Buffer.from(op.content, 'base64'), op.fileName);
  try {
    const applied = await applyOnce(ctx, op.opId, op.kind, (trx) => work(trx, stored));
    if (applied.replayed) discardPhoto(filesDir, stored.storageKey);
    return applied;
  } catch (err) {
    discardPhoto(filesDir, stored.storageKey);
    throw err;
  }
}

async function applyRecordOp(ctx: ServiceCtx, filesDir: string, op: FieldOp): Promise<{ replayed: boolean; result: OpResult }> {
  const uploader = ctx.actor.userId > 0 ? ctx.actor.userId : null;
  switch (op.kind) {
    case 'well.transition': {
      requireCapability(ctx.actor, 'wells.edit');
      const scope = scopeFor(ctx.actor, 'wells.edit');
      return applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const well = await wellsRepo.findWell(trx, scope, op.wellId);
        if (!well) throw notFound();
        if (well.version !== op.baseVersion) {
          const last = (await wellsRepo.eventsOf(trx, [well.id])).at(-1);
          throw recordConflict(`井 ${well.code}（${well.ownerName}）在您离线期间已被他人修改（当前第 ${well.version} 版，您的记录基于第 ${op.baseVersion} 版），请选择重新提交或放弃`, {
            target: 'well', baseVersion: op.baseVersion,
            current: {
              id: well.id, version: well.version, title: `${well.code} ${well.ownerName}`,
              fields: last ? { ...stepFields({ event: last.event, onDate: last.onDate, data: (last.data ?? {}) as Record<string, unknown> }), 记录人: last.actorName } : { 步骤: '（无）' },
            },
            submitted: { ...stepFields({ event: op.event, onDate: op.onDate, data: op.data }), 定位: gpsLine(op.gps) },
          });
        }
        await recordWellEventIn(trx, ctx, scope, well.id, { event: op.event, onDate: op.onDate, data: op.data, version: op.baseVersion });
        const distanceM = op.gps && well.lat !== null && well.lng !== null ? distanceMetres(op.gps, { lat: well.lat, lng: well.lng }) : null;
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'field_sync', entityType: 'well', entityId: well.id, orgPath: well.orgPath,
          summary: `外业离线记录同步：井 ${well.code} ${WELL_EVENT_LABELS[op.event]}，记录位置 ${gpsLine(op.gps)}${distanceM !== null ? `，距井 ${Math.round(distanceM)} 米` : ''}`,
          after: { opId: op.opId, gps: op.gps, distanceM },
        });
        return { wellId: well.id, version: well.version + 1 };
      });
    }
    case 'well.photo': {
      requireCapability(ctx.actor, 'wells.edit');
      const well = await wellsRepo.findWell(ctx.db, scopeFor(ctx.actor, 'wells.edit'), op.wellId);
      if (!well) throw notFound();
      const gps = op.gps;
      const distanceM = gps && well.lat !== null && well.lng !== null ? distanceMetres(gps, { lat: well.lat, lng: well.lng }) : null;
      return photoOnce(ctx, filesDir, op, async (trx, stored) => {
        const p = await wellsRepo.insertPhoto(trx, { ...stored, ownerId: well.id, orgPath: well.orgPath, uploadedBy: uploader, stage: op.stage, lat: gps?.lat ?? null, lng: gps?.lng ?? null, distanceM });
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: well.orgPath,
          summary: `上传井 ${well.code} 的照片（${op.stage}，外业同步），拍摄位置 ${gpsLine(gps)}${distanceM !== null ? `，距井 ${Math.round(distanceM)} 米` : ''}`,
        });
        return { wellId: well.id, photoId: p.id };
      });
    }
    case 'inspection.note': {
      requireCapability(ctx.actor, 'inspections.edit');
      const scope = scopeFor(ctx.actor, 'inspections.edit');
      return applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const insp = await inspectionsRepo.findInspection(trx, scope, op.inspectionId);
        if (!insp) throw notFound();
        if (insp.version !== op.baseVersion) {
          throw recordConflict(`督导记录“${insp.title}”在您离线期间已被他人修改（当前第 ${insp.version} 版，您的记录基于第 ${op.baseVersion} 版），请选择重新提交或放弃`, {
            target: 'inspection', baseVersion: op.baseVersion,
            current: { id: insp.id, version: insp.version, title: insp.title, fields: { 核查记录: insp.narrative || '（空）' } },
            submitted: { 核查记录: op.narrative || '（空）' },
          });
        }
        await inspectionsRepo.updateInspection(trx, insp.id, op.baseVersion, {
          onDate: insp.onDate, kind: insp.kind, title: insp.title, leaders: insp.leaders as never, team: insp.team, areaUnitId: insp.areaUnitId, orgPath: insp.orgPath,
          targets: insp.targets as never, methods: insp.methods as never, narrative: op.narrative, samples: insp.samples as never,
        });
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'inspection', entityId: insp.id, orgPath: insp.orgPath,
          summary: `修改督导记录（外业同步）：${insp.title}`, before: { narrative: insp.narrative }, after: { narrative: op.narrative },
        });
        return { inspectionId: insp.id, version: insp.version + 1 };
      });
    }
    case 'inspection.photo': {
      requireCapability(ctx.actor, 'inspections.edit');
      const insp = await inspectionsRepo.findInspection(ctx.db, scopeFor(ctx.actor, 'inspections.edit'), op.inspectionId);
      if (!insp) throw notFound();
      return photoOnce(ctx, filesDir, op, async (trx, stored) => {
        const p = await inspectionsRepo.insertPhoto(trx, { ...stored, ownerId: insp.id, orgPath: insp.orgPath, uploadedBy: uploader });
        await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: insp.orgPath, summary: `上传督导记录“${insp.title}”的照片（外业同步）` });
        return { inspectionId: insp.id, photoId: p.id };
      });
    }
    case 'check.outcome': {
      requireCapability(ctx.actor, 'suspects.verify');
      const scope = scopeFor(ctx.actor, 'suspects.verify');
      return applyOnce(ctx, op.opId, op.kind, async (trx) => {
        const check = await checkBrief(trx, op.checkId);
        if (!check || !pathInScope(scope, check.orgPath)) throw notFound();
        if (check.version !== op.baseVersion) {
          throw recordConflict(`核查任务（户号 ${check.accountNo} ${check.name}）在您离线期间已被他人登记（当前第 ${check.version} 版），请选择重新提交或放弃`, {
            target: 'check', baseVersion: op.baseVersion,
            current: { id: check.id, version: check.version, title: `户号 ${check.accountNo} ${check.name}`, fields: { 核查结果: OUTCOME_LABELS[check.outcome ?? 'pending'], 核查日期: check.checkedOn ?? '—', 说明: check.note ?? '—' } },
            submitted: { 核查结果: OUTCOME_LABELS[op.outcome], 核查日期: op.checkedOn, 说明: op.note ?? '—' },
          });
        }
        const saved = await recordOutcomeIn(trx, ctx, check.id, { outcome: op.outcome, checkedOn: op.checkedOn, note: op.note, version: op.baseVersion });
        return { checkId: check.id, version: saved.version };
      });
    }
    case 'record.discard': {
      const cap = op.target === 'well' ? 'wells.edit' : op.target === 'inspection' ? 'inspections.edit' : 'suspects.verify';
      requireCapability(ctx.actor, cap);
      const scope = scopeFor(ctx.actor, cap);
      return applyOnce(ctx, op.opId, op.kind, async (trx) => {
        let found: { version: number; orgPath: string; title: string } | undefined;
        if (op.target === 'well') {
          const w = await wellsRepo.findWell(trx, scope, op.targetId);
          found = w && { version: w.version, orgPath: w.orgPath, title: `井 ${w.code}（${w.ownerName}）` };
        } else if (op.target === 'inspection') {
          const i = await inspectionsRepo.findInspection(trx, scope, op.targetId);
          found = i && { version: i.version, orgPath: i.orgPath, title: `督导记录“${i.title}”` };
        } else {
          const c = await checkBrief(trx, op.targetId);
          found = c && pathInScope(scope, c.orgPath) ? { version: c.version, orgPath: c.orgPath, title: `核查任务（户号 ${c.accountNo} ${c.name}）` } : undefined;
        }
        if (!found) throw notFound();
        if (op.officeVersion > found.version) throw badRequest('所选办公室版本不存在，请重新同步');
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'field_discard', entityType: op.target === 'check' ? 'suspect_check' : op.target, entityId: op.targetId, orgPath: found.orgPath,
          summary: `外业离线记录未采用，保留办公室第 ${op.officeVersion} 版：${found.title}`,
          before: { baseVersion: op.baseVersion, ...op.data }, after: { version: found.version },
        });
        const key = op.target === 'well' ? 'wellId' : op.target === 'inspection' ? 'inspectionId' : 'checkId';
        return { [key]: op.targetId, version: found.version };
      });
    }
    default:
      throw badRequest('未知的操作类型');
  }
}

async function checkBrief(db: Kysely<DB>, id: number) {
  return db.selectFrom('suspectChecks as c').innerJoin('utilityAccounts as a', 'a.id', 'c.accountId')
    .select(['c.id', 'c.orgPath', 'c.version', 'c.outcome', 'c.checkedOn', 'c.note', 'a.accountNo', 'a.name']).where('c.id', '=', id).executeTakeFirst();
}
