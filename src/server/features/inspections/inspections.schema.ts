import { z } from 'zod';
import { INSPECTION_KINDS, TARGET_KINDS } from '../../../domain/inspection/inspection.js';
import { PhotoView } from '../survey/survey.schema.js';
import { WELL_USES } from '../../../domain/well/well.js';
import { FindingView, RaiseFindingBody } from '../findings/findings.schema.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

export const Official = z.object({ name: text(20).min(1, '请填写姓名'), title: text(60).default('') });
export const Target = z.object({ kind: z.enum(TARGET_KINDS), refId: z.number().int().positive().nullable().default(null), label: text(100).default('') });
export const Sample = z.object({ label: text(40).min(1, '请填写样品编号'), place: text(100).default(''), note: text(200).default('') });

export const InspectionFields = z.object({
  onDate: day,
  kind: z.enum(INSPECTION_KINDS),
  title: text(120),
  leaders: z.array(Official).max(20),
  team: text(500).default(''),
  /** where: the area the record belongs to (a district or lower, or the city for city-wide work) */
  areaUnitId: z.number().int().positive(),
  targets: z.array(Target).max(100).default([]),
  methods: z.array(text(20).min(1)).max(40).default([]),
  narrative: text(10_000).default(''),
  samples: z.array(Sample).max(50).default([]),
});

/** A well found on the visit: a new record, or one already in the registry. */
export const FoundWell = z.union([
  z.object({ wellId: z.number().int().positive() }),
  z.object({
    /** the grid (or lowest known unit) where the well is */
    orgUnitId: z.number().int().positive(),
    ownerName: text(100).min(1, '请填写井的权属单位或户主'),
    address: text(200).default(''),
    use: z.enum(WELL_USES),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lng: z.number().min(-180).max(180).nullable().default(null),
    depthM: z.number().min(0).max(5000).nullable().default(null),
    inUseStatus: z.enum(['in_use', 'stopped']).default('in_use'),
    cardId: z.number().int().positive().nullable().default(null),
    remarks: text(500).nullable().default(null),
  }),
]);
export type FoundWell = z.infer<typeof FoundWell>;

export const CreateInspectionBody = InspectionFields.extend({
  foundWells: z.array(FoundWell).max(50).default([]),
  /** findings raised on the visit; `wellIndex` points at one of foundWells as evidence */
  findings: z.array(RaiseFindingBody.omit({ inspectionId: true, foundOn: true }).extend({ foundOn: day.optional(), wellIndex: z.number().int().min(0).nullable().default(null) })).max(50).default([]),
});
export type CreateInspectionBody = z.infer<typeof CreateInspectionBody>;
export const UpdateInspectionBody = InspectionFields.extend({ version: z.number().int() });
export const AddWellBody = FoundWell;

export const InspectionView = z.object({
  id: z.number(),
  onDate: z.string(),
  kind: z.enum(INSPECTION_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  leaders: z.array(z.object({ name: z.string(), title: z.string() })),
  leadersLine: z.string(),
  team: z.string(),
  office: z.string(),
  areaUnitId: z.number(),
  area: z.array(z.string()),
  targets: z.array(z.object({ kind: z.enum(TARGET_KINDS), refId: z.number().nullable(), label: z.string() })),
  methods: z.array(z.string()),
  narrative: z.string(),
  samples: z.array(z.object({ label: z.string(), place: z.string(), note: z.string() })),
  wellsFound: z.number(),
  findingsRaised: z.number(),
  version: z.number(),
});
export type InspectionView = z.infer<typeof InspectionView>;
export const InspectionDetailView = InspectionView.extend({
  wells: z.array(z.object({ id: z.number(), code: z.string(), ownerName: z.string(), relation: z.enum(['found', 'checked']) })),
  findings: z.array(FindingView),
  photos: z.array(PhotoView),
});

export const InspectionsQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  kind: z.enum(INSPECTION_KINDS).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const InspectionsList = z.object({ total: z.number(), inspections: z.array(InspectionView) });
