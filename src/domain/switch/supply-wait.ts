/**
 * 先供水、后封井: a seal task whose well is linked to a source-switch project that has not yet
 * brought tap water (通水) waits for supply (待通水), and a deadline earlier than the project's
 * planned finish cannot be met. Pure.
 */
import { formatChineseDate } from '../shared/dates.js';
import type { SwitchState } from './switch-project.js';

export const WAITING_FOR_SUPPLY = '待通水';

export type SupplyWait = {
  projectId: number;
  projectName: string;
  plannedFinish: string | null;
  label: typeof WAITING_FOR_SUPPLY;
  /** “期限早于管网通水计划（2024年9月30日）” when the task's deadline comes before the planned finish */
  warning: string | null;
};

/**
 * Whether a campaign task waits for its well's project. `deadline` is the task's own due date
 * (campaign_tasks.deadline), else the campaign's last day. A task already done, a permit task, a
 * well without a project and a project already supplying water wait for nothing.
 */
export function supplyWait(
  task: { disposition: 'seal' | 'permit'; done: boolean; deadline: string | null },
  project: { id: number; name: string; state: SwitchState; plannedFinish: string | null } | null | undefined,
): SupplyWait | null {
  if (task.disposition !== 'seal' || task.done || !project || project.state === 'supplied') return null;
  const late = task.deadline !== null && project.plannedFinish !== null && task.deadline < project.plannedFinish;
  return {
    projectId: project.id,
    projectName: project.name,
    plannedFinish: project.plannedFinish,
    label: WAITING_FOR_SUPPLY,
    warning: late ? `期限早于管网通水计划（${formatChineseDate(project.plannedFinish!)}）` : null,
  };
}
