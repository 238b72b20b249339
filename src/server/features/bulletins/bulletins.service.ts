import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import {
  composeBulletin, surveyTable, taskTable, tipsTable, type BulletinBlock, type BulletinContent, type ComposeInput, type SectionSpec,
} from '../../../domain/bulletin/bulletin.js';
import { ARTICLE_CATEGORIES, displayTitle, type ArticleCategory } from '../../../domain/bulletin/article.js';
import { addDays } from '../../../domain/shared/dates.js';
import { summaryParagraphs } from '../../../domain/inspection/findings-summary.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, scopeFor } from '../../auth/scope.js';
import { auditActor, type Progress, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import { findCampaign } from '../campaigns/campaigns.repo.js';
import { taskProgress } from '../campaigns/campaigns.service.js';
import { surveyReport } from '../survey/survey.service.js';
import { tipSummaryAsOf } from '../tips/tips.service.js';
import { generateSummary, weeklySummary } from '../findings/findings.service.js';
import { bulletinDocx } from './bulletins.docx.js';
import { bulletinHtml, bulletinPdf, issuedBulletinPdf } from './bulletins.html.js';
import * as repo from './bulletins.repo.js';


// ---------------------------------------------------------------- series

export async function listSeries(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'bulletins.read');
  return (await repo.listSeries(ctx.db)).map(({ createdAt: _c, ...s }) => s);
}

export async function saveSeries(ctx: ServiceCtx, id: number, input: { title: string; office: string; reportLine: string; sendLine: string }) {
  requireCapability(ctx.actor, 'bulletins.manage');
  const before = await repo.findSeries(ctx.db, { id });
  if (!before) throw notFound();
  await ctx.db.transaction().execute(async (trx) => {
    await repo.updateSeries(trx, id, input);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'bulletin_series', entityId: id, orgPath: null, summary: `修改简报系列“${before.name}”的版头和分送`, before, after: input });
  });
  return listSeries(ctx);
}

/** The 日通报 series of a campaign, made on first use from the campaign's title. */
export async function noticeSeries(trx: Kysely<DB>, campaignId: number) {
  const existing = await repo.findSeries(trx, { campaignId });
  if (existing) return existing;
  const campaign = await findCampaign(trx, campaignId);
  if (!campaign) throw notFound();
  const main = (await repo.listSeries(trx)).find((s) => s.campaignId === null);
  return repo.insertSeries(trx, {
    name: `${campaign.name}日通报`, title: campaign.title, office: main?.office ?? '市领导小组办公室', reportLine: main?.reportLine ?? '报：市领导小组组长、副组长。',
    sendLine: main?.sendLine ?? '发：各成员单位。', campaignId,
  });
}

// ---------------------------------------------------------------- issues

const seriesOf = async (db: Kysely<DB>, id: number) => (await repo.findSeries(db, { id }))!;

/** Sections a new issue starts with: the approved articles of its week by category, then the tables. */
async function defaultSections(db: Kysely<DB>, series: repo.SeriesRow, issuedOn: string, asOf: string): Promise<SectionSpec[]> {
  if (series.campaignId) return [{ kind: 'table', table: 'task', campaignId: series.campaignId, inContents: false }];
  const articles = await repo.approvedArticles(db, addDays(asOf, -7), issuedOn);
  return [
    ...ARTICLE_CATEGORIES.map((category) => ({ kind: 'articles' as const, category, articleIds: articles.filter((a) => a.category === category).map((a) => a.id) })).filter((s) => s.articleIds.length),
    { kind: 'table', table: 'tips', inContents: true },
    { kind: 'table', table: 'survey', inContents: true },
    { kind: 'table', table: 'findings', inContents: true },
  ];
}

export async function createBulletin(
  ctx: ServiceCtx,
  input: { seriesId: number; issuedOn: string; asOf: string; number?: number | undefined; sections?: SectionSpec[] | undefined; correctsId?: number | undefined; correction?: string | undefined },
) {
  requireCapability(ctx.actor, 'bulletins.manage');
  if (input.asOf > input.issuedOn) throw badRequest('截止日期不能晚于简报日期');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const series = await repo.findSeries(trx, { id: input.seriesId });
    if (!series) throw notFound();
    const max = await repo.maxNumber(trx, series.id);
    // numbers follow on and are never reused; a series begun on paper may start at a later number
    const number = input.number ?? max + 1;
    if (number <= max) throw badRequest(`第 ${number} 期已用过：“${series.name}”的下一期是第 ${max + 1} 期`);
    if (input.correctsId) {
      const corrected = await repo.findBulletin(trx, input.correctsId);
      if (!corrected || corrected.seriesId !== series.id || corrected.state !== 'issued') throw badRequest('只能更正本系列已印发的一期');
      if (!input.correction?.trim()) throw badRequest('更正须写明更正的内容');
    }
    const sections = input.sections ?? (await defaultSections(trx, series, input.issuedOn, input.asOf));
    await checkSections(trx, sections);
    const { id } = await repo.insertBulletin(trx, {
      seriesId: series.id, number, issuedOn: input.issuedOn, asOf: input.asOf, sections, correctsId: input.correctsId ?? null, correction: input.correction?.trim() || null,
    });
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'bulletin', entityId: id, orgPath: null, summary: `新建${series.name}第 ${number} 期（草稿）` });
    return id;
  });
  return getBulletin(ctx, id);
}

async function checkSections(db: Kysely<DB>, sections: SectionSpec[]) {
  const ids = sections.flatMap((s) => (s.kind === 'articles' ? s.articleIds : []));
  if (new Set(ids).size !== ids.length) throw badRequest('同一篇稿件不能在一期中出现两次');
  const found = new Map((await repo.articlesByIds(db, ids)).map((a) => [a.id, a]));
  for (const s of sections) {
    if (s.kind === 'table' && s.table === 'task' && !s.campaignId) throw badRequest('任务进度表须选择任务批次');
    if (s.kind !== 'articles') continue;
    for (const id of s.articleIds) {
      const a = found.get(id);
      if (!a) throw badRequest(`稿件 #${id} 不存在`);
      if (a.category !== s.category) throw badRequest(`稿件“${a.title}”不属于该栏目`);
      if (a.state !== 'approved') throw badRequest(`稿件“${a.title}”${a.state === 'used' ? '已刊用' : '尚未审核通过'}，不能编入`);
    }
  }
}

export async function updateBulletin(ctx: ServiceCtx, id: number, input: { issuedOn: string; asOf: string; sections: SectionSpec[]; correction?: string | undefined; version: number }) {
  requireCapability(ctx.actor, 'bulletins.manage');
  if (input.asOf > input.issuedOn) throw badRequest('截止日期不能晚于简报日期');
  await ctx.db.transaction().execute(async (trx) => {
    const b = await repo.findBulletin(trx, id);
    if (!b) throw notFound();
    if (b.state === 'issued') throw badRequest('已印发的简报不能修改；如有错误请印发一期更正');
    await checkSections(trx, input.sections);
    await repo.updateDraft(trx, id, input.version, { issuedOn: input.issuedOn, asOf: input.asOf, sections: input.sections, ...(input.correction !== undefined ? { correction: input.correction } : {}) });
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'bulletin', entityId: id, orgPath: null, summary: `修改简报草稿 #${id}`, after: input });
  });
  return getBulletin(ctx, id);
}

/** Builds a draft's content from the records as of its cut-off day (an issued one's content is stored). */
export async function buildContent(ctx: ServiceCtx, b: repo.BulletinRow, onProgress: Progress = () => {}): Promise<BulletinContent> {
  if (b.state === 'issued' && b.content) return b.content as BulletinContent;
  const series = await seriesOf(ctx.db, b.seriesId);
  const sections = b.sections as SectionSpec[];
  const articles = new Map((await repo.articlesByIds(ctx.db, sections.flatMap((s) => (s.kind === 'articles' ? s.articleIds : [])))).map((a) => [a.id, a]));
  const place = await placesOf(ctx.db, [...articles.values()].map((a) => a.orgPath));
  const out: ComposeInput['sections'] = [];
  for (const [i, s] of sections.entries()) {
    onProgress(i, sections.length, s.kind === 'articles' ? '稿件' : '统计表');
    if (s.kind === 'articles') {
      out.push({
        kind: 'articles', category: s.category,
        articles: s.articleIds.map((id) => {
          const a = articles.get(id)!;
          const d = place(a.orgPath).district;
          return { title: displayTitle({ category: a.category as ArticleCategory, title: a.title, district: d ? (d.shortName ?? d.name) : null }), paragraphs: a.paragraphs as string[] };
        }),
      });
      continue;
    }
    const block = await tableBlock(ctx, s, b.asOf);
    // a campaign's own daily notice carries its title in the masthead: the table does not repeat it
    if (block.kind === 'table' && s.table === 'task' && series.campaignId === s.campaignId) block.table.title = '';
    out.push({ kind: 'table', inContents: s.inContents, block });
  }
  const corrected = b.correctsId ? await repo.findBulletin(ctx.db, b.correctsId) : undefined;
  onProgress(sections.length, sections.length, '排版');
  return composeBulletin({
    series: { title: series.title, office: series.office, reportLine: series.reportLine, sendLine: series.sendLine },
    number: b.number, issuedOn: b.issuedOn, corrects: corrected ? { number: corrected.number, note: b.correction ?? '' } : null, sections: out,
  });
}

async function tableBlock(ctx: ServiceCtx, s: Extract<SectionSpec, { kind: 'table' }>, asOf: string): Promise<Extract<BulletinBlock, { kind: 'table' | 'summary' }>> {
  if (s.table === 'tips') return { kind: 'table', key: 'tips', table: tipsTable(await tipSummaryAsOf(ctx, asOf)) };
  if (s.table === 'survey') return { kind: 'table', key: 'survey', table: surveyTable(await surveyReport(ctx, asOf)) };
  if (s.table === 'task') {
    const campaign = await findCampaign(ctx.db, s.campaignId!);
    if (!campaign) throw badRequest('任务批次不存在');
    return { kind: 'table', key: 'task', table: taskTable(await taskProgress(ctx, campaign.id, asOf), campaign.title) };
  }
  const summary = await generateSummary(ctx.db, scopeFor(ctx.actor, 'findings.read'), asOf);
  const edit = await findingsEdit(ctx, asOf);
  // an office's edit of the week's summary is what goes to print
  const { intro, paragraphs } = summaryParagraphs(edit ?? summary.text);
  return { kind: 'summary', title: '一周问题汇总', intro, paragraphs };
}

async function findingsEdit(ctx: ServiceCtx, weekEnd: string): Promise<string | null> {
  const s = await weeklySummary(ctx, { weekEnd });
  return s.edited ? s.edited.text : null;
}

async function loadVisible(ctx: ServiceCtx, id: number) {
  requireCapability(ctx.actor, 'bulletins.read');
  const b = await repo.findBulletin(ctx.db, id);
  // drafts are the city office's working copies: to others they do not exist
  if (!b || (b.state === 'draft' && !hasCapability(ctx.actor, 'bulletins.manage'))) throw notFound();
  return b;
}

export async function getBulletin(ctx: ServiceCtx, id: number) {
  const b = await loadVisible(ctx, id);
  const series = await seriesOf(ctx.db, b.seriesId);
  const content = await buildContent(ctx, b);
  const candidates = b.state === 'draft' ? await repo.approvedArticles(ctx.db, addDays(b.asOf, -60), b.issuedOn) : [];
  const chosen = await repo.articlesByIds(ctx.db, (b.sections as SectionSpec[]).flatMap((s) => (s.kind === 'articles' ? s.articleIds : [])));
  return {
    id: b.id, seriesId: b.seriesId, series: series.name, number: b.number, issuedOn: b.issuedOn, asOf: b.asOf, state: b.state, correctsId: b.correctsId, correction: b.correction,
    issuedAt: b.issuedAt ? b.issuedAt.toISOString() : null, issuedBy: b.issuedBy, sections: b.sections as SectionSpec[], content, version: b.version,
    articles: [
      ...chosen.map((a) => ({ id: a.id, category: a.category as ArticleCategory, title: a.title, onDate: a.onDate, state: a.state as string })),
      ...candidates.filter((c) => !chosen.some((x) => x.id === c.id)).map((a) => ({ id: a.id, category: a.category as ArticleCategory, title: a.title, onDate: a.onDate, state: 'approved' })),
    ],
  };
}

export async function listBulletins(ctx: ServiceCtx, q: { seriesId?: number | undefined }) {
  requireCapability(ctx.actor, 'bulletins.read');
  const manager = hasCapability(ctx.actor, 'bulletins.manage');
  const series = new Map((await repo.listSeries(ctx.db)).map((s) => [s.id, s.name]));
  const rows = (await repo.listBulletins(ctx.db, q.seriesId ? { seriesId: q.seriesId } : {})).filter((b) => manager || b.state === 'issued');
  return rows.map((b) => ({ id: b.id, seriesId: b.seriesId, series: series.get(b.seriesId) ?? '', number: b.number, issuedOn: b.issuedOn, asOf: b.asOf, state: b.state, correctsId: b.correctsId, issuedBy: b.issuedBy, version: b.version }));
}

/** Issues a draft: the content is built once more and stored; its articles are marked as used in it. */
export async function issueBulletin(ctx: ServiceCtx, id: number, version: number, onProgress: Progress = () => {}) {
  requireCapability(ctx.actor, 'bulletins.manage');
  const b = await repo.findBulletin(ctx.db, id);
  if (!b) throw notFound();
  // issued meanwhile by someone else from the same page: a conflict, not a rule error
  if (b.version !== version) throw conflict();
  if (b.state === 'issued') throw badRequest('该期简报已印发');
  const content = await buildContent(ctx, b, onProgress);
  const series = await seriesOf(ctx.db, b.seriesId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.markIssued(trx, id, version, content, ctx.actor.displayName);
    const ids = (b.sections as SectionSpec[]).flatMap((s) => (s.kind === 'articles' ? s.articleIds : []));
    const now = new Map((await repo.articlesByIds(trx, ids)).map((a) => [a.id, a]));
    for (const aid of ids) if (now.get(aid)?.state !== 'approved') throw badRequest(`稿件“${now.get(aid)?.title ?? aid}”已不是“已审核”状态，请刷新后重新编排`);
    await repo.markArticlesUsed(trx, ids, `${series.name}第${b.number}期`);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'issue', entityType: 'bulletin', entityId: id, orgPath: null, summary: `印发${series.name}第 ${b.number} 期` });
  });
  return getBulletin(ctx, id);
}

/** The daily notice of a campaign for a day: its issue if one exists, else a new one (one table). */
export async function noticeFor(ctx: ServiceCtx, campaignId: number, day: string) {
  requireCapability(ctx.actor, 'bulletins.manage');
  const { series, existing } = await ctx.db.transaction().execute(async (trx) => {
    const series = await noticeSeries(trx, campaignId);
    return { series, existing: await repo.findByDate(trx, series.id, day) };
  });
  if (existing) return getBulletin(ctx, existing.id);
  return createBulletin(ctx, { seriesId: series.id, issuedOn: day, asOf: day, sections: [{ kind: 'table', table: 'task', campaignId, inContents: false }] });
}

export async function findByNumber(ctx: ServiceCtx, seriesName: string, number: number) {
  requireCapability(ctx.actor, 'bulletins.read');
  const series = await repo.findSeries(ctx.db, { name: seriesName });
  if (!series) throw badRequest(`简报系列“${seriesName}”不存在`);
  return { series, bulletin: await repo.findByNumber(ctx.db, series.id, number) };
}

export type Rendered = { fileName: string; data: Buffer; mime: string };

export async function renderBulletin(ctx: ServiceCtx, id: number, format: 'docx' | 'pdf' | 'html', opts: { chromium: string; onProgress?: Progress } = { chromium: '/usr/bin/chromium' }): Promise<Rendered> {
  const b = await loadVisible(ctx, id);
  const series = await seriesOf(ctx.db, b.seriesId);
  const content = await buildContent(ctx, b, opts.onProgress);
  const name = `${series.name}第${b.number}期${b.state === 'draft' ? '（草稿）' : ''}`;
  if (format === 'html') return { fileName: `${name}.html`, data: Buffer.from(bulletinHtml(content, { screen: true })), mime: 'text/html; charset=utf-8' };
  if (format === 'pdf') {
    const data = b.state === 'issued' ? await issuedBulletinPdf(`${b.id}:${b.version}`, content, opts.chromium) : await bulletinPdf(content, opts.chromium);
    return { fileName: `${name}.pdf`, data, mime: 'application/pdf' };
  }
  return { fileName: `${name}.docx`, data: await bulletinDocx(content, { title: name, issuedOn: b.issuedOn }), mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
}

