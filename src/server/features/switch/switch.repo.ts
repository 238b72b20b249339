import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { SwitchState } from '../../../domain/switch/switch-project.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of source-switch projects, their wells and their history. */

export async function listProjects(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; q?: string } = {}) {
  let q = db.selectFrom('switchProjects').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.q) q = q.where('name', 'like', `%${escapeLike(f.q)}%`);
  return q.orderBy('id').execute();
}
export type ProjectRow = Awaited<ReturnType<typeof listProjects>>[number];

export async function findProject(db: Kysely<DB>, scope: Scope, id: number): Promise<ProjectRow | undefined> {
  return (await listProjects(db, scope, { ids: [id] }))[0];
}

export async function allProjectNames(db: Kysely<DB>) {
  return db.selectFrom('switchProjects').select(['id', 'name', 'orgPath']).execute();
}

export async function projectByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('switchProjects').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

type ProjectValues = {
  name: string; orgUnitId: number; orgPath: string; households: number | null; persons: number | null; wellsPlanned: number | null; budgetWan: number | null;
  costSharing: string; contractor: string; startedOn: string | null; plannedFinish: string | null; finishedOn: string | null; remarks: string | null;
};

export async function insertProject(db: Kysely<DB>, p: ProjectValues & { state: SwitchState; progress: number }) {
  return db.insertInto('switchProjects').values(p).returning(['id']).executeTakeFirstOrThrow();
}

/** Optimistic write: a stale version is a conflict. */
export async function updateProject(db: Kysely<DB>, id: number, version: number, p: Partial<ProjectValues & { state: SwitchState; progress: number }>) {
  const row = await db
    .updateTable('switchProjects')
    .set((eb) => ({ ...p, version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function wellLinks(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('switchProjectWells').select(['projectId', 'wellId']).where('projectId', 'in', [...projectIds]).execute();
}

export async function replaceWellLinks(db: Kysely<DB>, projectId: number, wellIds: readonly number[]) {
  await db.deleteFrom('switchProjectWells').where('projectId', '=', projectId).execute();
  if (wellIds.length) await db.insertInto('switchProjectWells').values(wellIds.map((wellId) => ({ projectId, wellId }))).execute();
}

/** The project each of these wells waits for, if any (for the campaign task list). */
export async function projectsOfWells(db: Kysely<DB>, wellIds: readonly number[]) {
  if (wellIds.length === 0) return [];
  return db
    .selectFrom('switchProjectWells as l')
    .innerJoin('switchProjects as p', 'p.id', 'l.projectId')
    .select(['l.wellId', 'p.id', 'p.name', 'p.state', 'p.plannedFinish'])
    .where('l.wellId', 'in', [...wellIds])
    .execute();
}

export async function eventsOf(db: Kysely<DB>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return [];
  return db.selectFrom('switchProjectEvents').selectAll().where('projectId', 'in', [...projectIds]).orderBy('onDate').orderBy('id').execute();
}

export async function insertEvents(db: Kysely<DB>, events: { projectId: number; onDate: string; state: SwitchState; progress: number; note: string; actorName: string }[]) {
  if (events.length) await db.insertInto('switchProjectEvents').values(events).execute();
}

export async function wellsByIds(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code', 'ownerName', 'orgPath']).where('id', 'in', [...ids]).orderBy('code').execute();
}

/** Wells under a unit, with the disposition of their latest campaign task and any project they wait for. */
export async function wellsUnder(db: Kysely<DB>, scope: Scope, path: string) {
  return db
    .selectFrom('wells as w')
    .leftJoin('switchProjectWells as l', 'l.wellId', 'w.id')
    .leftJoin('switchProjects as p', 'p.id', 'l.projectId')
    .select(['w.id', 'w.code', 'w.ownerName', 'w.orgPath', 'l.projectId', 'p.name as projectName'])
    .where('w.orgPath', 'like', `${path}%`)
    .where(sqlPathInScope('w.orgPath', scope))
    .orderBy('w.code')
    .execute();
}

export async function wellEvents(db: Kysely<DB>, wellIds: readonly number[]) {
  if (wellIds.length === 0) return [];
  return db.selectFrom('wellEvents').select(['wellId', 'event', 'onDate', 'data']).where('wellId', 'in', [...wellIds]).orderBy('onDate').orderBy('id').execute();
}

export async function tasksOfWells(db: Kysely<DB>, wellIds: readonly number[]) {
  if (wellIds.length === 0) return [];
  return db
    .selectFrom('campaignTasks as t')
    .innerJoin('taskCampaigns as c', 'c.id', 't.campaignId')
    .innerJoin('wells as w', 'w.id', 't.wellId')
    .select(['t.id', 't.campaignId', 'c.name as campaign', 'c.endsOn', 't.wellId', 'w.code', 'w.ownerName', 't.disposition', 't.deadline', 't.addedOn'])
    .where('t.wellId', 'in', [...wellIds])
    .orderBy('c.startsOn', 'desc')
    .orderBy('w.code')
    .execute();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function allDistricts(db: Kysely<DB>) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'shortName', 'path']).where('level', '=', 'district').where('closedOn', 'is', null).orderBy('sortOrder').orderBy('code').execute();
}

export async function unitsUnder(db: Kysely<DB>, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'level', 'path', 'parentId'])
    .where('closedOn', 'is', null)
    .where('level', 'in', ['street', 'community'])
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .execute();
}
