import QRCode from 'qrcode';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeDayAt, officeToday } from '../../clock.js';
import { isSealedStage, nextWellEvents, transitionWell, wellAsOf, WellRuleError, WELL_EVENT_LABELS, type WellEvent, type WellEventData, type WellEventKind, type WellStage } from '../../../domain/well/lifecycle.js';
import { distanceMetres, isSmallUser, wellCode } from '../../../domain/well/well.js';
import { taskDone } from '../../../domain/campaign/task-progress.js';
import { requireCapability } from '../../auth/policies.js';
import { scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { holdVersion } from '../../db/hold-version.js';
import { discardPhoto, storePhoto } from '../../files/photo-store.js';
import { insertAudit } from '../audit/audit.repo.js';
import { presentPhoto } from '../survey/survey.presenter.js';
import type { PhotoView } from '../survey/survey.schema.js';
import type { WellView } from './wells.schema.js';
import * as repo from './wells.repo.js';
import { addWellEvents, refreshWellStates } from './wells.state.js';

const FAR_FUTURE = '9999-12-31';

type EventRow = { id: number; wellId: number; event: WellEventKind; onDate: string; data: unknown; actorName: string; at: Date };
const asEvent = (e: EventRow): WellEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });

/** Each well's place (district … grid names) and its district. */
async function placesOf(db: Kysely<DB>, wells: readonly repo.WellRow[]) {
  const ids = [...new Set(wells.flatMap((w) => w.orgPath.split('/').filter(Boolean).map(Number)))];
  const units = new Map((await repo.unitsForPlaces(db, ids)).map((u) => [u.id, u]));
  return new Map(
    wells.map((w) => {
      const chain = w.orgPath.split('/').filter(Boolean).map((id) => units.get(Number(id))).filter((u) => u && u.level !== 'city');
      const district = chain.find((u) => u!.level === 'district');
      return [w.id, { place: chain.map((u) => u!.name), district: district ? (district.shortName ?? district.name) : '' }];
    }),
  );
}

function present(w: repo.WellRow, events: readonly EventRow[], asOf: string, place: { place: string[]; district: string }): WellView {
  const facts = wellAsOf(events.map(asEvent), asOf);
  const permit = events.find((e) => e.event === 'issue_permit' && e.onDate <= asOf);
  const volume = (permit?.data as WellEventData | undefined)?.annualVolumeM3;
  return {
    id: w.id, code: w.code, orgUnitId: w.orgUnitId, place: place.place, district: place.district, discoveredOn: w.discoveredOn,
    ownerName: w.ownerName, address: w.address, lat: w.lat, lng: w.lng, yearDrilled: w.yearDrilled, depthM: w.depthM,
    innerDiameterMm: w.innerDiameterMm, casing: w.casing, aquifer: w.aquifer, use: w.use, pumpPowerKw: w.pumpPowerKw,
    // the in-use status follows the history: a well sealed later was not sealed on an earlier day
    powerMeterNo: w.powerMeterNo, inUseStatus: isSealedStage(facts.stage) ? 'sealed' : w.inUseStatus === 'sealed' ? 'in_use' : w.inUseStatus, foundVia: w.foundVia, foundRef: w.foundRef, cardId: w.cardId, remarks: w.remarks,
    stage: facts.stage, disposition: facts.disposition, sealMode: facts.sealMode, next: nextWellEvents(facts),
    smallUser: isSmallUser(volume), version: w.version, asOf,
  };
}

export async function listWells(ctx: ServiceCtx, q: { unitId?: number | undefined; stage?: WellStage | undefined; disposition?: 'seal' | 'permit' | 'keep' | undefined; q?: string | undefined; asOf?: string | undefined; page: number; pageSize: number }) {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const asOf = q.asOf ?? officeToday();
  const under = q.unitId ? await repo.findUnit(ctx.db, scope, q.unitId) : undefined;
  if (q.unitId && !under) throw notFound();
  const filter = { ...(under ? { underPath: under.path } : {}), ...(q.q ? { q: q.q } : {}) };
  let total: number;
  let pageIds: number[];
  if ((!q.stage && !q.disposition) || (await repo.statesHoldOn(ctx.db, scope, filter, asOf))) {
    // the stored stages are the stages on that day (no well has a later event): filter, count and page in SQL
    const f = { ...filter, ...(q.stage ? { stage: q.stage } : {}), ...(q.disposition ? { disposition: q.disposition } : {}) };
    ({ total, ids: pageIds } = await repo.pageByState(ctx.db, scope, f, asOf, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }));
  } else {
    // an earlier day: every well's stage on it (a fold of its events by date)
    const keys = (await repo.listWellKeys(ctx.db, scope, filter)).filter((w) => w.discoveredOn <= asOf);
    const allEvents = eventsByWell(await repo.eventsOf(ctx.db, keys.map((w) => w.id)));
    const matching = keys.filter((w) => {
      const facts = wellAsOf((allEvents.get(w.id) ?? []).map(asEvent), asOf);
      return (!q.stage || facts.stage === q.stage) && (!q.disposition || facts.disposition === q.disposition);
    });
    total = matching.length;
    pageIds = matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((w) => w.id);
  }
  // whole rows, places and views only for the page (listWells keeps the list's order)
  const wells = await repo.listWells(ctx.db, scope, { ids: pageIds });
  const byWell = eventsByWell(await repo.eventsOf(ctx.db, pageIds));
  const places = await placesOf(ctx.db, wells);
  return { total, wells: wells.map((w) => present(w, byWell.get(w.id) ?? [], asOf, places.get(w.id)!)) };
}

function eventsByWell(events: readonly EventRow[]): Map<number, EventRow[]> {
  const byWell = new Map<number, EventRow[]>();
  for (const e of events) (byWell.get(e.wellId) ?? byWell.set(e.wellId, []).get(e.wellId)!).push(e);
  return byWell;
}

/** Every well's stage on a day, without names or views: the dashboard's counts. */
export async function wellStagesAsOf(ctx: ServiceCtx, asOf: string): Promise<WellStage[]> {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const wells = (await repo.listWellKeys(ctx.db, scope)).filter((w) => w.discoveredOn <= asOf);
  const byWell = new Map<number, WellEvent[]>();
  for (const e of await repo.eventFactsInScope(ctx.db, scope, asOf)) (byWell.get(e.wellId) ?? byWell.set(e.wellId, []).get(e.wellId)!).push({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });
  return wells.map((w) => wellAsOf(byWell.get(w.id) ?? [], asOf).stage);
}

/** How many wells found by a day stand at each stage on it: counted in SQL from the stored stages when they hold on that day, else folded. */
export async function wellStageCountsAsOf(ctx: ServiceCtx, asOf: string): Promise<Map<WellStage, number>> {
  const scope = scopeFor(ctx.actor, 'wells.read');
  if (await repo.statesHoldOn(ctx.db, scope, {}, asOf)) return new Map((await repo.stageCounts(ctx.db, scope, asOf)).map((r) => [r.stage, r.n]));
  const counts = new Map<WellStage, number>();
  for (const s of await wellStagesAsOf(ctx, asOf)) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

export async function getWell(ctx: ServiceCtx, id: number, asOf?: string) {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const w = await repo.findWell(ctx.db, scope, id);
  if (!w) throw notFound();
  const day = asOf ?? officeToday();
  const events = await repo.eventsOf(ctx.db, [id]);
  const places = await placesOf(ctx.db, [w]);
  const tasks = await repo.tasksOfWell(ctx.db, id);
  return {
    ...present(w, events, day, places.get(id)!),
    events: events.filter((e) => e.onDate <= day).map((e) => ({ id: e.id, event: e.event, onDate: e.onDate, data: e.data as WellEventData, actorName: e.actorName, at: e.at.toISOString() })),
    photos: (await repo.photosOf(ctx.db, id)).filter((p) => !asOf || officeDayAt(p.uploadedAt) <= day).map(presentPhoto),
    campaigns: tasks.map((t) => ({ campaignId: t.campaignId, name: t.name, disposition: t.disposition, deadline: t.deadline, done: taskDone(t.disposition, events.map(asEvent), day) })),
  };
}

type Fields = Omit<repo.WellValues, never>;

export async function createWell(ctx: ServiceCtx, input: Fields & { orgUnitId: number; discoveredOn: string }) {
  requireCapability(ctx.actor, 'wells.edit');
  const scope = scopeFor(ctx.actor, 'wells.edit');
  const id = await ctx.db.transaction().execute((trx) => insertWellRecord(trx, ctx, scope, input));
  return getWell(ctx, id);
}

/** A new well file inside a transaction (also used when an inspection finds a well). Returns its id. */
/** A card id outside the caller's scope (or none at all) is answered like any record out of reach: never a foreign-key 500. */
async function refuseForeignCard(trx: Kysely<DB>, scope: Scope, cardId: number | null | undefined) {
  if (cardId !== null && cardId !== undefined && !(await repo.cardInScope(trx, scope, cardId))) throw notFound();
}

export async function insertWellRecord(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, input: Fields & { orgUnitId: number; discoveredOn: string }): Promise<number> {
  if (input.discoveredOn > officeToday()) throw badRequest('发现日期不能晚于今天');
  const unit = await repo.findUnit(trx, scope, input.orgUnitId);
  if (!unit || unit.closedOn) throw notFound();
  if (unit.level === 'city') throw badRequest('请选择井所在的区、街道、社区或网格');
  await refuseForeignCard(trx, scope, input.cardId);
  const code = wellCode(unit.code, await repo.takenCodes(trx, `${unit.code}J`));
  const { orgUnitId: _u, discoveredOn, ...fields } = input;
  const { id } = await repo.insertWell(trx, { ...fields, code, orgUnitId: unit.id, orgPath: unit.path, discoveredOn });
  await refreshWellStates(trx, [id]);
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'well', entityId: id, orgPath: unit.path,
    summary: `新建井档案 ${code}（${input.ownerName}，${unit.name}）`, after: { code, ...input },
  });
  return id;
}

export async function updateWell(ctx: ServiceCtx, id: number, input: Fields & { version: number }) {
  requireCapability(ctx.actor, 'wells.edit');
  const scope = scopeFor(ctx.actor, 'wells.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findWell(trx, scope, id);
    if (!before) throw notFound();
    const { version, ...fields } = input;
    await refuseForeignCard(trx, scope, fields.cardId);
    await repo.bumpWell(trx, id, version, fields);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'well', entityId: id, orgPath: before.orgPath,
      summary: `修改井档案 ${before.code}`, before, after: fields,
    });
  });
  return getWell(ctx, id);
}

/** One lifecycle step, with its evidence; refused (Chinese, naming the missing step) when out of order. */
export async function recordWellEvent(ctx: ServiceCtx, id: number, input: { event: WellEventKind; onDate: string; data: WellEventData; version: number }) {
  requireCapability(ctx.actor, 'wells.edit');
  const scope = scopeFor(ctx.actor, 'wells.edit');
  await ctx.db.transaction().execute((trx) => recordWellEventIn(trx, ctx, scope, id, input));
  return getWell(ctx, id);
}

/** The step inside the caller's transaction (the field app records its operation id in the same one). */
export async function recordWellEventIn(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, id: number, input: { event: WellEventKind; onDate: string; data: WellEventData; version: number }) {
  const today = officeToday();
  const well = await repo.findWell(trx, scope, id);
  if (!well) throw notFound();
  // a step taken from a stale page is a conflict, whatever the step (not a rule error about the newer state)
  if (well.version !== input.version) throw conflict();
  await holdVersion(trx, 'wells', id, input.version);
  const history = (await repo.eventsOf(trx, [id])).map(asEvent);
  if (input.onDate > today) throw badRequest('日期不能晚于今天');
  if (input.onDate < well.discoveredOn) throw badRequest(`日期不能早于发现日期（${well.discoveredOn}）`);
  const last = history.at(-1);
  if (last && input.onDate < last.onDate) throw badRequest(`日期不能早于上一步（${WELL_EVENT_LABELS[last.event]}，${last.onDate}）`);
  try {
    transitionWell(wellAsOf(history, FAR_FUTURE), input);
  } catch (err) {
    if (err instanceof WellRuleError) throw badRequest(err.message);
    throw err;
  }
  const status = input.event === 'seal' ? { inUseStatus: 'sealed' as const } : input.event === 'reactivate' ? { inUseStatus: 'in_use' as const } : {};
  await repo.bumpWell(trx, id, input.version, status);
  await addWellEvents(trx, [{ wellId: id, event: input.event, onDate: input.onDate, data: input.data, actorName: ctx.actor.displayName }]);
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: `well_${input.event}`, entityType: 'well', entityId: id, orgPath: well.orgPath,
    summary: `井 ${well.code}（${well.ownerName}）：${WELL_EVENT_LABELS[input.event]}（${input.onDate}）`, after: input,
  });
}

export async function uploadWellPhoto(
  ctx: ServiceCtx,
  filesDir: string,
  id: number,
  input: { stage: string; lat: number | null; lng: number | null; fileName: string; data: Buffer },
): Promise<PhotoView> {
  requireCapability(ctx.actor, 'wells.edit');
  const scope = scopeFor(ctx.actor, 'wells.edit');
  const well = await repo.findWell(ctx.db, scope, id);
  if (!well) throw notFound();
  const stored = await storePhoto(filesDir, input.data, input.fileName);
  // where the photo was taken, against the well's registered point
  const distanceM = input.lat !== null && input.lng !== null && well.lat !== null && well.lng !== null ? distanceMetres({ lat: input.lat, lng: input.lng }, { lat: well.lat, lng: well.lng }) : null;
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const p = await repo.insertPhoto(trx, { ...stored, ownerId: id, orgPath: well.orgPath, uploadedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null, stage: input.stage, lat: input.lat, lng: input.lng, distanceM });
      await insertAudit(trx, {
        ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: well.orgPath,
        summary: `上传井 ${well.code} 的照片（${input.stage}）${distanceM !== null ? `，拍摄点距井 ${Math.round(distanceM)} 米` : ''}`,
      });
      return p;
    });
    return presentPhoto(row);
  } catch (err) {
    discardPhoto(filesDir, stored.storageKey);
    throw err;
  }
}

/** 一井一牌一码: a printable label with the well's QR code. */
export async function wellTagSvg(ctx: ServiceCtx, id: number): Promise<string> {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const w = await repo.findWell(ctx.db, scope, id);
  if (!w) throw notFound();
  const qr = await QRCode.toString(`WELLSEAL:${w.code}`, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const inner = qr.replace(/^<svg /, '<svg x="40" y="56" width="220" height="220" ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="380" viewBox="0 0 300 380" font-family="'Noto Sans CJK SC','Microsoft YaHei',sans-serif">
<rect x="2" y="2" width="296" height="376" rx="10" fill="#fff" stroke="#1a3d7c" stroke-width="4"/>
<text x="150" y="38" text-anchor="middle" font-size="20" font-weight="700" fill="#1a3d7c">自备井标识牌</text>
${inner}
<text x="150" y="310" text-anchor="middle" font-size="17" font-family="monospace" fill="#000">${esc(w.code)}</text>
<text x="150" y="340" text-anchor="middle" font-size="15" fill="#333">${esc(w.ownerName.slice(0, 18))}</text>
<text x="150" y="364" text-anchor="middle" font-size="12" fill="#888">一井一牌一码 · 扫码查看井档案</text>
</svg>`;
}
