import { z } from 'zod';
import { GPS_ACCURACY_LIMIT } from '../../../domain/survey/gps-accuracy.js';
import { WELL_EVENTS, WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { WellEventData } from '../wells/wells.schema.js';
import { CardBody, CardView, CreateCardBody, GridSurveyView } from '../survey/survey.schema.js';
import { day } from '../../http/schema-types.js';

/**
 * The field app (外业模式): what a phone caches for offline work, and the queued operations it
 * sends back when the connection returns. Every operation carries an id made on the phone
 * (`opId`, a UUID): the server applies an id once, and a retry answers the first result.
 */

const opId = z.uuid('操作编号应为 UUID');
/** a phone's GPS fix, with its accuracy (metres) */
const Gps = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180), accuracyM: z.number().min(0).max(100_000).nullable().default(null) });
const Photo = { fileName: z.string().trim().min(1).max(200), /** base64 of the image (compressed on the phone) */ content: z.string().min(1).max(11_500_000) };
/** A card by its server id, or — for a card created offline whose create is queued before — by that create's opId. */
const CardRef = z.union([z.object({ id: z.number().int().positive() }), z.object({ opId })]);

export const FieldOp = z.discriminatedUnion('kind', [
  z.object({ opId, kind: z.literal('card.create'), card: CreateCardBody }),
  /** an edit based on `baseVersion`; a different current version answers 409 with both versions */
  z.object({ opId, kind: z.literal('card.update'), card: CardRef, baseVersion: z.number().int().min(1), data: CardBody }),
  z.object({
    opId,
    kind: z.literal('card.photo'),
    card: CardRef,
    ownerType: z.enum(['card', 'pledge']).default('card'),
    fileName: z.string().trim().min(1).max(200),
    /** base64 of the image (compressed on the phone) */
    content: z.string().min(1).max(11_500_000),
  }),
  /** after a conflict, the worker kept the office's version (采用办公室的): the field version goes to the card's history */
  z.object({ opId, kind: z.literal('card.discard'), card: CardRef, baseVersion: z.number().int().min(1), officeVersion: z.number().int().min(1), data: CardBody }),
  /** 封井记录: a step of a well's lifecycle (seal, accept …) based on the well's `baseVersion`, with where it was recorded */
  z.object({ opId, kind: z.literal('well.transition'), wellId: z.number().int().positive(), baseVersion: z.number().int().min(1), event: z.enum(WELL_EVENTS), onDate: day, data: WellEventData.default({}), gps: Gps.nullable().default(null) }),
  /** a well photo (before/after sealing …) with where it was taken */
  z.object({ opId, kind: z.literal('well.photo'), wellId: z.number().int().positive(), stage: z.enum(['before', 'after', 'meter', 'general']).default('general'), gps: Gps.nullable().default(null), ...Photo }),
  /** 督导核查 notes: the inspection's narrative, based on its `baseVersion` */
  z.object({ opId, kind: z.literal('inspection.note'), inspectionId: z.number().int().positive(), baseVersion: z.number().int().min(1), narrative: z.string().trim().max(10_000) }),
  z.object({ opId, kind: z.literal('inspection.photo'), inspectionId: z.number().int().positive(), ...Photo }),
  /** 核查任务: the outcome of a dual-source suspect's visit, based on the check's `baseVersion` */
  z.object({ opId, kind: z.literal('check.outcome'), checkId: z.number().int().positive(), baseVersion: z.number().int().min(1), outcome: z.enum(['normal', 'no_access']), checkedOn: day, note: z.string().trim().max(1000).nullable().default(null) }),
  /**
   * after a conflict on a well, an inspection or a check, the worker dropped their record (放弃我的):
   * it is not applied, but written to the audit log (修改记录) with the version it lost to
   */
  z.object({ opId, kind: z.literal('record.discard'), target: z.enum(['well', 'inspection', 'check']), targetId: z.number().int().positive(), baseVersion: z.number().int().min(1), officeVersion: z.number().int().min(1), data: z.record(z.string(), z.unknown()) }),
]);
export type FieldOp = z.infer<typeof FieldOp>;

export const OpResult = z.object({
  cardId: z.number().optional(), wellId: z.number().optional(), inspectionId: z.number().optional(), checkId: z.number().optional(),
  version: z.number().optional(), photoId: z.number().optional(),
});
export type OpResult = z.infer<typeof OpResult>;

export const OpAnswer = z.object({
  opId: z.string(),
  /** true: this operation had been applied before (a retry); nothing was written now */
  replayed: z.boolean(),
  result: OpResult,
  /** the card as it is now, for the phone's cache (card operations only) */
  card: CardView.optional(),
});

/** 409 details of a card.update whose base version is no longer current. */
export const ConflictDetails = z.object({ current: CardView, submitted: CardBody, baseVersion: z.number() });

/** 409 details of a well step, inspection note or check outcome whose base version is no longer current: both states. */
export const RecordConflictDetails = z.object({
  target: z.enum(['well', 'inspection', 'check']),
  baseVersion: z.number(),
  /** the record as the office left it: version, a title, and the fields the worker's record touches */
  current: z.object({ id: z.number(), version: z.number(), title: z.string(), fields: z.record(z.string(), z.string()) }),
  /** the worker's record, in the same terms */
  submitted: z.record(z.string(), z.string()),
});
export type RecordConflictDetails = z.infer<typeof RecordConflictDetails>;

const Ring = z.array(z.tuple([z.number(), z.number()]));
export const FieldBundle = z.object({
  generatedAt: z.string(),
  /** 定位精度上限: a point less accurate than this (metres) is warned about */
  gpsAccuracyLimitM: z.number(),
  grids: z.array(GridSurveyView.extend({ boundary: z.union([z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) }), z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring)) })]).nullable() })),
  /** more grids in scope than a phone caches: only the first ones are in the bundle */
  truncated: z.boolean(),
  cards: z.array(CardView),
  /** wells in the caller's grids that must be sealed and are not accepted yet (待封井; a sealed one is 待验收) */
  wellsToSeal: z.array(z.object({
    id: z.number(), code: z.string(), ownerName: z.string(), address: z.string(), place: z.array(z.string()),
    stage: z.enum(WELL_STAGES), lat: z.number().nullable(), lng: z.number().nullable(), version: z.number(),
    /** the steps that may come next (封井、验收 …) */
    next: z.array(z.enum(WELL_EVENTS)),
  })),
  /** may record sealing steps and well photos (wells.edit) */
  canRecordWells: z.boolean(),
  /** 我的督导核查: the latest inspections in the caller's scope, for those who record them (inspections.edit) */
  inspections: z.array(z.object({ id: z.number(), onDate: z.string(), kindLabel: z.string(), title: z.string(), area: z.array(z.string()), narrative: z.string(), version: z.number() })),
  /** 核查任务: dual-source suspects still to be visited, for those who verify them (suspects.verify) */
  checks: z.array(z.object({
    id: z.number(), batchNumber: z.number(), dueOn: z.string().nullable(), reasons: z.array(z.string()), accountNo: z.string(), name: z.string(), address: z.string(), place: z.string(), version: z.number(),
  })),
});
export type FieldBundle = z.infer<typeof FieldBundle>;

export const FieldSettings = z.object({
  /** 定位精度上限 (metres) */
  gpsAccuracyLimitM: z.number('定位精度上限应为数字（米）').int('定位精度上限应为整数（米）').min(GPS_ACCURACY_LIMIT.minM, `定位精度上限不能小于 ${GPS_ACCURACY_LIMIT.minM} 米`).max(GPS_ACCURACY_LIMIT.maxM, `定位精度上限不能大于 ${GPS_ACCURACY_LIMIT.maxM} 米`),
});
