import { z } from 'zod';
import { CASE_EVENTS, CASE_STATES, VIOLATIONS } from '../../../domain/case/case.js';
import { LEGAL_ARTICLES } from '../../../domain/case/legal-basis.js';
import { TAX_STATE_LABELS } from '../../../domain/case/small-users.js';
import { WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);
const ARTICLE_CODES = LEGAL_ARTICLES.map((a) => a.code) as [string, ...string[]];
const TAX_STATES = Object.keys(TAX_STATE_LABELS) as ['registered', 'unregistered'];

/** A case's own fields: the party (a card and/or a name, in a unit), the wells, the violation, the law and the penalty. */
export const CaseFields = z.object({
  filedOn: day,
  /** the party's unit (district … grid); taken from the card's grid when a card is given */
  unitId: z.number().int().positive().nullable().default(null),
  partyCardId: z.number().int().positive().nullable().default(null),
  /** the party's name; the card's name when left blank */
  partyName: text(100).default(''),
  partyContact: text(100).default(''),
  wellIds: z.array(z.number().int().positive()).max(200).default([]),
  violation: z.enum(VIOLATIONS),
  violationOther: text(100).nullable().default(null),
  legalBasis: z.array(z.enum(ARTICLE_CODES)).max(LEGAL_ARTICLES.length).default([]),
  facts: text(5000).default(''),
  fineYuan: z.number().min(0).max(1e10).nullable().default(null),
  otherMeasures: text(1000).default(''),
  typical: z.boolean().default(false),
});
export type CaseFields = z.infer<typeof CaseFields>;
export const CreateCaseBody = CaseFields;
export const UpdateCaseBody = CaseFields.extend({ version: z.number().int() });

export const CaseEventData = z.object({
  fineYuan: z.number().min(0).max(1e10).optional(),
  otherMeasures: text(1000).optional(),
  decisionNo: text(60).optional(),
  executionNote: text(1000).optional(),
  note: text(1000).optional(),
  imported: z.boolean().optional(),
});
export const CaseTransitionBody = z.object({ event: z.enum(CASE_EVENTS), onDate: day.optional(), data: CaseEventData.default({}), version: z.number().int() });
export const CaseTypicalBody = z.object({ typical: z.boolean(), version: z.number().int() });
export const CaseVersionBody = z.object({ version: z.number().int() });

export const CaseView = z.object({
  id: z.number(),
  number: z.string(),
  filedOn: z.string(),
  partyCardId: z.number().nullable(),
  partyName: z.string(),
  partyContact: z.string(),
  unitId: z.number(),
  place: z.array(z.string()),
  districtId: z.number(),
  district: z.string(),
  violation: z.enum(VIOLATIONS),
  violationOther: z.string().nullable(),
  violationLabel: z.string(),
  legalBasis: z.array(z.object({ code: z.string(), title: z.string(), subject: z.string() })),
  facts: z.string(),
  fineYuan: z.number().nullable(),
  otherMeasures: z.string(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  decidedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  typical: z.boolean(),
  articleId: z.number().nullable(),
  wellCount: z.number(),
  /** the steps the caller may take next */
  next: z.array(z.enum(CASE_EVENTS)),
  editable: z.boolean(),
  version: z.number(),
});
export type CaseView = z.infer<typeof CaseView>;
export const CaseEventView = z.object({ event: z.enum(['file', ...CASE_EVENTS]), eventLabel: z.string(), onDate: z.string(), data: CaseEventData, actorName: z.string(), at: z.string() });
export const CaseDetailView = CaseView.extend({
  wells: z.array(z.object({ id: z.number(), code: z.string(), ownerName: z.string(), address: z.string() })),
  events: z.array(CaseEventView),
  partyCardName: z.string().nullable(),
  article: z.object({ id: z.number(), title: z.string(), state: z.string(), stateLabel: z.string() }).nullable(),
  /** whether the caller may write the 工作信息 draft (a typical case, decided, none written yet) */
  mayWriteArticle: z.boolean(),
});
export type CaseDetailView = z.infer<typeof CaseDetailView>;

export const CasesQuery = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  state: z.enum(CASE_STATES).optional(),
  violation: z.enum(VIOLATIONS).optional(),
  typical: z.enum(['true', 'false']).optional(),
  year: z.coerce.number().int().min(1900).max(2100).optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const CasesList = z.object({
  total: z.number(),
  /** the fines of every case the filter selects (not only this page), yuan */
  fineTotal: z.number(),
  cases: z.array(CaseView),
  districts: z.array(z.object({ id: z.number(), name: z.string() })),
});
export const CaseImportResult = z.object({ applied: z.boolean(), created: z.number() });

// ---------------------------------------------------------------- small users

export const SmallUsersQuery = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  /** overrides the setting for this list */
  thresholdM3: z.coerce.number().positive().max(1e9).optional(),
  tax: z.enum(TAX_STATES).optional(),
});
export const SmallUserRow = z.object({
  wellId: z.number(),
  code: z.string(),
  districtId: z.number().nullable(),
  district: z.string(),
  place: z.array(z.string()),
  ownerName: z.string(),
  address: z.string(),
  stage: z.enum(WELL_STAGES),
  stageLabel: z.string(),
  volumeM3: z.number(),
  /** recorded: the well's own annual volume; permit: what its permit allows */
  volumeSource: z.enum(['recorded', 'permit']),
  recordedVolumeM3: z.number().nullable(),
  permitNo: z.string().nullable(),
  taxState: z.enum(TAX_STATES),
  taxStateLabel: z.string(),
  taxRegisteredOn: z.string().nullable(),
  version: z.number(),
});
export const SmallUsersView = z.object({
  asOf: z.string(),
  thresholdM3: z.number(),
  districts: z.array(z.object({ id: z.number(), name: z.string() })),
  total: z.number(),
  registered: z.number(),
  /** permit-tracked wells with no annual volume on record (cannot be classed) */
  unknownVolume: z.number(),
  rows: z.array(SmallUserRow),
});
export const WellVolumeBody = z.object({ annualVolumeM3: z.number().min(0).max(1e9).nullable(), version: z.number().int() });
export const VolumeImportResult = z.object({ applied: z.boolean(), updated: z.number() });
