import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { keepTextUnlessChanged, keepUnlessChanged, looksMasked, maskPersonalText } from '../../../domain/shared/masking.js';
import {
  CASE_EVENT_LABELS, CASE_STATE_LABELS, caseEditProblems, caseNumber, CaseRuleError, DEFAULT_CASE_PREFIX, isDecided, NEW_CASE, nextCaseEvents, nextSerial,
  transitionCase, violationLabel, type CaseEventData, type CaseEventKind, type CaseHistoryEvent, type CaseState, type Violation,
} from '../../../domain/case/case.js';
import { caseArticleDraft } from '../../../domain/case/case-article.js';
import { planCaseSheet, type PlannedCase } from '../../../domain/case/case-sheet.js';
import { articleTitle, legalArticle, legalBasisText, type LegalArticle } from '../../../domain/case/legal-basis.js';
import { ARTICLE_STATE_LABELS, type ArticleState } from '../../../domain/bulletin/article.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound, rowErrors } from '../../http/errors.js';
import { holdVersion } from '../../db/hold-version.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { createArticleIn } from '../articles/articles.service.js';
import { placesOf } from '../org/org.places.js';
import { readSetting } from '../system/settings.repo.js';
import type { CaseDetailView, CaseFields, CaseView } from './cases.schema.js';
import * as repo from './cases.repo.js';

/** The last element that matches (the records come in date order). */
const lastOf = <T>(xs: readonly T[], ok: (x: T) => boolean): T | undefined => [...xs].reverse().find(ok);

export const CASE_PREFIX_SETTING = 'case_number_prefix';

async function casePrefix(db: Kysely<DB>): Promise<string> {
  const v = await readSetting(db, CASE_PREFIX_SETTING);
  return typeof v === 'string' && v.trim() ? v.trim() : DEFAULT_CASE_PREFIX;
}

type EventRow = Awaited<ReturnType<typeof repo.eventsOf>>[number];
const eventDate = (events: readonly EventRow[], kind: CaseHistoryEvent) => lastOf(events, (e) => e.event === kind)?.onDate ?? null;
const districtName = (d: { name: string; shortName: string | null } | undefined) => (d ? (d.shortName ?? d.name) : '');

function basisView(codes: unknown): { code: string; title: string; subject: string }[] {
  return ((codes ?? []) as string[]).map(legalArticle).filter((a): a is LegalArticle => !!a).map((a) => ({ code: a.code, title: articleTitle(a), subject: a.subject }));
}

async function present(db: Kysely<DB>, ctx: ServiceCtx, rows: readonly repo.CaseRow[]): Promise<CaseView[]> {
  const events = await repo.eventsOf(db, rows.map((r) => r.id));
  const place = await placesOf(db, rows.map((r) => r.orgPath));
  const wells = await repo.wellsOfCases(db, rows.map((r) => r.id));
  const edit = hasCapability(ctx.actor, 'cases.edit') ? scopeFor(ctx.actor, 'cases.edit') : null;
  return rows.map((r) => {
    const p = place(r.orgPath);
    const mine = events.filter((e) => e.caseId === r.id);
    const editable = !!edit && pathInScope(edit, r.orgPath);
    return {
      id: r.id, number: r.number, filedOn: r.filedOn, partyCardId: r.partyCardId, partyName: r.partyName, partyContact: maskPersonalText(r.partyContact), unitId: r.unitId,
      place: p.names, districtId: r.districtId, district: districtName(p.district), violation: r.violation, violationOther: r.violationOther,
      violationLabel: violationLabel(r.violation, r.violationOther), legalBasis: basisView(r.legalBasis), facts: maskPersonalText(r.facts), fineYuan: r.fineYuan, otherMeasures: r.otherMeasures,
      state: r.state, stateLabel: CASE_STATE_LABELS[r.state], decidedOn: eventDate(mine, 'decide'), closedOn: eventDate(mine, 'close'), typical: r.typical, articleId: r.articleId,
      wellCount: wells.filter((w) => w.caseId === r.id).length, next: editable ? nextCaseEvents(r.state) : [], editable, version: r.version,
    };
  });
}

type ListQuery = {
  districtId?: number | undefined; state?: CaseState | undefined; violation?: Violation | undefined; typical?: 'true' | 'false' | undefined; year?: number | undefined;
  q?: string | undefined; page: number; pageSize: number;
};

export async function listCasesFor(ctx: ServiceCtx, q: ListQuery) {
  const scope = scopeFor(ctx.actor, 'cases.read');
  const rows = await repo.listCases(ctx.db, scope, {
    ...(q.districtId ? { districtId: q.districtId } : {}), ...(q.state ? { state: q.state } : {}), ...(q.violation ? { violation: q.violation } : {}),
    ...(q.typical ? { typical: q.typical === 'true' } : {}), ...(q.year ? { year: q.year } : {}), ...(q.q ? { q: q.q } : {}),
  });
  const districts = (await repo.allDistricts(ctx.db)).filter((d) => scope.paths.some((s) => d.path.startsWith(s) || s.startsWith(d.path)));
  return {
    total: rows.length,
    fineTotal: rows.reduce((sum, r) => sum + (r.fineYuan ?? 0), 0),
    cases: await present(ctx.db, ctx, rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize)),
    districts: districts.map((d) => ({ id: d.id, name: districtName(d) })),
  };
}

export async function getCase(ctx: ServiceCtx, id: number): Promise<CaseDetailView> {
  const row = await repo.findCase(ctx.db, scopeFor(ctx.actor, 'cases.read'), id);
  if (!row) throw notFound();
  const [view] = await present(ctx.db, ctx, [row]);
  const events = await repo.eventsOf(ctx.db, [id]);
  const wells = await repo.wellsOfCases(ctx.db, [id]);
  const card = row.partyCardId ? (await repo.cardNames(ctx.db, [row.partyCardId]))[0] : undefined;
  const article = row.articleId ? (await repo.articlesBrief(ctx.db, [row.articleId]))[0] : undefined;
  const mayWrite = view!.editable && row.typical && !row.articleId && isDecided(row.state) && hasCapability(ctx.actor, 'articles.write');
  return {
    ...view!,
    wells: wells.map((w) => ({ id: w.id, code: w.code, ownerName: w.ownerName, address: w.address })),
    events: events.map((e) => ({ event: e.event, eventLabel: CASE_EVENT_LABELS[e.event], onDate: e.onDate, data: e.data as CaseEventData, actorName: e.actorName, at: e.at.toISOString() })),
    partyCardName: card?.name ?? null,
    article: article ? { id: article.id, title: article.title, state: article.state, stateLabel: ARTICLE_STATE_LABELS[article.state as ArticleState] } : null,
    mayWriteArticle: mayWrite,
  };
}

// ---------------------------------------------------------------- create and edit

/** Checks the party, its unit and the wells against the caller's scope; returns the values to store. */
async function resolveFields(trx: Kysely<DB>, ctx: ServiceCtx, scope: Scope, input: CaseFields): Promise<repo.CaseValues> {
  if (input.filedOn > officeToday()) throw badRequest('立案日期不能晚于今天');
  if (input.violation === 'other' && !input.violationOther?.trim()) throw badRequest('违法类型为“其他”时请写明违法行为');
  let unitId = input.unitId;
  let partyName = input.partyName.trim();
  if (input.partyCardId) {
    const card = await repo.cardWithGrid(trx, input.partyCardId);
    if (!card || !pathInScope(scope, card.path)) throw notFound();
    unitId ??= card.gridId;
    partyName ||= card.name;
  }
  if (!unitId) throw badRequest('请选择当事人所在的单位（区、街道、社区或网格），或关联一户一卡');
  if (!partyName) throw badRequest('请填写当事人');
  const unit = await repo.unitInScope(trx, scope, unitId);
  if (!unit) throw notFound();
  if (unit.level === 'city') throw badRequest('当事人须落实到区、街道、社区或网格');
  const district = (await placesOf(trx, [unit.path]))(unit.path).district!;
  const wellIds = [...new Set(input.wellIds)];
  const wells = await repo.wellsByIds(trx, wellIds);
  const wellScope = scopeFor(ctx.actor, 'wells.read');
  for (const id of wellIds) {
    const w = wells.find((x) => x.id === id);
    if (!w || !pathInScope(wellScope, w.orgPath)) throw notFound();
    if (!w.orgPath.startsWith(district.path)) throw badRequest(`井 ${w.code}（${w.ownerName}）不在${districtName(district)}`);
  }
  return {
    filedOn: input.filedOn, partyCardId: input.partyCardId, partyName, partyContact: input.partyContact, unitId: unit.id, districtId: district.id, orgPath: unit.path,
    violation: input.violation, violationOther: input.violation === 'other' ? (input.violationOther?.trim() ?? null) : null, legalBasis: [...new Set(input.legalBasis)],
    facts: input.facts, fineYuan: input.fineYuan, otherMeasures: input.otherMeasures, typical: input.typical,
  };
}

async function nextNumber(trx: Kysely<DB>, year: number) {
  const taken = (await repo.takenNumbers(trx)).filter((n) => n.caseYear === year).map((n) => n.serial);
  const serial = nextSerial(taken);
  return { caseYear: year, serial, number: caseNumber(await casePrefix(trx), year, serial) };
}

const MASKED_CONTACT = '联系方式中有遮蔽后的号码（带 *），请填写完整号码；不修改时保持原样即可';
const MASKED_FACTS = '违法事实中有遮蔽后的号码（带 *）：修改违法事实前请先点“查看完整内容”，或写出完整号码、删去该号码；不修改时保持原样即可';
/** What an audit entry keeps of a case: phone and ID numbers in the contact and the facts masked. */
const auditedCase = <T extends { partyContact: string; facts: string }>(c: T): T => ({ ...c, partyContact: maskPersonalText(c.partyContact), facts: maskPersonalText(c.facts) });

export async function createCase(ctx: ServiceCtx, input: CaseFields) {
  requireCapability(ctx.actor, 'cases.edit');
  const scope = scopeFor(ctx.actor, 'cases.edit');
  if (looksMasked(input.partyContact)) throw badRequest(MASKED_CONTACT);
  if (!keepTextUnlessChanged(input.facts, null).ok) throw badRequest(MASKED_FACTS);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const values = await resolveFields(trx, ctx, scope, input);
    const numbering = await nextNumber(trx, Number(values.filedOn.slice(0, 4)));
    const { id } = await repo.insertCase(trx, { ...values, ...numbering, state: 'filed', createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
    await repo.replaceWells(trx, id, [...new Set(input.wellIds)]);
    await repo.insertEvents(trx, [{ caseId: id, event: 'file', onDate: values.filedOn, data: {}, actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'case', entityId: id, orgPath: values.orgPath,
      summary: `立案 ${numbering.number}：${values.partyName}（${violationLabel(values.violation, values.violationOther)}）`, after: { ...auditedCase(values), number: numbering.number, wellIds: input.wellIds },
    });
    return id;
  });
  return getCase(ctx, id);
}

export async function updateCase(ctx: ServiceCtx, id: number, input: CaseFields & { version: number }) {
  requireCapability(ctx.actor, 'cases.edit');
  const scope = scopeFor(ctx.actor, 'cases.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, scope, id);
    if (!row) throw notFound();
    if (row.version !== input.version) throw conflict();
    // the contact is shown masked: its own mask sent back keeps the stored text
    const contact = keepUnlessChanged(input.partyContact, row.partyContact, maskPersonalText);
    if (!contact.ok) throw badRequest(MASKED_CONTACT);
    // so are the facts (phone and ID numbers in them): the text as shown sent back keeps the stored one
    const facts = keepTextUnlessChanged(input.facts, row.facts);
    if (!facts.ok) throw badRequest(MASKED_FACTS);
    const values = await resolveFields(trx, ctx, scope, { ...input, partyContact: contact.value ?? '', facts: facts.value });
    const problems = caseEditProblems(row.state, values);
    if (problems.length) throw badRequest(problems.join('；'));
    const history = await repo.eventsOf(trx, [id]);
    const firstStep = history.find((e) => e.event !== 'file');
    if (firstStep && values.filedOn > firstStep.onDate) throw badRequest(`立案日期不能晚于${CASE_EVENT_LABELS[firstStep.event]}日期（${firstStep.onDate}）`);
    // the number keeps its year: a case filed on another year's day is a different case
    if (Number(values.filedOn.slice(0, 4)) !== row.caseYear) throw badRequest(`案件编号 ${row.number} 属于 ${row.caseYear} 年，立案日期须在该年内`);
    await repo.updateCase(trx, id, input.version, values);
    await repo.replaceWells(trx, id, [...new Set(input.wellIds)]);
    await repo.moveFilingDate(trx, id, values.filedOn);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'case', entityId: id, orgPath: values.orgPath,
      summary: `修改案件 ${row.number}`, before: auditedCase(row), after: { ...auditedCase(values), wellIds: input.wellIds },
    });
  });
  return getCase(ctx, id);
}

// ---------------------------------------------------------------- steps, the typical flag, the write-up

export async function recordCaseEvent(ctx: ServiceCtx, id: number, input: { event: CaseEventKind; onDate?: string | undefined; data: CaseEventData; version: number }) {
  requireCapability(ctx.actor, 'cases.edit');
  const today = officeToday();
  const onDate = input.onDate ?? today;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, scopeFor(ctx.actor, 'cases.edit'), id);
    if (!row) throw notFound();
    if (row.version !== input.version) throw conflict();
    await holdVersion(trx, 'enforcement_cases', id, input.version);
    if (onDate > today) throw badRequest('日期不能晚于今天');
    const history = await repo.eventsOf(trx, [id]);
    const last = history.at(-1);
    if (last && onDate < last.onDate) throw badRequest(`日期不能早于上一步（${CASE_EVENT_LABELS[last.event]}，${last.onDate}）`);
    const { imported: _ignored, ...data } = input.data;
    let next;
    try {
      next = transitionCase({ state: row.state, fineYuan: row.fineYuan, otherMeasures: row.otherMeasures }, { event: input.event, onDate, data });
    } catch (err) {
      if (err instanceof CaseRuleError) throw badRequest(err.message);
      throw err;
    }
    await repo.updateCase(trx, id, input.version, { state: next.state, fineYuan: next.fineYuan, otherMeasures: next.otherMeasures });
    await repo.insertEvents(trx, [{ caseId: id, event: input.event, onDate, data, actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: `case_${input.event}`, entityType: 'case', entityId: id, orgPath: row.orgPath,
      summary: `案件 ${row.number}：${CASE_EVENT_LABELS[input.event]}（${onDate}）`, before: { state: row.state }, after: { state: next.state, ...data },
    });
  });
  return getCase(ctx, id);
}

/** 典型案例: a case the office means to publicise. */
export async function markTypical(ctx: ServiceCtx, id: number, input: { typical: boolean; version: number }) {
  requireCapability(ctx.actor, 'cases.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, scopeFor(ctx.actor, 'cases.edit'), id);
    if (!row) throw notFound();
    await repo.updateCase(trx, id, input.version, { typical: input.typical });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'case', entityId: id, orgPath: row.orgPath,
      summary: `案件 ${row.number}${input.typical ? '标记为典型案例' : '取消典型案例'}`, before: { typical: row.typical }, after: { typical: input.typical },
    });
  });
  return getCase(ctx, id);
}

/**
 * 生成工作信息稿: a typical, decided case written up as a draft 工作信息 of the case's district,
 * through the articles service — so it follows the normal approval flow from there.
 */
export async function writeCaseArticle(ctx: ServiceCtx, id: number, input: { version: number }) {
  requireCapability(ctx.actor, 'cases.edit');
  requireCapability(ctx.actor, 'articles.write');
  const row = await repo.findCase(ctx.db, scopeFor(ctx.actor, 'cases.edit'), id);
  if (!row) throw notFound();
  if (row.version !== input.version) throw conflict();
  if (!row.typical) throw badRequest('只有典型案例可以生成工作信息稿，请先标记为典型案例');
  if (!isDecided(row.state)) throw badRequest('作出处罚决定后才能生成工作信息稿');
  if (row.articleId) throw badRequest('该案件已生成工作信息稿，请在“稿件”中修改');
  const events = await repo.eventsOf(ctx.db, [id]);
  const place = await placesOf(ctx.db, [row.orgPath]);
  const district = place(row.orgPath).district!;
  const draft = caseArticleDraft({
    number: row.number, filedOn: row.filedOn, district: district.name, partyName: row.partyName, violation: row.violation, violationOther: row.violationOther,
    legalBasis: (row.legalBasis ?? []) as string[], facts: maskPersonalText(row.facts) /* a write-up is published: no phone or ID numbers */, fineYuan: row.fineYuan, otherMeasures: row.otherMeasures, state: row.state,
    decidedOn: eventDate(events, 'decide'), closedOn: eventDate(events, 'close'), executionNote: (lastOf(events, (e) => e.event === 'close')?.data as CaseEventData | undefined)?.executionNote ?? null,
    wells: (await repo.wellsOfCases(ctx.db, [id])).length,
  });
  // the draft and the case's link to it are one write: a writer that loses the race (409) leaves no stray draft
  await ctx.db.transaction().execute(async (trx) => {
    const articleId = await createArticleIn(trx, ctx, { category: 'info', title: draft.title, onDate: officeToday(), paragraphs: draft.paragraphs, inspectionId: null, authorUnitId: district.id });
    await repo.updateCase(trx, id, input.version, { articleId });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'case_article', entityType: 'case', entityId: id, orgPath: row.orgPath,
      summary: `案件 ${row.number} 生成工作信息稿“${draft.title}”（稿件 #${articleId}）`, after: { articleId },
    });
  });
  return getCase(ctx, id);
}

// ---------------------------------------------------------------- sheets

/** Loads cases kept in spreadsheets: every row, or none. */
export async function importCaseSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'cases.edit');
  const scope = scopeFor(ctx.actor, 'cases.edit');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const districts = (await repo.allDistricts(trx)).filter((d) => pathInScope(scope, d.path));
    const taken = await repo.takenNumbers(trx);
    const plan = planCaseSheet(sheet.header, sheet.body, sheet.firstDataRow, {
      districts, takenNumbers: new Set(taken.map((t) => t.number)), takenSerials: new Set(taken.map((t) => `${t.caseYear}/${t.serial}`)), today: officeToday(),
    });
    if (plan.errors.length) throw rowErrors(plan.errors);
    if (!input.dryRun) await applyPlannedCases(trx, ctx, plan.cases, districts, input.fileName);
    return { applied: !input.dryRun, created: plan.cases.length };
  });
}

async function applyPlannedCases(trx: Kysely<DB>, ctx: ServiceCtx, cases: readonly PlannedCase[], districts: readonly { id: number; path: string }[], source: string) {
  const prefix = await casePrefix(trx);
  const taken = await repo.takenNumbers(trx);
  const serials = new Map<number, number[]>();
  for (const t of [...taken, ...cases.filter((c) => c.serial !== null).map((c) => ({ caseYear: c.year, serial: c.serial! }))]) (serials.get(t.caseYear) ?? serials.set(t.caseYear, []).get(t.caseYear)!).push(t.serial);
  const events: Parameters<typeof repo.insertEvents>[1] = [];
  for (const c of cases) {
    const district = districts.find((d) => d.id === c.districtId)!;
    let serial = c.serial;
    if (serial === null) {
      const year = serials.get(c.year) ?? serials.set(c.year, []).get(c.year)!;
      serial = nextSerial(year);
      year.push(serial);
    }
    const facts = c.events.reduce((f, e) => transitionCase(f, e), NEW_CASE);
    const { id } = await repo.insertCase(trx, {
      caseYear: c.year, serial, number: c.number ?? caseNumber(prefix, c.year, serial), filedOn: c.filedOn, partyCardId: null, partyName: c.partyName, partyContact: '',
      unitId: district.id, districtId: district.id, orgPath: district.path, violation: c.violation, violationOther: c.violationOther, legalBasis: c.legalBasis, facts: '',
      fineYuan: c.fineYuan, otherMeasures: '', typical: false, state: facts.state, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    });
    events.push({ caseId: id, event: 'file', onDate: c.filedOn, data: { imported: true }, actorName: ctx.actor.displayName });
    for (const e of c.events) events.push({ caseId: id, event: e.event, onDate: e.onDate, data: e.data, actorName: ctx.actor.displayName });
  }
  await repo.insertEvents(trx, events);
  await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'case', entityId: null, orgPath: null, summary: `导入执法案件台账（${source}）${cases.length} 件` });
}

export async function exportCases(ctx: ServiceCtx): Promise<Buffer> {
  const list = await listCasesFor(ctx, { page: 1, pageSize: 1_000_000 });
  // the facts as listed, phone and ID numbers masked (the ledger import does not read that column)
  const header = ['案件编号', '立案日期', '区', '当事人', '违法类型', '法律依据', '罚款金额', '状态', '结案日期', '违法事实'];
  const body = list.cases.map((c) => [
    c.number, c.filedOn, c.district, c.partyName, c.violation === 'other' && c.violationOther ? `其他：${c.violationOther}` : c.violationLabel,
    legalBasisText(c.legalBasis.map((b) => b.code)), c.fineYuan === null ? '' : String(c.fineYuan), c.stateLabel, c.closedOn ?? '', c.facts,
  ]);
  return writeXlsx('执法案件台账', header, body);
}
