import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import { insertAudit } from '../audit/audit.repo.js';
import type { SwitchState } from '../../../domain/switch/switch-project.js';
import * as repo from './switch.repo.js';

/**
 * The pipe-network switch bulletin 第30期 tells of: 卧龙区崔庄社区城中村水源置换管网改造工程,
 * started on 2024-06-20 to bring tap water to 145 households (608 persons) and free 30-odd wells
 * for sealing. Linked: the wells of 崔庄社区 whose seal task of 决战六月 is still open (the
 * open seal tasks of 卧龙区 wait for it). Adds its own records only.
 */
export const DEMO_SWITCH_PROJECT = {
  name: '崔庄社区城中村水源置换管网改造工程',
  street: '车站街道',
  community: '崔庄社区',
  households: 145,
  persons: 608,
  wellsPlanned: 30,
  budgetWan: 286.5,
  costSharing: '区财政承担主管网及公共管段改造费用；北控南阳水务集团承担接驳工程及水表安装；入户改造费用经入户征求意见协商，由居民按户分担（每户不超过 800 元），困难户由街道、社区协调减免。',
  contractor: '南阳市宛通市政工程有限公司',
  startedOn: '2024-06-20',
  plannedFinish: '2024-09-30',
  state: 'started' as SwitchState,
  progress: 10,
  remarks: '改造后预计可解决 145 户、608 人的饮水问题，封停自备井 30 余眼（“飓风”行动工作简报第30期）。',
  history: [
    { onDate: '2024-03-15', state: 'planning' as SwitchState, progress: 0, note: '区封停办会同车站街道、崔庄社区调研，提出城中村水源置换管网改造方案', actorName: '卧龙区封停办' },
    { onDate: '2024-05-10', state: 'negotiating' as SwitchState, progress: 0, note: '多次与北控南阳水务集团对接商议居民用水问题，入户征求居民意见，就改造费用进行协商', actorName: '卧龙区封停办' },
    { onDate: '2024-06-20', state: 'started' as SwitchState, progress: 10, note: '6月20日上午工程开工；管材进场，主管网放线开挖', actorName: '卧龙区封停办' },
  ],
};

export async function loadDemoSwitch(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const d = DEMO_SWITCH_PROJECT;
  await db.transaction().execute(async (trx) => {
    const community = await trx
      .selectFrom('orgUnits as c')
      .innerJoin('orgUnits as s', 's.id', 'c.parentId')
      .select(['c.id', 'c.path'])
      .where('c.name', '=', d.community)
      .where('s.name', '=', d.street)
      .executeTakeFirst();
    if (!community) throw new Error(`demo switch: no unit ${d.street}/${d.community}`);
    const { id } = await repo.insertProject(trx, {
      name: d.name, orgUnitId: community.id, orgPath: community.path, households: d.households, persons: d.persons, wellsPlanned: d.wellsPlanned, budgetWan: d.budgetWan,
      costSharing: d.costSharing, contractor: d.contractor, startedOn: d.startedOn, plannedFinish: d.plannedFinish, finishedOn: null, remarks: d.remarks, state: d.state, progress: d.progress,
    });
    const wells = await trx
      .selectFrom('wells as w')
      .innerJoin('campaignTasks as t', 't.wellId', 'w.id')
      .select('w.id')
      .distinct()
      .where('w.orgPath', 'like', `${community.path}%`)
      .where('t.disposition', '=', 'seal')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('wellEvents as e').select('e.id').whereRef('e.wellId', '=', 'w.id').where('e.event', '=', 'seal'))))
      .orderBy('w.id')
      .execute();
    await repo.replaceWellLinks(trx, id, wells.map((w) => w.id));
    await repo.insertEvents(trx, d.history.map((h) => ({ ...h, projectId: id })));
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'switch_project', entityId: id, orgPath: city.path,
      summary: `载入演示水源置换项目“${d.name}”（关联待封井 ${wells.length} 眼）`,
    });
  });
}
