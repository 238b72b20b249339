/**
 * Analysis runs, verification batches (top N plus a blind random control slice) and their outcomes,
 * the model refitted on them, and what the water company sees: its imports, its accounts and the
 * outcomes of its accounts — nothing else.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Progress, ServiceCtx } from '../../context.js';
import { auditActor } from '../../context.js';
import { hasCapability, scopeFor, sqlPathInScope, pathInScope } from '../../auth/scope.js';
import { requireCapability } from '../../auth/policies.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { insertAudit, escapeLike } from '../audit/audit.repo.js';
import { writeSetting } from '../system/settings.repo.js';
import { placesOf } from '../org/org.places.js';
import { insertWellRecord } from '../wells/wells.service.js';
import { writeXlsx } from '../../files/sheet.js';
import { batchStats, controlSize, drawControl, OUTCOME_LABELS, SURVEY_GAPS, type CheckOutcome, type SurveyGap } from '../../../domain/utility/rank.js';
import { DEFAULT_WEIGHTS } from '../../../domain/utility/score.js';
import { DEFAULT_NORMS, type Norm } from '../../../domain/utility/norms.js';
import { SIGNAL_LABELS, type Signal } from '../../../domain/utility/signals.js';
import { officeToday } from '../../clock.js';
import { analyzeDualSource, currentModel, currentNorms, NORMS_SETTING, saveRun, type NormEdits } from './utility.analysis.js';
import * as repo from './utility.repo.js';
import type { WellUse } from '../../../domain/well/well.js';

// ---------------------------------------------------------------- runs

export async function runAnalysis(ctx: ServiceCtx, asOf: string | undefined, progress?: Progress): Promise<{ runId: number; accounts: number }> {
  const analysis = await analyzeDualSource(ctx, { asOf, progress });
  const runId = await saveRun(ctx, analysis, progress);
  await insertAudit(ctx.db, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'analyze', entityType: 'suspect_run', entityId: runId, orgPath: null,
    summary: `疑似双水源分析（截至${analysis.asOf}，${analysis.ranked.length}户）`, after: { asOf: analysis.asOf, outcomesUsed: analysis.outcomesUsed },
  });
  return { runId, accounts: analysis.ranked.length };
}

export async function listRuns(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'suspects.read');
  const runs = await ctx.db.selectFrom('suspectRuns').select(['id', 'asOf', 'accounts', 'flagged', 'outcomesUsed', 'createdAt']).orderBy('id', 'desc').limit(50).execute();
  return { runs: runs.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

type ScoreQuery = { gap?: SurveyGap | undefined; q?: string | undefined; page: number; pageSize: number };

/** One run's ranking in the caller's scope, best first, with reasons and where each account is. */
export async function runScores(ctx: ServiceCtx, runId: number, query: ScoreQuery) {
  const scope = scopeFor(ctx.actor, 'suspects.read');
  const run = await ctx.db.selectFrom('suspectRuns').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw notFound();
  let q = ctx.db.selectFrom('suspectScores as s').innerJoin('utilityAccounts as a', 'a.id', 's.accountId')
    .where('s.runId', '=', runId).where(sqlPathInScope('a.orgPath', scope));
  if (query.gap) q = q.where('s.surveyGap', '=', query.gap);
  if (query.q) q = q.where((eb) => eb.or([eb('a.accountNo', 'like', `%${escapeLike(query.q)}%`), eb('a.name', 'like', `%${escapeLike(query.q)}%`), eb('a.address', 'like', `%${escapeLike(query.q)}%`)]));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select(['s.rank', 's.score', 's.reasons', 's.signals', 's.surveyGap', 'a.id as accountId', 'a.accountNo', 'a.name', 'a.address', 'a.category', 'a.industry', 'a.orgPath', 'a.matchedBy'])
    .orderBy('s.rank').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const place = await placesOf(ctx.db, rows.map((r) => r.orgPath));
  return {
    run: { id: run.id, asOf: run.asOf, accounts: run.accounts, flagged: run.flagged, outcomesUsed: run.outcomesUsed, createdAt: run.createdAt.toISOString() },
    total,
    items: rows.map((r) => ({
      rank: r.rank, score: r.score, reasons: r.reasons, surveyGap: r.surveyGap, surveyGapLabel: r.surveyGap ? SURVEY_GAPS[r.surveyGap] : null,
      signals: (r.signals as Signal[]).map((s) => ({ kind: s.kind, label: SIGNAL_LABELS[s.kind], size: s.size, confidence: s.confidence, reason: s.reason })),
      accountId: r.accountId, accountNo: r.accountNo, name: r.name, address: r.address, category: r.industry ? `${r.category}·${r.industry}` : r.category,
      place: place(r.orgPath).names.join(' '), matched: r.matchedBy !== null,
    })),
  };
}

export async function exportRun(ctx: ServiceCtx, runId: number): Promise<Buffer> {
  const page = await runScores(ctx, runId, { page: 1, pageSize: 1_000_000 });
  return writeXlsx(`疑似双水源${page.run.asOf}`, ['排名', '疑似度', '户号', '户名', '地址', '用水类别', '所在区域', '疑似原因', '排查缺口'],
    page.items.map((r) => [String(r.rank), r.score.toFixed(3), r.accountNo, r.name, r.address, r.category, r.place, r.reasons.join('；'), r.surveyGapLabel ?? '']));
}

// ---------------------------------------------------------------- batches and checks

/**
 * Sends the top N of a run for verification (accounts already visited or waiting are skipped, so
 * the next N come up), plus a random control slice drawn from the rest of the ranking.
 */
export async function createBatch(ctx: ServiceCtx, input: { runId: number; topN: number; controlShare: number; dueOn?: string | null | undefined }) {
  requireCapability(ctx.actor, 'suspects.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom('suspectRuns').select(['id', 'asOf']).where('id', '=', input.runId).executeTakeFirst();
    if (!run) throw notFound();
    const taken = new Set((await trx.selectFrom('suspectChecks').select('accountId').where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '!=', 'no_access')])).execute()).map((r) => r.accountId));
    const scores = await trx.selectFrom('suspectScores as s').innerJoin('utilityAccounts as a', 'a.id', 's.accountId')
      .select(['s.rank', 's.accountId', 's.score', 's.features', 's.reasons', 'a.orgPath']).where('s.runId', '=', run.id).orderBy('s.rank').execute();
    const open = scores.filter((s) => !taken.has(s.accountId));
    if (!open.length) throw badRequest('该次分析的用水户都已核查或正在核查');
    const top = open.slice(0, input.topN);
    const control = drawControl(open.slice(input.topN), controlSize(top.length, input.controlShare), () => crypto.randomInt(1 << 30) / (1 << 30));
    const number = Number((await trx.selectFrom('suspectBatches').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0) + 1;
    const { id } = await trx.insertInto('suspectBatches').values({
      number, runId: run.id, topN: input.topN, controlShare: input.controlShare, dueOn: input.dueOn ?? null, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('suspectChecks').values([...top.map((s) => ({ s, inControl: false })), ...control.map((s) => ({ s, inControl: true }))].map(({ s, inControl }) => ({
      batchId: id, accountId: s.accountId, rank: s.rank, score: s.score, features: JSON.stringify(s.features), reasons: sql<string[]>`${s.reasons}::text[]`, inControl, orgPath: s.orgPath,
    }))).execute();
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'suspect_batch', entityId: id, orgPath: null,
      summary: `下发疑似双水源核查第${number}批：前${top.length}户及随机对照${control.length}户`, after: { runId: run.id, topN: input.topN, controlShare: input.controlShare },
    });
    return { id, number, checks: top.length + control.length, control: control.length };
  });
}

/** Batches with their figures in the caller's scope (hit rates, precision, lift) and the model they trained. */
export async function listBatches(ctx: ServiceCtx) {
  const scope = scopeFor(ctx.actor, 'suspects.read');
  const manager = hasCapability(ctx.actor, 'suspects.manage');
  const batches = await ctx.db.selectFrom('suspectBatches as b').innerJoin('suspectRuns as r', 'r.id', 'b.runId')
    .select(['b.id', 'b.number', 'b.topN', 'b.controlShare', 'b.dueOn', 'b.createdAt', 'r.asOf']).orderBy('b.number').execute();
  const checks = await ctx.db.selectFrom('suspectChecks').select(['batchId', 'rank', 'inControl', 'outcome']).where(sqlPathInScope('orgPath', scope)).execute();
  const model = manager ? await currentModel(ctx.db) : null;
  return {
    batches: batches.map((b) => {
      const stats = batchStats(checks.filter((c) => c.batchId === b.id));
      return {
        id: b.id, number: b.number, asOf: b.asOf, topN: b.topN, controlShare: b.controlShare, dueOn: b.dueOn, createdAt: b.createdAt.toISOString(),
        checks: stats.top.checks + stats.control.checks, pending: stats.pending, noAccess: stats.noAccess,
        found: stats.top.found + stats.control.found, visited: stats.top.visited + stats.control.visited,
        hitRate: stats.top.hitRate, precisionAt10: stats.precisionAt10, averagePrecision: stats.averagePrecision,
        ...(manager ? { controlHitRate: stats.control.hitRate, controlChecks: stats.control.checks, lift: stats.lift } : { controlHitRate: null, controlChecks: null, lift: null }),
      };
    }),
    model: model && { weights: model.weights, defaults: DEFAULT_WEIGHTS, outcomes: model.outcomes, found: model.found, labels: SIGNAL_LABELS },
  };
}

type CheckQuery = { batchId?: number | undefined; outcome?: CheckOutcome | 'pending' | undefined; page: number; pageSize: number };

export async function listChecks(ctx: ServiceCtx, query: CheckQuery) {
  const scope = scopeFor(ctx.actor, 'suspects.read');
  const manager = hasCapability(ctx.actor, 'suspects.manage');
  let q = ctx.db.selectFrom('suspectChecks as c').innerJoin('suspectBatches as b', 'b.id', 'c.batchId').innerJoin('utilityAccounts as a', 'a.id', 'c.accountId')
    .leftJoin('wells as w', 'w.id', 'c.wellId').where(sqlPathInScope('c.orgPath', scope));
  if (query.batchId) q = q.where('c.batchId', '=', query.batchId);
  if (query.outcome === 'pending') q = q.where('c.outcome', 'is', null);
  else if (query.outcome) q = q.where('c.outcome', '=', query.outcome);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select([
    'c.id', 'c.batchId', 'b.number as batchNumber', 'b.dueOn', 'c.rank', 'c.score', 'c.reasons', 'c.inControl', 'c.orgPath', 'c.outcome', 'c.wellId', 'w.code as wellCode',
    'c.note', 'c.checkedOn', 'c.version', 'a.accountNo', 'a.name', 'a.address', 'a.category', 'a.gridId',
  ]).orderBy('b.number', 'desc').orderBy('c.inControl').orderBy('c.rank').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const place = await placesOf(ctx.db, rows.map((r) => r.orgPath));
  return {
    total,
    items: rows.map((r) => ({
      id: r.id, batchNumber: r.batchNumber, dueOn: r.dueOn, score: r.score, reasons: r.reasons,
      // the field teams are not told which visits are the random control: they would treat them differently
      rank: manager ? r.rank : null, inControl: manager ? r.inControl : null,
      accountNo: r.accountNo, name: r.name, address: r.address, category: r.category, place: place(r.orgPath).names.join(' '), gridId: r.gridId,
      outcome: r.outcome, outcomeLabel: OUTCOME_LABELS[r.outcome ?? 'pending'], wellId: r.wellId, wellCode: r.wellCode, note: r.note, checkedOn: r.checkedOn, version: r.version,
    })),
  };
}

type OutcomeInput = {
  outcome: CheckOutcome; checkedOn: string; note?: string | null | undefined; version: number;
  wellId?: number | null | undefined; newWell?: { ownerName: string; address: string; use: WellUse; orgUnitId: number } | null | undefined;
};

/** The field team's answer: a well found (a new well file "found via analytics", or one already on file), normal use, or no access. */
export async function recordOutcome(ctx: ServiceCtx, checkId: number, input: OutcomeInput) {
  return ctx.db.transaction().execute((trx) => recordOutcomeIn(trx, ctx, checkId, input));
}

/** The outcome inside the caller's transaction (the field app records its operation id in the same one). */
export async function recordOutcomeIn(trx: Kysely<DB>, ctx: ServiceCtx, checkId: number, input: OutcomeInput) {
  const scope = scopeFor(ctx.actor, 'suspects.verify');
  if (input.checkedOn > officeToday()) throw badRequest('核查日期不能晚于今天');
  const check = await trx.selectFrom('suspectChecks as c').innerJoin('suspectBatches as b', 'b.id', 'c.batchId').innerJoin('utilityAccounts as a', 'a.id', 'c.accountId')
    .select(['c.id', 'c.orgPath', 'c.version', 'c.outcome', 'b.number', 'a.accountNo', 'a.name', 'a.cardId']).where('c.id', '=', checkId).forUpdate().executeTakeFirst();
  if (!check || !pathInScope(scope, check.orgPath)) throw notFound();
  if (check.version !== input.version) throw conflict();
  let wellId: number | null = null;
  if (input.outcome === 'found') {
    if (input.wellId) {
      const well = await trx.selectFrom('wells').select(['id', 'orgPath']).where('id', '=', input.wellId).executeTakeFirst();
      if (!well || !pathInScope(scopeFor(ctx.actor, 'wells.read'), well.orgPath)) throw badRequest('所选井档案不存在或不在管辖范围内');
      wellId = well.id;
    } else if (input.newWell) {
      wellId = await insertWellRecord(trx, ctx, scopeFor(ctx.actor, 'wells.edit'), {
        ownerName: input.newWell.ownerName, address: input.newWell.address, use: input.newWell.use, orgUnitId: input.newWell.orgUnitId, discoveredOn: input.checkedOn,
        lat: null, lng: null, yearDrilled: null, depthM: null, innerDiameterMm: null, casing: null, aquifer: null, pumpPowerKw: null, powerMeterNo: null,
        inUseStatus: 'in_use', foundVia: 'analytics', foundRef: `疑似双水源核查第${check.number}批 户号${check.accountNo}`, cardId: check.cardId, remarks: null,
      });
    } else throw badRequest('发现自备井时，请选择已有井档案或填写新井信息');
  }
  await trx.updateTable('suspectChecks').set((eb) => ({
    outcome: input.outcome, wellId, note: input.note ?? null, checkedOn: input.checkedOn, checkedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    version: eb('version', '+', 1), updatedAt: sql`now()`,
  })).where('id', '=', checkId).execute();
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'verify', entityType: 'suspect_check', entityId: checkId, orgPath: check.orgPath,
    summary: `疑似双水源核查（第${check.number}批，户号${check.accountNo} ${check.name}）：${OUTCOME_LABELS[input.outcome]}`,
    before: { outcome: check.outcome }, after: { outcome: input.outcome, wellId },
  });
  return { id: checkId, outcome: input.outcome, wellId, version: check.version + 1 };
}

// ---------------------------------------------------------------- norms

export async function getNorms(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'suspects.read');
  const norms = await currentNorms(ctx.db);
  return {
    householdSize: norms.householdSize,
    categories: Object.entries(norms.categories).map(([category, n]) => ({ category, basis: n?.basis ?? null, litresPerDay: n?.litresPerDay ?? null, isDefault: Object.hasOwn(DEFAULT_NORMS.categories, category) && JSON.stringify(DEFAULT_NORMS.categories[category]) === JSON.stringify(n) })),
  };
}

export async function saveNorms(ctx: ServiceCtx, input: { householdSize: number; categories: { category: string; basis: Norm['basis'] | null; litresPerDay: number | null }[] }) {
  requireCapability(ctx.actor, 'suspects.manage');
  const edits: NormEdits = {
    householdSize: input.householdSize,
    categories: Object.fromEntries(input.categories.map((c) => [c.category, c.basis && c.litresPerDay ? { basis: c.basis, litresPerDay: c.litresPerDay } : null])),
  };
  await writeSetting(ctx.db, NORMS_SETTING, edits);
  await insertAudit(ctx.db, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'utility_norms', entityId: null, orgPath: null, summary: '修改用水定额表', after: edits });
  return getNorms(ctx);
}

// ---------------------------------------------------------------- the water company's view

export async function listImports(ctx: ServiceCtx) {
  const imports = await repo.listImports(ctx.db, scopeFor(ctx.actor, 'utility.upload'));
  return { imports: imports.map(importView) };
}

export function importView(i: repo.ImportRow) {
  return {
    id: i.id, kind: i.kind, fileName: i.fileName, sizeBytes: Number(i.sizeBytes), bytesRead: Number(i.bytesRead), state: i.state, rowsLoaded: i.rowsLoaded, badRows: i.badRows,
    errors: (i.errors as { row: number; column: string; message: string }[]).slice(0, 200), periods: [...i.periods].sort(), message: i.message,
    createdAt: i.createdAt.toISOString(), finishedAt: i.finishedAt?.toISOString() ?? null,
  };
}

export async function getImportView(ctx: ServiceCtx, id: number) {
  const imp = await repo.getImport(ctx.db, id);
  if (!imp || !pathInScope(scopeFor(ctx.actor, 'utility.upload'), imp.supplierPath)) throw notFound();
  return importView(imp);
}

/** Accounts the caller supplies (water company) or oversees (city office), with how each was matched. */
export async function listAccounts(ctx: ServiceCtx, query: { q?: string | undefined; page: number; pageSize: number }) {
  const scope = scopeFor(ctx.actor, 'utility.read');
  let q = ctx.db.selectFrom('utilityAccounts').where(sqlPathInScope('supplierPath', scope));
  if (query.q) q = q.where((eb) => eb.or([eb('accountNo', 'like', `%${escapeLike(query.q)}%`), eb('name', 'like', `%${escapeLike(query.q)}%`), eb('address', 'like', `%${escapeLike(query.q)}%`)]));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(['id', 'accountNo', 'name', 'address', 'category', 'industry', 'households', 'persons', 'beds', 'areaM2', 'matchedBy', 'orgPath'])
    .orderBy('accountNo').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute();
  const place = await placesOf(ctx.db, rows.map((r) => r.orgPath));
  return { total, items: rows.map((r) => ({ ...r, place: place(r.orgPath).names.join(' ') })) };
}

/**
 * The outcomes of visits to the caller's own accounts: the account, the batch, the outcome and
 * its date — no notes, no well files, nothing about anyone who reported anything.
 */
export async function listOutcomes(ctx: ServiceCtx) {
  const scope = scopeFor(ctx.actor, 'utility.read');
  const rows = await ctx.db.selectFrom('suspectChecks as c').innerJoin('suspectBatches as b', 'b.id', 'c.batchId').innerJoin('utilityAccounts as a', 'a.id', 'c.accountId')
    .select(['c.id', 'b.number as batchNumber', 'a.accountNo', 'a.name', 'c.outcome', 'c.checkedOn'])
    .where(sqlPathInScope('a.supplierPath', scope)).orderBy('b.number', 'desc').orderBy('a.accountNo').limit(2000).execute();
  return { items: rows.map((r) => ({ ...r, outcomeLabel: OUTCOME_LABELS[r.outcome ?? 'pending'] })) };
}
