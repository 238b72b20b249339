import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { sqlPathInScope, type Scope } from '../../auth/scope.js';
import type { InspectionKind, InspectionTarget, Official, SampleTaken } from '../../../domain/inspection/inspection.js';
import { conflict } from '../../http/errors.js';
import { escapeLike } from '../audit/audit.repo.js';

/** Every SQL statement of inspections. Scoped by the area inspected. */

export type InspectionValues = {
  onDate: string; kind: InspectionKind; title: string; leaders: Official[]; team: string; areaUnitId: number; orgPath: string;
  targets: InspectionTarget[]; methods: string[]; narrative: string; samples: SampleTaken[];
};
const asJson = (v: InspectionValues) => ({
  ...v, leaders: JSON.stringify(v.leaders), targets: JSON.stringify(v.targets), methods: JSON.stringify(v.methods), samples: JSON.stringify(v.samples),
});

export async function listInspections(db: Kysely<DB>, scope: Scope, f: { ids?: number[]; from?: string; to?: string; kind?: InspectionKind; underPath?: string; q?: string } = {}) {
  let q = db.selectFrom('inspections').selectAll().where(sqlPathInScope('orgPath', scope));
  if (f.ids) {
    if (f.ids.length === 0) return [];
    q = q.where('id', 'in', f.ids);
  }
  if (f.from) q = q.where('onDate', '>=', f.from);
  if (f.to) q = q.where('onDate', '<=', f.to);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.underPath) q = q.where('orgPath', 'like', `${f.underPath}%`);
  if (f.q) q = q.where((eb) => eb.or([eb('title', 'like', `%${escapeLike(f.q)}%`), eb('narrative', 'like', `%${escapeLike(f.q)}%`)]));
  return q.orderBy('onDate', 'desc').orderBy('id', 'desc').execute();
}
export type InspectionRow = Awaited<ReturnType<typeof listInspections>>[number];

export async function findInspection(db: Kysely<DB>, scope: Scope, id: number): Promise<InspectionRow | undefined> {
  return (await listInspections(db, scope, { ids: [id] }))[0];
}

export async function insertInspection(db: Kysely<DB>, v: InspectionValues & { officeUnitId: number; createdBy: number | null }) {
  return db.insertInto('inspections').values({ ...asJson(v), officeUnitId: v.officeUnitId, createdBy: v.createdBy }).returning(['id']).executeTakeFirstOrThrow();
}

export async function updateInspection(db: Kysely<DB>, id: number, version: number, v: InspectionValues) {
  const row = await db
    .updateTable('inspections')
    .set((eb) => ({ ...asJson(v), version: eb('version', '+', 1), updatedAt: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id'])
    .executeTakeFirst();
  if (!row) throw conflict();
}

export async function unitInScope(db: Kysely<DB>, scope: Scope, id: number) {
  return db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path']).where('id', '=', id).where('closedOn', 'is', null).where(sqlPathInScope('path', scope)).executeTakeFirst();
}

export async function cardPath(db: Kysely<DB>, id: number) {
  return db.selectFrom('userCards as c').innerJoin('orgUnits as g', 'g.id', 'c.gridId').select(['c.id', 'c.name', 'g.path']).where('c.id', '=', id).executeTakeFirst();
}

export async function wellBrief(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('wells').select(['id', 'code', 'ownerName', 'orgPath']).where('id', 'in', [...ids]).execute();
}

export async function wellsOf(db: Kysely<DB>, inspectionIds: readonly number[]) {
  if (inspectionIds.length === 0) return [];
  return db
    .selectFrom('inspectionWells as l')
    .innerJoin('wells as w', 'w.id', 'l.wellId')
    .select(['l.inspectionId', 'l.relation', 'w.id', 'w.code', 'w.ownerName', 'w.orgPath'])
    .where('l.inspectionId', 'in', [...inspectionIds])
    .orderBy('w.id')
    .execute();
}

export async function linkWell(db: Kysely<DB>, inspectionId: number, wellId: number, relation: 'found' | 'checked') {
  await db.insertInto('inspectionWells').values({ inspectionId, wellId, relation }).onConflict((oc) => oc.columns(['inspectionId', 'wellId']).doUpdateSet({ relation })).execute();
}

export async function findingCounts(db: Kysely<DB>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('findings').select((eb) => ['inspectionId', eb.fn.countAll<number>().as('n')]).where('inspectionId', 'in', [...ids]).groupBy('inspectionId').execute();
}

export async function photosOf(db: Kysely<DB>, id: number) {
  return db.selectFrom('photos').selectAll().where('ownerType', '=', 'inspection').where('ownerId', '=', id).orderBy('id').execute();
}

export async function insertPhoto(db: Kysely<DB>, p: { ownerId: number; orgPath: string; fileName: string; mime: string; sizeBytes: number; sha256: string; storageKey: string; uploadedBy: number | null }) {
  return db.insertInto('photos').values({ ...p, ownerType: 'inspection' }).returningAll().executeTakeFirstOrThrow();
}

/** For the demo loader: a card by its grid's name and its own name; wells by owner. */
export async function cardByName(db: Kysely<DB>, gridName: string, cardName: string) {
  return db.selectFrom('userCards as c').innerJoin('orgUnits as g', 'g.id', 'c.gridId').select(['c.id', 'c.name']).where('g.name', '=', gridName).where('c.name', '=', cardName).executeTakeFirst();
}

export async function wellsByOwner(db: Kysely<DB>, ownerName: string) {
  return db.selectFrom('wells').select(['id']).where('ownerName', '=', ownerName).orderBy('id').execute();
}
