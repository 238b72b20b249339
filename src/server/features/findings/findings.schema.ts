import { z } from 'zod';
import { FINDING_EVENTS, FINDING_STATES } from '../../../domain/inspection/finding.js';
import { PhotoView } from '../survey/survey.schema.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

/** A finding raised by an office: the unit that owns it, what is wrong, and the evidence. */
export const RaiseFindingBody = z.object({
  foundOn: day,
  /** the unit that owns the problem: a district, street, community or grid */
  unitId: z.number().int().positive(),
  /** a built-in code (missed, not_thorough…) or one of the office's own categories */
  category: text(20).min(1, '请选择问题类别'),
  description: text(1000).min(4, '请写明问题（至少 4 个字）'),
  deadline: day.nullable().default(null),
  inspectionId: z.number().int().positive().nullable().default(null),
  gridId: z.number().int().positive().nullable().default(null),
  cardId: z.number().int().positive().nullable().default(null),
  wellId: z.number().int().positive().nullable().default(null),
});
export type RaiseFindingBody = z.infer<typeof RaiseFindingBody>;

export const FindingEventData = z.object({
  plan: text(1000).optional(),
  evidence: text(2000).optional(),
  reason: text(500).optional(),
});
export const FindingTransitionBody = z.object({ event: z.enum(FINDING_EVENTS), onDate: day.optional(), data: FindingEventData.default({}), version: z.number().int() });

export const FindingView = z.object({
  id: z.number(),
  foundOn: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  description: z.string(),
  unitId: z.number(),
  districtId: z.number(),
  district: z.string(),
  place: z.array(z.string()),
  raisedBy: z.string(),
  inspectionId: z.number().nullable(),
  inspectionTitle: z.string().nullable(),
  gridId: z.number().nullable(),
  gridName: z.string().nullable(),
  cardId: z.number().nullable(),
  wellId: z.number().nullable(),
  wellCode: z.string().nullable(),
  deadline: z.string().nullable(),
  state: z.enum(FINDING_STATES),
  stateLabel: z.string(),
  overdue: z.boolean(),
  submittedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  returns: z.number(),
  /** what the caller may do next */
  next: z.array(z.enum(FINDING_EVENTS)),
  version: z.number(),
});
export type FindingView = z.infer<typeof FindingView>;
export const FindingEventView = z.object({ event: z.enum(FINDING_EVENTS), onDate: z.string(), data: FindingEventData, actorName: z.string(), at: z.string() });
export const FindingDetailView = FindingView.extend({ events: z.array(FindingEventView), photos: z.array(PhotoView), gridReopened: z.boolean() });

export const FindingsQuery = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  state: z.enum(FINDING_STATES).optional(),
  category: z.string().max(20).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  from: day.optional(),
  to: day.optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const FindingsList = z.object({ total: z.number(), findings: z.array(FindingView) });

const StateCounts = z.object({ open: z.number(), rectifying: z.number(), submitted: z.number(), returned: z.number(), closed: z.number() });
/** The board: per district in org order, counts by state and the overdue ones. */
export const FindingsBoard = z.object({
  asOf: z.string(),
  districts: z.array(z.object({ districtId: z.number(), district: z.string(), total: z.number(), overdue: z.number(), counts: StateCounts })),
});

export const SummaryQuery = z.object({ weekEnd: day.optional(), unitId: z.coerce.number().int().positive().optional() });
export const SummaryView = z.object({
  unitId: z.number(),
  unit: z.string(),
  from: z.string(),
  to: z.string(),
  /** written from the records just now */
  generated: z.string(),
  /** the opening sentence of the generated text */
  intro: z.string(),
  paragraphs: z.array(z.object({ district: z.string(), heading: z.string(), body: z.string(), findingIds: z.array(z.number()) })),
  /** an office's edit, kept beside the generated text; null when none */
  edited: z.object({ text: z.string(), generatedText: z.string(), editedBy: z.string(), updatedAt: z.string(), version: z.number(), stale: z.boolean() }).nullable(),
  /** what goes into a bulletin: the edit if there is one, else the generated text */
  text: z.string(),
});
export const SaveSummaryBody = z.object({
  weekEnd: day,
  unitId: z.number().int().positive().optional(),
  text: text(20_000).min(1, '汇总内容不能为空'),
  /** the version of the edit being replaced; null for a first edit */
  version: z.number().int().nullable(),
});

export const VocabularyView = z.object({
  categories: z.array(z.object({ code: z.string(), label: z.string(), builtIn: z.boolean() })),
  methods: z.array(z.object({ label: z.string(), builtIn: z.boolean() })),
});
export const SaveVocabularyBody = z.object({
  extraCategories: z.array(text(20).min(1)).max(50),
  extraMethods: z.array(text(20).min(1)).max(50),
});
