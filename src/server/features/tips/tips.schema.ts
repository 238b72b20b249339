import { z } from 'zod';
import { TIP_CHANNELS, TIP_EVENTS, TIP_STATES } from '../../../domain/tip/workflow.js';
import { PhotoView } from '../survey/survey.schema.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

/** The public form (no login). `website` is a honeypot: people leave it empty, bots fill it. */
export const PublicTipBody = z.object({
  content: text(2000).min(10, '请至少用 10 个字说明情况'),
  address: text(200).min(2, '请填写地点'),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  name: text(40).nullable().default(null),
  phone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/, '电话号码格式不正确').nullable().default(null),
  photos: z.array(z.object({ fileName: text(200).min(1), content: z.string().min(1).max(11_500_000) })).max(3, '最多上传 3 张照片').default([]),
  website: z.string().max(200).default(''),
});
export const PublicFormView = z.object({ formToken: z.string(), minSeconds: z.number() });
export const PublicTipCreated = z.object({ trackingCode: z.string() });
/** What anyone holding the tracking code may see: no names, no notes, no other tips. */
export const PublicTipStatus = z.object({
  trackingCode: z.string(),
  state: z.enum(TIP_STATES),
  stateLabel: z.string(),
  receivedOn: z.string(),
  closedOn: z.string().nullable(),
  reply: z.string().nullable(),
});

export const StaffTipBody = z.object({
  channel: z.enum(TIP_CHANNELS),
  receivedAt: z.string().datetime({ offset: true, message: '请填写受理时间' }),
  content: text(2000).min(2),
  address: text(200).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  /** where it is, if known (a grid or any unit) */
  orgUnitId: z.number().int().positive().nullable().default(null),
  reporterName: text(40).nullable().default(null),
  reporterPhone: z.string().trim().regex(/^[0-9+\-\s]{7,20}$/, '电话号码格式不正确').nullable().default(null),
});

export const TipEventDataSchema = z.object({
  districtId: z.number().int().positive().optional(),
  streetId: z.number().int().positive().optional(),
  deadline: day.optional(),
  result: z.enum(['substantiated', 'unsubstantiated']).optional(),
  evidence: text(2000).optional(),
  wellId: z.number().int().positive().optional(),
  reply: text(2000).optional(),
  reason: text(500).optional(),
  imported: z.boolean().optional(),
});
export const TipTransitionBody = z.object({ event: z.enum(TIP_EVENTS), onDate: day.optional(), data: TipEventDataSchema.default({}), version: z.number().int() });

export const TipView = z.object({
  id: z.number(),
  code: z.string(),
  channel: z.enum(TIP_CHANNELS),
  receivedAt: z.string(),
  receivedOn: z.string(),
  content: z.string(),
  mergedText: z.string().nullable(),
  address: z.string(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  district: z.string().nullable(),
  place: z.array(z.string()),
  state: z.enum(TIP_STATES),
  result: z.enum(['substantiated', 'unsubstantiated']).nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  assignedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  anonymous: z.boolean(),
  duplicateOf: z.number().nullable(),
  wellId: z.number().nullable(),
  next: z.array(z.enum(TIP_EVENTS)),
  version: z.number(),
});
export type TipView = z.infer<typeof TipView>;
export const TipEventView = z.object({ event: z.enum(TIP_EVENTS), onDate: z.string(), data: TipEventDataSchema, actorName: z.string(), at: z.string() });
export const TipDetailView = TipView.extend({
  events: z.array(TipEventView),
  photos: z.array(PhotoView),
  duplicates: z.array(z.object({ id: z.number(), code: z.string(), content: z.string(), receivedOn: z.string(), similarity: z.number() })),
});
/** The reporter: city role only; every read is written to the audit log. */
export const ReporterView = z.object({ anonymous: z.boolean(), name: z.string().nullable(), phone: z.string().nullable(), ip: z.string().nullable() });

export const TipsQuery = z.object({
  state: z.enum(TIP_STATES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  districtId: z.coerce.number().int().positive().optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const TipsList = z.object({ total: z.number(), tips: z.array(TipView) });
export const MergeBody = z.object({ intoId: z.number().int().positive() });

const Counts = { received: z.number(), assigned: z.number(), closed: z.number(), closureRate: z.string(), substantiated: z.number() };
export const TipSummaryView = z.object({ asOf: z.string(), total: z.object(Counts), rows: z.array(z.object({ district: z.string(), ...Counts })) });
export const OverdueView = z.object({ asOf: z.string(), districts: z.array(z.object({ district: z.string(), overdue: z.number(), tips: z.array(TipView) })) });
