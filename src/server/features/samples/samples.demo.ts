import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import { DEMO_SAMPLES } from '../../demo/demo-samples.js';
import { insertAudit } from '../audit/audit.repo.js';
import { placesOf } from '../org/org.places.js';
import type { LinkKind } from './samples.schema.js';
import * as repo from './samples.repo.js';

const fail = (message: string): never => {
  throw new Error(message);
};

/** The demo's water samples and their links to the seed inspections and the 漫香湖 suspect account. */
export async function loadDemoSamples(db: Kysely<DB>, city: { id: number; path: string; name: string }): Promise<void> {
  const units = await db.selectFrom('orgUnits').select(['id', 'name', 'level', 'path', 'parentId']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const pathName = (u: (typeof units)[number]): string => (u.parentId && byId.get(u.parentId)!.level !== 'city' ? `${pathName(byId.get(u.parentId)!)}/${u.name}` : u.name);
  const unitOf = (name: string) =>
    (name.includes('/') ? units.find((u) => u.level !== 'city' && pathName(u) === name) : units.find((u) => u.level === 'grid' && u.name === name)) ?? fail(`demo samples: no unit ${name}`);
  await db.transaction().execute(async (trx) => {
    for (const s of DEMO_SAMPLES) {
      const unit = unitOf(s.unit);
      const district = (await placesOf(trx, [unit.path]))(unit.path).district ?? fail(`demo samples: ${s.unit} has no district`);
      let cardId: number | null = null;
      if (s.card) {
        const [grid, name] = s.card.split('/');
        const card = await trx.selectFrom('userCards').select('id').where('gridId', '=', unitOf(grid!).id).where('name', '=', name!).orderBy('id').executeTakeFirst();
        cardId = card?.id ?? fail(`demo samples: no card ${s.card}`);
      }
      const wellId = s.well ? ((await trx.selectFrom('wells').select('id').where('ownerName', '=', s.well).orderBy('id').executeTakeFirst())?.id ?? fail(`demo samples: no well ${s.well}`)) : null;
      const { id } = await repo.insertSample(trx, {
        code: s.code, sampledOn: s.sampledOn, sampledBy: s.sampledBy, orgUnitId: unit.id, districtId: district.id, orgPath: unit.path, wellId, cardId, address: s.address,
        lat: null, lng: null, point: s.point, fieldChlorine: s.fieldChlorine, fieldChlorineMgL: s.fieldChlorineMgL, labResults: JSON.stringify(s.labResults),
        labName: s.labName, reportOn: s.reportOn, note: s.note, createdBy: null,
      });
      for (const l of s.links) {
        let kind: LinkKind, refId: number;
        if ('inspection' in l) {
          kind = 'inspection';
          refId = (await trx.selectFrom('inspections').select('id').where('title', '=', l.inspection).executeTakeFirst())?.id ?? fail(`demo samples: no inspection ${l.inspection}`);
        } else {
          const name = 'account' in l ? l.account : l.suspectCheck;
          let q = trx.selectFrom('utilityAccounts').select('id').where('name', '=', name);
          if (l.households !== undefined) q = q.where('households', '=', l.households);
          const account = (await q.orderBy('id').executeTakeFirst()) ?? fail(`demo samples: no account ${name}`);
          if ('account' in l) {
            kind = 'account';
            refId = account.id;
          } else {
            kind = 'suspect_check';
            refId = (await trx.selectFrom('suspectChecks').select('id').where('accountId', '=', account.id).orderBy('batchId').executeTakeFirst())?.id ?? fail(`demo samples: ${name} was not checked`);
          }
        }
        await repo.insertLink(trx, { sampleId: id, kind, refId, createdBy: '市封停办' });
      }
    }
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'water_sample', entityId: null, orgPath: city.path,
      summary: `载入演示水样 ${DEMO_SAMPLES.length} 份`,
    });
  });
}
