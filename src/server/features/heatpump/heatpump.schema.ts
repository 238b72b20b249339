import { z } from 'zod';
import { HEAT_PUMP_STAGES, OBSERVATION_KINDS, READING_METHODS } from '../../../domain/heatpump/project.js';
import { FindingView } from '../findings/findings.schema.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);
const volume = z.number().min(0).max(1e7);

export const ApprovalDocument = z.object({ title: text(200).min(1, '请填写文件名称或说明'), url: text(500).nullable().default(null) });

/** What an office keeps on file for a project (审批, 阶段, 设计水量…). */
export const HeatPumpProjectFields = z.object({
  name: text(100).min(2, '请填写项目名称'),
  operator: text(100).default(''),
  address: text(200).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  /** the street, community or grid it lies in (its district owns what it calls for) */
  orgUnitId: z.number().int().positive(),
  approvalNo: text(60).default(''),
  approvalDate: day.nullable().default(null),
  approvalAuthority: text(100).default(''),
  approvalDocuments: z.array(ApprovalDocument).max(30).default([]),
  stage: z.enum(HEAT_PUMP_STAGES).default('approval'),
  registeredWells: z.number().int().min(0).max(1000).default(0),
  designPumpM3PerDay: volume.nullable().default(null),
  designReinjectM3PerDay: volume.nullable().default(null),
  operatingDaysPerYear: z.number().int().min(1).max(366).nullable().default(null),
  remarks: text(1000).default(''),
});
export const CreateHeatPumpProjectBody = HeatPumpProjectFields;
export const UpdateHeatPumpProjectBody = HeatPumpProjectFields.extend({ version: z.number().int() });
/** The project's extraction and reinjection wells: well files in its area (use 地温空调取水/回灌). */
export const SetHeatPumpWellsBody = z.object({ wellIds: z.array(z.number().int().positive()).max(200), version: z.number().int() });

export const RecordReadingBody = z.object({
  /** a day (a spot measurement) or a month (a meter), 'YYYY-MM-DD' or 'YYYY-MM' */
  period: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, '期间应为 YYYY-MM-DD 或 YYYY-MM'),
  pumpedM3: volume,
  reinjectedM3: volume,
  method: z.enum(READING_METHODS),
  waterTempC: z.number().min(-5).max(100).nullable().default(null),
  note: text(500).default(''),
});
export const RecordObservationBody = z.object({
  onDate: day,
  kind: z.enum(OBSERVATION_KINDS),
  note: text(1000).min(2, '请写明看到的情况'),
  inspectionId: z.number().int().positive().nullable().default(null),
});

export const HeatPumpQuery = z.object({
  q: searchText(60).optional(),
  districtId: z.coerce.number().int().positive().optional(),
  stage: z.enum(HEAT_PUMP_STAGES).optional(),
  /** only projects whose latest month is below the threshold */
  low: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const MonthRatio = z.object({ period: z.string(), pumpedM3: z.number(), reinjectedM3: z.number(), ratio: z.number().nullable() });

export const HeatPumpProjectView = z.object({
  id: z.number(),
  name: z.string(),
  operator: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  orgUnitId: z.number(),
  districtId: z.number(),
  district: z.string(),
  place: z.array(z.string()),
  stage: z.enum(HEAT_PUMP_STAGES),
  stageLabel: z.string(),
  approvalNo: z.string(),
  approvalDate: z.string().nullable(),
  approvalAuthority: z.string(),
  approvalDocuments: z.array(z.object({ title: z.string(), url: z.string().nullable() })),
  registeredWells: z.number(),
  /** well files linked to the project */
  foundWells: z.number(),
  designPumpM3PerDay: z.number().nullable(),
  designReinjectM3PerDay: z.number().nullable(),
  operatingDaysPerYear: z.number().nullable(),
  annualDesignM3: z.number().nullable(),
  /** null: no design volume on file */
  meteringRequired: z.boolean().nullable(),
  remarks: z.string(),
  /** the latest month with a ratio, and whether it is below the threshold */
  latestMonth: MonthRatio.nullable(),
  low: z.boolean(),
  openFindings: z.number(),
  version: z.number(),
});
export type HeatPumpProjectView = z.infer<typeof HeatPumpProjectView>;

export const HeatPumpRulesView = z.object({ ratioThreshold: z.number(), meteringThresholdM3PerYear: z.number() });
export const SaveHeatPumpRulesBody = z.object({ ratioThreshold: z.number().min(0.5).max(1), meteringThresholdM3PerYear: z.number().min(0).max(1e9) });

export const HeatPumpList = z.object({ total: z.number(), rules: HeatPumpRulesView, projects: z.array(HeatPumpProjectView) });

export const HeatPumpReadingView = z.object({
  id: z.number(), period: z.string(), pumpedM3: z.number(), reinjectedM3: z.number(), ratio: z.number().nullable(), method: z.enum(READING_METHODS), methodLabel: z.string(),
  waterTempC: z.number().nullable(), note: z.string(), recordedBy: z.string(), recordedAt: z.string(),
});
export const HeatPumpObservationView = z.object({
  id: z.number(), onDate: z.string(), kind: z.enum(OBSERVATION_KINDS), kindLabel: z.string(), note: z.string(), inspectionId: z.number().nullable(), recordedBy: z.string(),
  /** the finding it raised (or that answers it) */
  findingId: z.number().nullable(),
});
export const HeatPumpWellView = z.object({ id: z.number(), code: z.string(), ownerName: z.string(), use: z.string(), useLabel: z.string(), place: z.array(z.string()) });

export const HeatPumpProjectDetail = HeatPumpProjectView.extend({
  rules: HeatPumpRulesView,
  wells: z.array(HeatPumpWellView),
  months: z.array(MonthRatio.extend({ low: z.boolean(), findingId: z.number().nullable() })),
  readings: z.array(HeatPumpReadingView),
  observations: z.array(HeatPumpObservationView),
  findings: z.array(FindingView),
  /** what the caller may do */
  canEdit: z.boolean(),
});
export type HeatPumpProjectDetail = z.infer<typeof HeatPumpProjectDetail>;

/** A write that may have raised findings: the project as it now stands, and the findings just raised. */
export const HeatPumpWriteResult = z.object({ project: HeatPumpProjectDetail, raised: z.array(z.number()) });

export const ReadingsImportBody = z.object({ fileName: z.string().trim().min(1).max(200), content: z.string().min(1).max(28_000_000), dryRun: z.boolean().default(false) });
export const ReadingsImportResult = z.object({ applied: z.boolean(), readings: z.number(), projects: z.number(), raised: z.number() });
