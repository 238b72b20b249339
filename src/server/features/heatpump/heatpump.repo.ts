import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { HeatPumpStage, ObservationKind, ReadingMethod } from '../../../domain/heatpump/project.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of heat-pump projects, their wells, readings, observations and raised findings. Scoped by the project's unit. */

export type ProjectValues = {
  name: string; operator: string; address: string; lat: number | null; lng: number | null; orgUnitId: number; districtId: number; orgPath: string;
  approvalNo: string; approvalDate: string | null; approvalAuthority: string; approvalDocuments: { title: string; url: string | null }[];
  stage: HeatPumpStage; registeredWells: number; designPumpM3PerDay: number | null; designReinjectM3PerDay: number | null; operatingDaysPerYear: number | null; remarks: string;
};
const asRow = (v: ProjectValues) => ({ ...v, approvalDocuments: JSON.stringify(v.approvalDocuments) });

export async function listProjects(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; q?: string; districtId?: number; stage?: HeatPumpStage } = {}) {
  let q = db.selectFrom('heatPumpProjects').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.q) q = q.where((eb) => eb.or([eb('name', 'like', `%${escapeLike(f.q)}%`), eb('operator', 'like', `%${escapeLike(f.q)}%`), eb('address', 'like', `%${escapeLike(f.q)}%`)]));
  if (f.districtId) q = q.where('districtId', '=', f.districtId);
  if (f.stage) q = q.where('stage', '=', f.stage);
  // districts in the order they were set up (the seed's), then projects as registered: the same on every engine's collation
  return q.orderBy('districtId').orderBy('id').execute();
}
export type ProjectRow = Awaited<ReturnType<typeof listProjects>>[number];

export async function findProject(db: Kysely<DB>, scope: Scope, id: number): Promise<ProjectRow | undefined> {
  return (await listProjects(db, scope, { ids: [id] }))[0];
}

export async function projectByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('heatPumpProjects').select(['id', 'orgPath']).where('name', '=', name).executeTakeFirst();
}

export async function insertProject(db: Kysely<DB>, v: ProjectValues & { createdBy: number | null }) {
  return db.insertInto('heatPumpProjects').values({ ...asRow(v), createdBy: v.createdBy }).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict. */
export async function updateProject(db: Kysely<DB>, id: number, version: number, v: ProjectValues | null = null) {
  const row = await db
    .updateTable('heatPumpProjects')
    .set((eb) => ({ ...(v ? asRow(v) : {}), version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

// ---------------------------------------------------------------- wells

export async function wellsOf(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('heatPumpWells as l')
    .innerJoin('wells as w', 'w.id', 'l.wellId')
    .innerJoin('orgUnits as u', 'u.id', 'w.orgUnitId')
    .select(['l.projectId', 'w.id', 'w.code', 'w.ownerName', 'w.use', 'w.orgPath', 'u.level as unitLevel'])
    .where('l.projectId', 'in', [...projectIds])
    .orderBy('w.code')
    .execute();
}

export async function wellsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('wells as w')
    .leftJoin('heatPumpWells as l', 'l.wellId', 'w.id')
    .select(['w.id', 'w.code', 'w.use', 'w.orgPath', 'l.projectId'])
    .where('w.id', 'in', [...ids])
    .execute();
}

export async function replaceWells(db: Kysely<DB>, projectId: number, wellIds: readonly number[]) {
  await db.deleteFrom('heatPumpWells').where('projectId', '=', projectId).execute();
  if (wellIds.length) await db.insertInto('heatPumpWells').values(wellIds.map((wellId) => ({ projectId, wellId }))).execute();
}

// ---------------------------------------------------------------- readings and observations

export async function readingsOf(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('heatPumpReadings').selectAll().where('projectId', 'in', [...projectIds]).orderBy('period').orderBy('id').execute();
}

export async function insertReadings(
  db: Kysely<DB>,
  rows: { projectId: number; period: string; pumpedM3: number; reinjectedM3: number; method: ReadingMethod; waterTempC: number | null; note: string; orgPath: string; recordedBy: string }[],
) {
  for (let i = 0; i < rows.length; i += 500) {
    const page = rows.slice(i, i + 500);
    if (page.length) await db.insertInto('heatPumpReadings').values(page).execute();
  }
}

export async function observationsOf(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('heatPumpObservations').selectAll().where('projectId', 'in', [...projectIds]).orderBy('onDate').orderBy('id').execute();
}

export async function insertObservation(db: Kysely<DB>, o: { projectId: number; onDate: string; kind: ObservationKind; note: string; inspectionId: number | null; orgPath: string; recordedBy: string }) {
  return db.insertInto('heatPumpObservations').values(o).returning(['id']).executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- findings raised

export async function raisedOf(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('heatPumpFindings').selectAll().where('projectId', 'in', [...projectIds]).orderBy('findingId').execute();
}

export async function insertRaised(db: Kysely<DB>, rows: { projectId: number; key: string; findingId: number }[]) {
  if (rows.length) await db.insertInto('heatPumpFindings').values(rows).execute();
}

export async function inspectionInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('inspections').select(['id', 'onDate']).where('id', '=', id).where(sqlPathInScope('orgPath', scope)).executeTakeFirst();
}
