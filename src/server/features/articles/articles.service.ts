import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import {
  ARTICLE_ACTION_LABELS, ARTICLE_CATEGORY_LABELS, ARTICLE_STATE_LABELS, ArticleRuleError, displayTitle, isEditable, nextArticleActions, normaliseParagraphs, transitionArticle,
  writableCategories, type ArticleAction, type ArticleCategory, type ArticleState,
} from '../../../domain/bulletin/article.js';
import { officeFor, requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor } from '../../auth/scope.js';
import type { Actor } from '../../auth/actor.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { officeLabel, placesOf } from '../org/org.places.js';
import { unitsByIds } from '../org/org.repo.js';
import type { ArticleView } from './articles.schema.js';
import * as repo from './articles.repo.js';

/** The city office writes any category; an office that also approves articles is the city office. */
const isCityOffice = (actor: Actor) => hasCapability(actor, 'articles.approve');

function who(actor: Actor, row: repo.ArticleRow) {
  const approver = hasCapability(actor, 'articles.approve') && pathInScope(scopeFor(actor, 'articles.approve'), row.orgPath);
  const author = hasCapability(actor, 'articles.write') && officeFor(actor, 'articles.write').id === row.authorUnitId;
  return { approver, author };
}

async function present(db: Kysely<DB>, actor: Actor, rows: readonly repo.ArticleRow[]): Promise<ArticleView[]> {
  const place = await placesOf(db, rows.map((r) => r.orgPath));
  const authors = new Map((await unitsByIds(db, rows.map((r) => r.authorUnitId))).map((u) => [u.id, u]));
  const inspections = new Map((await repo.inspectionsBrief(db, rows.map((r) => r.inspectionId).filter((x): x is number => x !== null))).map((i) => [i.id, i.title]));
  return rows.map((r) => {
    const d = place(r.orgPath).district;
    const district = d ? (d.shortName ?? d.name) : null;
    const w = who(actor, r);
    return {
      id: r.id, category: r.category, categoryLabel: ARTICLE_CATEGORY_LABELS[r.category], title: r.title, displayTitle: displayTitle({ category: r.category, title: r.title, district }),
      onDate: r.onDate, paragraphs: r.paragraphs as string[], authorUnitId: r.authorUnitId, author: officeLabel(authors.get(r.authorUnitId)), district,
      inspectionId: r.inspectionId, inspectionTitle: r.inspectionId ? (inspections.get(r.inspectionId) ?? null) : null, state: r.state, stateLabel: ARTICLE_STATE_LABELS[r.state],
      returnReason: r.returnReason, approvedBy: r.approvedBy, approvedOn: r.approvedOn, usedIn: r.usedIn, editable: isEditable(r.state) && (w.author || w.approver),
      actions: nextArticleActions(r.state, w), version: r.version,
    };
  });
}

export async function listArticlesFor(
  ctx: ServiceCtx,
  q: { state?: ArticleState | undefined; category?: ArticleCategory | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const scope = scopeFor(ctx.actor, 'articles.read');
  const rows = await repo.listArticles(ctx.db, scope, {
    ...(q.state ? { state: q.state } : {}), ...(q.category ? { category: q.category } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.q ? { q: q.q } : {}),
  });
  return { total: rows.length, articles: await present(ctx.db, ctx.actor, rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize)) };
}

export async function getArticle(ctx: ServiceCtx, id: number) {
  const row = await repo.findArticle(ctx.db, scopeFor(ctx.actor, 'articles.read'), id);
  if (!row) throw notFound();
  return (await present(ctx.db, ctx.actor, [row]))[0]!;
}

type Input = { category: ArticleCategory; title: string; onDate: string; paragraphs: string[]; inspectionId: number | null };

async function checkInput(trx: Kysely<DB>, ctx: ServiceCtx, input: Input) {
  if (!writableCategories(isCityOffice(ctx.actor)).includes(input.category)) throw badRequest(`区、街道只能撰写“工作信息”稿件`);
  if (input.onDate > officeToday()) throw badRequest('日期不能晚于今天');
  const paragraphs = normaliseParagraphs(input.paragraphs);
  if (paragraphs.length === 0) throw badRequest('正文不能为空');
  if (input.inspectionId) {
    const insp = (await repo.inspectionsBrief(trx, [input.inspectionId]))[0];
    if (!insp || !hasCapability(ctx.actor, 'inspections.read') || !pathInScope(scopeFor(ctx.actor, 'inspections.read'), insp.orgPath)) throw badRequest('关联的督导记录不存在或无权访问');
  }
  return { ...input, paragraphs };
}

export async function createArticle(ctx: ServiceCtx, input: Input & { authorUnitId?: number | undefined }) {
  const id = await ctx.db.transaction().execute((trx) => createArticleIn(trx, ctx, input));
  return getArticle(ctx, id);
}

/** Writes a new draft inside the caller's transaction (a case's 工作信息稿 goes in with the case's own write). */
export async function createArticleIn(trx: Kysely<DB>, ctx: ServiceCtx, input: Input & { authorUnitId?: number | undefined }): Promise<number> {
  requireCapability(ctx.actor, 'articles.write');
  const scope = scopeFor(ctx.actor, 'articles.write');
  const values = await checkInput(trx, ctx, input);
  const author = await repo.unitInScope(trx, scope, input.authorUnitId ?? officeFor(ctx.actor, 'articles.write').id);
  if (!author) throw notFound();
  const district = (await placesOf(trx, [author.path]))(author.path).district;
  const { authorUnitId: _a, ...rest } = values as typeof values & { authorUnitId?: number };
  const { id } = await repo.insertArticle(trx, { ...rest, authorUnitId: author.id, districtId: district?.id ?? null, orgPath: author.path, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'article', entityId: id, orgPath: author.path,
    summary: `撰写${ARTICLE_CATEGORY_LABELS[input.category]}稿件：${input.title}`, after: rest,
  });
  return id;
}

export async function updateArticle(ctx: ServiceCtx, id: number, input: Input & { version: number }) {
  requireCapability(ctx.actor, 'articles.write');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findArticle(trx, scopeFor(ctx.actor, 'articles.read'), id);
    if (!row) throw notFound();
    const w = who(ctx.actor, row);
    if (!w.author && !w.approver) throw badRequest('只有撰稿单位或市封停办可以修改稿件');
    if (!isEditable(row.state)) throw badRequest(`稿件${ARTICLE_STATE_LABELS[row.state]}，不能修改；如需修改请先撤回或退回`);
    const { version, ...values } = await checkInput(trx, ctx, input).then((v) => ({ ...v, version: input.version }));
    await repo.updateArticle(trx, id, version, { ...values, returnReason: null });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'article', entityId: id, orgPath: row.orgPath, summary: `修改稿件：${values.title}`,
      before: { title: row.title, paragraphs: row.paragraphs }, after: values,
    });
  });
  return getArticle(ctx, id);
}

export async function actOnArticle(ctx: ServiceCtx, id: number, input: { action: ArticleAction; reason?: string | undefined; version: number }) {
  // authors submit and withdraw, approvers return and approve: a reader (a leader) does neither
  if (!hasCapability(ctx.actor, 'articles.write') && !hasCapability(ctx.actor, 'articles.approve')) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findArticle(trx, scopeFor(ctx.actor, 'articles.read'), id);
    if (!row) throw notFound();
    // a step taken from a stale page is a conflict, whatever the step (not a rule error about the newer state)
    if (row.version !== input.version) throw conflict();
    const w = who(ctx.actor, row);
    if (input.action === 'submit' && !w.author) throw badRequest('只有撰稿单位可以提交审核');
    let state: ArticleState;
    try {
      state = transitionArticle(row.state, input.action, w, input.reason);
    } catch (err) {
      if (err instanceof ArticleRuleError) throw badRequest(err.message);
      throw err;
    }
    const patch = {
      state,
      ...(input.action === 'return' ? { returnReason: input.reason!.trim() } : {}),
      ...(input.action === 'approve' ? { approvedBy: ctx.actor.displayName, approvedOn: officeToday(), returnReason: null } : {}),
      ...(input.action === 'withdraw' ? { approvedBy: null, approvedOn: null } : {}),
    };
    await repo.updateArticle(trx, id, input.version, patch);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: `article_${input.action}`, entityType: 'article', entityId: id, orgPath: row.orgPath,
      summary: `稿件“${row.title}”${ARTICLE_ACTION_LABELS[input.action]}${input.reason ? `：${input.reason}` : ''}`, before: { state: row.state }, after: patch,
    });
  });
  return getArticle(ctx, id);
}
