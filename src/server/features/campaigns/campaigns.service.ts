import { officeToday } from '../../clock.js';
import { rankDistricts, taskDone, taskDoneAtStage, type DistrictProgress, type TaskProgressTable } from '../../../domain/campaign/task-progress.js';
import { wellAsOf, type WellEvent, type WellEventData, type WellEventKind } from '../../../domain/well/lifecycle.js';
import { districtShortName } from '../../../domain/well/well.js';
import { requireCapability } from '../../auth/policies.js';
import { scopeFor } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import * as repo from './campaigns.repo.js';
import { supplyWaitsOf } from '../switch/switch.service.js';

type Ev = { wellId: number; event: WellEventKind; onDate: string; data: unknown };
const asEvent = (e: Ev): WellEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });

function byWell(events: Ev[]): Map<number, WellEvent[]> {
  const m = new Map<number, WellEvent[]>();
  for (const e of events) (m.get(e.wellId) ?? m.set(e.wellId, []).get(e.wellId)!).push(asEvent(e));
  return m;
}

export async function listCampaigns(ctx: ServiceCtx) {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const today = officeToday();
  const out = [];
  for (const c of await repo.listCampaigns(ctx.db)) {
    const tasks = await repo.tasksInScope(ctx.db, scope, c.id);
    const events = byWell(await repo.eventsOfWells(ctx.db, tasks.map((t) => t.wellId)));
    out.push({ id: c.id, name: c.name, title: c.title, startsOn: c.startsOn, endsOn: c.endsOn, tasks: tasks.length, done: tasks.filter((t) => taskDone(t.disposition, events.get(t.wellId) ?? [], today)).length });
  }
  return out;
}

export async function createCampaign(ctx: ServiceCtx, input: { name: string; title: string; startsOn: string; endsOn: string }) {
  requireCapability(ctx.actor, 'campaigns.manage');
  if (input.endsOn < input.startsOn) throw badRequest('结束日期不能早于开始日期');
  return ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCampaignByName(trx, input.name)) throw conflict(`任务批次“${input.name}”已存在`);
    const { id } = await repo.insertCampaign(trx, input);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'campaign', entityId: id, orgPath: null, summary: `新建封停任务“${input.name}”（${input.startsOn} 至 ${input.endsOn}）`, after: input });
    return { id, ...input, tasks: 0, done: 0 };
  });
}

/** Adds wells to a campaign's target list, each with the disposition it must reach. */
export async function addTasks(ctx: ServiceCtx, campaignId: number, tasks: { wellId: number; disposition: 'seal' | 'permit'; deadline: string | null }[]) {
  requireCapability(ctx.actor, 'campaigns.manage');
  const scope = scopeFor(ctx.actor, 'campaigns.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const campaign = await repo.findCampaign(trx, campaignId);
    if (!campaign) throw notFound();
    const wells = new Map((await repo.wellsForTasks(trx, scope, tasks.map((t) => t.wellId))).map((w) => [w.id, w]));
    const already = await repo.existingTaskWells(trx, campaignId, tasks.map((t) => t.wellId));
    const districts = await repo.districtsInScope(trx, scope);
    const rows = tasks.map((t) => {
      const w = wells.get(t.wellId);
      if (!w) throw badRequest(`井 ${t.wellId} 不存在或不在管辖范围内`);
      if (already.has(t.wellId)) throw conflict(`井 ${w.code} 已在任务“${campaign.name}”中`);
      const d = districts.find((x) => w.orgPath.startsWith(x.path));
      if (!d) throw badRequest(`井 ${w.code} 不属于任何区`);
      return { campaignId, wellId: t.wellId, districtId: d.id, disposition: t.disposition, deadline: t.deadline ?? campaign.endsOn, addedOn: officeToday() };
    });
    await repo.insertTasks(trx, rows);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'campaign', entityId: campaignId, orgPath: null, summary: `封停任务“${campaign.name}”新增 ${rows.length} 眼井`, after: { wells: rows.map((r) => r.wellId) } });
    return { added: rows.length };
  });
}

/** 日通报: per district (short name) 应封停 / 应纳管 / 合计, ranked by the share of all tasks done. */
export async function taskProgress(ctx: ServiceCtx, campaignId: number, asOf?: string): Promise<TaskProgressTable> {
  const day = asOf ?? officeToday();
  return (await taskProgressOn(ctx, campaignId, [day])).get(day)!;
}

/** The 日通报 of several days from one read of the tasks and their wells' events (the dashboard's trend). */
export async function taskProgressOn(ctx: ServiceCtx, campaignId: number, days: readonly string[]): Promise<Map<string, TaskProgressTable>> {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const campaign = await repo.findCampaign(ctx.db, campaignId);
  if (!campaign) throw notFound();
  const allTasks = await repo.tasksInScope(ctx.db, scope, campaignId);
  // a day on or after every task well's last event reads the stored stages (wells.state.ts); an earlier day folds the events by date
  const storedHolds = (day: string) => allTasks.every((t) => t.stage !== null && (t.lastEventOn === null || t.lastEventOn <= day));
  const events = days.every(storedHolds) ? new Map<number, WellEvent[]>() : byWell(await repo.eventsOfWells(ctx.db, allTasks.map((t) => t.wellId)));
  const allDistricts = await repo.districtsInScope(ctx.db, scope);
  const out = new Map<string, TaskProgressTable>();
  for (const day of days) {
    const stored = storedHolds(day);
    const done = (t: (typeof allTasks)[number], disposition: 'seal' | 'permit') => (stored ? taskDoneAtStage(disposition, t.stage!) : taskDone(disposition, events.get(t.wellId) ?? [], day));
    // tasks added after the cut-off day are not in that day's notice
    const tasks = allTasks.filter((t) => t.addedOn <= day);
    const districts = allDistricts.filter((d) => d.openedOn <= day && (d.closedOn === null || d.closedOn > day));
    const rows: DistrictProgress[] = districts.map((d) => {
      const mine = tasks.filter((t) => t.districtId === d.id);
      const count = (disposition: 'seal' | 'permit') => {
        const ts = mine.filter((t) => t.disposition === disposition);
        return { tasks: ts.length, done: ts.filter((t) => done(t, disposition)).length };
      };
      return { district: districtShortName(d.name, d.shortName), seal: count('seal'), permit: count('permit') };
    });
    if (rows.length === 0) throw badRequest('管辖范围内没有区级单位，无法生成分区通报');
    out.set(day, rankDistricts(campaign.name, day, rows));
  }
  return out;
}

export async function campaignTitle(campaignId: number, ctx: ServiceCtx): Promise<string> {
  const c = await repo.findCampaign(ctx.db, campaignId);
  if (!c) throw notFound();
  return c.title;
}

export async function listTasks(ctx: ServiceCtx, campaignId: number, q: { districtId?: number | undefined; asOf?: string | undefined; status?: 'open' | 'done' | 'overdue' | undefined }) {
  const scope = scopeFor(ctx.actor, 'wells.read');
  const campaign = await repo.findCampaign(ctx.db, campaignId);
  if (!campaign) throw notFound();
  const day = q.asOf ?? officeToday();
  const tasks = (await repo.tasksInScope(ctx.db, scope, campaignId)).filter((t) => t.addedOn <= day && (!q.districtId || t.districtId === q.districtId));
  const events = byWell(await repo.eventsOfWells(ctx.db, tasks.map((t) => t.wellId)));
  const ids = [...new Set(tasks.flatMap((t) => t.orgPath.split('/').filter(Boolean).map(Number)))];
  const units = new Map((await repo.unitNames(ctx.db, ids)).map((u) => [u.id, u]));
  const nameAt = (path: string, level: string) => path.split('/').filter(Boolean).map((id) => units.get(Number(id))).find((u) => u?.level === level)?.name ?? '';
  const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000);
  const views = tasks
    .map((t) => {
      const ev = events.get(t.wellId) ?? [];
      const done = taskDone(t.disposition, ev, day);
      const daysLeft = t.deadline ? dayNumber(t.deadline) - dayNumber(day) : null;
      return {
        taskId: t.id, wellId: t.wellId, wellCode: t.code, ownerName: t.ownerName, district: nameAt(t.orgPath, 'district'),
        place: [nameAt(t.orgPath, 'street'), nameAt(t.orgPath, 'community')].filter(Boolean).join(' / '),
        disposition: t.disposition, deadline: t.deadline, daysLeft, stage: wellAsOf(ev, day).stage, done, overdue: !done && daysLeft !== null && daysLeft < 0,
      };
    })
    .filter((t) => !q.status || (q.status === 'done' ? t.done : q.status === 'overdue' ? t.overdue : !t.done));
  // read-only: a seal task whose well waits for a pipe-network switch is marked 待通水
  const waits = await supplyWaitsOf(ctx.db, views.map((t) => ({ ...t, deadline: t.deadline ?? campaign.endsOn })));
  return views.map((t, i) => ({ ...t, supplyWait: waits[i] ?? null }));
}
