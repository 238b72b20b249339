import { z } from 'zod';
import { FIELD_CHLORINE, SAMPLE_POINTS } from '../../../domain/sample/sample.js';
import { TRACERS } from '../../../domain/sample/mixing.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

export const LINK_KINDS = ['account', 'suspect_check', 'tip', 'inspection'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A sample as recorded in the form: where (a unit, and a well, a card, an address or a point), when, what was found. */
export const SampleBody = z.object({
  /** empty: the next SY-YYYYMMDD-NN of the sampling day */
  code: text(40).default(''),
  sampledOn: day,
  sampledBy: text(60).default(''),
  /** the unit it belongs to (a district or lower); may be left out when a well or a card is given */
  unitId: z.number().int().positive().nullable().default(null),
  wellId: z.number().int().positive().nullable().default(null),
  cardId: z.number().int().positive().nullable().default(null),
  address: text(200).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  point: z.enum(SAMPLE_POINTS),
  fieldChlorine: z.enum(FIELD_CHLORINE).default('not_done'),
  fieldChlorineMgL: z.number().min(0).max(20).nullable().default(null),
  /** tracer → value: the known tracers by code, others by their name */
  labResults: z.record(z.string().max(40), z.number().nullable()).default({}),
  labName: text(100).nullable().default(null),
  reportOn: day.nullable().default(null),
  note: text(1000).nullable().default(null),
});
export type SampleBody = z.infer<typeof SampleBody>;
export const UpdateSampleBody = SampleBody.extend({ version: z.number().int() });

export const LinkBody = z.object({ kind: z.enum(LINK_KINDS), refId: z.number().int().positive() });
export const LinkParams = z.object({ id: z.coerce.number().int().positive(), kind: z.enum(LINK_KINDS), refId: z.coerce.number().int().positive() });

const EstimateView = z.object({
  share: z.number(),
  uncertainty: z.number(),
  belowDetection: z.boolean(),
  text: z.string(),
  perTracer: z.array(z.object({ tracer: z.string(), label: z.string(), share: z.number() })),
});
export const SampleView = z.object({
  id: z.number(),
  code: z.string(),
  sampledOn: z.string(),
  sampledBy: z.string(),
  unitId: z.number(),
  districtId: z.number(),
  district: z.string(),
  place: z.array(z.string()),
  wellId: z.number().nullable(),
  wellCode: z.string().nullable(),
  cardId: z.number().nullable(),
  cardName: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  point: z.enum(SAMPLE_POINTS),
  pointLabel: z.string(),
  fieldChlorine: z.enum(FIELD_CHLORINE),
  fieldChlorineLabel: z.string(),
  fieldChlorineMgL: z.number().nullable(),
  labResults: z.record(z.string(), z.number()),
  labName: z.string().nullable(),
  reportOn: z.string().nullable(),
  note: z.string().nullable(),
  estimate: EstimateView.nullable(),
  /** a tap without free chlorine: evidence of well water in itself */
  chlorineEvidence: z.string().nullable(),
  version: z.number(),
});
export type SampleView = z.infer<typeof SampleView>;

export const LinkView = z.object({ kind: z.enum(LINK_KINDS), kindLabel: z.string(), refId: z.number(), label: z.string(), onDate: z.string().nullable() });
export const SampleDetailView = SampleView.extend({
  lab: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string(), value: z.number(), known: z.boolean() })),
  links: z.array(LinkView),
  endMembers: z.array(z.object({ tracer: z.string(), label: z.string(), tap: z.number(), well: z.number() })),
  /** 全市默认, or the district whose own end-members were used */
  endMembersArea: z.string(),
  floor: z.number(),
});

export const SamplesQuery = z.object({
  districtId: z.coerce.number().int().positive().optional(),
  /** groundwater share at least this many per cent */
  minShare: z.coerce.number().min(0).max(100).optional(),
  belowDetection: z.enum(['true', 'false']).optional(),
  linkKind: z.enum(LINK_KINDS).optional(),
  linkId: z.coerce.number().int().positive().optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const SamplesList = z.object({ total: z.number(), samples: z.array(SampleView) });

const EndMembersBody = z.partialRecord(z.enum(TRACERS), z.object({ tap: z.number().min(0).max(100_000), well: z.number().min(0).max(100_000) }).nullable());
export const MixingView = z.object({
  floor: z.number(),
  city: z.array(z.object({ tracer: z.string(), label: z.string(), tap: z.number().nullable(), well: z.number().nullable() })),
  districts: z.array(z.object({
    districtId: z.number(), district: z.string(), custom: z.boolean(),
    endMembers: z.array(z.object({ tracer: z.string(), label: z.string(), tap: z.number().nullable(), well: z.number().nullable() })),
  })),
  /** whether the caller may change them (samples.edit at city level) */
  editable: z.boolean(),
  version: z.number(),
});
export const SaveMixingBody = z.object({
  floor: z.number().min(0.01).max(0.5),
  city: EndMembersBody,
  /** districtId → its own end-members; null (or absent) uses the city's */
  districts: z.record(z.string().regex(/^\d+$/), EndMembersBody.nullable()).default({}),
  version: z.number().int(),
});

export const LinkTargetsQuery = z.object({ kind: z.enum(LINK_KINDS), q: searchText(60).default('') });
export const LinkTargets = z.object({ targets: z.array(z.object({ kind: z.enum(LINK_KINDS), refId: z.number(), label: z.string() })) });
