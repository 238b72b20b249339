import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Config } from '../../config.js';
import { auditActor, type ServiceCtx } from '../../context.js';
import { hasCapability, scopeFor } from '../../auth/scope.js';
import { requireCapability } from '../../auth/policies.js';
import { AppError, badRequest } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import { SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import * as wellsRepo from '../wells/wells.repo.js';
import * as tipsRepo from '../tips/tips.repo.js';
import { tipTextFor } from '../tips/tips.service.js';
import { heatPumpPoints } from '../heatpump/heatpump.service.js';
import { wellAsOf, WELL_STAGE_LABELS, type WellEvent, type WellEventData, type WellStage } from '../../../domain/well/lifecycle.js';
import { tipAsOf, TIP_STATE_LABELS, type TipEvent, type TipEventData } from '../../../domain/tip/workflow.js';
import { officeToday } from '../../clock.js';
import { isWithin } from '../../../domain/org/org-unit.js';
import { demoBoundaries } from '../../demo/demo-boundaries.js';
import * as repo from './map.repo.js';
import { centroidOf, formatFeatureErrors, geometryToDisplay, jitter, meanPoint, planBoundaries, tileSubdomains, toDisplay, type LngLat, type TileCrs } from './map.geo.js';
import type { BoundaryImportResult, MapConfigView, MapLayer, MapLayersView } from './map.schema.js';

/** Suspects shown on the map: the latest run's accounts scoring at least this. */
export const SUSPECT_MIN_SCORE = 0.5;

// ------------------------------------------------------------------ base map

export function mapConfig(ctx: ServiceCtx, config: Pick<Config, 'tileUrl' | 'tileCrs'>): MapConfigView {
  requireCapability(ctx.actor, 'org.read');
  const [lng, lat] = toDisplay([112.53, 33.0], config.tileCrs);
  return { tileUrl: config.tileUrl ?? null, tileCrs: config.tileCrs, subdomains: tileSubdomains(config.tileUrl), center: [lat, lng] };
}

// ------------------------------------------------------------------ layers

const WELL_GROUP: Record<WellStage, 'pending' | 'sealed' | 'permitted' | 'reactivated'> = {
  discovered: 'pending', verified: 'pending', decided: 'pending', notice_served: 'pending', supply_connected: 'pending',
  sealed: 'sealed', accepted: 'sealed', reactivated: 'reactivated',
  permit_issued: 'permitted', meter_installed: 'permitted', tax_registered: 'permitted',
};

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The map's layers, each filtered by the caller's scope for its own capability; a layer the caller
 * may not see is left out. Coordinates come in the tiles' coordinate system. Tip reporters never
 * appear.
 */
export async function mapLayers(ctx: ServiceCtx, crs: TileCrs, layers: readonly MapLayer[]): Promise<MapLayersView> {
  const want = new Set(layers);
  const out: MapLayersView = { crs };
  const boundaries = await repo.allBoundaries(ctx.db);
  // centroids of every grid (positions only: a district's centre tells nothing about its records)
  const gridCentre = new Map<number, LngLat>(boundaries.map((b) => [b.unitId, centroidOf(b.geometry)]));
  let units: Awaited<ReturnType<typeof repo.unitPaths>> | null = null;
  const unitCentre = async (unitId: number | null): Promise<LngLat | null> => {
    if (unitId === null) return null;
    const own = gridCentre.get(unitId);
    if (own) return own;
    units ??= await repo.unitPaths(ctx.db);
    const unit = units.find((u) => u.id === unitId);
    if (!unit) return null;
    return meanPoint(boundaries.filter((b) => isWithin(b.path, unit.path)).map((b) => gridCentre.get(b.unitId)!));
  };
  const point = (p: LngLat) => {
    const [lng, lat] = toDisplay(p, crs);
    return { lat: round(lat), lng: round(lng) };
  };

  if (want.has('grids') && hasCapability(ctx.actor, 'org.read')) {
    const scope = scopeFor(ctx.actor, 'org.read');
    const mine = boundaries.filter((b) => b.closedOn === null && scope.paths.some((p) => isWithin(b.path, p)));
    const state = new Map<number, 'in_progress' | 'completed'>();
    const showState = hasCapability(ctx.actor, 'survey.read');
    if (showState) {
      for (const e of await repo.lastSurveyEvents(ctx.db, scopeFor(ctx.actor, 'survey.read'))) state.set(e.gridId, e.event === 'complete' ? 'completed' : 'in_progress');
    }
    units ??= await repo.unitPaths(ctx.db);
    const districts = units.filter((u) => u.level === 'district');
    out.grids = {
      type: 'FeatureCollection',
      features: mine.map((b) => ({
        type: 'Feature' as const,
        geometry: geometryToDisplay(b.geometry, crs),
        properties: {
          unitId: b.unitId, code: b.code, name: b.name, district: districts.find((d) => isWithin(b.path, d.path))?.name ?? '',
          surveyState: showState ? (state.get(b.unitId) ?? 'not_started') : null,
        },
      })),
    };
  }

  if (want.has('wells') && hasCapability(ctx.actor, 'wells.read')) {
    const scope = scopeFor(ctx.actor, 'wells.read');
    const today = officeToday();
    const wells = await wellsRepo.listWells(ctx.db, scope);
    const byWell = new Map<number, WellEvent[]>();
    for (const e of await wellsRepo.allEventsInScope(ctx.db, scope)) {
      (byWell.get(e.wellId) ?? byWell.set(e.wellId, []).get(e.wellId)!).push({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as WellEventData });
    }
    out.wells = [];
    for (const w of wells) {
      const at: LngLat | null = w.lat !== null && w.lng !== null ? [w.lng, w.lat] : await unitCentre(w.orgUnitId);
      if (!at) continue;
      const stage = wellAsOf(byWell.get(w.id) ?? [], today).stage;
      const approximate = w.lat === null || w.lng === null;
      out.wells.push({
        id: w.id, code: w.code, ownerName: w.ownerName, stage, stageLabel: WELL_STAGE_LABELS[stage], group: WELL_GROUP[stage],
        ...point(approximate ? jitter(at, w.code) : at), approximate,
      });
    }
  }

  if (want.has('tips') && hasCapability(ctx.actor, 'tips.read')) {
    const scope = scopeFor(ctx.actor, 'tips.read');
    // listTips reads only the public columns: never the reporter's name, phone or address
    const tips = await tipsRepo.listTips(ctx.db, scope);
    const byTip = new Map<number, TipEvent[]>();
    for (const e of await tipsRepo.eventsOf(ctx.db, tips.map((t) => t.id))) {
      (byTip.get(e.tipId) ?? byTip.set(e.tipId, []).get(e.tipId)!).push({ event: e.event, onDate: e.onDate, data: (e.data ?? {}) as TipEventData });
    }
    out.tips = [];
    const text = tipTextFor(ctx.actor); // phone numbers in a tip's words: in full for the city office only
    const summaryOf = (c: string) => (c.length > 40 ? `${c.slice(0, 40)}…` : c);
    for (const t of tips) {
      if (t.duplicateOf !== null) continue; // merged into another tip
      const exact = t.lat !== null && t.lng !== null;
      const at: LngLat | null = exact ? [t.lng!, t.lat!] : await unitCentre(t.gridId ?? t.districtId);
      if (!at) continue;
      const state = tipAsOf(byTip.get(t.id) ?? [], '9999-12-31').state;
      out.tips.push({
        id: t.id, code: t.code, receivedOn: t.receivedOn, summary: summaryOf(text(t.content)),
        state, stateLabel: TIP_STATE_LABELS[state], ...point(exact ? at : jitter(at, t.code, 0.006)), approximate: !exact,
      });
    }
  }

  if (want.has('suspects') && hasCapability(ctx.actor, 'suspects.read')) {
    const scope = scopeFor(ctx.actor, 'suspects.read');
    out.suspects = [];
    for (const s of await repo.latestSuspects(ctx.db, scope, SUSPECT_MIN_SCORE)) {
      const at = s.gridId === null ? null : gridCentre.get(s.gridId);
      if (!at) continue;
      out.suspects.push({ accountNo: s.accountNo, name: s.name, score: s.score, rank: s.rank, ...point(jitter(at, s.accountNo)), approximate: true });
    }
  }
  if (want.has('heatpump') && hasCapability(ctx.actor, 'heatpump.read')) {
    out.heatpump = (await heatPumpPoints(ctx)).map((p) => ({ ...p, ...point([p.lng, p.lat]) }));
  }
  return out;
}

// ------------------------------------------------------------------ boundary import

/** A GeoJSON FeatureCollection of grid boundaries, all or nothing (the city office). */
export async function importBoundaries(ctx: ServiceCtx, input: { data: Buffer; fileName: string; dryRun: boolean }): Promise<BoundaryImportResult> {
  const scope = scopeFor(ctx.actor, 'org.import');
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw badRequest(`文件不是有效的 GeoJSON（JSON 解析失败：${(err as Error).message}）`);
  }
  const grids = await repo.openGridsInScope(ctx.db, scope);
  const { boundaries, errors } = planBoundaries(parsed, new Map(grids.map((g) => [g.code, g.id])));
  if (errors.length) {
    const lines = formatFeatureErrors(errors);
    throw new AppError(422, 'invalid_features', `边界文件有 ${errors.length} 处错误，未导入任何数据：\n${lines.slice(0, 50).join('\n')}${lines.length > 50 ? `\n……共 ${lines.length} 处，仅列出前 50 处` : ''}`, { featureErrors: errors });
  }
  const existing = await repo.existingBoundaryIds(ctx.db, boundaries.map((b) => b.unitId));
  const result = { applied: !input.dryRun, features: boundaries.length, created: boundaries.filter((b) => !existing.has(b.unitId)).length, updated: boundaries.filter((b) => existing.has(b.unitId)).length };
  if (input.dryRun) return result;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.upsertBoundaries(trx, boundaries, input.fileName);
    await insertAudit(trx, {
      ...auditActor(ctx.actor), requestId: ctx.requestId, action: 'import', entityType: 'grid_boundary', entityId: null, orgPath: scope.paths[0] ?? null,
      summary: `导入网格边界（${input.fileName}）：新增 ${result.created}、更新 ${result.updated}`,
    });
  });
  return result;
}

/** The demo's generated boundaries for every grid (seeded; well under a second). */
export async function loadDemoBoundaries(db: Kysely<DB>, city: { id: number; path: string; name: string }): Promise<void> {
  const units = await repo.unitPaths(db);
  const districts = units.filter((u) => u.level === 'district');
  const grids = (await db.selectFrom('orgUnits').select(['id', 'code', 'path']).where('level', '=', 'grid').execute()).map((g) => ({
    id: g.id, code: g.code, district: districts.find((d) => isWithin(g.path, d.path))?.name ?? '',
  }));
  const made = demoBoundaries(grids);
  await db.transaction().execute(async (trx) => {
    await repo.upsertBoundaries(trx, made, '演示数据');
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'grid_boundary', entityId: null, orgPath: city.path,
      summary: `载入演示网格边界 ${made.length} 个`,
    });
  });
}
