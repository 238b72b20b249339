import { z } from 'zod';
import { WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { day } from '../../http/schema-types.js';


export const CampaignView = z.object({ id: z.number(), name: z.string(), title: z.string(), startsOn: z.string(), endsOn: z.string(), tasks: z.number(), done: z.number() });
export const CreateCampaignBody = z.object({ name: z.string().trim().min(1).max(40), title: z.string().trim().min(1).max(100), startsOn: day, endsOn: day });
export const AddTasksBody = z.object({ tasks: z.array(z.object({ wellId: z.number().int().positive(), disposition: z.enum(['seal', 'permit']), deadline: day.nullable().default(null) })).min(1).max(5000) });

export const TaskView = z.object({
  taskId: z.number(),
  wellId: z.number(),
  wellCode: z.string(),
  ownerName: z.string(),
  district: z.string(),
  place: z.string(),
  disposition: z.enum(['seal', 'permit']),
  deadline: z.string().nullable(),
  /** days from the cut-off day to the deadline; negative when overdue */
  daysLeft: z.number().nullable(),
  stage: z.enum(WELL_STAGES),
  done: z.boolean(),
  overdue: z.boolean(),
  /** 待通水: the open seal task's well waits for a source-switch project not yet supplying water */
  supplyWait: z.object({ projectId: z.number(), projectName: z.string(), plannedFinish: z.string().nullable(), label: z.string(), warning: z.string().nullable() }).nullable(),
});
export const TasksQuery = z.object({ districtId: z.coerce.number().int().positive().optional(), asOf: day.optional(), status: z.enum(['open', 'done', 'overdue']).optional() });

const Counts = z.object({ tasks: z.number(), done: z.number(), share: z.string() });
/** 日通报: districts in rank order, then 总计. */
export const TaskProgressView = z.object({
  campaign: z.string(),
  asOf: z.string(),
  rows: z.array(z.object({ district: z.string(), rank: z.number(), share: z.string(), seal: Counts, permit: Counts, all: Counts })),
  total: z.object({ seal: Counts, permit: Counts, all: Counts }),
});
export type TaskProgressView = z.infer<typeof TaskProgressView>;
export const CampaignIdParams = z.object({ campaignId: z.coerce.number().int().positive() });
export const ProgressQuery = z.object({ asOf: day.optional() });
