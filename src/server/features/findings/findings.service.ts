import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import {
  categoryFromText, categoryLabel, FINDING_CATEGORIES, FINDING_CATEGORY_LABELS, FINDING_EVENT_LABELS, FINDING_STATE_LABELS, FINDING_STATES, findingAsOf, FindingRuleError,
  isFindingOverdue, isMissedWell, missedWellReopen, nextFindingEvents, transitionFinding, type FindingEvent, type FindingEventData, type FindingEventKind, type FindingState,
} from '../../../domain/inspection/finding.js';
import { findingsSummary, weekEnding, type SummaryInspection, type SummaryUnit } from '../../../domain/inspection/findings-summary.js';
import { planFindingSheet, type PlannedFinding } from '../../../domain/inspection/finding-sheet.js';
import { INSPECTION_METHODS, type InspectionTarget } from '../../../domain/inspection/inspection.js';
import { surveyStateAt } from '../../../domain/survey/survey-state.js';
import { addWorkingDays } from '../../../domain/tip/workflow.js';
import { officeFor, requireCapability } from '../../auth/policies.js';
import { hasCapability, narrowScope, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound, rowErrors } from '../../http/errors.js';
import { holdVersion } from '../../db/hold-version.js';
import { discardPhoto, storePhoto } from '../../files/photo-store.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { officeLabel, placesOf, type Place } from '../org/org.places.js';
import { presentPhoto } from '../survey/survey.presenter.js';
import * as surveyRepo from '../survey/survey.repo.js';
import { readSetting, writeSetting } from '../system/settings.repo.js';
import type { FindingView, RaiseFindingBody } from './findings.schema.js';
import * as repo from './findings.repo.js';
import { addFindingEvents, refreshFindingStates } from './findings.state.js';
import { addSurveyEvents } from '../survey/survey.state.js';

const FAR_FUTURE = '9999-12-31';
export const DEFAULT_RECTIFY_WORKING_DAYS = 5;

type EventRow = Pick<Awaited<ReturnType<typeof repo.eventsOf>>[number], 'event' | 'onDate' | 'data'>;
const asEvent = (e: EventRow): FindingEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as FindingEventData });

// ---------------------------------------------------------------- vocabulary (extendable lists)

export async function vocabulary(db: Kysely<DB>): Promise<{ extraCategories: string[]; extraMethods: string[] }> {
  const v = ((await readSetting(db, 'inspection_vocabulary')) ?? {}) as { extraCategories?: string[]; extraMethods?: string[] };
  return { extraCategories: v.extraCategories ?? [], extraMethods: v.extraMethods ?? [] };
}

export async function vocabularyView(ctx: ServiceCtx) {
  if (!hasCapability(ctx.actor, 'inspections.read') && !hasCapability(ctx.actor, 'findings.read')) requireCapability(ctx.actor, 'findings.read');
  const v = await vocabulary(ctx.db);
  return {
    categories: [
      ...FINDING_CATEGORIES.map((c) => ({ code: c, label: FINDING_CATEGORY_LABELS[c], builtIn: true })),
      ...v.extraCategories.map((c) => ({ code: c, label: c, builtIn: false })),
    ],
    methods: [...INSPECTION_METHODS.map((m) => ({ label: m, builtIn: true })), ...v.extraMethods.map((m) => ({ label: m, builtIn: false }))],
  };
}

/** The city office extends the lists of finding categories and inspection methods. */
export async function saveVocabulary(ctx: ServiceCtx, input: { extraCategories: string[]; extraMethods: string[] }) {
  requireCapability(ctx.actor, 'findings.verify');
  if (!scopeFor(ctx.actor, 'findings.verify').roles.includes('city')) throw badRequest('只有市封停办可以维护问题类别和检查方法');
  const builtInCategories = new Set<string>([...FINDING_CATEGORIES, ...Object.values(FINDING_CATEGORY_LABELS)]);
  const clash = input.extraCategories.find((c) => builtInCategories.has(c));
  if (clash) throw badRequest(`“${clash}”已是内置问题类别`);
  const clean = (xs: string[], builtIn: readonly string[]) => [...new Set(xs.map((x) => x.trim()))].filter((x) => x && !builtIn.includes(x));
  const next = { extraCategories: clean(input.extraCategories, []), extraMethods: clean(input.extraMethods, INSPECTION_METHODS) };
  const before = await vocabulary(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'inspection_vocabulary', next);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'setting', entityId: null, orgPath: null, summary: '修改问题类别和检查方法清单', before, after: next });
  });
  return vocabularyView(ctx);
}

// ---------------------------------------------------------------- views

async function present(db: Kysely<DB>, actor: ServiceCtx['actor'], rows: readonly repo.FindingRow[], day: string): Promise<FindingView[]> {
  const events = await repo.eventsOf(db, rows.map((r) => r.id));
  const place = await placesOf(db, [...rows.map((r) => r.orgPath), ...rows.map((r) => r.raisedPath)]);
  const gridIds = rows.map((r) => r.gridId).filter((x): x is number => x !== null);
  const grids = new Map((await surveyRepo.unitsByIds(db, gridIds)).map((g) => [g.id, g]));
  const wells = new Map((await repo.wellCodes(db, rows.map((r) => r.wellId).filter((x): x is number => x !== null))).map((w) => [w.id, w.code]));
  const inspections = new Map((await repo.inspectionTitles(db, rows.map((r) => r.inspectionId).filter((x): x is number => x !== null))).map((i) => [i.id, i.title]));
  const rectify = hasCapability(actor, 'findings.rectify') ? scopeFor(actor, 'findings.rectify') : null;
  const verify = hasCapability(actor, 'findings.verify') ? scopeFor(actor, 'findings.verify') : null;
  const byFinding = new Map<number, typeof events>();
  for (const e of events) (byFinding.get(e.findingId) ?? byFinding.set(e.findingId, []).get(e.findingId)!).push(e);
  return rows.map((r) => {
    const facts = findingAsOf((byFinding.get(r.id) ?? []).map(asEvent), day);
    const p = place(r.orgPath);
    const raiser = place(r.raisedPath).unit;
    const mayDo = (e: FindingEventKind) => (e === 'start' || e === 'submit' ? !!rectify && pathInScope(rectify, r.orgPath) : !!verify && pathInScope(verify, r.raisedPath));
    return {
      id: r.id, foundOn: r.foundOn, category: r.category, categoryLabel: categoryLabel(r.category), description: r.description, unitId: r.unitId, districtId: r.districtId,
      district: p.district ? (p.district.shortName ?? p.district.name) : '', place: p.names, raisedBy: officeLabel(raiser),
      inspectionId: r.inspectionId, inspectionTitle: r.inspectionId ? (inspections.get(r.inspectionId) ?? null) : null,
      gridId: r.gridId, gridName: r.gridId ? (grids.get(r.gridId)?.name ?? null) : null, cardId: r.cardId, wellId: r.wellId, wellCode: r.wellId ? (wells.get(r.wellId) ?? null) : null,
      deadline: r.deadline, state: facts.state, stateLabel: FINDING_STATE_LABELS[facts.state], overdue: isFindingOverdue(facts, r.deadline, day),
      submittedOn: facts.submittedOn, closedOn: facts.closedOn, returns: facts.returns, next: nextFindingEvents(facts).filter(mayDo), version: r.version,
    };
  });
}

type ListQuery = {
  districtId?: number | undefined; state?: FindingState | undefined; category?: string | undefined; overdue?: 'true' | 'false' | undefined;
  from?: string | undefined; to?: string | undefined; q?: string | undefined; page: number; pageSize: number;
};

export async function listFindingsFor(ctx: ServiceCtx, q: ListQuery) {
  const scope = scopeFor(ctx.actor, 'findings.read');
  const day = officeToday();
  const filter: repo.FindingFilter = {
    ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.q ? { q: q.q } : {}),
    ...(q.districtId ? { districtId: q.districtId } : {}), ...(q.category ? { category: q.category } : {}),
  };
  const filtered = !!(q.state || q.overdue);
  const pageSpan = { offset: (q.page - 1) * q.pageSize, limit: q.pageSize };
  let total: number;
  let pageIds: number[];
  if (!filtered || (await repo.statesHoldOn(ctx.db, scope, filter, day))) {
    // the stored states are today's (no finding has a later event): filter, count and page in SQL
    const stateFilter: repo.FindingStateFilter = { ...(q.state ? { state: q.state } : {}), ...(q.overdue ? { overdueOn: { day, overdue: q.overdue === 'true' } } : {}) };
    ({ total, ids: pageIds } = await repo.pageByState(ctx.db, scope, { ...filter, ...stateFilter }, pageSpan));
  } else {
    // a finding dated after today or not folded: fold only the events (the rule of the views)
    const events = new Map<number, FindingEvent[]>();
    for (const e of await repo.eventFactsOf(ctx.db, scope, filter)) (events.get(e.findingId) ?? events.set(e.findingId, []).get(e.findingId)!).push(asEvent(e));
    const keys = (await repo.listFindingKeys(ctx.db, scope, filter)).filter((k) => {
      const facts = findingAsOf(events.get(k.id) ?? [], day);
      return (!q.state || facts.state === q.state) && (!q.overdue || (q.overdue === 'true') === isFindingOverdue(facts, k.deadline, day));
    });
    total = keys.length;
    pageIds = keys.slice(pageSpan.offset, pageSpan.offset + pageSpan.limit).map((k) => k.id);
  }
  // the whole list (the board, the export): read by the filter rather than by thousands of ids
  const rows = pageIds.length === 0 ? [] : pageIds.length === total && !filtered ? await repo.listFindings(ctx.db, scope, filter) : await rowsInOrder(ctx.db, scope, pageIds);
  return { total, findings: await present(ctx.db, ctx.actor, rows, day) };
}

/** Rows by id in the given order, read in chunks (a statement takes at most 65,535 parameters). */
async function rowsInOrder(db: Kysely<DB>, scope: Scope, ids: readonly number[]): Promise<repo.FindingRow[]> {
  const byId = new Map<number, repo.FindingRow>();
  for (let i = 0; i < ids.length; i += 5000) for (const r of await repo.listFindings(db, scope, { ids: ids.slice(i, i + 5000) })) byId.set(r.id, r);
  return ids.map((id) => byId.get(id)).filter((r): r is repo.FindingRow => r !== undefined);
}

export async function findingsOfInspection(ctx: ServiceCtx, inspectionId: number): Promise<FindingView[]> {
  if (!hasCapability(ctx.actor, 'findings.read')) return [];
  const rows = await repo.listFindings(ctx.db, scopeFor(ctx.actor, 'findings.read'), { inspectionId });
  return present(ctx.db, ctx.actor, [...rows].reverse(), officeToday());
}

/** Findings by id as the caller sees them (those outside their findings scope left out), newest first: a record's own findings (a heat-pump project's). */
export async function findingViews(ctx: ServiceCtx, ids: readonly number[]): Promise<FindingView[]> {
  if (ids.length === 0 || !hasCapability(ctx.actor, 'findings.read')) return [];
  const rows = await repo.listFindings(ctx.db, scopeFor(ctx.actor, 'findings.read'), { ids: [...ids] });
  return present(ctx.db, ctx.actor, rows, officeToday());
}

export async function getFinding(ctx: ServiceCtx, id: number) {
  const scope = scopeFor(ctx.actor, 'findings.read');
  const row = await repo.findFinding(ctx.db, scope, id);
  if (!row) throw notFound();
  const [view] = await present(ctx.db, ctx.actor, [row], officeToday());
  const events = await repo.eventsOf(ctx.db, [id]);
  const reopened = row.gridId !== null && isMissedWell(row.category)
    ? (await surveyRepo.eventsOfGrids(ctx.db, scope, [row.gridId])).some((e) => e.event === 'reopen' && e.reason?.startsWith('问题整改（漏排）') && e.onDate >= row.foundOn)
    : false;
  return {
    ...view!,
    events: events.map((e) => ({ event: e.event, onDate: e.onDate, data: e.data as FindingEventData, actorName: e.actorName, at: e.at.toISOString() })),
    photos: (await repo.photosOf(ctx.db, id)).map(presentPhoto),
    gridReopened: reopened,
  };
}

/** 问题整改看板: per district in org order, how many findings stand in each state, how many are late. */
export async function findingsBoard(ctx: ServiceCtx) {
  const scope = scopeFor(ctx.actor, 'findings.read');
  const all = await listFindingsFor(ctx, { page: 1, pageSize: 1_000_000 });
  const districts = (await repo.allDistricts(ctx.db)).filter((d) => all.findings.some((f) => f.districtId === d.id) || pathInScope(scope, d.path));
  return {
    asOf: officeToday(),
    districts: districts.map((d) => {
      const mine = all.findings.filter((f) => f.districtId === d.id);
      const counts = Object.fromEntries(FINDING_STATES.map((s) => [s, mine.filter((f) => f.state === s).length])) as Record<FindingState, number>;
      return { districtId: d.id, district: d.shortName ?? d.name, total: mine.length, overdue: mine.filter((f) => f.overdue).length, counts };
    }),
  };
}

// ---------------------------------------------------------------- raising a finding

/**
 * Raises a finding inside a transaction: checks the owner and the evidence lie in the caller's
 * scope (and the evidence inside the owner), and sends the grid of a missed well (漏排) back to
 * surveying. Returns the new id.
 */
export async function raiseFindingIn(trx: Kysely<DB>, ctx: ServiceCtx, input: RaiseFindingBody): Promise<number> {
  requireCapability(ctx.actor, 'findings.raise');
  const scope = scopeFor(ctx.actor, 'findings.raise');
  const office = officeFor(ctx.actor, 'findings.raise');
  const today = officeToday();
  if (input.foundOn > today) throw badRequest('发现日期不能晚于今天');
  if (input.deadline && input.deadline < input.foundOn) throw badRequest('整改期限不能早于发现日期');
  const category = categoryFromText(input.category, (await vocabulary(trx)).extraCategories);
  if (!category) throw badRequest(`问题类别“${input.category}”不在清单中`);
  const unit = await repo.unitInScope(trx, scope, input.unitId);
  if (!unit) throw notFound();
  if (unit.level === 'city') throw badRequest('问题须落实到区、街道、社区或网格');
  const place = (await placesOf(trx, [unit.path]))(unit.path);
  const district = place.district!;

  // the evidence: a grid, a card, a well — each must lie inside the unit that owns the problem
  let gridId = input.gridId;
  if (gridId) {
    const grid = await repo.unitInScope(trx, scope, gridId);
    if (!grid || grid.level !== 'grid') throw badRequest('请选择一个网格');
    if (!grid.path.startsWith(unit.path)) throw badRequest(`网格“${grid.name}”不在“${unit.name}”内`);
  }
  if (input.cardId) {
    const card = await repo.cardGrid(trx, input.cardId);
    if (!card || !pathInScope(scope, card.path)) throw notFound();
    if (!card.path.startsWith(unit.path)) throw badRequest('关联的一户一卡不在责任单位内');
    gridId ??= card.gridId;
  }
  if (input.wellId) {
    const well = await repo.wellPlace(trx, input.wellId);
    if (!well || !pathInScope(scope, well.orgPath)) throw notFound();
    if (!well.orgPath.startsWith(unit.path)) throw badRequest(`井 ${well.code} 不在责任单位内`);
    if (well.level === 'grid') gridId ??= well.unitId;
  }
  if (unit.level === 'grid') gridId ??= unit.id;
  if (isMissedWell(category) && !gridId) throw badRequest('漏排问题须关联网格（或该网格的一户一卡、井），以便退回该网格重新排查');

  const { id } = await repo.insertFinding(trx, {
    foundOn: input.foundOn, category, description: input.description, unitId: unit.id, districtId: district.id, orgPath: unit.path,
    raisedByUnitId: office.id, raisedPath: office.path, inspectionId: input.inspectionId, gridId: gridId ?? null, cardId: input.cardId, wellId: input.wellId,
    deadline: input.deadline ?? addWorkingDays(input.foundOn, DEFAULT_RECTIFY_WORKING_DAYS),
  });
  await refreshFindingStates(trx, [id]);
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'finding', entityId: id, orgPath: unit.path,
    summary: `登记问题（${categoryLabel(category)}）：${place.names.join('')}，${input.description.slice(0, 60)}`, after: { ...input, category },
  });
  if (isMissedWell(category) && gridId) await reopenGridForMissedWell(trx, ctx, scope, gridId, { foundOn: input.foundOn, description: input.description });
  return id;
}

async function reopenGridForMissedWell(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, gridId: number, finding: { foundOn: string; description: string }) {
  const history = await surveyRepo.eventsOfGrids(trx, scope, [gridId]);
  const reopen = missedWellReopen(surveyStateAt(history, FAR_FUTURE), history.at(-1)?.onDate ?? null, finding);
  if (!reopen) return;
  const grid = (await surveyRepo.unitsByIds(trx, [gridId]))[0]!;
  await addSurveyEvents(trx, [{ gridId, event: 'reopen', onDate: reopen.onDate, reason: reopen.reason, summary: null, actorName: ctx.actor.displayName }]);
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'survey_reopen', entityType: 'grid_survey', entityId: gridId, orgPath: grid.path,
    summary: `网格“${grid.name}”因漏排问题退回排查中（${reopen.onDate}）`, after: reopen,
  });
}

export async function raiseFinding(ctx: ServiceCtx, input: RaiseFindingBody) {
  if (input.inspectionId) {
    const insp = (await repo.inspectionTitles(ctx.db, [input.inspectionId]))[0];
    if (!insp || !pathInScope(scopeFor(ctx.actor, 'findings.raise'), insp.orgPath)) throw notFound();
  }
  const id = await ctx.db.transaction().execute((trx) => raiseFindingIn(trx, ctx, input));
  return getFinding(ctx, id);
}

// ---------------------------------------------------------------- rectification

export async function recordFindingEvent(ctx: ServiceCtx, id: number, input: { event: FindingEventKind; onDate?: string | undefined; data: FindingEventData; version: number }) {
  const capability = input.event === 'start' || input.event === 'submit' ? 'findings.rectify' : 'findings.verify';
  requireCapability(ctx.actor, capability);
  const scope = scopeFor(ctx.actor, capability);
  const today = officeToday();
  const onDate = input.onDate ?? today;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findFinding(trx, scopeFor(ctx.actor, 'findings.read'), id);
    if (!row) throw notFound();
    // a step taken from a stale page is a conflict, whatever the step
    if (row.version !== input.version) throw conflict();
    await holdVersion(trx, 'findings', id, input.version);
    // rectifying is the owner's work; verifying belongs to the office that raised it
    if (!pathInScope(scope, capability === 'findings.rectify' ? row.orgPath : row.raisedPath)) {
      throw badRequest(capability === 'findings.rectify' ? '只有责任单位可以提交整改' : '只有提出问题的单位可以核验销号或退回');
    }
    if (onDate > today) throw badRequest('日期不能晚于今天');
    if (onDate < row.foundOn) throw badRequest(`日期不能早于发现日期（${row.foundOn}）`);
    const history = (await repo.eventsOf(trx, [id])).map(asEvent);
    const last = history.at(-1);
    if (last && onDate < last.onDate) throw badRequest(`日期不能早于上一步（${FINDING_EVENT_LABELS[last.event]}，${last.onDate}）`);
    const { imported: _ignored, ...data } = input.data;
    try {
      transitionFinding(findingAsOf(history, FAR_FUTURE), { event: input.event, onDate, data });
    } catch (err) {
      if (err instanceof FindingRuleError) throw badRequest(err.message);
      throw err;
    }
    await repo.bumpFinding(trx, id, input.version);
    await addFindingEvents(trx, [{ findingId: id, event: input.event, onDate, data, actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: `finding_${input.event}`, entityType: 'finding', entityId: id, orgPath: row.orgPath,
      summary: `问题 #${id}：${FINDING_EVENT_LABELS[input.event]}（${onDate}）`, after: data,
    });
  });
  return getFinding(ctx, id);
}

export async function uploadFindingPhoto(ctx: ServiceCtx, filesDir: string, id: number, input: { fileName: string; data: Buffer }) {
  const scope = hasCapability(ctx.actor, 'findings.rectify') ? scopeFor(ctx.actor, 'findings.rectify') : scopeFor(ctx.actor, 'findings.raise');
  const row = await repo.findFinding(ctx.db, scope, id);
  if (!row) throw notFound();
  const stored = await storePhoto(filesDir, input.data, input.fileName);
  try {
    const photo = await ctx.db.transaction().execute(async (trx) => {
      const p = await repo.insertPhoto(trx, { ...stored, ownerId: id, orgPath: row.orgPath, uploadedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
      await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: row.orgPath, summary: `上传问题 #${id} 的整改照片` });
      return p;
    });
    return presentPhoto(photo);
  } catch (err) {
    discardPhoto(filesDir, stored.storageKey);
    throw err;
  }
}

// ---------------------------------------------------------------- the weekly summary

/** Whose summary: the office the caller works for (or a unit they name inside their scope). */
async function summaryUnit(ctx: ServiceCtx, unitId?: number) {
  const scope = scopeFor(ctx.actor, 'findings.read');
  const id = unitId ?? officeFor(ctx.actor, 'findings.read').id;
  const unit = await repo.unitInScope(ctx.db, scope, id);
  if (!unit) throw notFound();
  if (unit.level !== 'city' && unit.level !== 'district') throw badRequest('一周问题汇总按市或区生成');
  return { unit, scope: narrowScope(scope, unit.path)! };
}

export async function generateSummary(db: Kysely<DB>, scope: Scope, weekEnd: string) {
  const week = weekEnding(weekEnd);
  const rows = await repo.listFindings(db, scope, { from: week.from, to: week.to });
  const inspections = await repo.inspectionsBetween(db, scope, week.from, week.to);
  const targetIds = inspections.flatMap((i) => (i.targets as InspectionTarget[]).filter((t) => t.kind === 'unit' && t.refId).map((t) => t.refId!));
  const targetUnits = new Map((await surveyRepo.unitsByIds(db, targetIds)).map((u) => [u.id, u]));
  const place = await placesOf(db, [...rows.map((r) => r.orgPath), ...[...targetUnits.values()].map((u) => u.path)]);
  const summaryUnit = (p: Place): SummaryUnit => ({
    level: (p.unit?.level ?? 'district') as SummaryUnit['level'], name: p.unit?.name ?? '', street: p.street?.name ?? null, community: p.community?.name ?? null,
  });
  const districts = (await repo.allDistricts(db)).filter((d) => scope.paths.some((s) => d.path.startsWith(s) || s.startsWith(d.path)));
  const summaryInspections: SummaryInspection[] = inspections.map((i) => ({
    id: i.id,
    onDate: i.onDate,
    units: (i.targets as InspectionTarget[]).flatMap((t) => {
      const u = t.kind === 'unit' && t.refId ? targetUnits.get(t.refId) : undefined;
      if (!u) return [];
      const p = place(u.path);
      return p.district ? [{ ...summaryUnit(p), districtId: p.district.id }] : [];
    }),
  }));
  return findingsSummary(
    week,
    districts.map((d) => ({ id: d.id, name: d.shortName ?? d.name })),
    rows.map((r) => ({ id: r.id, foundOn: r.foundOn, category: r.category, description: r.description, districtId: r.districtId, unit: summaryUnit(place(r.orgPath)) })),
    summaryInspections,
  );
}

export async function weeklySummary(ctx: ServiceCtx, q: { weekEnd?: string | undefined; unitId?: number | undefined }) {
  const { unit, scope } = await summaryUnit(ctx, q.unitId);
  const weekEnd = q.weekEnd ?? officeToday();
  const s = await generateSummary(ctx.db, scope, weekEnd);
  const edit = await repo.findSummaryEdit(ctx.db, unit.id, weekEnd);
  return {
    unitId: unit.id, unit: unit.name, from: s.from, to: s.to, generated: s.text, intro: s.intro,
    paragraphs: s.paragraphs.map((p) => ({ district: p.district, heading: p.heading, body: p.body, findingIds: p.findingIds })),
    edited: edit
      ? { text: edit.editedText, generatedText: edit.generatedText, editedBy: edit.editedBy, updatedAt: edit.updatedAt.toISOString(), version: edit.version, stale: edit.generatedText !== s.text }
      : null,
    text: edit?.editedText ?? s.text,
  };
}

/** Keeps an office's edit of the summary beside the generated text; the records stay as they are. */
export async function saveSummaryEdit(ctx: ServiceCtx, input: { weekEnd: string; unitId?: number | undefined; text: string; version: number | null }) {
  requireCapability(ctx.actor, 'findings.raise');
  const { unit, scope } = await summaryUnit(ctx, input.unitId);
  if (!pathInScope(scopeFor(ctx.actor, 'findings.raise'), unit.path)) throw notFound();
  const generated = await generateSummary(ctx.db, scope, input.weekEnd);
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.findSummaryEdit(trx, unit.id, input.weekEnd);
    const values = { generatedText: generated.text, editedText: input.text, editedBy: ctx.actor.displayName };
    if (existing) await repo.updateSummaryEdit(trx, existing.id, input.version ?? -1, values);
    else if (input.version !== null) throw badRequest('该周的汇总修改记录不存在，请刷新后重试');
    else await repo.insertSummaryEdit(trx, { ...values, unitId: unit.id, orgPath: unit.path, weekEnd: input.weekEnd });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'findings_summary', entityId: unit.id, orgPath: unit.path,
      summary: `修改一周问题汇总（${unit.name}，截至 ${input.weekEnd}）`, before: existing ? { text: existing.editedText } : { text: generated.text }, after: { text: input.text },
    });
  });
  return weeklySummary(ctx, { weekEnd: input.weekEnd, unitId: unit.id });
}

// ---------------------------------------------------------------- sheets

/** Loads findings kept in spreadsheets: every row, or none. */
export async function importFindingSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'findings.raise');
  const scope = scopeFor(ctx.actor, 'findings.raise');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const districts = (await repo.allDistricts(trx)).filter((d) => pathInScope(scope, d.path));
    const units = await repo.unitsUnder(trx, districts.map((d) => d.path));
    const plan = planFindingSheet(sheet.header, sheet.body, sheet.firstDataRow, { districts, units, extraCategories: (await vocabulary(trx)).extraCategories, today: officeToday() });
    if (plan.errors.length) throw rowErrors(plan.errors);
    if (!input.dryRun) await applyPlannedFindings(trx, ctx, plan.findings, input.fileName);
    return { applied: !input.dryRun, created: plan.findings.length };
  });
}

export async function applyPlannedFindings(trx: Kysely<DB>, ctx: ServiceCtx, findings: readonly PlannedFinding[], source: string, links: { inspectionId?: number | null; wellId?: number | null }[] = []) {
  const scope = scopeFor(ctx.actor, 'findings.raise');
  const office = officeFor(ctx.actor, 'findings.raise');
  const units = new Map((await surveyRepo.unitsByIds(trx, findings.map((f) => f.unitId))).map((u) => [u.id, u]));
  const events: Parameters<typeof addFindingEvents>[1][number][] = [];
  const ids: number[] = [];
  for (const [i, f] of findings.entries()) {
    const unit = units.get(f.unitId)!;
    const { id } = await repo.insertFinding(trx, {
      foundOn: f.foundOn, category: f.category, description: f.description, unitId: unit.id, districtId: f.districtId, orgPath: unit.path,
      raisedByUnitId: office.id, raisedPath: office.path, inspectionId: links[i]?.inspectionId ?? null, gridId: f.gridId, cardId: null, wellId: links[i]?.wellId ?? null,
      deadline: f.deadline,
    });
    ids.push(id);
    for (const e of f.events) events.push({ findingId: id, event: e.event, onDate: e.onDate, data: e.data, actorName: ctx.actor.displayName });
    // a missed well still open sends its grid back to surveying, as when raised by hand
    const state = f.events.reduce((s, e) => transitionFinding(s, e), findingAsOf([], FAR_FUTURE)).state;
    if (isMissedWell(f.category) && f.gridId && state !== 'closed') await reopenGridForMissedWell(trx, ctx, scope, f.gridId, f);
  }
  await addFindingEvents(trx, events, ids);
  await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'finding', entityId: null, orgPath: office.path, summary: `导入问题台账（${source}）${findings.length} 条` });
}

export async function exportFindings(ctx: ServiceCtx): Promise<Buffer> {
  const list = await listFindingsFor(ctx, { page: 1, pageSize: 1_000_000 });
  const header = ['编号', '发现日期', '所属区', '单位/社区', '问题类别', '问题描述', '整改期限', '整改状态', '是否逾期', '提出单位', '网格', '井编号'];
  const body = list.findings.map((f) => [
    String(f.id), f.foundOn, f.district, f.place.slice(1).join('/'), f.categoryLabel, f.description, f.deadline ?? '', f.stateLabel, f.overdue ? '是' : '否', f.raisedBy, f.gridName ?? '', f.wellCode ?? '',
  ]);
  return writeXlsx('问题整改台账', header, body);
}
