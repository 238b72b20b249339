import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { cardProblems, lacksTapAccount, pledgeStatus } from '../../../domain/survey/card.js';
import { cardToSheetRow, CARD_SHEET_COLUMNS, readCardSheet, sameCard, type CardInput } from '../../../domain/survey/card-sheet.js';
import { checklistPasses, completionChecklist, summarizeGrid } from '../../../domain/survey/grid-summary.js';
import { floorPercent, surveyProgressTable } from '../../../domain/survey/progress-table.js';
import { applySurveyEvent, surveyStateAt, SurveyRuleError, type SurveyEventKind, type SurveyState } from '../../../domain/survey/survey-state.js';
import { readSurveySheet, planSurveyImport } from '../../../domain/survey/survey-sheet.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, scopeFor, type Scope } from '../../auth/scope.js';
import { discardPhoto, readStoredPhoto, storePhoto } from '../../files/photo-store.js';
import { auditActor, type Progress, type ServiceCtx } from '../../context.js';
import { badRequest, notFound, rowErrors } from '../../http/errors.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { cardSnapshot, maskedSnapshot, presentCard, presentPhoto } from './survey.presenter.js';
import { keepUnlessChanged, maskPhone } from '../../../domain/shared/masking.js';
import type { CardBody, CardView, GridSurveyView, PhotoView, SurveyReportView } from './survey.schema.js';
import * as repo from './survey.repo.js';
import { addSurveyEvents } from './survey.state.js';

const FAR_FUTURE = '9999-12-31';

function ruleError(err: unknown): never {
  if (err instanceof SurveyRuleError) throw badRequest(err.message);
  throw err;
}

type Facts = Awaited<ReturnType<typeof repo.cardFacts>>[number];
type EventRow = Awaited<ReturnType<typeof repo.eventsOfGrids>>[number];

function groupBy<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) (m.get(key(x)) ?? m.set(key(x), []).get(key(x))!).push(x);
  return m;
}

function firstOn(events: readonly EventRow[], kind: SurveyEventKind): string | null {
  return events.find((e) => e.event === kind)?.onDate ?? null;
}

/** The last completion date when the grid is completed now, else null. */
function completedOn(events: readonly EventRow[], state: SurveyState): string | null {
  return state === 'completed' ? ([...events].reverse().find((e) => e.event === 'complete')?.onDate ?? null) : null;
}

function gridView(grid: repo.GridRow, parents: string[], events: readonly EventRow[], cards: readonly Facts[]): GridSurveyView {
  const state = surveyStateAt(events, FAR_FUTURE);
  return {
    gridId: grid.id,
    code: grid.code,
    name: grid.name,
    parents,
    state,
    cards: cards.length,
    shops: cards.filter((c) => c.kind === 'shop').length,
    pledgeIssues: cards.filter((c) => pledgeStatus(c) !== 'complete').length,
    withoutTap: cards.filter((c) => lacksTapAccount(c)).length,
    startedOn: firstOn(events, 'start'),
    completedOn: completedOn(events, state),
  };
}

async function parentNames(db: Kysely<DB>, paths: string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean).map(Number)))];
  const units = new Map((await repo.unitsByIds(db, ids)).map((u) => [u.id, u]));
  return new Map(
    paths.map((p) => {
      const chain = p.split('/').filter(Boolean).map(Number).slice(0, -1).map((id) => units.get(id)).filter((u) => u && u.level !== 'city');
      return [p, chain.map((u) => u!.name)];
    }),
  );
}

// ---------------------------------------------------------------- grids and states

export async function listSurveyGrids(ctx: ServiceCtx, query: { unitId?: number | undefined; state?: SurveyState | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const under = query.unitId ? await repo.findUnitInScope(ctx.db, scope, query.unitId) : undefined;
  if (query.unitId && !under) throw notFound();
  // filtered, counted and paged by the stored states (survey.state.ts); only the page's events, cards and names are read
  const { total, grids } = await repo.pageGridsByState(
    ctx.db, scope, { ...(under ? { underPath: under.path } : {}), ...(query.q ? { q: query.q } : {}), ...(query.state ? { state: query.state } : {}) },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  const ids = grids.map((g) => g.id);
  const events = groupBy(await repo.eventsOfGrids(ctx.db, scope, ids), (e) => e.gridId);
  const facts = groupBy(await repo.cardFacts(ctx.db, scope, { gridIds: ids }), (c) => c.gridId);
  const names = await parentNames(ctx.db, grids.map((g) => g.path));
  return { total, grids: grids.map((g) => gridView(g, names.get(g.path) ?? [], events.get(g.id) ?? [], facts.get(g.id) ?? [])) };
}

export async function getGridDetail(ctx: ServiceCtx, gridId: number) {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const grid = await repo.findGrid(ctx.db, scope, gridId);
  if (!grid) throw notFound();
  const events = await repo.eventsOfGrids(ctx.db, scope, [gridId]);
  const facts = await repo.cardFacts(ctx.db, scope, { gridIds: [gridId] });
  const names = await parentNames(ctx.db, [grid.path]);
  const view = gridView(grid, names.get(grid.path) ?? [], events, facts);
  const checklist = completionChecklist(facts);
  return {
    ...view,
    summary: summarizeGrid(facts),
    checklist,
    events: events.map((e) => ({ event: e.event, onDate: e.onDate, reason: e.reason, actorName: e.actorName, at: e.at.toISOString() })),
    canComplete: view.state === 'in_progress' && checklistPasses(checklist),
  };
}

export async function recordSurveyEvent(ctx: ServiceCtx, gridId: number, event: SurveyEventKind, input: { onDate?: string | undefined; reason?: string | undefined }) {
  requireCapability(ctx.actor, event === 'start' ? 'survey.edit' : 'survey.complete');
  const scope = scopeFor(ctx.actor, event === 'start' ? 'survey.edit' : 'survey.complete');
  const today = officeToday();
  const onDate = input.onDate ?? today;
  await ctx.db.transaction().execute(async (trx) => {
    const grid = await repo.findGrid(trx, scope, gridId);
    if (!grid) throw notFound();
    const history = await repo.eventsOfGrids(trx, scope, [gridId]);
    try {
      applySurveyEvent(history, { event, onDate, reason: input.reason ?? null }, today);
    } catch (err) {
      ruleError(err);
    }
    let summary: unknown = null;
    if (event === 'complete') {
      const facts = await repo.cardFacts(trx, scope, { gridIds: [gridId] });
      const checklist = completionChecklist(facts);
      if (!checklistPasses(checklist)) {
        throw badRequest(`不能完成排查：${checklist.filter((i) => !i.ok).map((i) => `${i.label}（${i.detail}）`).join('；')}`);
      }
      summary = summarizeGrid(facts); // the grid's water-use and well summaries, archived with the completion
    }
    await addSurveyEvents(trx, [{ gridId, event, onDate, reason: input.reason?.trim() || null, summary, actorName: ctx.actor.displayName }]);
    const label = { start: '开始排查', complete: '完成排查', reopen: '重新打开排查' }[event];
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: `survey_${event}`, entityType: 'grid_survey', entityId: gridId,
      orgPath: grid.path, summary: `网格“${grid.name}”${label}（${onDate}）${input.reason ? `：${input.reason}` : ''}`,
      after: { event, onDate, reason: input.reason ?? null },
    });
  });
  return getGridDetail(ctx, gridId);
}

// ---------------------------------------------------------------- progress and the bulletin table

type Unit = Awaited<ReturnType<typeof repo.unitsInScope>>[number];

async function statesAsOf(db: Kysely<DB>, scope: Scope, asOf: string) {
  const grids = await repo.listGrids(db, scope, { openOn: asOf });
  const events = groupBy(await repo.eventsOfGrids(db, scope), (e) => e.gridId);
  return grids.map((g) => ({ grid: g, state: surveyStateAt(events.get(g.id) ?? [], asOf) }));
}

/**
 * Grids, started and completed under each unit as of the end of `asOf`: counted in SQL from the
 * stored states when no grid has an event after that day, else from every grid's events folded by date.
 */
async function countsUnder(db: Kysely<DB>, scope: Scope, units: readonly { id: number; path: string; level: string }[], asOf: string) {
  if (await repo.surveyStatesHoldOn(db, scope, asOf)) {
    const counts = await repo.surveyCountsUnder(db, scope, units, asOf);
    const gridStates = await repo.storedStatesOfGrids(db, units.filter((u) => u.level === 'grid').map((u) => u.id));
    return {
      count: (u: { id: number }) => counts.get(u.id) ?? { grids: 0, started: 0, completed: 0 },
      stateOf: (gridId: number): SurveyState => gridStates.get(gridId) ?? 'not_started',
    };
  }
  const states = await statesAsOf(db, scope, asOf);
  return {
    count: (u: { path: string }) => countUnder(states, u.path),
    stateOf: (gridId: number): SurveyState => states.find((s) => s.grid.id === gridId)?.state ?? 'not_started',
  };
}

function countUnder(states: { grid: repo.GridRow; state: SurveyState }[], path: string) {
  const mine = states.filter((s) => s.grid.path.startsWith(path));
  return {
    grids: mine.length,
    started: mine.filter((s) => s.state !== 'not_started').length,
    completed: mine.filter((s) => s.state === 'completed').length,
  };
}

export async function surveyProgress(ctx: ServiceCtx, query: { asOf?: string | undefined; unitId?: number | undefined }) {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const asOf = query.asOf ?? officeToday();
  const units = await repo.unitsInScope(ctx.db, scope);
  const top: Unit | undefined = query.unitId ? units.find((u) => u.id === query.unitId) : units[0];
  if (!top) throw notFound();
  const isOpen = (u: Unit) => u.openedOn <= asOf && (u.closedOn === null || u.closedOn > asOf);
  const children = top.level === 'grid' ? [top] : units.filter((u) => u.parentId === top.id && isOpen(u));
  const counts = await countsUnder(ctx.db, scope, [top, ...children], asOf);
  const rows = children.map((u) => {
    const c = counts.count(u);
    return { unitId: u.id, name: u.name, level: u.level, ...c, rate: floorPercent(c.completed, c.grids), state: u.level === 'grid' ? counts.stateOf(u.id) : null };
  });
  const total = counts.count(top);
  return { asOf, unit: { id: top.id, name: top.name, level: top.level }, rows, total: { ...total, rate: floorPercent(total.completed, total.grids) } };
}

/** 四区自备井排查进度表: one row per district in scope, in org order, as of the end of `asOf`. */
export async function surveyReport(ctx: ServiceCtx, asOf: string): Promise<SurveyReportView> {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const units = await repo.unitsInScope(ctx.db, scope);
  const districts = units.filter((u) => u.level === 'district' && u.openedOn <= asOf && (u.closedOn === null || u.closedOn > asOf));
  if (districts.length === 0) throw badRequest('管辖范围内没有区级单位，无法生成分区进度表');
  const counts = await countsUnder(ctx.db, scope, districts, asOf);
  return surveyProgressTable(asOf, districts.map((d) => ({ district: d.name, ...counts.count(d) })));
}

// ---------------------------------------------------------------- cards

export async function listGridCards(ctx: ServiceCtx, gridId: number): Promise<CardView[]> {
  const scope = scopeFor(ctx.actor, 'survey.read');
  if (!(await repo.findGrid(ctx.db, scope, gridId))) throw notFound();
  const cards = await repo.listCards(ctx.db, scope, { gridId });
  const photos = await repo.photosOfCards(ctx.db, cards.map((c) => c.id));
  return cards.map((c) => presentCard(c, photos));
}

export async function getCard(ctx: ServiceCtx, id: number): Promise<CardView> {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const card = await repo.findCard(ctx.db, scope, id);
  if (!card) throw notFound();
  return presentCard(card, await repo.photosOfCards(ctx.db, [id]));
}

const MASKED_PHONE = '联系电话是遮蔽后的号码（带 *），请填写完整号码；不修改时保持原样即可';

/**
 * The edit rule for the masked phone, applied to every save (form, sheet import, field app):
 * the mask of the stored number sent back means unchanged; other stars are refused.
 */
function unmaskedPhone(submitted: string | null, stored: string | null): string | null {
  const kept = keepUnlessChanged(submitted, stored, maskPhone);
  if (!kept.ok) throw badRequest(MASKED_PHONE, { fields: [{ field: 'contactPhone', message: MASKED_PHONE }] });
  return kept.value;
}

export function checkCard(input: CardBody) {
  const problems = cardProblems(input, officeToday());
  if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'), { fields: problems });
}

export const cardValues = (b: CardBody, surveyedBy: string) => ({
  kind: b.kind, name: b.name, address: b.address, contactName: b.contactName, contactPhone: b.contactPhone, industry: b.industry,
  tapAccounts: [...new Set(b.tapAccounts)], households: b.households, persons: b.persons, beds: b.beds, areaM2: b.areaM2,
  wellsDeclared: b.wellsDeclared, waterSource: b.waterSource, lat: b.lat, lng: b.lng, gpsAccuracyM: b.gpsAccuracyM,
  surveyedBy, surveyedOn: b.surveyedOn, remarks: b.remarks, pledgeSigned: b.pledgeSigned, pledgeStamped: b.pledgeStamped, pledgeDate: b.pledgeDate,
});

/** Saves a card; the grid's survey starts with its first card ("first card or explicit start"). */
export async function saveNewCard(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, gridId: number, values: ReturnType<typeof cardValues>) {
  const grid = await repo.findGrid(trx, scope, gridId);
  if (!grid || grid.closedOn) throw notFound();
  const events = await repo.eventsOfGrids(trx, scope, [gridId]);
  const state = surveyStateAt(events, FAR_FUTURE);
  if (state === 'completed') throw badRequest(`网格“${grid.name}”已完成排查，新增一户一卡前请先重新打开（须填写原因）`);
  unmaskedPhone(values.contactPhone, null);
  if (state === 'not_started') {
    const onDate = [values.surveyedOn, officeToday()].sort()[0]!;
    await addSurveyEvents(trx, [{ gridId, event: 'start', onDate, reason: null, summary: null, actorName: ctx.actor.displayName }]);
  }
  const { id } = await repo.insertCard(trx, gridId, values, ctx.actor.userId > 0 ? ctx.actor.userId : null);
  const saved = (await repo.findCard(trx, scope, id))!;
  await repo.insertCardVersion(trx, { cardId: id, version: saved.version, data: cardSnapshot(saved), changedBy: ctx.actor.displayName });
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'user_card', entityId: id, orgPath: grid.path,
    summary: `网格“${grid.name}”新增一户一卡：${values.name}`, after: maskedSnapshot(cardSnapshot(saved)),
  });
  return saved;
}

export async function saveCardUpdate(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, id: number, version: number, values: ReturnType<typeof cardValues>) {
  const before = await repo.findCard(trx, scope, id);
  if (!before) throw notFound();
  values = { ...values, contactPhone: unmaskedPhone(values.contactPhone, before.contactPhone) };
  await repo.updateCard(trx, id, version, values);
  const after = (await repo.findCard(trx, scope, id))!;
  await repo.insertCardVersion(trx, { cardId: id, version: after.version, data: cardSnapshot(after), changedBy: ctx.actor.displayName });
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'user_card', entityId: id, orgPath: before.gridPath,
    summary: `修改一户一卡：${before.name}（${before.gridName}）`, before: maskedSnapshot(cardSnapshot(before)), after: maskedSnapshot(cardSnapshot(after)),
  });
  return after;
}

export async function createCard(ctx: ServiceCtx, input: CardBody & { gridId: number }): Promise<CardView> {
  requireCapability(ctx.actor, 'survey.edit');
  const scope = scopeFor(ctx.actor, 'survey.edit');
  checkCard(input);
  const saved = await ctx.db.transaction().execute((trx) => saveNewCard(trx, ctx, scope, input.gridId, cardValues(input, ctx.actor.displayName)));
  return presentCard(saved, []);
}

export async function updateCard(ctx: ServiceCtx, id: number, input: CardBody & { version: number }): Promise<CardView> {
  requireCapability(ctx.actor, 'survey.edit');
  const scope = scopeFor(ctx.actor, 'survey.edit');
  checkCard(input);
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findCard(trx, scope, id);
    if (!before) throw notFound();
    return saveCardUpdate(trx, ctx, scope, id, input.version, cardValues(input, before.surveyedBy));
  });
  return presentCard(saved, await repo.photosOfCards(ctx.db, [id]));
}

export async function cardVersions(ctx: ServiceCtx, id: number) {
  const scope = scopeFor(ctx.actor, 'survey.read');
  if (!(await repo.findCard(ctx.db, scope, id))) throw notFound();
  const kept = (await repo.listCardVersions(ctx.db, id)).map((v) => ({ version: v.version, changedBy: v.changedBy, changedAt: v.changedAt.toISOString(), data: maskedSnapshot(v.data as Record<string, unknown>), superseded: false }));
  // field edits that lost a conflict (网格员离线修改，采用了办公室版本) stay in the history, after the version kept instead
  const discarded = (await repo.listDiscardedCardVersions(ctx.db, id)).map((v) => ({ version: v.officeVersion, changedBy: v.changedBy, changedAt: v.changedAt.toISOString(), data: maskedSnapshot(v.data as Record<string, unknown>), superseded: true }));
  return [...kept, ...discarded].sort((a, b) => b.version - a.version || Number(a.superseded) - Number(b.superseded));
}

// ---------------------------------------------------------------- photos

export async function uploadPhoto(ctx: ServiceCtx, filesDir: string, cardId: number, input: { ownerType: 'card' | 'pledge'; fileName: string; data: Buffer }): Promise<PhotoView> {
  requireCapability(ctx.actor, 'survey.edit');
  const scope = scopeFor(ctx.actor, 'survey.edit');
  const card = await repo.findCard(ctx.db, scope, cardId);
  if (!card) throw notFound();
  const stored = await storePhoto(filesDir, input.data, input.fileName);
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      const p = await repo.insertPhoto(trx, { ...stored, ownerType: input.ownerType, ownerId: cardId, orgPath: card.gridPath, uploadedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
      await insertAudit(trx, {
        ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: card.gridPath,
        summary: `上传${input.ownerType === 'pledge' ? '承诺书扫描件' : '照片'}：${card.name}（${card.gridName}）`,
      });
      return p;
    });
    return presentPhoto(row);
  } catch (err) {
    discardPhoto(filesDir, stored.storageKey);
    throw err;
  }
}

/** Any photo (cards, pledges, wells, tips, inspections, findings), through its owner's read capability and the caller's scope. */
export async function readPhoto(ctx: ServiceCtx, filesDir: string, id: number): Promise<{ mime: string; data: Buffer; fileName: string }> {
  const scopes = {
    survey: hasCapability(ctx.actor, 'survey.read') ? scopeFor(ctx.actor, 'survey.read') : null,
    wells: hasCapability(ctx.actor, 'wells.read') ? scopeFor(ctx.actor, 'wells.read') : null,
    tips: hasCapability(ctx.actor, 'tips.read') ? scopeFor(ctx.actor, 'tips.read') : null,
    inspections: hasCapability(ctx.actor, 'inspections.read') ? scopeFor(ctx.actor, 'inspections.read') : null,
    findings: hasCapability(ctx.actor, 'findings.read') ? scopeFor(ctx.actor, 'findings.read') : null,
  };
  const photo = await repo.findPhoto(ctx.db, scopes, id);
  if (!photo) throw notFound();
  const data = readStoredPhoto(filesDir, photo.storageKey);
  if (!data) throw notFound();
  return { mime: photo.mime, data, fileName: photo.fileName };
}

// ---------------------------------------------------------------- problem lists

export async function surveyIssues(ctx: ServiceCtx, query: { kind: 'pledges' | 'no-shops' | 'no-tap'; unitId?: number | undefined; page: number; pageSize: number }) {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const under = query.unitId ? await repo.findUnitInScope(ctx.db, scope, query.unitId) : undefined;
  if (query.unitId && !under) throw notFound();
  const slice = <T>(xs: T[]) => xs.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  if (query.kind !== 'no-shops') {
    // filtered, counted and paged in SQL; names only for the page's grids
    const { total, cards } = await repo.pageCardIssues(ctx.db, scope, { ...(under ? { underPath: under.path } : {}), issue: query.kind }, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
    const names = await parentNames(ctx.db, cards.map((c) => c.gridPath));
    return {
      kind: query.kind, total, grids: [],
      cards: cards.map((c) => ({ id: c.id, name: c.name, kind: c.kind, gridId: c.gridId, gridName: c.gridName, district: names.get(c.gridPath)?.[0] ?? '', pledgeStatus: pledgeStatus(c), waterSource: c.waterSource })),
    };
  }
  // completed grids without a shop card
  const grids = await repo.listGrids(ctx.db, scope, under ? { underPath: under.path } : {});
  const gridIds = new Set(grids.map((g) => g.id));
  const names = await parentNames(ctx.db, grids.map((g) => g.path));
  const facts = (await repo.cardFacts(ctx.db, scope, under ? { underPath: under.path } : {})).filter((c) => gridIds.has(c.gridId));
  const events = groupBy(await repo.eventsOfGrids(ctx.db, scope), (e) => e.gridId);
  const cardsBy = groupBy(facts, (c) => c.gridId);
  const list = grids.filter((g) => {
    const state = surveyStateAt(events.get(g.id) ?? [], FAR_FUTURE);
    return state === 'completed' && !(cardsBy.get(g.id) ?? []).some((c) => c.kind === 'shop');
  });
  return {
    kind: query.kind, total: list.length, cards: [],
    grids: slice(list).map((g) => ({ gridId: g.id, code: g.code, name: g.name, district: names.get(g.path)?.[0] ?? '', cards: cardsBy.get(g.id)?.length ?? 0, completedOn: completedOn(events.get(g.id) ?? [], 'completed') })),
  };
}

// ---------------------------------------------------------------- sheets: cards and progress

export async function importCardSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }, onProgress: Progress = () => {}) {
  requireCapability(ctx.actor, 'survey.import');
  const scope = scopeFor(ctx.actor, 'survey.import');
  onProgress(0, 1, '读取文件');
  const sheet = await readSheet(input.data, input.fileName);
  const { rows, errors } = readCardSheet(sheet.header, sheet.body, sheet.firstDataRow, officeToday());
  if (errors.length) throw rowErrors(errors);
  return ctx.db.transaction().execute(async (trx) => {
    const grids = new Map((await repo.gridsByCodes(trx, scope, [...new Set(rows.map((r) => r.gridCode))])).map((g) => [g.code, g]));
    const existing = new Map((await repo.listCards(trx, scope, { ids: rows.flatMap((r) => (r.id ? [r.id] : [])) })).map((c) => [c.id, c]));
    const bad: { row: number; column: string; message: string }[] = [];
    for (const r of rows) {
      const grid = grids.get(r.gridCode);
      if (!grid) bad.push({ row: r.rowNumber, column: '网格编号', message: `网格“${r.gridCode}”不存在、已关闭或不在管辖范围内` });
      if (r.id !== null) {
        const card = existing.get(r.id);
        if (!card) bad.push({ row: r.rowNumber, column: '卡片编号', message: `卡片编号 ${r.id} 不存在或不在管辖范围内` });
        else if (grid && card.gridId !== grid.id) bad.push({ row: r.rowNumber, column: '网格编号', message: `卡片 ${r.id} 属于网格“${card.gridCode}”，不能改到其他网格` });
      }
      // the export masks phones: a row's own mask back keeps the stored number, other stars are an error
      const kept = keepUnlessChanged(r.card.contactPhone, r.id !== null ? (existing.get(r.id)?.contactPhone ?? null) : null, maskPhone);
      if (kept.ok) r.card.contactPhone = kept.value;
      else bad.push({ row: r.rowNumber, column: '联系电话', message: MASKED_PHONE });
    }
    if (bad.length) throw rowErrors(bad);
    let created = 0, updated = 0, unchanged = 0, done = 0;
    for (const r of rows) {
      const before = r.id !== null ? existing.get(r.id) : undefined;
      if (before && sameCard(cardInputOf(before), r.card)) unchanged += 1;
      else if (before) {
        updated += 1;
        if (!input.dryRun) await saveCardUpdate(trx, ctx, scope, before.id, before.version, { ...r.card, gpsAccuracyM: before.gpsAccuracyM });
      } else {
        created += 1;
        if (!input.dryRun) await saveNewCard(trx, ctx, scope, grids.get(r.gridCode)!.id, { ...r.card, gpsAccuracyM: null });
      }
      if (++done % 100 === 0) onProgress(done, rows.length, '写入');
    }
    onProgress(rows.length, rows.length, '完成');
    return { applied: !input.dryRun, created, updated, unchanged };
  }).catch((err: unknown) => {
    if (err instanceof Error && err.message.includes('已完成排查')) throw badRequest(`${err.message}（导入新增的一户一卡所在网格须处于排查中）`);
    throw err;
  });
}

function cardInputOf(c: repo.CardRecord): CardInput {
  return {
    kind: c.kind, name: c.name, address: c.address, contactName: c.contactName, contactPhone: c.contactPhone, industry: c.industry,
    tapAccounts: c.tapAccounts, households: c.households, persons: c.persons, beds: c.beds, areaM2: c.areaM2, wellsDeclared: c.wellsDeclared,
    waterSource: c.waterSource, lat: c.lat, lng: c.lng, surveyedBy: c.surveyedBy, surveyedOn: c.surveyedOn, remarks: c.remarks,
    pledgeSigned: c.pledgeSigned, pledgeStamped: c.pledgeStamped, pledgeDate: c.pledgeDate,
  };
}

export async function exportCardSheet(ctx: ServiceCtx, unitId?: number): Promise<Buffer> {
  const scope = scopeFor(ctx.actor, 'survey.read');
  const under = unitId ? await repo.findUnitInScope(ctx.db, scope, unitId) : undefined;
  if (unitId && !under) throw notFound();
  const cards = await repo.listCards(ctx.db, scope, under ? { underPath: under.path } : {});
  // phones masked (PIPL); re-importing the sheet unchanged keeps the stored numbers
  return writeXlsx('一户一卡', CARD_SHEET_COLUMNS.map((c) => c.label), cards.map((c) => cardToSheetRow({ ...cardInputOf(c), contactPhone: maskPhone(c.contactPhone), id: c.id, gridCode: c.gridCode })));
}

export async function cardTemplate(): Promise<Buffer> {
  return writeXlsx('一户一卡', CARD_SHEET_COLUMNS.map((c) => c.label), []);
}

/** Loads survey progress kept elsewhere: 网格编号, 开始排查日期, 完成排查日期. */
export async function importSurveySheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }, onProgress: Progress = () => {}) {
  requireCapability(ctx.actor, 'survey.import');
  const scope = scopeFor(ctx.actor, 'survey.import');
  onProgress(0, 1, '读取文件');
  const sheet = await readSheet(input.data, input.fileName);
  const read = readSurveySheet(sheet.header, sheet.body, sheet.firstDataRow);
  if (read.errors.length) throw rowErrors(read.errors);
  return ctx.db.transaction().execute(async (trx) => {
    const grids = await repo.gridsByCodes(trx, scope, [...new Set(read.rows.map((r) => r.gridCode))]);
    const events = groupBy(await repo.eventsOfGrids(trx, scope, grids.map((g) => g.id)), (e) => e.gridId);
    const plan = planSurveyImport(read.rows, new Map(grids.map((g) => [g.code, { id: g.id, events: events.get(g.id) ?? [] }])), officeToday());
    if (plan.errors.length) throw rowErrors(plan.errors);
    if (!input.dryRun) {
      for (let i = 0; i < plan.events.length; i += 100) {
        await addSurveyEvents(trx, plan.events.slice(i, i + 100).map((e) => ({ gridId: e.gridId, event: e.event, onDate: e.onDate, reason: null, summary: null, actorName: ctx.actor.displayName })));
        if (i + 100 < plan.events.length) onProgress(i + 100, plan.events.length, '写入');
      }
      if (plan.events.length) {
        const city = (await repo.unitsInScope(trx, scope))[0];
        await insertAudit(trx, {
          ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'grid_survey', entityId: null, orgPath: city?.path ?? null,
          summary: `导入排查进度（${input.fileName}）：${plan.grids} 个网格、${plan.events.length} 条记录`,
        });
      }
    }
    onProgress(1, 1, '完成');
    return { applied: !input.dryRun, grids: plan.grids, events: plan.events.length, unchanged: plan.unchanged };
  });
}
