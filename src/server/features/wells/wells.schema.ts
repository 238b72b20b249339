import { z } from 'zod';
import { DISPOSITIONS, SEAL_METHODS, SEAL_MODES, WELL_EVENTS, WELL_STAGES } from '../../../domain/well/lifecycle.js';
import { FOUND_VIA, WELL_USES } from '../../../domain/well/well.js';
import { PhotoView } from '../survey/survey.schema.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

export const WellFields = z.object({
  ownerName: text(100).min(1, '请填写权属单位或户主'),
  address: text(200).default(''),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  yearDrilled: z.number().int().min(1900).max(2100).nullable().default(null),
  depthM: z.number().min(0).max(5000).nullable().default(null),
  innerDiameterMm: z.number().min(0).max(5000).nullable().default(null),
  casing: text(40).nullable().default(null),
  aquifer: text(40).nullable().default(null),
  use: z.enum(WELL_USES),
  pumpPowerKw: z.number().min(0).max(10000).nullable().default(null),
  powerMeterNo: text(40).nullable().default(null),
  inUseStatus: z.enum(['in_use', 'stopped', 'sealed']).default('in_use'),
  foundVia: z.enum(FOUND_VIA),
  foundRef: text(100).nullable().default(null),
  cardId: z.number().int().positive().nullable().default(null),
  remarks: text(500).nullable().default(null),
});
export const CreateWellBody = WellFields.extend({
  /** the grid (or lowest known unit) where the well is */
  orgUnitId: z.number().int().positive(),
  discoveredOn: day,
});
export const UpdateWellBody = WellFields.extend({ version: z.number().int() });

export const WellEventData = z.object({
  disposition: z.enum(DISPOSITIONS).optional(),
  sealMode: z.enum(SEAL_MODES).optional(),
  legalBasis: text(200).optional(),
  deadline: day.optional(),
  switchProject: text(100).optional(),
  method: z.enum(SEAL_METHODS).optional(),
  materials: text(200).optional(),
  depthFromM: z.number().min(0).max(5000).optional(),
  depthToM: z.number().min(0).max(5000).optional(),
  contractor: text(100).optional(),
  acceptedBy: text(100).optional(),
  conclusion: text(500).optional(),
  applicationNo: text(60).optional(),
  permitNo: text(60).optional(),
  annualVolumeM3: z.number().min(0).max(1e9).optional(),
  permitExpiresOn: day.optional(),
  meterSerial: text(60).optional(),
  taxRegisteredNo: text(60).optional(),
  note: text(500).optional(),
  /** set only by ledger imports */
  imported: z.boolean().optional(),
});
export const TransitionBody = z.object({ event: z.enum(WELL_EVENTS), onDate: day, data: WellEventData.default({}), version: z.number().int() });

export const WellEventView = z.object({ id: z.number(), event: z.enum(WELL_EVENTS), onDate: z.string(), data: WellEventData, actorName: z.string(), at: z.string() });

export const WellView = WellFields.extend({
  id: z.number(),
  code: z.string(),
  orgUnitId: z.number(),
  /** 卧龙区 / 光武街道 / 光彩社区 / 光彩社区第1网格 */
  place: z.array(z.string()),
  district: z.string(),
  discoveredOn: z.string(),
  stage: z.enum(WELL_STAGES),
  disposition: z.enum(DISPOSITIONS).nullable(),
  sealMode: z.enum(SEAL_MODES).nullable(),
  /** the steps that may come next */
  next: z.array(z.enum(WELL_EVENTS)),
  /** small user: permitted annual withdrawal under the threshold (default 1000 m³) */
  smallUser: z.boolean(),
  version: z.number(),
  asOf: z.string(),
});
export type WellView = z.infer<typeof WellView>;
export const WellDetailView = WellView.extend({ events: z.array(WellEventView), photos: z.array(PhotoView), campaigns: z.array(z.object({ campaignId: z.number(), name: z.string(), disposition: z.enum(['seal', 'permit']), deadline: z.string().nullable(), done: z.boolean() })) });

export const WellsQuery = z.object({
  unitId: z.coerce.number().int().positive().optional(),
  stage: z.enum(WELL_STAGES).optional(),
  disposition: z.enum(DISPOSITIONS).optional(),
  q: searchText(60).optional(),
  asOf: day.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const WellsList = z.object({ total: z.number(), wells: z.array(WellView) });

export const WellPhotoBody = z.object({
  stage: z.enum(['before', 'after', 'meter', 'general']).default('general'),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  fileName: text(200).min(1),
  content: z.string().min(1).max(11_500_000),
});
