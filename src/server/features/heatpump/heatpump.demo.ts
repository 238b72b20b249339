import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { systemActor, SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import { systemScope } from '../../auth/scope.js';
import { DEMO_HEAT_PUMP_PROJECTS, DEMO_REGISTERED_GSHP_WELL } from '../../demo/demo-heatpump.js';
import { DEMO_INSPECTIONS } from '../../demo/demo-inspections.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import { insertWellRecord } from '../wells/wells.service.js';
import { heatPumpRules, raisePending } from './heatpump.service.js';
import * as repo from './heatpump.repo.js';

const fail = (message: string): never => {
  throw new Error(message);
};

/**
 * The demo's heat-pump projects. Their January records point to the findings the January
 * inspections raised (the bulletin 第12期 tables and weekly summary stay as they are); the
 * readings that come later go through the same rule as an office's, and raise what they call for.
 */
export async function loadDemoHeatPump(db: Kysely<DB>, city: { id: number; path: string; name: string }): Promise<void> {
  const ctx = { db, actor: { ...systemActor(city), displayName: '市封停办' }, requestId: null };
  const units = await db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const pathName = (u: (typeof units)[number]): string => (u.parentId && byId.get(u.parentId)!.level !== 'city' ? `${pathName(byId.get(u.parentId)!)}/${u.name}` : u.name);
  const unitOf = (name: string) => units.find((u) => u.level !== 'city' && pathName(u) === name) ?? fail(`demo heat pumps: no unit ${name}`);
  const inspectionId = async (trx: Kysely<DB>, key: string) => {
    const title = DEMO_INSPECTIONS.find((i) => i.key === key)?.title ?? fail(`demo heat pumps: no inspection ${key}`);
    return (await trx.selectFrom('inspections').select('id').where('title', '=', title).executeTakeFirst())?.id ?? fail(`demo heat pumps: inspection ${title} not loaded`);
  };
  const later: { projectId: number; readings: (typeof DEMO_HEAT_PUMP_PROJECTS)[number]['later'] }[] = [];

  await db.transaction().execute(async (trx) => {
    // the one well the grid registered for 人力大厦 has a file of its own, beside the four found later
    const r = DEMO_REGISTERED_GSHP_WELL;
    const grid = units.find((u) => u.level === 'grid' && u.name === r.grid) ?? fail(`demo heat pumps: no grid ${r.grid}`);
    await insertWellRecord(trx, ctx, systemScope(city.path), {
      ownerName: r.owner, address: '', lat: null, lng: null, yearDrilled: null, depthM: null, innerDiameterMm: null, casing: null, aquifer: null, use: r.use, pumpPowerKw: null,
      powerMeterNo: null, inUseStatus: 'in_use', foundVia: 'survey', foundRef: '网格排查表', cardId: null, remarks: '网格排查登记的地温空调井', orgUnitId: grid.id, discoveredOn: r.discoveredOn,
    });

    for (const p of DEMO_HEAT_PUMP_PROJECTS) {
      const unit = unitOf(p.unit);
      const district = (await placesOf(trx, [unit.path]))(unit.path).district ?? fail(`demo heat pumps: ${p.unit} has no district`);
      const { id } = await repo.insertProject(trx, {
        name: p.name, operator: p.operator, address: p.address, lat: p.lat, lng: p.lng, orgUnitId: unit.id, districtId: district.id, orgPath: unit.path,
        approvalNo: p.approval.no, approvalDate: p.approval.date, approvalAuthority: p.approval.authority, approvalDocuments: p.approval.documents, stage: p.stage,
        registeredWells: p.registeredWells, designPumpM3PerDay: p.designPumpM3PerDay, designReinjectM3PerDay: p.designReinjectM3PerDay,
        operatingDaysPerYear: p.operatingDaysPerYear, remarks: p.remarks, createdBy: null,
      });
      const wells = (await Promise.all(p.wellOwners.map((o) => trx.selectFrom('wells').select('id').where('ownerName', '=', o).orderBy('id').execute()))).flat();
      await repo.replaceWells(trx, id, wells.map((w) => w.id));
      await repo.insertReadings(trx, p.readings.map((x) => ({ ...x, note: x.note ?? '', projectId: id, orgPath: unit.path, recordedBy: '市水利局执法支队' })));
      const observationIds: number[] = [];
      for (const o of p.observations) {
        const made = await repo.insertObservation(trx, { onDate: o.onDate, kind: o.kind, note: o.note, projectId: id, inspectionId: o.inspection ? await inspectionId(trx, o.inspection) : null, orgPath: unit.path, recordedBy: '市水利局执法支队' });
        observationIds.push(made.id);
      }
      for (const a of p.answeredBy) {
        const finding = (await trx.selectFrom('findings').select('id').where('description', '=', a.finding).executeTakeFirst()) ?? fail(`demo heat pumps: no finding ${a.finding}`);
        const key = a.key.replace(/^observation#(\d+)$/, (_, i: string) => `observation:${observationIds[Number(i)] ?? fail(`demo heat pumps: ${p.name} has no observation ${i}`)}`);
        await repo.insertRaised(trx, [{ projectId: id, key, findingId: finding.id }]);
      }
      // nothing of January may be left for the rule to raise
      const rules = await heatPumpRules(trx);
      const project = (await repo.findProject(trx, systemScope(city.path), id))!;
      if ((await raisePending(trx, ctx, project, rules)).length) fail(`demo heat pumps: ${p.name} raised a finding of its own records`);
      if (p.later.length) later.push({ projectId: id, readings: p.later });
    }
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'heat_pump_project', entityId: null, orgPath: city.path,
      summary: `载入演示地温空调项目 ${DEMO_HEAT_PUMP_PROJECTS.length} 个`,
    });
  });

  // the readings that came in later, through the rule: a short September is raised for its district
  await db.transaction().execute(async (trx) => {
    const rules = await heatPumpRules(trx);
    for (const l of later) {
      const project = (await repo.findProject(trx, systemScope(city.path), l.projectId))!;
      await repo.insertReadings(trx, l.readings.map((x) => ({ ...x, note: x.note ?? '', projectId: l.projectId, orgPath: project.orgPath, recordedBy: '市水利局执法支队' })));
      await raisePending(trx, { ...ctx, actor: { ...ctx.actor, displayName: '市水利局执法支队' } }, project, rules);
    }
  });
}
