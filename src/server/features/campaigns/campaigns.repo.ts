import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';

/** Every SQL statement of task campaigns. Tasks are scoped through their well's org path. */

export async function listCampaigns(db: Kysely<DB>) {
  return db.selectFrom('taskCampaigns').selectAll().orderBy('startsOn', 'desc').execute();
}

export async function findCampaign(db: Kysely<DB>, id: number) {
  return db.selectFrom('taskCampaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCampaignByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('taskCampaigns').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertCampaign(db: Kysely<DB>, c: { name: string; title: string; startsOn: string; endsOn: string }) {
  return db.insertInto('taskCampaigns').values(c).returning(['id']).executeTakeFirstOrThrow();
}

export async function tasksInScope(db: Kysely<DB>, scope: Scope, campaignId: number) {
  return db
    .selectFrom('campaignTasks as t')
    .innerJoin('wells as w', 'w.id', 't.wellId')
    .select(['t.id', 't.wellId', 't.districtId', 't.disposition', 't.deadline', 't.addedOn', 'w.code', 'w.ownerName', 'w.orgPath', 'w.discoveredOn', 'w.stage', 'w.lastEventOn'])
    .where('t.campaignId', '=', campaignId)
    .where(sqlPathInScope('w.orgPath', scope))
    .orderBy('w.code')
    .execute();
}

export async function eventsOfWells(db: Kysely<DB>, wellIds: number[]) {
  if (wellIds.length === 0) return [];
  return db.selectFrom('wellEvents').select(['wellId', 'event', 'onDate', 'data']).where('wellId', 'in', wellIds).orderBy('onDate').orderBy('id').execute();
}

export async function districtsInScope(db: Kysely<DB>, scope: Scope) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'shortName', 'path', 'openedOn', 'closedOn'])
    .where('level', '=', 'district')
    .where(sqlPathInScope('path', scope))
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

export async function unitNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('orgUnits').select(['id', 'name', 'level']).where('id', 'in', ids).execute();
}

export async function insertTasks(db: Kysely<DB>, tasks: { campaignId: number; wellId: number; districtId: number; disposition: 'seal' | 'permit'; deadline: string | null; addedOn: string }[]) {
  for (let i = 0; i < tasks.length; i += 1000) await db.insertInto('campaignTasks').values(tasks.slice(i, i + 1000)).execute();
}

export async function wellsForTasks(db: Kysely<DB>, scope: Scope, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code', 'orgPath']).where('id', 'in', ids).where(sqlPathInScope('orgPath', scope)).execute();
}

export async function existingTaskWells(db: Kysely<DB>, campaignId: number, wellIds: number[]) {
  if (wellIds.length === 0) return new Set<number>();
  return new Set((await db.selectFrom('campaignTasks').select('wellId').where('campaignId', '=', campaignId).where('wellId', 'in', wellIds).execute()).map((r) => r.wellId));
}
