/**
 * 指挥看板: where the campaign stands, for the caller's scope and a date. Every number comes from
 * the services behind the tables and bulletins (or, where those only count "today", from the same
 * domain rules applied as of the date), so the board never disagrees with them.
 */
import { addDays } from '../../../domain/shared/dates.js';
import { officeNow, officeToday } from '../../clock.js';
import { findingAsOf, isFindingOverdue, type FindingEvent, type FindingEventData } from '../../../domain/inspection/finding.js';
import { isOverdue } from '../../../domain/tip/workflow.js';
import { WELL_STAGE_LABELS, WELL_STAGES, type WellStage } from '../../../domain/well/lifecycle.js';
import { districtShortName } from '../../../domain/well/well.js';
import type { TaskProgressTable } from '../../../domain/campaign/task-progress.js';
import { hasCapability, pathInScope, scopeFor } from '../../auth/scope.js';
import type { ServiceCtx } from '../../context.js';
import { forbidden } from '../../http/errors.js';
import * as survey from '../survey/survey.service.js';
import * as surveyRepo from '../survey/survey.repo.js';
import * as campaigns from '../campaigns/campaigns.service.js';
import * as campaignsRepo from '../campaigns/campaigns.repo.js';
import * as tips from '../tips/tips.service.js';
import * as tipsRepo from '../tips/tips.repo.js';
import * as findingsRepo from '../findings/findings.repo.js';
import * as wells from '../wells/wells.service.js';
import * as suspects from '../utility/suspects.service.js';
import * as heatPump from '../heatpump/heatpump.service.js';
import type { DashboardView } from './dashboard.schema.js';
import type { TtlCache } from './dashboard.cache.js';
import type { Actor } from '../../auth/actor.js';

/** Days in the trend of tasks done. */
export const TREND_DAYS = 14;

type DashboardQuery = { asOf?: string | undefined; unitId?: number | undefined };

/**
 * Everything an answer depends on: the caller's grants (role and unit: their scopes and
 * capabilities; the board reads nothing else of the caller), the date and the drill-down unit.
 */
export function dashboardCacheKey(actor: Actor, asOf: string, unitId: number | undefined): string {
  const grants = actor.grants.map((g) => `${g.role}@${g.orgUnitId}:${g.orgPath}`).sort();
  return JSON.stringify([grants, asOf, unitId ?? null]);
}

/**
 * The board through a per-process cache: the same key within the cache's lifetime gets the same
 * answer (with the time it was computed), and concurrent callers share one computation. Past days
 * are cached no longer than today: a back-dated event (a well sealed "last Tuesday", a tip event
 * with its own date) still changes them, and the suspects block is always today's.
 */
export async function cachedCommandDashboard(cache: TtlCache<DashboardView>, ctx: ServiceCtx, q: DashboardQuery): Promise<DashboardView> {
  if (!hasCapability(ctx.actor, 'survey.read')) throw forbidden();
  const asOf = q.asOf ?? officeToday();
  return cache.get(dashboardCacheKey(ctx.actor, asOf, q.unitId), () => oneAtATime(() => commandDashboard(ctx, { asOf, unitId: q.unitId })));
}

/**
 * Boards of different scopes are computed one after another, not interleaved: when the cache is
 * cold (a morning, a restart) each leader's board is ready in turn instead of all of them late,
 * and only one board's city-wide rows are held in memory at a time.
 */
let boardQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = boardQueue.then(work, work);
  boardQueue = run.catch(() => undefined);
  return run;
}

export async function commandDashboard(ctx: ServiceCtx, q: DashboardQuery): Promise<DashboardView> {
  if (!hasCapability(ctx.actor, 'survey.read')) throw forbidden();
  const asOf = q.asOf ?? officeToday();
  const computedAt = officeNow().toISOString();
  return {
    asOf,
    computedAt,
    survey: await surveyBlock(ctx, asOf, q.unitId),
    tasks: hasCapability(ctx.actor, 'wells.read') ? await tasksBlock(ctx, asOf) : null,
    tips: hasCapability(ctx.actor, 'tips.read') ? await tipsBlock(ctx, asOf) : null,
    findings: hasCapability(ctx.actor, 'findings.read') ? await findingsBlock(ctx, asOf) : null,
    wells: hasCapability(ctx.actor, 'wells.read') ? await wellsBlock(ctx, asOf) : null,
    suspects: hasCapability(ctx.actor, 'suspects.read') ? await suspectsBlock(ctx) : null,
    heatpump: hasCapability(ctx.actor, 'heatpump.read') ? await heatPump.heatPumpSummary(ctx, asOf) : null,
  };
}

// ---------------------------------------------------------------- survey

async function surveyBlock(ctx: ServiceCtx, asOf: string, unitId: number | undefined): Promise<DashboardView['survey']> {
  const units = await surveyRepo.unitsInScope(ctx.db, scopeFor(ctx.actor, 'survey.read'));
  const ref = (u: (typeof units)[number]) => ({ id: u.id, name: u.name, level: u.level });
  const hasDistrict = units.some((u) => u.level === 'district');
  // below a district (a street office, a grid worker) there is no 分区 table: the top unit's children instead
  if (!unitId && !hasDistrict && units[0]) unitId = units[0].id;
  if (unitId) {
    // a unit's children: /api/survey/progress?unitId= (404 when the unit is not in scope)
    const p = await survey.surveyProgress(ctx, { asOf, unitId });
    const unit = units.find((u) => u.id === unitId)!;
    const ids = new Set(unit.path.split('/').filter(Boolean).map(Number));
    return {
      unit: p.unit,
      trail: units.filter((u) => ids.has(u.id)).sort((a, b) => a.path.length - b.path.length).map(ref),
      rows: p.rows.map((r) => ({ unitId: r.unitId, name: r.name, level: r.level, grids: r.grids, started: r.started, completed: r.completed, rate: r.rate, drillable: r.level !== 'grid' })),
      total: p.total,
    };
  }
  // the districts: the bulletin's table (/api/survey/report), with each district's id for the links
  const report = await survey.surveyReport(ctx, asOf);
  const districts = units.filter((u) => u.level === 'district' && u.openedOn <= asOf && (u.closedOn === null || u.closedOn > asOf));
  const top = units[0]!;
  return {
    unit: ref(top),
    trail: [],
    rows: report.rows.map((r) => {
      const d = districts.find((x) => x.name === r.district);
      return { unitId: d?.id ?? 0, name: r.district, level: 'district', grids: r.grids, started: r.started, completed: r.completed, rate: r.rate, drillable: !!d };
    }),
    total: report.total,
  };
}

// ---------------------------------------------------------------- tasks

/** The campaign running on the date (startsOn ≤ date ≤ endsOn), else the latest one. */
async function activeCampaign(ctx: ServiceCtx, asOf: string) {
  const all = await campaigns.listCampaigns(ctx);
  if (all.length === 0) return null;
  const running = all.filter((c) => c.startsOn <= asOf && asOf <= c.endsOn);
  const pick = (xs: typeof all) => [...xs].sort((a, b) => (a.startsOn === b.startsOn ? b.id - a.id : a.startsOn < b.startsOn ? 1 : -1))[0]!;
  return running.length ? pick(running) : pick(all);
}

async function tasksBlock(ctx: ServiceCtx, asOf: string): Promise<DashboardView['tasks']> {
  const districts = await campaignsRepo.districtsInScope(ctx.db, scopeFor(ctx.actor, 'wells.read'));
  // the 日通报 is by district: a scope below one has none (the progress route refuses it too)
  if (districts.length === 0) return null;
  const campaign = await activeCampaign(ctx, asOf);
  if (!campaign) return null;
  // one 日通报 per day: the trend, yesterday's and last week's tables (measured: the whole board answers in about 0.5 s on the demo, 307 tasks, PGlite)
  const days = Array.from({ length: TREND_DAYS }, (_, i) => addDays(asOf, i - TREND_DAYS + 1));
  const tables: Map<string, TaskProgressTable> = await campaigns.taskProgressOn(ctx, campaign.id, [...days, addDays(asOf, -TREND_DAYS)]);
  const today = tables.get(asOf)!;
  const yesterday = tables.get(addDays(asOf, -1))!;
  const lastWeek = tables.get(addDays(asOf, -7))!;
  const doneIn = (t: TaskProgressTable, district: string) => t.rows.find((r) => r.district === district)?.all.done ?? 0;
  const idOf = (short: string) => districts.find((d) => districtShortName(d.name, d.shortName) === short)?.id ?? null;
  return {
    campaign: { id: campaign.id, name: campaign.name, title: campaign.title, startsOn: campaign.startsOn, endsOn: campaign.endsOn },
    asOf,
    rows: today.rows.map((r) => ({
      districtId: idOf(r.district), district: r.district, rank: r.rank, share: r.share, seal: r.seal, permit: r.permit, all: r.all,
      sinceYesterday: r.all.done - doneIn(yesterday, r.district),
      sinceLastWeek: r.all.done - doneIn(lastWeek, r.district),
    })),
    total: { ...today.total, sinceYesterday: today.total.all.done - yesterday.total.all.done, sinceLastWeek: today.total.all.done - lastWeek.total.all.done },
    trend: days.map((d) => {
      const t = tables.get(d)!;
      return { day: d, done: t.total.all.done, tasks: t.total.all.tasks, doneThatDay: t.total.all.done - tables.get(addDays(d, -1))!.total.all.done };
    }),
  };
}

// ---------------------------------------------------------------- tips

async function tipsBlock(ctx: ServiceCtx, asOf: string): Promise<DashboardView['tips']> {
  const scope = scopeFor(ctx.actor, 'tips.read');
  const districts = await tipsRepo.districtsInScope(ctx.db, scope);
  // the 办理情况表 is by district: a scope below one has none (the summary route refuses it too)
  if (districts.length === 0) return null;
  let summary: Awaited<ReturnType<typeof tips.tipSummaryAsOf>>;
  let overdue: { districtId: number | null; n: number }[];
  if (await tipsRepo.statesHoldOn(ctx.db, scope, {}, asOf)) {
    // no tip has an event after the day: the table and the overdue counts from the stored states, in SQL
    summary = await tips.tipSummaryAsOf(ctx, asOf);
    overdue = await tipsRepo.overdueCounts(ctx.db, scope, asOf);
  } else {
    // one read of the tips and their events for the table and the overdue count
    const all = await tips.tipFactsAsOf(ctx, asOf);
    summary = await tips.tipSummaryAsOf(ctx, asOf, all);
    // overdue as of the date: the rule of the tips list (/api/tips?overdue=true, /api/tips/overdue) applied on that day
    overdue = all.map((x) => x.facts).filter((f) => isOverdue(f, asOf)).map((f) => ({ districtId: f.districtId, n: 1 }));
  }
  return {
    received: summary.total.received, assigned: summary.total.assigned, closed: summary.total.closed, closureRate: summary.total.closureRate,
    substantiated: summary.total.substantiated, overdue: overdue.reduce((n, o) => n + o.n, 0),
    rows: summary.rows.map((r) => {
      const id = districts.find((d) => d.name === r.district)?.id ?? null;
      return { districtId: id, district: r.district, received: r.received, closed: r.closed, overdue: overdue.filter((o) => id !== null && o.districtId === id).reduce((n, o) => n + o.n, 0) };
    }),
  };
}

// ---------------------------------------------------------------- findings

/** findingsBoard counts "today" only; this applies its rules (findingAsOf, isFindingOverdue) as of the date. */
async function findingsBlock(ctx: ServiceCtx, asOf: string): Promise<DashboardView['findings']> {
  const scope = scopeFor(ctx.actor, 'findings.read');
  if (await findingsRepo.statesHoldOn(ctx.db, scope, { to: asOf }, asOf)) {
    // no finding has an event after the day: counted from the stored states, in SQL
    const counts = await findingsRepo.countsByDistrict(ctx.db, scope, asOf);
    const districts = (await findingsRepo.allDistricts(ctx.db)).filter((d) => counts.some((c) => c.districtId === d.id) || pathInScope(scope, d.path));
    const sum = (k: 'total' | 'open' | 'overdue') => counts.reduce((n, c) => n + c[k], 0);
    return {
      total: sum('total'), open: sum('open'), overdue: sum('overdue'),
      rows: districts.map((d) => {
        const c = counts.find((x) => x.districtId === d.id) ?? { total: 0, open: 0, overdue: 0 };
        return { districtId: d.id, district: d.shortName ?? d.name, total: c.total, open: c.open, overdue: c.overdue };
      }),
    };
  }
  // only what the counts need: ids, districts and deadlines, and the events' kinds and dates (one semi-join, not 8,000 ids)
  const rows = await findingsRepo.listFindingKeys(ctx.db, scope, { to: asOf });
  const events = new Map<number, Awaited<ReturnType<typeof findingsRepo.eventFactsOf>>>();
  for (const e of await findingsRepo.eventFactsOf(ctx.db, scope, { to: asOf })) (events.get(e.findingId) ?? events.set(e.findingId, []).get(e.findingId)!).push(e);
  const facts = rows.map((r) => {
    const f = findingAsOf((events.get(r.id) ?? []).map((e): FindingEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as FindingEventData })), asOf);
    return { districtId: r.districtId, open: f.state !== 'closed', overdue: isFindingOverdue(f, r.deadline, asOf) };
  });
  const districts = (await findingsRepo.allDistricts(ctx.db)).filter((d) => facts.some((f) => f.districtId === d.id) || pathInScope(scope, d.path));
  return {
    total: facts.length,
    open: facts.filter((f) => f.open).length,
    overdue: facts.filter((f) => f.overdue).length,
    rows: districts.map((d) => {
      const mine = facts.filter((f) => f.districtId === d.id);
      return { districtId: d.id, district: d.shortName ?? d.name, total: mine.length, open: mine.filter((f) => f.open).length, overdue: mine.filter((f) => f.overdue).length };
    }),
  };
}

// ---------------------------------------------------------------- wells

async function wellsBlock(ctx: ServiceCtx, asOf: string): Promise<DashboardView['wells']> {
  const counts = await wells.wellStageCountsAsOf(ctx, asOf);
  const count = (s: WellStage) => counts.get(s) ?? 0;
  return { total: [...counts.values()].reduce((a, b) => a + b, 0), stages: WELL_STAGES.map((stage) => ({ stage, label: WELL_STAGE_LABELS[stage], count: count(stage) })) };
}

// ---------------------------------------------------------------- suspects

/** The verification batches' figures now: the batches keep no dated history of their outcomes. */
async function suspectsBlock(ctx: ServiceCtx): Promise<DashboardView['suspects']> {
  const { batches } = await suspects.listBatches(ctx);
  const sum = (k: 'checks' | 'visited' | 'found' | 'pending') => batches.reduce((n, b) => n + b[k], 0);
  const visited = sum('visited');
  return {
    batches: batches.map((b) => ({ id: b.id, number: b.number, checks: b.checks, visited: b.visited, found: b.found, pending: b.pending, hitRate: b.hitRate })),
    total: { checks: sum('checks'), visited, found: sum('found'), pending: sum('pending'), hitRate: visited ? sum('found') / visited : null },
  };
}
