import type { DashboardView } from '@server/features/dashboard/dashboard.schema';
import { api } from '../../../lib/api-client';

export type Command = DashboardView;
export type CommandSurvey = Command['survey'];
export type CommandSurveyRow = CommandSurvey['rows'][number];
export type CommandTasks = NonNullable<Command['tasks']>;
export type CommandTips = NonNullable<Command['tips']>;
export type CommandFindings = NonNullable<Command['findings']>;
export type CommandWells = NonNullable<Command['wells']>;
export type CommandSuspects = NonNullable<Command['suspects']>;
export type CommandHeatPump = NonNullable<Command['heatpump']>;

/** 指挥看板 for the caller's scope as of the end of `asOf`; `unitId` drills the survey block down to that unit's children. */
export function fetchCommand(q: { asOf: string; unitId?: number | undefined }, signal?: AbortSignal): Promise<Command> {
  return api.get('/api/dashboard', { asOf: q.asOf, ...(q.unitId ? { unitId: q.unitId } : {}) }, signal);
}
