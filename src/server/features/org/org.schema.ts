import { z } from 'zod';
import { ORG_LEVELS } from '../../../domain/org/org-unit.js';
import { day } from '../../http/schema-types.js';


export const OrgUnitView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentId: z.number().nullable(),
  path: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  version: z.number(),
  gridCount: z.number(),
  childCount: z.number(),
});
export type OrgUnitView = z.infer<typeof OrgUnitView>;

export const OrgUnitsQuery = z.object({ includeClosed: z.enum(['true', 'false']).optional() });
export const OrgUnitsResponse = z.object({ units: z.array(OrgUnitView) });
export const IdParams = z.object({ id: z.coerce.number().int().positive() });

export const UpdateOrgUnitBody = z.object({
  version: z.number().int(),
  name: z.string().trim().min(1, '名称不能为空').max(64).optional(),
  closedOn: day.nullable().optional(),
});

export const OrgImportBody = z.object({
  fileName: z.string().min(1).max(200),
  /** the file, base64 encoded */
  content: z.string().min(1).max(28_000_000),
  allowNewUnits: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

export const RowErrorView = z.object({ row: z.number(), column: z.string(), message: z.string() });

export const OrgImportResponse = z.object({
  applied: z.boolean(),
  created: z.object({ district: z.number(), street: z.number(), community: z.number(), grid: z.number() }),
  renamed: z.number(),
  unchanged: z.number(),
});
export type OrgImportResponse = z.infer<typeof OrgImportResponse>;
