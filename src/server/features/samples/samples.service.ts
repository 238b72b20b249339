import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { DEFAULT_DETECTION_FLOOR, DEFAULT_END_MEMBERS, TRACER_LABELS, TRACERS, type EndMembers, type Tracer } from '../../../domain/sample/mixing.js';
import {
  checkEndMembers, estimateSample, FIELD_CHLORINE_LABELS, LAB_TRACER_LABELS, LAB_TRACER_UNITS, LAB_TRACERS, labTracerLabel, nextSampleCode, normaliseLabResults, SAMPLE_POINT_LABELS,
  type LabTracer,
} from '../../../domain/sample/sample.js';
import { formatOtherTracers, LAB_COLUMNS, planSampleSheet, type PlannedSample } from '../../../domain/sample/sample-sheet.js';
import { requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, conflict, forbidden, notFound, rowErrors } from '../../http/errors.js';
import { readSheet, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import { readSetting, writeSettingAtVersion } from '../system/settings.repo.js';
import type { LinkKind, SampleBody, SampleView, SaveMixingBody } from './samples.schema.js';
import type { Capability } from '../../../domain/shared/roles.js';
import * as repo from './samples.repo.js';

export const LINK_KIND_LABELS: Record<LinkKind, string> = { account: '疑似用水户', suspect_check: '疑似户核查', tip: '举报线索', inspection: '督导核查' };

// ---------------------------------------------------------------- end-members and the detection floor

type MixingSetting = { floor: number; city: EndMembers; districts: Record<string, EndMembers>; version: number };
const MIXING_KEY = 'sample_mixing';

export async function mixingSetting(db: Kysely<DB>): Promise<MixingSetting> {
  const v = ((await readSetting(db, MIXING_KEY)) ?? {}) as Partial<MixingSetting>;
  return { floor: v.floor ?? DEFAULT_DETECTION_FLOOR, city: v.city ?? DEFAULT_END_MEMBERS, districts: v.districts ?? {}, version: v.version ?? 0 };
}

const endMembersOf = (m: MixingSetting, districtId: number): EndMembers => m.districts[String(districtId)] ?? m.city;
const emRows = (em: EndMembers) => TRACERS.map((t) => ({ tracer: t, label: TRACER_LABELS[t], tap: em[t]?.tap ?? null, well: em[t]?.well ?? null }));
const mayEditMixing = (ctx: ServiceCtx) => hasCapability(ctx.actor, 'samples.edit') && scopeFor(ctx.actor, 'samples.edit').roles.includes('city');

export async function mixingView(ctx: ServiceCtx) {
  requireCapability(ctx.actor, 'samples.read');
  const m = await mixingSetting(ctx.db);
  const districts = await repo.allDistricts(ctx.db);
  return {
    floor: m.floor,
    city: emRows(m.city),
    districts: districts.map((d) => ({ districtId: d.id, district: d.shortName ?? d.name, custom: !!m.districts[String(d.id)], endMembers: emRows(endMembersOf(m, d.id)) })),
    editable: mayEditMixing(ctx),
    version: m.version,
  };
}

const cleanEm = (em: z.infer<typeof SaveMixingBody>['city']): EndMembers =>
  Object.fromEntries(Object.entries(em).filter(([, v]) => v !== null && v !== undefined)) as EndMembers;

/** The city office sets the end-members (city default and per district) and the detection floor. */
export async function saveMixing(ctx: ServiceCtx, input: z.infer<typeof SaveMixingBody>) {
  requireCapability(ctx.actor, 'samples.edit');
  if (!mayEditMixing(ctx)) throw forbidden('只有市封停办可以修改端元值和检出限');
  const districtIds = new Set((await repo.allDistricts(ctx.db)).map((d) => String(d.id)));
  const city = cleanEm(input.city);
  const errors = checkEndMembers(city).map((e) => `全市默认：${e}`);
  const districts: Record<string, EndMembers> = {};
  for (const [id, em] of Object.entries(input.districts)) {
    if (!em) continue;
    if (!districtIds.has(id)) throw badRequest(`区 #${id} 不存在`);
    districts[id] = cleanEm(em);
    errors.push(...checkEndMembers(districts[id]).map((e) => `区 #${id}：${e}`));
  }
  if (errors.length) throw badRequest(errors.join('；'));
  await ctx.db.transaction().execute(async (trx) => {
    const before = await mixingSetting(trx);
    if (before.version !== input.version) throw conflict();
    const next: MixingSetting = { floor: input.floor, city, districts, version: before.version + 1 };
    // the check above reads without a lock: the write itself must still hold the version
    if (!(await writeSettingAtVersion(trx, MIXING_KEY, next, input.version))) throw conflict();
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'setting', entityId: null, orgPath: null,
      summary: `修改水样混合模型端元值和检出限（检出限 ${Math.round(input.floor * 100)}%）`, before, after: next,
    });
  });
  return mixingView(ctx);
}

// ---------------------------------------------------------------- views

async function present(db: Kysely<DB>, rows: readonly repo.SampleRow[]): Promise<SampleView[]> {
  const mixing = await mixingSetting(db);
  const place = await placesOf(db, rows.map((r) => r.orgPath));
  const wells = new Map((await repo.wellCodes(db, rows.flatMap((r) => (r.wellId ? [r.wellId] : [])))).map((w) => [w.id, w.code]));
  const cards = new Map((await repo.cardNames(db, rows.flatMap((r) => (r.cardId ? [r.cardId] : [])))).map((c) => [c.id, c.name]));
  return rows.map((r) => {
    const p = place(r.orgPath);
    const labResults = (r.labResults ?? {}) as Record<string, number>;
    const { estimate, chlorineEvidence } = estimateSample({ point: r.point, fieldChlorine: r.fieldChlorine, labResults }, endMembersOf(mixing, r.districtId), mixing.floor);
    return {
      id: r.id, code: r.code, sampledOn: r.sampledOn, sampledBy: r.sampledBy, unitId: r.orgUnitId, districtId: r.districtId,
      district: p.district ? (p.district.shortName ?? p.district.name) : '', place: p.names,
      wellId: r.wellId, wellCode: r.wellId ? (wells.get(r.wellId) ?? null) : null, cardId: r.cardId, cardName: r.cardId ? (cards.get(r.cardId) ?? null) : null,
      address: r.address, lat: r.lat, lng: r.lng, point: r.point, pointLabel: SAMPLE_POINT_LABELS[r.point],
      fieldChlorine: r.fieldChlorine, fieldChlorineLabel: FIELD_CHLORINE_LABELS[r.fieldChlorine], fieldChlorineMgL: r.fieldChlorineMgL,
      labResults, labName: r.labName, reportOn: r.reportOn, note: r.note,
      estimate: estimate
        ? { ...estimate, perTracer: estimate.perTracer.map((t) => ({ tracer: t.tracer, label: TRACER_LABELS[t.tracer], share: t.share })) }
        : null,
      chlorineEvidence, version: r.version,
    };
  });
}

type ListQuery = {
  districtId?: number | undefined; minShare?: number | undefined; belowDetection?: 'true' | 'false' | undefined; linkKind?: LinkKind | undefined; linkId?: number | undefined;
  q?: string | undefined; page: number; pageSize: number;
};

export async function listSamplesFor(ctx: ServiceCtx, q: ListQuery) {
  const scope = scopeFor(ctx.actor, 'samples.read');
  const rows = await repo.listSamples(ctx.db, scope, {
    ...(q.districtId ? { districtId: q.districtId } : {}), ...(q.q ? { q: q.q } : {}), ...(q.linkKind && q.linkId ? { link: { kind: q.linkKind, refId: q.linkId } } : {}),
  });
  const views = (await present(ctx.db, rows)).filter((v) => {
    if (q.belowDetection && (!v.estimate || v.estimate.belowDetection !== (q.belowDetection === 'true'))) return false;
    if (q.minShare !== undefined && q.minShare > 0 && (!v.estimate || v.estimate.belowDetection || v.estimate.share * 100 < q.minShare - 1e-9)) return false;
    return true;
  });
  return { total: views.length, samples: views.slice((q.page - 1) * q.pageSize, q.page * q.pageSize) };
}

export async function getSample(ctx: ServiceCtx, id: number) {
  const row = await repo.findSample(ctx.db, scopeFor(ctx.actor, 'samples.read'), id);
  if (!row) throw notFound();
  const [view] = await present(ctx.db, [row]);
  const mixing = await mixingSetting(ctx.db);
  const custom = !!mixing.districts[String(row.districtId)];
  const em = endMembersOf(mixing, row.districtId);
  const links = await repo.linksOf(ctx.db, id);
  const targets = new Map<string, repo.LinkTarget>();
  for (const kind of ['account', 'suspect_check', 'tip', 'inspection'] as const) {
    for (const t of await repo.linkTargets(ctx.db, kind, { ids: links.filter((l) => l.kind === kind).map((l) => l.refId) })) targets.set(`${kind}:${t.refId}`, t);
  }
  const known = LAB_TRACERS.filter((t) => view!.labResults[t] !== undefined);
  const extra = Object.keys(view!.labResults).filter((k) => !(LAB_TRACERS as readonly string[]).includes(k));
  return {
    ...view!,
    lab: [
      ...known.map((t: LabTracer) => ({ key: t, label: LAB_TRACER_LABELS[t], unit: LAB_TRACER_UNITS[t], value: view!.labResults[t]!, known: true })),
      ...extra.map((k) => ({ key: k, label: labTracerLabel(k), unit: '', value: view!.labResults[k]!, known: false })),
    ],
    links: links.map((l) => {
      const t = targets.get(`${l.kind}:${l.refId}`);
      return { kind: l.kind, kindLabel: LINK_KIND_LABELS[l.kind], refId: l.refId, label: t?.label ?? `#${l.refId}（已删除）`, onDate: t?.onDate ?? null };
    }),
    endMembers: TRACERS.flatMap((t: Tracer) => (em[t] ? [{ tracer: t, label: TRACER_LABELS[t], tap: em[t].tap, well: em[t].well }] : [])),
    endMembersArea: custom ? view!.district : '全市默认',
    floor: mixing.floor,
  };
}

// ---------------------------------------------------------------- recording and editing

/** Where a sample belongs: the unit given, or its well's or card's; all in the caller's scope. */
async function placeOf(trx: Kysely<DB>, ctx: ServiceCtx, input: SampleBody) {
  const scope = scopeFor(ctx.actor, 'samples.edit');
  let unit = input.unitId ? await repo.unitById(trx, input.unitId) : undefined;
  if (input.unitId && (!unit || !pathInScope(scope, unit.path))) throw notFound();
  const well = input.wellId ? await repo.wellPlace(trx, input.wellId) : undefined;
  if (input.wellId && (!well || !pathInScope(scope, well.orgPath))) throw notFound();
  const card = input.cardId ? await repo.cardPlace(trx, input.cardId) : undefined;
  if (input.cardId && (!card || !pathInScope(scope, card.path))) throw notFound();
  if (!unit && well) unit = await repo.unitById(trx, well.orgUnitId);
  if (!unit && card) unit = await repo.unitById(trx, card.gridId);
  if (!unit) throw badRequest('请选择水样所属的区、街道、社区或网格（或关联一眼井、一户一卡）');
  if (unit.level === 'city') throw badRequest('水样须落实到区、街道、社区或网格');
  if (well && !well.orgPath.startsWith(unit.path)) throw badRequest(`井 ${well.code} 不在“${unit.name}”内`);
  if (card && !card.path.startsWith(unit.path)) throw badRequest(`一户一卡“${card.name}”不在“${unit.name}”内`);
  if (!input.address && !well && !card) throw badRequest('请填写采样地址，或关联一眼井、一户一卡');
  if ((input.lat === null) !== (input.lng === null)) throw badRequest('经纬度须同时填写');
  const district = (await placesOf(trx, [unit.path]))(unit.path).district!;
  return { unit, district };
}

function checkFacts(input: SampleBody) {
  const today = officeToday();
  if (input.sampledOn > today) throw badRequest('采样日期不能晚于今天');
  if (input.reportOn && input.reportOn < input.sampledOn) throw badRequest('报告日期不能早于采样日期');
  if (input.reportOn && input.reportOn > today) throw badRequest('报告日期不能晚于今天');
  if (input.fieldChlorineMgL !== null && input.fieldChlorine === 'not_done') throw badRequest('填写了余氯实测值，现场余氯检测不能为“未检测”');
  if (input.fieldChlorine === 'absent' && input.fieldChlorineMgL !== null && input.fieldChlorineMgL > 0.05) throw badRequest('余氯“未检出”时实测值应不大于 0.05 mg/L');
  const lab = normaliseLabResults(input.labResults);
  if (lab.errors.length) throw badRequest(lab.errors.join('；'));
  return lab.results;
}

const valuesOf = (input: SampleBody, code: string, place: Awaited<ReturnType<typeof placeOf>>, labResults: Record<string, number>) => ({
  code, sampledOn: input.sampledOn, sampledBy: input.sampledBy, orgUnitId: place.unit.id, districtId: place.district.id, orgPath: place.unit.path,
  wellId: input.wellId, cardId: input.cardId, address: input.address, lat: input.lat, lng: input.lng, point: input.point,
  fieldChlorine: input.fieldChlorine, fieldChlorineMgL: input.fieldChlorineMgL, labResults: JSON.stringify(labResults),
  labName: input.labName || null, reportOn: input.reportOn, note: input.note || null,
});

export async function createSample(ctx: ServiceCtx, input: SampleBody) {
  requireCapability(ctx.actor, 'samples.edit');
  const labResults = checkFacts(input);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const place = await placeOf(trx, ctx, input);
    const code = input.code || nextSampleCode(input.sampledOn, await repo.codesLike(trx, `SY-${input.sampledOn.replaceAll('-', '')}-`));
    if (await repo.codeTaken(trx, code)) throw badRequest(`样品编号 ${code} 已存在`);
    const { id } = await repo.insertSample(trx, { ...valuesOf(input, code, place, labResults), createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'water_sample', entityId: id, orgPath: place.unit.path,
      summary: `登记水样 ${code}（${input.sampledOn}，${SAMPLE_POINT_LABELS[input.point]}）`, after: { ...input, code, labResults },
    });
    return id;
  });
  return getSample(ctx, id);
}

export async function updateSample(ctx: ServiceCtx, id: number, input: SampleBody & { version: number }) {
  requireCapability(ctx.actor, 'samples.edit');
  const labResults = checkFacts(input);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findSample(trx, scopeFor(ctx.actor, 'samples.edit'), id);
    if (!row) throw notFound();
    if (row.version !== input.version) throw conflict();
    const place = await placeOf(trx, ctx, input);
    const code = input.code || row.code;
    if (await repo.codeTaken(trx, code, id)) throw badRequest(`样品编号 ${code} 已存在`);
    await repo.updateSample(trx, id, input.version, valuesOf(input, code, place, labResults));
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'water_sample', entityId: id, orgPath: place.unit.path,
      summary: `修改水样 ${code}`, before: { ...row, createdAt: undefined, updatedAt: undefined }, after: { ...input, code, labResults },
    });
  });
  return getSample(ctx, id);
}

// ---------------------------------------------------------------- links

/** Links a sample as evidence to a record; both must lie in the caller's scope. */
export async function linkSample(ctx: ServiceCtx, id: number, input: { kind: LinkKind; refId: number }) {
  requireCapability(ctx.actor, 'samples.edit');
  const scope = scopeFor(ctx.actor, 'samples.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findSample(trx, scope, id);
    if (!row) throw notFound();
    const [target] = await repo.linkTargets(trx, input.kind, { ids: [input.refId] });
    if (!target || !linkScopes(ctx, input.kind).allowed(target.orgPath)) throw notFound();
    const added = await repo.insertLink(trx, { sampleId: id, kind: input.kind, refId: input.refId, createdBy: ctx.actor.displayName });
    if (!added) return;
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'link', entityType: 'water_sample', entityId: id, orgPath: row.orgPath,
      summary: `水样 ${row.code} 关联${LINK_KIND_LABELS[input.kind]}：${target.label}`, after: input,
    });
  });
  return getSample(ctx, id);
}

export async function unlinkSample(ctx: ServiceCtx, id: number, input: { kind: LinkKind; refId: number }) {
  requireCapability(ctx.actor, 'samples.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findSample(trx, scopeFor(ctx.actor, 'samples.edit'), id);
    if (!row) throw notFound();
    const gone = await repo.deleteLink(trx, { sampleId: id, ...input });
    if (!gone) throw notFound();
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'unlink', entityType: 'water_sample', entityId: id, orgPath: row.orgPath,
      summary: `水样 ${row.code} 取消关联${LINK_KIND_LABELS[input.kind]} #${input.refId}`, before: input,
    });
  });
  return getSample(ctx, id);
}

/** What the caller may link a sample to: records of a kind in their scope, by a few words. */
/** What a caller must be allowed to read to see, or link to, a record of each kind. */
const LINK_KIND_READ: Record<LinkKind, Capability> = { account: 'utility.read', suspect_check: 'suspects.read', tip: 'tips.read', inspection: 'inspections.read' };

/** Records a sample may be linked to: those the caller may both read (by the record's own capability) and edit samples in. */
function linkScopes(ctx: ServiceCtx, kind: LinkKind) {
  const edit = scopeFor(ctx.actor, 'samples.edit');
  const read = scopeFor(ctx.actor, LINK_KIND_READ[kind]);
  return { read, allowed: (orgPath: string) => pathInScope(edit, orgPath) && pathInScope(read, orgPath) };
}

export async function linkTargetsFor(ctx: ServiceCtx, q: { kind: LinkKind; q: string }) {
  requireCapability(ctx.actor, 'samples.edit');
  const { read, allowed } = linkScopes(ctx, q.kind);
  const targets = (await repo.linkTargets(ctx.db, q.kind, { scope: read, q: q.q.trim(), limit: 200 }))
    .filter((t) => allowed(t.orgPath))
    .slice(0, 20);
  return { targets: targets.map(({ kind, refId, label, onDate }) => ({ kind, refId, label: onDate && q.kind !== 'inspection' ? label : onDate ? `${onDate} ${label}` : label })) };
}

// ---------------------------------------------------------------- sheets

/** Loads samples with their lab results from a sheet: every row, or none. */
export async function importSampleSheet(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }) {
  requireCapability(ctx.actor, 'samples.edit');
  const scope = scopeFor(ctx.actor, 'samples.edit');
  const sheet = await readSheet(input.data, input.fileName);
  return ctx.db.transaction().execute(async (trx) => {
    const districts = (await repo.allDistricts(trx)).filter((d) => pathInScope(scope, d.path));
    const units = await repo.unitsUnder(trx, districts.map((d) => d.path));
    const plan = planSampleSheet(sheet.header, sheet.body, sheet.firstDataRow, { districts, units, existingCodes: new Set(await repo.allCodes(trx)), today: officeToday() });
    if (plan.errors.length) throw rowErrors(plan.errors);
    if (!input.dryRun) await applyPlannedSamples(trx, ctx, plan.samples, input.fileName);
    return { applied: !input.dryRun, created: plan.samples.length };
  });
}

export async function applyPlannedSamples(trx: Kysely<DB>, ctx: ServiceCtx, samples: readonly PlannedSample[], source: string) {
  const units = new Map((await repo.unitsUnder(trx, (await repo.allDistricts(trx)).map((d) => d.path))).map((u) => [u.id, u]));
  const ids: number[] = [];
  for (const s of samples) {
    const unit = units.get(s.unitId)!;
    const { id } = await repo.insertSample(trx, {
      code: s.code, sampledOn: s.sampledOn, sampledBy: s.sampledBy, orgUnitId: unit.id, districtId: s.districtId, orgPath: unit.path, wellId: null, cardId: null,
      address: s.address, lat: s.lat, lng: s.lng, point: s.point, fieldChlorine: s.fieldChlorine, fieldChlorineMgL: s.fieldChlorineMgL,
      labResults: JSON.stringify(s.labResults), labName: s.labName, reportOn: s.reportOn, note: s.note, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    });
    ids.push(id);
  }
  const city = (await repo.allDistricts(trx))[0]?.path.split('/').filter(Boolean)[0];
  await insertAudit(trx, {
    ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'water_sample', entityId: null, orgPath: city ? `/${city}/` : null,
    summary: `导入水样化验台账（${source}）${samples.length} 份`,
  });
  return ids;
}

export const SAMPLE_EXPORT_HEADER = [
  '样品编号', '采样日期', '区', '单位/社区', '地址', '纬度', '经度', '采样人', '采样点', '余氯', ...LAB_TRACERS.map((t) => LAB_COLUMNS[t]), '其他指标', '化验单位', '报告日期', '备注', '地下水占比',
];

export async function exportSamples(ctx: ServiceCtx): Promise<Buffer> {
  const list = await listSamplesFor(ctx, { page: 1, pageSize: 1_000_000 });
  const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : String(x));
  const body = list.samples.map((s) => [
    s.code, s.sampledOn, s.district, s.place.length > 2 ? `${s.place[1]}/${s.place.at(-1)}` : (s.place[1] ?? ''), s.address, num(s.lat), num(s.lng), s.sampledBy, s.pointLabel,
    s.fieldChlorineMgL !== null ? String(s.fieldChlorineMgL) : s.fieldChlorine === 'present' ? '有' : s.fieldChlorine === 'absent' ? '无' : '未测',
    ...LAB_TRACERS.map((t) => num(s.labResults[t])), formatOtherTracers(s.labResults), s.labName ?? '', s.reportOn ?? '', s.note ?? '', s.estimate?.text ?? '',
  ]);
  return writeXlsx('水样化验台账', SAMPLE_EXPORT_HEADER, body);
}
