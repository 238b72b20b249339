import { z } from 'zod';
import { CARD_KINDS, WATER_SOURCES } from '../../../domain/survey/card.js';
import { SURVEY_STATES } from '../../../domain/survey/survey-state.js';
import { day, searchText } from '../../http/schema-types.js';

const count = z.number().int().min(0).max(1_000_000).nullable();

/** A card as written by a form (create/update). */
export const CardBody = z.object({
  kind: z.enum(CARD_KINDS),
  name: z.string().trim().min(1, '请填写名称').max(100),
  address: z.string().trim().max(200).default(''),
  contactName: z.string().trim().max(40).nullable().default(null),
  /** shown masked (138****1234); sending that mask back keeps the stored number */
  contactPhone: z.string().trim().regex(/^[0-9+\-\s*]{7,20}$/, '电话号码格式不正确').nullable().default(null),
  industry: z.string().trim().max(40).nullable().default(null),
  tapAccounts: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  households: count.default(null),
  persons: count.default(null),
  beds: count.default(null),
  areaM2: z.number().min(0).max(10_000_000).nullable().default(null),
  wellsDeclared: z.number().int().min(0).max(100).default(0),
  waterSource: z.enum(WATER_SOURCES),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  gpsAccuracyM: z.number().min(0).max(100_000).nullable().default(null),
  surveyedOn: day,
  remarks: z.string().trim().max(500).nullable().default(null),
  pledgeSigned: z.boolean().default(false),
  pledgeStamped: z.boolean().default(false),
  pledgeDate: day.nullable().default(null),
});
export type CardBody = z.infer<typeof CardBody>;

export const CreateCardBody = CardBody.extend({ gridId: z.number().int().positive() });
export const UpdateCardBody = CardBody.extend({ version: z.number().int() });

export const PhotoView = z.object({
  id: z.number(),
  ownerType: z.enum(['card', 'pledge', 'well', 'tip', 'inspection', 'finding']),
  /** wells: before / after / meter / general */
  stage: z.string().nullable(),
  /** metres from the well's point where the photo was taken, when both are known */
  distanceM: z.number().nullable(),
  /** taken further from the well than the set limit */
  farFromWell: z.boolean(),
  fileName: z.string(),
  mime: z.string(),
  sizeBytes: z.number(),
  uploadedAt: z.string(),
  /** scope-checked URL of the image */
  url: z.string(),
});
export type PhotoView = z.infer<typeof PhotoView>;

export const CardView = CardBody.extend({
  id: z.number(),
  gridId: z.number(),
  gridCode: z.string(),
  gridName: z.string(),
  surveyedBy: z.string(),
  pledgeStatus: z.enum(['unsigned', 'unstamped', 'complete']),
  lacksTapAccount: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
  photos: z.array(PhotoView),
});
export type CardView = z.infer<typeof CardView>;

export const CardVersionView = z.object({
  version: z.number(),
  changedBy: z.string(),
  changedAt: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** a field edit made offline that the worker chose not to keep (采用办公室的); `version` is the office version kept instead */
  superseded: z.boolean(),
});

export const UploadPhotoBody = z.object({
  ownerType: z.enum(['card', 'pledge']).default('card'),
  fileName: z.string().trim().min(1).max(200),
  /** base64 of the image (JPEG, PNG or WebP, at most 8 MB) */
  content: z.string().min(1).max(11_500_000),
});

export const GridSummaryView = z.object({
  cards: z.number(),
  byKind: z.record(z.enum(CARD_KINDS), z.number()),
  byIndustry: z.array(z.object({ industry: z.string(), cards: z.number() })),
  households: z.number(),
  persons: z.number(),
  tapAccounts: z.number(),
  cardsWithoutTap: z.number(),
  wellsDeclared: z.number(),
  cardsWithWells: z.number(),
  pledges: z.object({ complete: z.number(), unsigned: z.number(), unstamped: z.number() }),
});

export const ChecklistItemView = z.object({ key: z.string(), label: z.string(), ok: z.boolean(), detail: z.string() });

export const SurveyEventView = z.object({ event: z.enum(['start', 'complete', 'reopen']), onDate: z.string(), reason: z.string().nullable(), actorName: z.string(), at: z.string() });

export const GridSurveyView = z.object({
  gridId: z.number(),
  code: z.string(),
  name: z.string(),
  /** 卧龙区 / 光武街道 / 光彩社区 */
  parents: z.array(z.string()),
  state: z.enum(SURVEY_STATES),
  cards: z.number(),
  shops: z.number(),
  pledgeIssues: z.number(),
  withoutTap: z.number(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
});
export type GridSurveyView = z.infer<typeof GridSurveyView>;

export const GridDetailView = GridSurveyView.extend({
  summary: GridSummaryView,
  checklist: z.array(ChecklistItemView),
  events: z.array(SurveyEventView),
  canComplete: z.boolean(),
});

export const GridsQuery = z.object({
  /** only grids under this unit */
  unitId: z.coerce.number().int().positive().optional(),
  state: z.enum(SURVEY_STATES).optional(),
  q: searchText(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const GridIdParams = z.object({ gridId: z.coerce.number().int().positive() });
export const EventBody = z.object({ onDate: day.optional(), reason: z.string().trim().max(500).optional() });

/** Survey progress of the children of one unit (drill-down), as of a day. */
export const ProgressQuery = z.object({ asOf: day.optional(), unitId: z.coerce.number().int().positive().optional() });
export const ProgressRowView = z.object({
  unitId: z.number(),
  name: z.string(),
  level: z.string(),
  grids: z.number(),
  started: z.number(),
  completed: z.number(),
  rate: z.string(),
  /** for a grid row: its state */
  state: z.enum(SURVEY_STATES).nullable(),
});
export const ProgressView = z.object({
  asOf: z.string(),
  unit: z.object({ id: z.number(), name: z.string(), level: z.string() }),
  rows: z.array(ProgressRowView),
  total: z.object({ grids: z.number(), started: z.number(), completed: z.number(), rate: z.string() }),
});

/** The bulletin's table (四区自备井排查进度表), districts in org order. */
export const SurveyReportView = z.object({
  asOf: z.string(),
  rows: z.array(z.object({ district: z.string(), grids: z.number(), started: z.number(), completed: z.number(), rate: z.string() })),
  total: z.object({ grids: z.number(), started: z.number(), completed: z.number(), rate: z.string() }),
});
export type SurveyReportView = z.infer<typeof SurveyReportView>;

export const IssueKind = z.enum(['pledges', 'no-shops', 'no-tap']);
export const IssuesQuery = z.object({ kind: IssueKind, unitId: z.coerce.number().int().positive().optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) });
export const IssuesView = z.object({
  kind: IssueKind,
  total: z.number(),
  /** pledges / no-tap: cards; no-shops: completed grids with no street-shop card */
  cards: z.array(z.object({ id: z.number(), name: z.string(), kind: z.enum(CARD_KINDS), gridId: z.number(), gridName: z.string(), district: z.string(), pledgeStatus: z.enum(['unsigned', 'unstamped', 'complete']), waterSource: z.enum(WATER_SOURCES) })),
  grids: z.array(z.object({ gridId: z.number(), code: z.string(), name: z.string(), district: z.string(), cards: z.number(), completedOn: z.string().nullable() })),
});

export const SheetImportBody = z.object({ fileName: z.string().min(1).max(200), content: z.string().min(1).max(28_000_000), dryRun: z.boolean().default(false) });
export const CardImportResult = z.object({ applied: z.boolean(), created: z.number(), updated: z.number(), unchanged: z.number() });
export const SurveyImportResult = z.object({ applied: z.boolean(), grids: z.number(), events: z.number(), unchanged: z.number() });
