import { ancestorIds, countGrids, ORG_LEVEL_LABELS } from '../../../domain/org/org-unit.js';
import { planOrgImport, readOrgSheet, ORG_SHEET_COLUMNS, type OrgImportRow, type PlannedCreate } from '../../../domain/org/org-import.js';
import { scopeFor } from '../../auth/scope.js';
import { requireCapability } from '../../auth/policies.js';
import { auditActor, type Progress, type ServiceCtx } from '../../context.js';
import { badRequest, notFound, rowErrors } from '../../http/errors.js';
import { readSheet, writeCsv, writeXlsx } from '../../files/sheet.js';
import { insertAudit } from '../audit/audit.repo.js';
import { presentUnit } from './org.presenter.js';
import type { OrgImportResponse, OrgUnitView } from './org.schema.js';
import * as repo from './org.repo.js';

export async function listOrgUnits(ctx: ServiceCtx, opts: { includeClosed: boolean }): Promise<OrgUnitView[]> {
  const scope = scopeFor(ctx.actor, 'org.read');
  const units = await repo.listUnits(ctx.db, scope, opts);
  const counts = countGrids(units.map((u) => ({ id: u.id, parentId: u.parentId, level: u.level, open: u.closedOn === null })));
  const children = new Map<number, number>();
  for (const u of units) if (u.parentId !== null && u.closedOn === null) children.set(u.parentId, (children.get(u.parentId) ?? 0) + 1);
  return units.map((u) => presentUnit(u, { gridCount: counts.get(u.id) ?? 0, childCount: children.get(u.id) ?? 0 }));
}

export async function getOrgUnit(ctx: ServiceCtx, id: number): Promise<OrgUnitView> {
  const scope = scopeFor(ctx.actor, 'org.read');
  const unit = await repo.findUnit(ctx.db, scope, id);
  if (!unit) throw notFound();
  const sub = (await repo.listUnits(ctx.db, scope, { includeClosed: false })).filter((u) => u.path.startsWith(unit.path));
  const counts = countGrids(sub.map((u) => ({ id: u.id, parentId: u.parentId, level: u.level, open: true })));
  return presentUnit(unit, {
    gridCount: counts.get(unit.id) ?? 0,
    childCount: sub.filter((u) => u.parentId === unit.id).length,
  });
}

export async function updateOrgUnit(
  ctx: ServiceCtx,
  id: number,
  input: { version: number; name?: string | undefined; closedOn?: string | null | undefined },
): Promise<OrgUnitView> {
  requireCapability(ctx.actor, 'org.edit');
  const scope = scopeFor(ctx.actor, 'org.edit');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.findUnit(trx, scope, id);
    if (!before) throw notFound();
    if (input.closedOn) {
      if (before.level === 'city') throw badRequest('不能关闭市级单位');
      if (input.closedOn < before.openedOn) throw badRequest('关闭日期不能早于设立日期');
      if ((await repo.countOpenChildren(trx, id)) > 0) throw badRequest('请先关闭下级单位');
    }
    const patch: { name?: string; closedOn?: string | null } = {};
    if (input.name !== undefined) patch.name = input.name;
    if (input.closedOn !== undefined) patch.closedOn = input.closedOn;
    const after = await repo.updateUnit(trx, id, input.version, patch);
    const label = ORG_LEVEL_LABELS[before.level];
    const changes: string[] = [];
    if (input.name !== undefined && input.name !== before.name) changes.push(`更名为“${input.name}”`);
    if (input.closedOn) changes.push(`关闭（${input.closedOn}）`);
    if (input.closedOn === null && before.closedOn) changes.push('恢复启用');
    const what = `${label}“${before.name}”${changes.join('，') || '保存（无变化）'}`;
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'org_unit', entityId: id,
      orgPath: before.path, summary: what, before: { name: before.name, closedOn: before.closedOn }, after: { name: after.name, closedOn: after.closedOn },
    });
  });
  return getOrgUnit(ctx, id);
}

/**
 * Loads a hierarchy from a sheet. Either every row is valid and the whole sheet applies in one
 * transaction, or nothing applies and each bad row is reported (row, column, reason).
 */
export async function importOrgSheet(
  ctx: ServiceCtx,
  input: { data: Buffer; fileName: string; allowNewUnits: boolean; dryRun: boolean },
  onProgress: Progress = () => {},
): Promise<OrgImportResponse> {
  requireCapability(ctx.actor, 'org.import');
  onProgress(0, 1, '读取文件');
  const sheet = await readSheet(input.data, input.fileName);
  const read = readOrgSheet(sheet.header, sheet.body, sheet.firstDataRow);
  if (read.errors.length) throw rowErrors(read.errors);
  return importOrgRows(ctx, read.rows, { ...input, source: input.fileName }, onProgress);
}

export async function importOrgRows(
  ctx: ServiceCtx,
  rows: OrgImportRow[],
  input: { allowNewUnits: boolean; dryRun: boolean; source: string; openedOn?: string },
  onProgress: Progress = () => {},
): Promise<OrgImportResponse> {
  requireCapability(ctx.actor, 'org.import');
  const scope = scopeFor(ctx.actor, 'org.import');
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await repo.listAllUnits(trx);
    const city = existing.find((u) => u.level === 'city' && u.closedOn === null);
    if (!city || !scope.paths.includes(city.path)) throw badRequest('只有市级用户可以导入组织机构');
    const { plan, errors } = planOrgImport(
      rows,
      existing.map((u) => ({ id: u.id, code: u.code, name: u.name, level: u.level, parentId: u.parentId, closed: u.closedOn !== null })),
      { cityId: city.id, allowNewUnits: input.allowNewUnits },
    );
    if (errors.length) throw rowErrors(errors);

    const created = { district: 0, street: 0, community: 0, grid: 0 };
    for (const c of plan.creates) created[c.level] += 1;
    const result: OrgImportResponse = { applied: !input.dryRun, created, renamed: plan.renames.length, unchanged: plan.unchanged };
    if (input.dryRun) return result;

    const total = plan.creates.length + plan.renames.length;
    const byRef = new Map<string, { id: number; path: string }>();
    const byId = new Map(existing.map((u) => [u.id, u]));
    let done = 0;
    // new units go after their existing siblings
    const siblingsSeen = new Map<string, number>();
    for (const u of existing) if (u.parentId !== null) siblingsSeen.set(`${u.parentId}`, Math.max(siblingsSeen.get(`${u.parentId}`) ?? 0, u.sortOrder));
    for (const c of plan.creates) {
      const parent = resolveParent(c, byRef, byId);
      const sortKey = `${parent.id}`;
      const sortOrder = (siblingsSeen.get(sortKey) ?? 0) + 1;
      siblingsSeen.set(sortKey, sortOrder);
      const row = await repo.insertUnit(trx, {
        code: c.code, name: c.name, level: c.level, parentId: parent.id, parentPath: parent.path, sortOrder,
        ...(input.openedOn ? { openedOn: input.openedOn } : {}),
      });
      byRef.set(c.ref, { id: row.id, path: row.path });
      if (++done % 100 === 0) onProgress(done, total, '写入');
    }
    for (const r of plan.renames) {
      const before = byId.get(r.id)!;
      await repo.updateUnit(trx, r.id, before.version, { name: r.to });
      await insertAudit(trx, {
        ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'update', entityType: 'org_unit', entityId: r.id,
        orgPath: before.path, summary: `导入时更名网格 ${r.code}：“${r.from}”→“${r.to}”`, before: { name: r.from }, after: { name: r.to },
      });
      if (++done % 100 === 0) onProgress(done, total, '写入');
    }
    if (plan.creates.length) {
      await insertAudit(trx, {
        ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'org_unit', entityId: null,
        orgPath: city.path,
        summary: `导入组织机构（${input.source}）：新建区 ${created.district} 个、街道 ${created.street} 个、社区 ${created.community} 个、网格 ${created.grid} 个`,
        after: { created: plan.creates.map((c) => ({ level: c.level, code: c.code, name: c.name })) },
      });
    }
    onProgress(total, total, '完成');
    return result;
  });
}

function resolveParent(
  c: PlannedCreate,
  byRef: Map<string, { id: number; path: string }>,
  byId: Map<number, { id: number; path: string }>,
): { id: number; path: string } {
  const p = 'id' in c.parent ? byId.get(c.parent.id) : byRef.get(c.parent.ref);
  if (!p) throw new Error(`import plan refers to an unknown parent of ${c.ref}`);
  return p;
}

/** The open grids in scope as the import sheet (区, 街道, 社区, 网格编号, 网格名称). */
export async function exportOrgSheet(ctx: ServiceCtx, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const scope = scopeFor(ctx.actor, 'org.read');
  const units = await repo.listUnits(ctx.db, scope, { includeClosed: false });
  // ancestors above the caller's scope are needed for the district/street columns; names only
  const all = new Map((await repo.listAllUnits(ctx.db)).map((u) => [u.id, u]));
  const nameOf = (id: number | null) => (id === null ? '' : all.get(id)?.name ?? '');
  const parentOf = (id: number | null) => (id === null ? null : all.get(id)?.parentId ?? null);
  // tree order: each ancestor's sort order, then code (so an export re-imports in the same order)
  const key = (u: { path: string }) => ancestorIds(u.path).map((id) => all.get(id)!).map((a) => `${String(a.sortOrder).padStart(6, '0')}:${a.code}`);
  const byTree = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return a.length - b.length;
  };
  const rows = units
    .filter((u) => u.level === 'grid')
    .map((g) => ({ g, k: key(g) }))
    .sort((x, y) => byTree(x.k, y.k))
    .map(({ g }) => {
      const community = g.parentId;
      const street = parentOf(community);
      const district = parentOf(street);
      return [nameOf(district), nameOf(street), nameOf(community), g.code, g.name];
    });
  const header = ORG_SHEET_COLUMNS.map((c) => c.label);
  return format === 'xlsx' ? writeXlsx('网格', header, rows) : writeCsv(header, rows);
}
