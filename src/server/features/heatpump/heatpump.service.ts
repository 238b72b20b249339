/**
 * 地温空调: heat-pump projects, their wells, readings and observations. Every write that adds a
 * fact asks the domain what the records now call for (findingsToRaise) and raises it for the
 * project's district in the same transaction, remembering under which key (a month, an
 * observation, a wells count) so that nothing is raised twice.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { roleCan } from '../../../domain/shared/roles.js';
import { isWithin } from '../../../domain/org/org-unit.js';
import { findingAsOf, type FindingEvent, type FindingEventData } from '../../../domain/inspection/finding.js';
import { findingCategoryFor, findingsToRaise, isLowRatio, monthlyRatios, reinjectionRatio, type HeatPumpReading } from '../../../domain/heatpump/reinjection.js';
import {
  annualDesignVolume, DEFAULT_HEAT_PUMP_RULES, HEAT_PUMP_STAGE_LABELS, latestMonth, meteringRequired, OBSERVATION_KIND_LABELS, parsePeriod, periodLabel, periodStarted,
  READING_METHOD_LABELS, type HeatPumpRules, type HeatPumpStage, type ObservationKind, type ReadingMethod,
} from '../../../domain/heatpump/project.js';
import { WELL_USE_LABELS, type WellUse } from '../../../domain/well/well.js';
import type { Actor } from '../../auth/actor.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import { readSetting, writeSetting } from '../system/settings.repo.js';
import * as findingsRepo from '../findings/findings.repo.js';
import { findingViews, raiseFindingIn } from '../findings/findings.service.js';
import type { HeatPumpProjectDetail, HeatPumpProjectView } from './heatpump.schema.js';
import * as repo from './heatpump.repo.js';

const GSHP_USES: readonly WellUse[] = ['gshp_extraction', 'gshp_reinjection'];

// ---------------------------------------------------------------- settings

export async function heatPumpRules(db: Kysely<DB>): Promise<HeatPumpRules> {
  const saved = ((await readSetting(db, 'heat_pump_rules')) ?? {}) as Partial<HeatPumpRules>;
  return { ...DEFAULT_HEAT_PUMP_RULES, ...saved };
}

export async function rulesView(ctx: ServiceCtx): Promise<HeatPumpRules> {
  requireCapability(ctx.actor, 'heatpump.read');
  return heatPumpRules(ctx.db);
}

/** The city office sets the reinjection threshold and the metering threshold. Findings already raised stay. */
export async function saveRules(ctx: ServiceCtx, input: HeatPumpRules): Promise<HeatPumpRules> {
  if (!scopeFor(ctx.actor, 'heatpump.edit').roles.includes('city')) throw badRequest('只有市封停办可以修改地温空调回灌率和在线计量标准');
  const before = await heatPumpRules(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await writeSetting(trx, 'heat_pump_rules', input);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'setting', entityId: null, orgPath: null, summary: '修改地温空调回灌率和在线计量标准', before, after: input });
  });
  return heatPumpRules(ctx.db);
}

// ---------------------------------------------------------------- views

type Loaded = {
  rows: repo.ProjectRow[];
  wells: Awaited<ReturnType<typeof repo.wellsOf>>;
  readings: Awaited<ReturnType<typeof repo.readingsOf>>;
  raised: Awaited<ReturnType<typeof repo.raisedOf>>;
  /** the state of each finding a project raised, today */
  openFinding: Map<number, boolean>;
};

async function load(db: Kysely<DB>, scope: Scope, rows: repo.ProjectRow[]): Promise<Loaded> {
  const ids = rows.map((r) => r.id);
  const [wells, readings, raised] = await Promise.all([repo.wellsOf(db, ids), repo.readingsOf(db, ids), repo.raisedOf(db, ids)]);
  const findingIds = [...new Set(raised.map((r) => r.findingId))];
  const findings = await findingsRepo.listFindings(db, scope, { ids: findingIds });
  const events = await findingsRepo.eventsOf(db, findings.map((f) => f.id));
  const today = officeToday();
  const openFinding = new Map(findings.map((f) => {
    const es = events.filter((e) => e.findingId === f.id).map((e): FindingEvent => ({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as FindingEventData }));
    return [f.id, findingAsOf(es, today).state !== 'closed'];
  }));
  return { rows, wells, readings, raised, openFinding };
}

const asReadings = (rows: Loaded['readings']): HeatPumpReading[] => rows.map((r) => ({ period: r.period, pumpedM3: r.pumpedM3, reinjectedM3: r.reinjectedM3 }));

async function present(db: Kysely<DB>, data: Loaded, rules: HeatPumpRules, asOf = officeToday()): Promise<HeatPumpProjectView[]> {
  const place = await placesOf(db, data.rows.map((r) => r.orgPath));
  return data.rows.map((r) => {
    const p = place(r.orgPath);
    const latest = latestMonth(asReadings(data.readings.filter((x) => x.projectId === r.id)), asOf);
    const findingIds = new Set(data.raised.filter((x) => x.projectId === r.id).map((x) => x.findingId));
    return {
      id: r.id, name: r.name, operator: r.operator, address: r.address, lat: r.lat, lng: r.lng, orgUnitId: r.orgUnitId, districtId: r.districtId,
      district: p.district ? (p.district.shortName ?? p.district.name) : '', place: p.names, stage: r.stage, stageLabel: HEAT_PUMP_STAGE_LABELS[r.stage],
      approvalNo: r.approvalNo, approvalDate: r.approvalDate, approvalAuthority: r.approvalAuthority, approvalDocuments: r.approvalDocuments as { title: string; url: string | null }[],
      registeredWells: r.registeredWells, foundWells: data.wells.filter((w) => w.projectId === r.id).length,
      designPumpM3PerDay: r.designPumpM3PerDay, designReinjectM3PerDay: r.designReinjectM3PerDay, operatingDaysPerYear: r.operatingDaysPerYear,
      annualDesignM3: annualDesignVolume(r.designPumpM3PerDay, r.operatingDaysPerYear), meteringRequired: meteringRequired(r, rules.meteringThresholdM3PerYear),
      remarks: r.remarks, latestMonth: latest, low: !!latest && isLowRatio(latest.ratio, rules.ratioThreshold),
      openFindings: [...findingIds].filter((id) => data.openFinding.get(id)).length, version: r.version,
    };
  });
}

type ListQuery = { q?: string | undefined; districtId?: number | undefined; stage?: HeatPumpStage | undefined; low?: 'true' | 'false' | undefined; page: number; pageSize: number };

/** 地温空调项目 in the caller's scope with their latest month and open findings; `low` keeps those below the threshold. */
export async function listProjectsFor(ctx: ServiceCtx, q: ListQuery) {
  const scope = scopeFor(ctx.actor, 'heatpump.read');
  const rules = await heatPumpRules(ctx.db);
  const rows = await repo.listProjects(ctx.db, scope, { ...(q.q ? { q: q.q } : {}), ...(q.districtId ? { districtId: q.districtId } : {}), ...(q.stage ? { stage: q.stage } : {}) });
  const views = (await present(ctx.db, await load(ctx.db, scope, rows), rules)).filter((v) => !q.low || (q.low === 'true') === v.low);
  return { total: views.length, rules, projects: views.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

export async function getProject(ctx: ServiceCtx, id: number): Promise<HeatPumpProjectDetail> {
  const scope = scopeFor(ctx.actor, 'heatpump.read');
  const row = await repo.findProject(ctx.db, scope, id);
  if (!row) throw notFound();
  const rules = await heatPumpRules(ctx.db);
  const data = await load(ctx.db, scope, [row]);
  const [view] = await present(ctx.db, data, rules);
  const place = await placesOf(ctx.db, data.wells.map((w) => w.orgPath));
  const keyed = new Map(data.raised.map((r) => [r.key, r.findingId]));
  const observations = await repo.observationsOf(ctx.db, [id]);
  const findingIds = [...new Set(data.raised.map((r) => r.findingId))];
  return {
    ...view!,
    rules,
    wells: data.wells.map((w) => ({ id: w.id, code: w.code, ownerName: w.ownerName, use: w.use, useLabel: WELL_USE_LABELS[w.use], place: place(w.orgPath).names })),
    months: monthlyRatios(asReadings(data.readings)).map((m) => ({ ...m, low: isLowRatio(m.ratio, rules.ratioThreshold), findingId: keyed.get(`month:${m.period}`) ?? null })),
    readings: [...data.readings].reverse().map((r) => ({
      id: r.id, period: r.period, pumpedM3: r.pumpedM3, reinjectedM3: r.reinjectedM3, ratio: reinjectionRatio(r.pumpedM3, r.reinjectedM3), method: r.method,
      methodLabel: READING_METHOD_LABELS[r.method], waterTempC: r.waterTempC, note: r.note, recordedBy: r.recordedBy, recordedAt: r.createdAt.toISOString(),
    })),
    observations: [...observations].reverse().map((o) => ({
      id: o.id, onDate: o.onDate, kind: o.kind, kindLabel: OBSERVATION_KIND_LABELS[o.kind], note: o.note, inspectionId: o.inspectionId, recordedBy: o.recordedBy,
      findingId: keyed.get(`observation:${o.id}`) ?? null,
    })),
    findings: (await findingViews(ctx, findingIds)),
    canEdit: hasCapability(ctx.actor, 'heatpump.edit') && pathInScope(scopeFor(ctx.actor, 'heatpump.edit'), row.orgPath),
  };
}

// ---------------------------------------------------------------- raising what the records call for

/**
 * Who raises the findings a write calls for: the caller, when they raise findings over the
 * project. The water bureau's law enforcement records readings but raises no findings of its own
 * (no findings.raise): what its records call for is raised in the name of the office its grant
 * sits in (the city office for 市水利局执法支队), under the caller's name in the audit log.
 */
function raiserFor(ctx: ServiceCtx, projectPath: string): ServiceCtx {
  if (hasCapability(ctx.actor, 'findings.raise') && pathInScope(scopeFor(ctx.actor, 'findings.raise'), projectPath)) return ctx;
  const g = ctx.actor.grants.find((x) => roleCan(x.role, 'heatpump.edit') && isWithin(projectPath, x.orgPath));
  if (!g) throw notFound();
  const actor: Actor = { ...ctx.actor, grants: [{ ...g, role: g.orgLevel === 'city' ? 'city' : 'district' }] };
  return { ...ctx, actor };
}

/** Raises, inside `trx`, every finding the project's records call for that none answers yet; returns the new findings' ids. */
export async function raisePending(trx: Kysely<DB>, ctx: ServiceCtx, project: repo.ProjectRow, rules: HeatPumpRules): Promise<number[]> {
  // one after another: they share the transaction's connection
  const readings = await repo.readingsOf(trx, [project.id]);
  const observations = await repo.observationsOf(trx, [project.id]);
  const raised = await repo.raisedOf(trx, [project.id]);
  const wells = await repo.wellsOf(trx, [project.id]);
  const pending = findingsToRaise(
    { name: project.name, registeredWells: project.registeredWells, foundWells: wells.length },
    asReadings(readings),
    observations.map((o) => ({ id: o.id, onDate: o.onDate, kind: o.kind, note: o.note })),
    new Set(raised.map((r) => r.key)),
    { today: officeToday(), threshold: rules.ratioThreshold },
  );
  if (pending.length === 0) return [];
  const raiser = raiserFor(ctx, project.orgPath);
  // the grid of a well beyond those registered: the survey missed it there
  const gridWell = [...wells].reverse().find((w) => w.unitLevel === 'grid' && isWithin(w.orgPath, project.orgPath));
  const ids: number[] = [];
  for (const f of pending) {
    const category = findingCategoryFor(f.kind, f.kind === 'unregistered_wells' && !!gridWell);
    const observation = f.key.startsWith('observation:') ? observations.find((o) => `observation:${o.id}` === f.key) : undefined;
    const id = await raiseFindingIn(trx, raiser, {
      foundOn: f.foundOn, unitId: project.orgUnitId, category, description: f.description, deadline: null,
      inspectionId: observation?.inspectionId ?? null, gridId: null, cardId: null, wellId: category === 'missed' ? gridWell!.id : null,
    });
    await repo.insertRaised(trx, [{ projectId: project.id, key: f.key, findingId: id }]);
    ids.push(id);
  }
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'raise_findings', entityType: 'heat_pump_project', entityId: project.id, orgPath: project.orgPath,
    summary: `地温空调项目“${project.name}”自动登记问题 ${ids.length} 个（${pending.map((p) => p.key).join('、')}）`, after: { findingIds: ids },
  });
  return ids;
}

// ---------------------------------------------------------------- writes

type Fields = Omit<repo.ProjectValues, 'districtId' | 'orgPath'>;

async function placeOf(trx: Kysely<DB>, scope: Scope, orgUnitId: number) {
  const unit = await repo.unitInScope(trx, scope, orgUnitId);
  if (!unit) throw notFound();
  if (unit.level === 'city') throw badRequest('请选择项目所在的区、街道、社区或网格');
  const district = (await placesOf(trx, [unit.path]))(unit.path).district!;
  return { unit, district };
}

function checkFields(input: Fields) {
  if (input.approvalDate && input.approvalDate > officeToday()) throw badRequest('审批日期不能晚于今天');
  if ((input.lat === null) !== (input.lng === null)) throw badRequest('经度和纬度须同时填写');
}

export async function createProject(ctx: ServiceCtx, input: Fields) {
  requireCapability(ctx.actor, 'heatpump.edit');
  const scope = scopeFor(ctx.actor, 'heatpump.edit');
  checkFields(input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { unit, district } = await placeOf(trx, scope, input.orgUnitId);
    if (await repo.projectByName(trx, input.name)) throw badRequest(`项目“${input.name}”已存在`);
    const { id } = await repo.insertProject(trx, { ...input, districtId: district.id, orgPath: unit.path, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'heat_pump_project', entityId: id, orgPath: unit.path,
      summary: `登记地温空调项目“${input.name}”（${unit.name}）`, after: input,
    });
    return id;
  });
  return getProject(ctx, id);
}

async function editable(trx: Kysely<DB>, ctx: ServiceCtx, id: number) {
  requireCapability(ctx.actor, 'heatpump.edit');
  const row = await repo.findProject(trx, scopeFor(ctx.actor, 'heatpump.edit'), id);
  if (!row) throw notFound();
  return row;
}

export async function updateProject(ctx: ServiceCtx, id: number, input: Fields & { version: number }) {
  const scope = scopeFor(ctx.actor, 'heatpump.edit');
  checkFields(input);
  const raised = await ctx.db.transaction().execute(async (trx) => {
    const before = await editable(trx, ctx, id);
    const { version, ...fields } = input;
    const { unit, district } = await placeOf(trx, scope, fields.orgUnitId);
    const same = await repo.projectByName(trx, fields.name);
    if (same && same.id !== id) throw badRequest(`项目“${fields.name}”已存在`);
    await repo.updateProject(trx, id, version, { ...fields, districtId: district.id, orgPath: unit.path });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'heat_pump_project', entityId: id, orgPath: unit.path,
      summary: `修改地温空调项目“${fields.name}”`, before, after: fields,
    });
    return raisePending(trx, ctx, (await repo.findProject(trx, scope, id))!, await heatPumpRules(trx));
  });
  return { project: await getProject(ctx, id), raised };
}

/** The project's wells: well files of use 地温空调取水/回灌 in its district, on no other project. */
export async function setProjectWells(ctx: ServiceCtx, id: number, input: { wellIds: number[]; version: number }) {
  const scope = scopeFor(ctx.actor, 'heatpump.edit');
  const raised = await ctx.db.transaction().execute(async (trx) => {
    const project = await editable(trx, ctx, id);
    const ids = [...new Set(input.wellIds)];
    const wells = await repo.wellsByIds(trx, ids);
    const district = (await placesOf(trx, [project.orgPath]))(project.orgPath).district!;
    for (const wid of ids) {
      const w = wells.find((x) => x.id === wid);
      if (!w || !pathInScope(scope, w.orgPath)) throw notFound();
      if (!isWithin(w.orgPath, district.path)) throw badRequest(`井 ${w.code} 不在项目所在的区`);
      if (w.projectId !== null && w.projectId !== id) throw badRequest(`井 ${w.code} 已属于另一个地温空调项目`);
      if (!GSHP_USES.includes(w.use)) throw badRequest(`井 ${w.code} 的用途不是地温空调取水或回灌`);
    }
    const before = (await repo.wellsOf(trx, [id])).map((w) => w.code);
    await repo.updateProject(trx, id, input.version);
    await repo.replaceWells(trx, id, ids);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'heat_pump_project', entityId: id, orgPath: project.orgPath,
      summary: `地温空调项目“${project.name}”关联取水、回灌井 ${ids.length} 眼`, before: { wells: before }, after: { wells: ids.map((x) => wells.find((w) => w.id === x)!.code) },
    });
    return raisePending(trx, ctx, project, await heatPumpRules(trx));
  });
  return { project: await getProject(ctx, id), raised };
}

export async function recordReading(
  ctx: ServiceCtx,
  id: number,
  input: { period: string; pumpedM3: number; reinjectedM3: number; method: ReadingMethod; waterTempC: number | null; note: string },
) {
  if (parsePeriod(input.period) !== input.period) throw badRequest(`“${input.period}”不是有效的日期或月份`);
  if (!periodStarted(input.period, officeToday())) throw badRequest('监测期间不能晚于今天');
  const raised = await ctx.db.transaction().execute(async (trx) => {
    const project = await editable(trx, ctx, id);
    const taken = (await repo.readingsOf(trx, [id])).some((r) => r.period === input.period && r.method === input.method);
    if (taken) throw badRequest(`${periodLabel(input.period)}的${READING_METHOD_LABELS[input.method]}读数已登记`);
    await repo.insertReadings(trx, [{ ...input, projectId: id, orgPath: project.orgPath, recordedBy: ctx.actor.displayName }]);
    const ratio = reinjectionRatio(input.pumpedM3, input.reinjectedM3);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'record_reading', entityType: 'heat_pump_project', entityId: id, orgPath: project.orgPath,
      summary: `地温空调项目“${project.name}”${periodLabel(input.period)}抽水 ${input.pumpedM3} 立方米、回灌 ${input.reinjectedM3} 立方米${ratio === null ? '' : `（回灌率 ${Math.round(ratio * 100)}%）`}`,
      after: input,
    });
    return raisePending(trx, ctx, project, await heatPumpRules(trx));
  });
  return { project: await getProject(ctx, id), raised };
}

export async function recordObservation(ctx: ServiceCtx, id: number, input: { onDate: string; kind: ObservationKind; note: string; inspectionId: number | null }) {
  if (input.onDate > officeToday()) throw badRequest('检查日期不能晚于今天');
  const raised = await ctx.db.transaction().execute(async (trx) => {
    const project = await editable(trx, ctx, id);
    if (input.inspectionId) {
      const insp = hasCapability(ctx.actor, 'inspections.read') ? await repo.inspectionInScope(trx, scopeFor(ctx.actor, 'inspections.read'), input.inspectionId) : undefined;
      if (!insp) throw notFound();
    }
    const { id: observationId } = await repo.insertObservation(trx, { ...input, projectId: id, orgPath: project.orgPath, recordedBy: ctx.actor.displayName });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'record_observation', entityType: 'heat_pump_project', entityId: id, orgPath: project.orgPath,
      summary: `地温空调项目“${project.name}”${input.onDate}检查：${OBSERVATION_KIND_LABELS[input.kind]}`, after: { observationId, ...input },
    });
    return raisePending(trx, ctx, project, await heatPumpRules(trx));
  });
  return { project: await getProject(ctx, id), raised };
}

// ---------------------------------------------------------------- what the dashboard and the map show

/** 地温空调回灌 for the board: projects in scope and those whose latest month (as of the date) is below the threshold, per district. */
export async function heatPumpSummary(ctx: ServiceCtx, asOf: string) {
  const scope = scopeFor(ctx.actor, 'heatpump.read');
  const rules = await heatPumpRules(ctx.db);
  const rows = await repo.listProjects(ctx.db, scope);
  const views = await present(ctx.db, await load(ctx.db, scope, rows), rules, asOf);
  const districts = [...new Map(views.map((v) => [v.districtId, v.district])).entries()];
  return {
    threshold: rules.ratioThreshold,
    projects: views.length,
    low: views.filter((v) => v.low).length,
    rows: districts.map(([districtId, district]) => ({ districtId, district, projects: views.filter((v) => v.districtId === districtId).length, low: views.filter((v) => v.districtId === districtId && v.low).length })),
  };
}

/** Projects with a point, for the map layer: where, and whether the latest month is below the threshold. */
export async function heatPumpPoints(ctx: ServiceCtx) {
  const scope = scopeFor(ctx.actor, 'heatpump.read');
  const rules = await heatPumpRules(ctx.db);
  const rows = (await repo.listProjects(ctx.db, scope)).filter((r) => r.lat !== null && r.lng !== null);
  return (await present(ctx.db, await load(ctx.db, scope, rows), rules)).map((v) => ({
    id: v.id, name: v.name, stageLabel: v.stageLabel, lat: v.lat!, lng: v.lng!, low: v.low, ratio: v.latestMonth?.ratio ?? null, period: v.latestMonth?.period ?? null, openFindings: v.openFindings,
  }));
}
