import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { officeToday } from '../../clock.js';
import { inspectionProblems, INSPECTION_KIND_LABELS, leadersLine, type InspectionKind, type InspectionTarget, type Official, type SampleTaken } from '../../../domain/inspection/inspection.js';
import { officeFor, requireCapability } from '../../auth/policies.js';
import { hasCapability, pathInScope, scopeFor, type Scope } from '../../auth/scope.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { discardPhoto, storePhoto } from '../../files/photo-store.js';
import { insertAudit } from '../audit/audit.repo.js';
import { officeLabel, placesOf } from '../org/org.places.js';
import { unitsByIds } from '../org/org.repo.js';
import { presentPhoto } from '../survey/survey.presenter.js';
import { findingsOfInspection, raiseFindingIn } from '../findings/findings.service.js';
import { insertWellRecord } from '../wells/wells.service.js';
import type { CreateInspectionBody, FoundWell, InspectionView } from './inspections.schema.js';
import * as repo from './inspections.repo.js';

type Fields = {
  onDate: string; kind: InspectionKind; title: string; leaders: Official[]; team: string; areaUnitId: number; targets: InspectionTarget[]; methods: string[];
  narrative: string; samples: SampleTaken[];
};

async function present(db: Kysely<DB>, rows: readonly repo.InspectionRow[]): Promise<InspectionView[]> {
  const place = await placesOf(db, rows.map((r) => r.orgPath));
  const offices = new Map((await unitsByIds(db, rows.map((r) => r.officeUnitId))).map((u) => [u.id, u]));
  const wells = await repo.wellsOf(db, rows.map((r) => r.id));
  const findings = new Map((await repo.findingCounts(db, rows.map((r) => r.id))).map((f) => [f.inspectionId, Number(f.n)]));
  return rows.map((r) => {
    const leaders = r.leaders as Official[];
    return {
      id: r.id, onDate: r.onDate, kind: r.kind, kindLabel: INSPECTION_KIND_LABELS[r.kind], title: r.title, leaders, leadersLine: leadersLine(leaders), team: r.team,
      office: officeLabel(offices.get(r.officeUnitId)), areaUnitId: r.areaUnitId, area: place(r.orgPath).names, targets: r.targets as InspectionTarget[],
      methods: r.methods as string[], narrative: r.narrative, samples: r.samples as SampleTaken[],
      wellsFound: wells.filter((w) => w.inspectionId === r.id && w.relation === 'found').length, findingsRaised: findings.get(r.id) ?? 0, version: r.version,
    };
  });
}

export async function listInspectionsFor(
  ctx: ServiceCtx,
  q: { from?: string | undefined; to?: string | undefined; kind?: InspectionKind | undefined; unitId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const scope = scopeFor(ctx.actor, 'inspections.read');
  const under = q.unitId ? await repo.unitInScope(ctx.db, scope, q.unitId) : undefined;
  if (q.unitId && !under) throw notFound();
  const rows = await repo.listInspections(ctx.db, scope, {
    ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(under ? { underPath: under.path } : {}), ...(q.q ? { q: q.q } : {}),
  });
  const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  return { total: rows.length, inspections: await present(ctx.db, page) };
}

export async function getInspection(ctx: ServiceCtx, id: number) {
  const scope = scopeFor(ctx.actor, 'inspections.read');
  const row = await repo.findInspection(ctx.db, scope, id);
  if (!row) throw notFound();
  const [view] = await present(ctx.db, [row]);
  const wells = await repo.wellsOf(ctx.db, [id]);
  return {
    ...view!,
    wells: wells.map((w) => ({ id: w.id, code: w.code, ownerName: w.ownerName, relation: w.relation })),
    findings: await findingsOfInspection(ctx, id),
    photos: (await repo.photosOf(ctx.db, id)).map(presentPhoto),
  };
}

/** Checks the record and resolves its area; every target must lie in the area. */
async function checkFields(trx: Kysely<DB>, scope: Scope, f: Fields) {
  const problems = inspectionProblems(f, officeToday());
  if (problems.length) throw badRequest(problems.join('；'));
  const area = await repo.unitInScope(trx, scope, f.areaUnitId);
  if (!area) throw notFound();
  const targets: InspectionTarget[] = [];
  for (const t of f.targets) {
    if (t.kind === 'address') {
      targets.push({ kind: 'address', refId: null, label: t.label });
      continue;
    }
    const path =
      t.kind === 'unit' ? (await repo.unitInScope(trx, scope, t.refId!))?.path : t.kind === 'card' ? (await repo.cardPath(trx, t.refId!))?.path : (await repo.wellBrief(trx, [t.refId!]))[0]?.orgPath;
    if (!path || !pathInScope(scope, path)) throw badRequest(`检查对象“${t.label || t.refId}”不存在或不在管辖范围内`);
    if (!path.startsWith(area.path)) throw badRequest(`检查对象“${t.label || t.refId}”不在检查区域“${area.name}”内`);
    let label = t.label;
    if (!label && t.kind === 'unit') label = (await repo.unitInScope(trx, scope, t.refId!))!.name;
    targets.push({ kind: t.kind, refId: t.refId, label });
  }
  return { area, targets, methods: [...new Set(f.methods.map((m) => m.trim()).filter(Boolean))] };
}

/** Records an inspection with what it found — new or confirmed wells, findings — in one transaction. */
export async function createInspection(ctx: ServiceCtx, input: CreateInspectionBody) {
  requireCapability(ctx.actor, 'inspections.edit');
  const scope = scopeFor(ctx.actor, 'inspections.edit');
  const office = officeFor(ctx.actor, 'inspections.edit');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { area, targets, methods } = await checkFields(trx, scope, input);
    const { id } = await repo.insertInspection(trx, {
      onDate: input.onDate, kind: input.kind, title: input.title, leaders: input.leaders, team: input.team, areaUnitId: area.id, orgPath: area.path,
      targets, methods, narrative: input.narrative, samples: input.samples, officeUnitId: office.id, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'create', entityType: 'inspection', entityId: id, orgPath: area.path,
      summary: `登记${INSPECTION_KIND_LABELS[input.kind]}：${input.title}（${input.onDate}）`, after: { ...input, foundWells: input.foundWells.length, findings: input.findings.length },
    });
    const wellIds: number[] = [];
    for (const w of input.foundWells) wellIds.push(await addFoundWell(trx, ctx, { id, onDate: input.onDate, title: input.title, orgPath: area.path }, w));
    for (const f of input.findings) {
      if (f.wellIndex !== null && f.wellIndex >= wellIds.length) throw badRequest(`问题关联的第 ${f.wellIndex + 1} 眼井不存在`);
      const { wellIndex, ...rest } = f;
      await raiseFindingIn(trx, ctx, { ...rest, foundOn: f.foundOn ?? input.onDate, inspectionId: id, wellId: wellIndex !== null ? wellIds[wellIndex]! : f.wellId });
    }
    return id;
  });
  return getInspection(ctx, id);
}

/** A well found on a visit: a new well file (found via inspection), or an existing one confirmed. */
async function addFoundWell(trx: Kysely<DB>, ctx: ServiceCtx, insp: { id: number; onDate: string; title: string; orgPath: string }, w: FoundWell): Promise<number> {
  if ('wellId' in w) {
    const well = (await repo.wellBrief(trx, [w.wellId]))[0];
    if (!well || !hasCapability(ctx.actor, 'wells.read') || !pathInScope(scopeFor(ctx.actor, 'wells.read'), well.orgPath)) throw notFound();
    await repo.linkWell(trx, insp.id, well.id, 'found');
    return well.id;
  }
  requireCapability(ctx.actor, 'wells.edit');
  const wellsScope = scopeFor(ctx.actor, 'wells.edit');
  const unit = await repo.unitInScope(trx, wellsScope, w.orgUnitId);
  if (!unit) throw notFound();
  if (!unit.path.startsWith(insp.orgPath)) throw badRequest(`发现的井所在“${unit.name}”不在检查区域内`);
  const wellId = await insertWellRecord(trx, ctx, wellsScope, {
    orgUnitId: w.orgUnitId, discoveredOn: insp.onDate, ownerName: w.ownerName, address: w.address, lat: w.lat, lng: w.lng, yearDrilled: null, depthM: w.depthM,
    innerDiameterMm: null, casing: null, aquifer: null, use: w.use, pumpPowerKw: null, powerMeterNo: null, inUseStatus: w.inUseStatus, foundVia: 'inspection',
    foundRef: `督导核查：${insp.title}`.slice(0, 100), cardId: w.cardId, remarks: w.remarks,
  });
  await repo.linkWell(trx, insp.id, wellId, 'found');
  return wellId;
}

export async function addWellToInspection(ctx: ServiceCtx, id: number, w: FoundWell) {
  requireCapability(ctx.actor, 'inspections.edit');
  const scope = scopeFor(ctx.actor, 'inspections.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const insp = await repo.findInspection(trx, scope, id);
    if (!insp) throw notFound();
    const wellId = await addFoundWell(trx, ctx, { id, onDate: insp.onDate, title: insp.title, orgPath: insp.orgPath }, w);
    await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'link_well', entityType: 'inspection', entityId: id, orgPath: insp.orgPath, summary: `督导核查“${insp.title}”登记发现的井`, after: { wellId } });
  });
  return getInspection(ctx, id);
}

export async function updateInspection(ctx: ServiceCtx, id: number, input: Fields & { version: number }) {
  requireCapability(ctx.actor, 'inspections.edit');
  const scope = scopeFor(ctx.actor, 'inspections.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findInspection(trx, scope, id);
    if (!before) throw notFound();
    const { area, targets, methods } = await checkFields(trx, scope, input);
    const { version, ...fields } = input;
    await repo.updateInspection(trx, id, version, { ...fields, areaUnitId: area.id, orgPath: area.path, targets, methods });
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'inspection', entityId: id, orgPath: area.path, summary: `修改督导记录：${input.title}`, before, after: fields,
    });
  });
  return getInspection(ctx, id);
}

export async function uploadInspectionPhoto(ctx: ServiceCtx, filesDir: string, id: number, input: { fileName: string; data: Buffer }) {
  requireCapability(ctx.actor, 'inspections.edit');
  const insp = await repo.findInspection(ctx.db, scopeFor(ctx.actor, 'inspections.edit'), id);
  if (!insp) throw notFound();
  const stored = await storePhoto(filesDir, input.data, input.fileName);
  try {
    const photo = await ctx.db.transaction().execute(async (trx) => {
      const p = await repo.insertPhoto(trx, { ...stored, ownerId: id, orgPath: insp.orgPath, uploadedBy: ctx.actor.userId > 0 ? ctx.actor.userId : null });
      await insertAudit(trx, { ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'upload', entityType: 'photo', entityId: p.id, orgPath: insp.orgPath, summary: `上传督导记录“${insp.title}”的照片` });
      return p;
    });
    return presentPhoto(photo);
  } catch (err) {
    discardPhoto(filesDir, stored.storageKey);
    throw err;
  }
}
