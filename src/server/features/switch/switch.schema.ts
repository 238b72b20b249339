import { z } from 'zod';
import { SWITCH_STATES } from '../../../domain/switch/switch-project.js';
import { WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const count = z.number().int('应为整数').min(0, '不能为负数').nullable().default(null);

/** The fields an office keeps on a project (state and progress move through 更新进度). */
const ProjectFields = z.object({
  name: text(100).min(2, '请填写项目名称'),
  /** the community (or street) the works serve */
  unitId: z.number().int().positive(),
  households: count,
  persons: count,
  wellsPlanned: count,
  budgetWan: z.number().min(0, '预算不能为负数').max(1_000_000).nullable().default(null),
  costSharing: text(2000).default(''),
  contractor: text(200).default(''),
  startedOn: day.nullable().default(null),
  plannedFinish: day.nullable().default(null),
  finishedOn: day.nullable().default(null),
  remarks: text(2000).nullable().default(null),
  /** the wells the project is to free for sealing */
  wellIds: z.array(z.number().int().positive()).max(500).default([]),
});
export const CreateSwitchBody = ProjectFields.extend({
  state: z.enum(SWITCH_STATES).default('planning'),
  progress: z.number().int().min(0).max(100).default(0),
});
export type CreateSwitchBody = z.infer<typeof CreateSwitchBody>;
export const EditSwitchBody = ProjectFields.extend({ version: z.number().int() });
export type EditSwitchBody = z.infer<typeof EditSwitchBody>;
export const ProgressBody = z.object({
  state: z.enum(SWITCH_STATES),
  progress: z.number().int().min(0, '进度应为 0 至 100').max(100, '进度应为 0 至 100'),
  onDate: day,
  note: text(500).default(''),
  version: z.number().int(),
});

export const SwitchProjectView = z.object({
  id: z.number(),
  name: z.string(),
  unitId: z.number(),
  district: z.string(),
  place: z.array(z.string()),
  households: z.number().nullable(),
  persons: z.number().nullable(),
  wellsPlanned: z.number().nullable(),
  /** wells linked to the project */
  wells: z.number(),
  /** linked wells already sealed (or accepted) */
  wellsSealed: z.number(),
  budgetWan: z.number().nullable(),
  costSharing: z.string(),
  contractor: z.string(),
  startedOn: z.string().nullable(),
  plannedFinish: z.string().nullable(),
  finishedOn: z.string().nullable(),
  progress: z.number(),
  state: z.enum(SWITCH_STATES),
  stateLabel: z.string(),
  overdue: z.boolean(),
  remarks: z.string().nullable(),
  version: z.number(),
});
export type SwitchProjectView = z.infer<typeof SwitchProjectView>;

export const SwitchEventView = z.object({ id: z.number(), onDate: z.string(), state: z.enum(SWITCH_STATES), stateLabel: z.string(), progress: z.number(), note: z.string(), actorName: z.string(), at: z.string() });
export const SwitchWellView = z.object({ id: z.number(), code: z.string(), ownerName: z.string(), place: z.string(), stage: z.enum(WELL_STAGES), stageLabel: z.string() });
export const WaitingTaskView = z.object({
  taskId: z.number(), campaignId: z.number(), campaign: z.string(), wellId: z.number(), wellCode: z.string(), ownerName: z.string(), deadline: z.string().nullable(), warning: z.string().nullable(),
});
export const SwitchDetailView = SwitchProjectView.extend({
  wellList: z.array(SwitchWellView),
  history: z.array(SwitchEventView),
  waitingTasks: z.array(WaitingTaskView),
  /** what the caller may do */
  editable: z.boolean(),
});

export const SwitchQuery = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  state: z.enum(SWITCH_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const SwitchList = z.object({ total: z.number(), projects: z.array(SwitchProjectView) });

export const CandidateWellsQuery = z.object({ unitId: z.coerce.number().int().positive(), projectId: z.coerce.number().int().positive().optional() });
export const CandidateWellsView = z.object({
  wells: z.array(z.object({ id: z.number(), code: z.string(), ownerName: z.string(), place: z.string(), stage: z.enum(WELL_STAGES), stageLabel: z.string(), disposition: z.enum(['seal', 'permit']).nullable(), projectName: z.string().nullable() })),
});
