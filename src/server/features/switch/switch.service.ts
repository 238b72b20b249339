import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { taskDone } from '../../../domain/campaign/task-progress.js';
import { WELL_STAGE_LABELS, wellAsOf, type WellEvent, type WellEventData, type WellEventKind } from '../../../domain/well/lifecycle.js';
import {
  applyProgressUpdate, isSwitchOverdue, stateSince, SWITCH_STATE_LABELS, switchProblems, SwitchRuleError, type SwitchFacts, type SwitchState,
} from '../../../domain/switch/switch-project.js';
import { supplyWait, type SupplyWait } from '../../../domain/switch/supply-wait.js';
import { planSwitchSheet, SWITCH_SHEET_COLUMNS, type PlannedSwitchProject } from '../../../domain/switch/switch-sheet.js';
import { officeFor, requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, notFound, rowErrors } from '../../http/errors.js';
import { holdVersion } from '../../db/hold-version.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import type { CreateSwitchBody, EditSwitchBody, SwitchProjectView } from './switch.schema.js';
import * as repo from './switch.repo.js';

type WellEv = { wellId: number; event: WellEventKind; onDate: string; data: unknown };
function byWell(events: readonly WellEv[]): Map<number, WellEvent[]> {
  const m = new Map<number, WellEvent[]>();
  for (const e of events) (m.get(e.wellId) ?? m.set(e.wellId, []).get(e.wellId)!).push({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });
  return m;
}
const SEALED = new Set(['sealed', 'accepted', 'reactivated']);

// ---------------------------------------------------------------- the campaign task list

/**
 * 待通水 for campaign tasks: each task's wait for the project its well is linked to (null when
 * none). `deadline` is the task's own due date, else its campaign's last day.
 */
export async function supplyWaitsOf(db: Kysely<DB>, tasks: readonly { wellId: number; disposition: 'seal' | 'permit'; done: boolean; deadline: string | null }[]): Promise<(SupplyWait | null)[]> {
  const projects = new Map((await repo.projectsOfWells(db, tasks.filter((t) => t.disposition === 'seal' && !t.done).map((t) => t.wellId))).map((p) => [p.wellId, p]));
  return tasks.map((t) => supplyWait(t, projects.get(t.wellId)));
}

// ---------------------------------------------------------------- views

async function present(db: Kysely<DB>, rows: readonly repo.ProjectRow[], today: string): Promise<SwitchProjectView[]> {
  const links = await repo.wellLinks(db, rows.map((r) => r.id));
  const events = byWell(await repo.wellEvents(db, links.map((l) => l.wellId)));
  const place = await placesOf(db, rows.map((r) => r.orgPath));
  return rows.map((r) => {
    const mine = links.filter((l) => l.projectId === r.id);
    const p = place(r.orgPath);
    return {
      id: r.id, name: r.name, unitId: r.orgUnitId, district: p.district ? (p.district.shortName ?? p.district.name) : '', place: p.names,
      households: r.households, persons: r.persons, wellsPlanned: r.wellsPlanned, wells: mine.length,
      wellsSealed: mine.filter((l) => SEALED.has(wellAsOf(events.get(l.wellId) ?? [], today).stage)).length,
      budgetWan: r.budgetWan === null ? null : Number(r.budgetWan), costSharing: r.costSharing, contractor: r.contractor,
      startedOn: r.startedOn, plannedFinish: r.plannedFinish, finishedOn: r.finishedOn, progress: r.progress, state: r.state, stateLabel: SWITCH_STATE_LABELS[r.state],
      overdue: isSwitchOverdue(r, today), remarks: r.remarks, version: r.version,
    };
  });
}

type ListQuery = { districtId?: number | undefined; state?: SwitchState | undefined; overdue?: 'true' | 'false' | undefined; q?: string | undefined; page: number; pageSize: number };

export async function listProjectsFor(ctx: ServiceCtx, q: ListQuery) {
  requireCapability(ctx.actor, 'switch.read');
  const scope = scopeFor(ctx.actor, 'switch.read');
  const rows = await repo.listProjects(ctx.db, scope, q.q ? { q: q.q } : {});
  const districtPath = q.districtId ? `/${q.districtId}/` : null;
  const views = (await present(ctx.db, rows.filter((r) => !districtPath || r.orgPath.includes(districtPath)), officeToday()))
    .filter((v) => (!q.state || v.state === q.state) && (!q.overdue || (q.overdue === 'true') === v.overdue));
  return { total: views.length, projects: views.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

export async function getProject(ctx: ServiceCtx, id: number) {
  requireCapability(ctx.actor, 'switch.read');
  const row = await repo.findProject(ctx.db, scopeFor(ctx.actor, 'switch.read'), id);
  if (!row) throw notFound();
  const today = officeToday();
  const [view] = await present(ctx.db, [row], today);
  const wellIds = (await repo.wellLinks(ctx.db, [id])).map((l) => l.wellId);
  const wells = await repo.wellsByIds(ctx.db, wellIds);
  const events = byWell(await repo.wellEvents(ctx.db, wellIds));
  const place = await placesOf(ctx.db, wells.map((w) => w.orgPath));
  const tasks = (await repo.tasksOfWells(ctx.db, wellIds)).filter((t) => t.addedOn <= today);
  const waitingTasks = tasks.flatMap((t) => {
    const wait = supplyWait({ disposition: t.disposition, done: taskDone(t.disposition, events.get(t.wellId) ?? [], today), deadline: t.deadline ?? t.endsOn }, row);
    return wait ? [{ taskId: t.id, campaignId: t.campaignId, campaign: t.campaign, wellId: t.wellId, wellCode: t.code, ownerName: t.ownerName, deadline: t.deadline ?? t.endsOn, warning: wait.warning }] : [];
  });
  const history = (await repo.eventsOf(ctx.db, [id])).map((e) => ({
    id: e.id, onDate: e.onDate, state: e.state, stateLabel: SWITCH_STATE_LABELS[e.state], progress: e.progress, note: e.note, actorName: e.actorName, at: e.at.toISOString(),
  }));
  return {
    ...view!,
    wellList: wells.map((w) => {
      const stage = wellAsOf(events.get(w.id) ?? [], today).stage;
      return { id: w.id, code: w.code, ownerName: w.ownerName, place: place(w.orgPath).names.slice(1).join(' / '), stage, stageLabel: WELL_STAGE_LABELS[stage] };
    }),
    history,
    waitingTasks,
    editable: hasCapability(ctx.actor, 'switch.edit') && pathInScope(scopeFor(ctx.actor, 'switch.edit'), row.orgPath),
  };
}

/** Wells under a unit the form may link, with the project each already waits for. */
export async function candidateWells(ctx: ServiceCtx, q: { unitId: number; projectId?: number | undefined }) {
  requireCapability(ctx.actor, 'switch.edit');
  const scope = scopeFor(ctx.actor, 'switch.edit');
  const unit = await repo.unitInScope(ctx.db, scope, q.unitId);
  if (!unit) throw notFound();
  const wells = await repo.wellsUnder(ctx.db, scope, unit.path);
  const events = byWell(await repo.wellEvents(ctx.db, wells.map((w) => w.id)));
  const tasks = await repo.tasksOfWells(ctx.db, wells.map((w) => w.id));
  const place = await placesOf(ctx.db, wells.map((w) => w.orgPath));
  return {
    wells: wells.map((w) => {
      const facts = wellAsOf(events.get(w.id) ?? [], officeToday());
      const disposition = tasks.find((t) => t.wellId === w.id)?.disposition ?? (facts.disposition === 'seal' || facts.disposition === 'permit' ? facts.disposition : null);
      return {
        id: w.id, code: w.code, ownerName: w.ownerName, place: place(w.orgPath).names.slice(1).join(' / '), stage: facts.stage, stageLabel: WELL_STAGE_LABELS[facts.stage], disposition,
        projectName: w.projectId && w.projectId !== q.projectId ? w.projectName : null,
      };
    }),
  };
}

// ---------------------------------------------------------------- writes

type Fields = Omit<CreateSwitchBody, 'state' | 'progress' | 'wellIds'>;

/** The unit (a community or street in the caller's scope) and the wells (under it, free) of a project. */
async function checkPlace(trx: Kysely<DB>, scope: Scope, unitId: number, wellIds: readonly number[], projectId: number | null) {
  const unit = await repo.unitInScope(trx, scope, unitId);
  if (!unit) throw notFound();
  if (unit.level !== 'community' && unit.level !== 'street') throw badRequest('项目须落实到社区（村）或街道（乡镇）');
  const ids = [...new Set(wellIds)];
  const wells = await repo.wellsByIds(trx, ids);
  const linked = new Map((await repo.projectsOfWells(trx, ids)).map((p) => [p.wellId, p]));
  for (const id of ids) {
    const w = wells.find((x) => x.id === id);
    if (!w || !pathInScope(scope, w.orgPath)) throw badRequest(`井 ${id} 不存在或不在管辖范围内`);
    if (!w.orgPath.startsWith(unit.path)) throw badRequest(`井 ${w.code} 不在“${unit.name}”内`);
    const other = linked.get(id);
    if (other && other.id !== projectId) throw badRequest(`井 ${w.code} 已关联项目“${other.name}”`);
  }
  return { unit, wellIds: ids };
}

function checkFacts(f: SwitchFacts, today: string) {
  const problems = switchProblems(f).map((p) => p.message);
  if (f.startedOn && f.startedOn > today) problems.push('开工日期不能晚于今天');
  if (f.finishedOn && f.finishedOn > today) problems.push('实际完工日期不能晚于今天');
  if (problems.length) throw badRequest(problems.join('；'));
}

const values = (f: Fields, unit: { id: number; path: string }) => ({
  name: f.name, orgUnitId: unit.id, orgPath: unit.path, households: f.households, persons: f.persons, wellsPlanned: f.wellsPlanned, budgetWan: f.budgetWan,
  costSharing: f.costSharing, contractor: f.contractor, startedOn: f.startedOn, plannedFinish: f.plannedFinish, finishedOn: f.finishedOn, remarks: f.remarks || null,
});

export async function createProject(ctx: ServiceCtx, input: CreateSwitchBody) {
  requireCapability(ctx.actor, 'switch.edit');
  const scope = scopeFor(ctx.actor, 'switch.edit');
  const today = officeToday();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { unit, wellIds } = await checkPlace(trx, scope, input.unitId, input.wellIds, null);
    const facts = { state: input.state, progress: input.progress, startedOn: input.startedOn, plannedFinish: input.plannedFinish, finishedOn: input.finishedOn };
    checkFacts(facts, today);
    if (await repo.projectByName(trx, input.name)) throw conflict(`项目“${input.name}”已存在`);
    const { id } = await repo.insertProject(trx, { ...values(input, unit), state: input.state, progress: input.progress });
    await repo.replaceWellLinks(trx, id, wellIds);
    await repo.insertEvents(trx, [{ projectId: id, onDate: stateSince(facts, today), state: input.state, progress: input.progress, note: '登记项目', actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'switch_project', entityId: id, orgPath: unit.path,
      summary: `登记水源置换项目“${input.name}”（${SWITCH_STATE_LABELS[input.state]}，关联井 ${wellIds.length} 眼）`, after: input,
    });
    return id;
  });
  return getProject(ctx, id);
}

export async function editProject(ctx: ServiceCtx, id: number, input: EditSwitchBody) {
  requireCapability(ctx.actor, 'switch.edit');
  const scope = scopeFor(ctx.actor, 'switch.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findProject(trx, scope, id);
    if (!row) throw notFound();
    if (row.version !== input.version) throw conflict();
    const { unit, wellIds } = await checkPlace(trx, scope, input.unitId, input.wellIds, id);
    checkFacts({ state: row.state, progress: row.progress, startedOn: input.startedOn, plannedFinish: input.plannedFinish, finishedOn: input.finishedOn }, officeToday());
    const same = await repo.projectByName(trx, input.name);
    if (same && same.id !== id) throw conflict(`项目“${input.name}”已存在`);
    const before = { ...row, wellIds: (await repo.wellLinks(trx, [id])).map((l) => l.wellId) };
    await repo.updateProject(trx, id, input.version, values(input, unit));
    await repo.replaceWellLinks(trx, id, wellIds);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'switch_project', entityId: id, orgPath: unit.path,
      summary: `修改水源置换项目“${input.name}”`, before, after: input,
    });
  });
  return getProject(ctx, id);
}

/** 更新进度: a dated entry in the project's history, moving its state and progress. */
export async function updateProgress(ctx: ServiceCtx, id: number, input: { state: SwitchState; progress: number; onDate: string; note: string; version: number }) {
  requireCapability(ctx.actor, 'switch.edit');
  const scope = scopeFor(ctx.actor, 'switch.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findProject(trx, scope, id);
    if (!row) throw notFound();
    if (row.version !== input.version) throw conflict();
    await holdVersion(trx, 'switch_projects', id, input.version);
    const last = (await repo.eventsOf(trx, [id])).at(-1);
    let next: SwitchFacts;
    try {
      next = applyProgressUpdate({ ...row, lastOn: last?.onDate ?? null }, input, officeToday());
    } catch (err) {
      if (err instanceof SwitchRuleError) throw badRequest(err.message);
      throw err;
    }
    await repo.updateProject(trx, id, input.version, { state: next.state, progress: next.progress, startedOn: next.startedOn, finishedOn: next.finishedOn });
    await repo.insertEvents(trx, [{ projectId: id, onDate: input.onDate, state: next.state, progress: next.progress, note: input.note, actorName: ctx.actor.displayName }]);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'switch_progress', entityType: 'switch_project', entityId: id, orgPath: row.orgPath,
      summary: `水源置换项目“${row.name}”：${SWITCH_STATE_LABELS[next.state]}，进度 ${next.progress}%（${input.onDate}）`,
      before: { state: row.state, progress: row.progress }, after: { ...input, ...next },
    });
  });
  return getProject(ctx, id);
}

// ---------------------------------------------------------------- sheets

/** Loads projects kept in spreadsheets, by name: every row, or none. */
export async function importSwitchSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'switch.edit');
  const scope = scopeFor(ctx.actor, 'switch.edit');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const districts = (await repo.allDistricts(trx)).filter((d) => pathInScope(scope, d.path) || scope.paths.some((p) => p.startsWith(d.path)));
    const units = (await repo.unitsUnder(trx, districts.map((d) => d.path))).filter((u) => pathInScope(scope, u.path) || u.level === 'street');
    const existing = new Map((await repo.allProjectNames(trx)).map((p) => [p.name, { id: p.id, inScope: pathInScope(scope, p.orgPath) }]));
    const plan = planSwitchSheet(sheet.header, sheet.body, sheet.firstDataRow, { districts, units, existing, today: officeToday() });
    // a street office names its own street only
    for (const p of plan.projects) {
      const unit = units.find((u) => u.id === p.unitId)!;
      if (!pathInScope(scope, unit.path)) plan.errors.push({ row: p.rowNumber, column: '街道', message: `“${unit.name}”不在管辖范围内` });
    }
    if (plan.errors.length) throw rowErrors(plan.errors);
    const created = plan.projects.filter((p) => p.existingId === null).length;
    if (!input.dryRun) await applyPlannedProjects(trx, ctx, plan.projects, units, input.fileName);
    return { applied: !input.dryRun, created, updated: plan.projects.length - created };
  });
}

async function applyPlannedProjects(trx: Kysely<DB>, ctx: ServiceCtx, projects: readonly PlannedSwitchProject[], units: readonly { id: number; path: string }[], source: string) {
  const today = officeToday();
  const office = officeFor(ctx.actor, 'switch.edit');
  for (const p of projects) {
    const unit = units.find((u) => u.id === p.unitId)!;
    const v = {
      name: p.name, orgUnitId: unit.id, orgPath: unit.path, households: p.households, persons: p.persons, budgetWan: p.budgetWan, costSharing: p.costSharing,
      contractor: p.contractor, startedOn: p.startedOn, plannedFinish: p.plannedFinish, finishedOn: p.finishedOn, state: p.state, progress: p.progress,
    };
    if (p.existingId === null) {
      const { id } = await repo.insertProject(trx, { ...v, wellsPlanned: p.wellsPlanned ?? null, remarks: null });
      await repo.insertEvents(trx, [{ projectId: id, onDate: stateSince(p, today), state: p.state, progress: p.progress, note: `导入（${source}）`, actorName: ctx.actor.displayName }]);
      continue;
    }
    const row = (await repo.listProjects(trx, scopeFor(ctx.actor, 'switch.edit'), { ids: [p.existingId] }))[0]!;
    await repo.updateProject(trx, row.id, row.version, { ...v, ...(p.wellsPlanned !== undefined ? { wellsPlanned: p.wellsPlanned } : {}) });
    if (row.state !== p.state || row.progress !== p.progress) {
      await repo.insertEvents(trx, [{ projectId: row.id, onDate: stateSince(p, today), state: p.state, progress: p.progress, note: `导入更新（${source}）`, actorName: ctx.actor.displayName }]);
    }
  }
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'switch_project', entityId: null, orgPath: office.path,
    summary: `导入水源置换项目（${source}）${projects.length} 个`,
  });
}

export async function exportProjects(ctx: ServiceCtx): Promise<Buffer> {
  const list = await listProjectsFor(ctx, { page: 1, pageSize: 1_000_000 });
  const body = list.projects.map((p) => {
    const [district = '', street = '', community = ''] = p.place;
    return [
      p.name, district, street, community, p.households?.toString() ?? '', p.persons?.toString() ?? '', p.budgetWan?.toString() ?? '', p.costSharing, p.contractor,
      p.startedOn ?? '', p.plannedFinish ?? '', p.finishedOn ?? '', `${p.progress}%`, p.stateLabel, p.wellsPlanned?.toString() ?? '',
    ];
  });
  return writeXlsx('水源置换项目', [...SWITCH_SHEET_COLUMNS, '计划封井数'], body);
}
