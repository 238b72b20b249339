import { z } from 'zod';
import { WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { day } from '../../http/schema-types.js';


export const DashboardQuery = z.object({
  asOf: day.optional(),
  /** drill-down: the survey block shows the children of this unit (404 when outside the caller's scope) */
  unitId: z.coerce.number().int().positive().optional(),
});

const UnitRef = z.object({ id: z.number(), name: z.string(), level: z.string() });
const Share = z.object({ tasks: z.number(), done: z.number(), share: z.string() });

/** 排查进度: the same numbers as /api/survey/report (districts) or /api/survey/progress (a unit's children). */
export const DashboardSurvey = z.object({
  unit: UnitRef,
  /** from the top of the caller's scope down to `unit`, for the breadcrumb */
  trail: z.array(UnitRef),
  rows: z.array(z.object({
    unitId: z.number(), name: z.string(), level: z.string(), grids: z.number(), started: z.number(), completed: z.number(), rate: z.string(),
    /** whether the row has children to drill down into */
    drillable: z.boolean(),
  })),
  total: z.object({ grids: z.number(), started: z.number(), completed: z.number(), rate: z.string() }),
});

/** 封停任务 of the active campaign: the same numbers as /api/campaigns/:id/progress, with the change since yesterday and last week. */
export const DashboardTasks = z.object({
  campaign: z.object({ id: z.number(), name: z.string(), title: z.string(), startsOn: z.string(), endsOn: z.string() }),
  asOf: z.string(),
  rows: z.array(z.object({
    districtId: z.number().nullable(), district: z.string(), rank: z.number(), share: z.string(),
    seal: Share, permit: Share, all: Share,
    /** done now minus done at the end of the day before / seven days before */
    sinceYesterday: z.number(), sinceLastWeek: z.number(),
  })),
  total: z.object({ seal: Share, permit: Share, all: Share, sinceYesterday: z.number(), sinceLastWeek: z.number() }),
  /** the 14 days up to asOf: tasks done by the end of each day, and done that day */
  trend: z.array(z.object({ day: z.string(), done: z.number(), doneThatDay: z.number(), tasks: z.number() })),
});

/** 举报线索: the same numbers as /api/tips/summary; overdue counted as of the date with the tips workflow's rule. */
export const DashboardTips = z.object({
  received: z.number(), assigned: z.number(), closed: z.number(), closureRate: z.string(), substantiated: z.number(), overdue: z.number(),
  rows: z.array(z.object({ districtId: z.number().nullable(), district: z.string(), received: z.number(), closed: z.number(), overdue: z.number() })),
});

/** 问题整改: findings raised by the date, open (not yet 销号) and overdue as of the date. */
export const DashboardFindings = z.object({
  total: z.number(), open: z.number(), overdue: z.number(),
  rows: z.array(z.object({ districtId: z.number().nullable(), district: z.string(), total: z.number(), open: z.number(), overdue: z.number() })),
});

/** 井档案 by stage as of the date: the same numbers as /api/wells?stage=…&asOf=…. */
export const DashboardWells = z.object({
  total: z.number(),
  stages: z.array(z.object({ stage: z.enum(WELL_STAGES), label: z.string(), count: z.number() })),
});

/** 疑似双水源核查批次 (today's figures: the batches keep no history of their outcomes). */
export const DashboardSuspects = z.object({
  batches: z.array(z.object({ id: z.number(), number: z.number(), checks: z.number(), visited: z.number(), found: z.number(), pending: z.number(), hitRate: z.number().nullable() })),
  total: z.object({ checks: z.number(), visited: z.number(), found: z.number(), pending: z.number(), hitRate: z.number().nullable() }),
});

/** 地温空调回灌: heat-pump projects in scope, and those whose latest month (as of the date) reinjects below the threshold, per district. */
export const DashboardHeatPump = z.object({
  threshold: z.number(),
  projects: z.number(),
  low: z.number(),
  rows: z.array(z.object({ districtId: z.number(), district: z.string(), projects: z.number(), low: z.number() })),
});

/** 指挥看板. A block is null when the caller lacks its capability (or, for tasks, when there is no campaign). */
export const DashboardView = z.object({
  asOf: z.string(),
  /** when these figures were computed (ISO time): the board is cached for a short while (WELLSEAL_DASHBOARD_CACHE_SECONDS) */
  computedAt: z.string(),
  survey: DashboardSurvey,
  tasks: DashboardTasks.nullable(),
  tips: DashboardTips.nullable(),
  findings: DashboardFindings.nullable(),
  wells: DashboardWells.nullable(),
  suspects: DashboardSuspects.nullable(),
  heatpump: DashboardHeatPump.nullable(),
});
export type DashboardView = z.infer<typeof DashboardView>;
