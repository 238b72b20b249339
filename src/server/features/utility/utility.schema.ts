import { z } from 'zod';
import { WELL_USES } from '../../../domain/well/well.js';
import { day, searchText } from '../../http/schema-types.js';

const page = { page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) };
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');

export const UploadQuery = z.object({ fileName: z.string().trim().min(1).max(200) });
const RowError = z.object({ row: z.number(), column: z.string(), message: z.string() });
export const ImportView = z.object({
  id: z.number(), kind: z.enum(['accounts', 'readings']), fileName: z.string(), sizeBytes: z.number(), bytesRead: z.number(),
  state: z.enum(['loading', 'held', 'applied', 'discarded', 'failed']), rowsLoaded: z.number(), badRows: z.number(), errors: z.array(RowError),
  periods: z.array(z.string()), message: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
});
export const ImportList = z.object({ imports: z.array(ImportView) });
export const AccountImportResult = z.object({
  applied: z.boolean(), rows: z.number(), created: z.number(), updated: z.number(), unchanged: z.number(),
  matchedByCard: z.number(), matchedByGridCode: z.number(), matchedByAddress: z.number(), unmatched: z.number(),
});
export const AccountsQuery = z.object({ q: searchText(100).trim().optional(), ...page });
export const AccountList = z.object({
  total: z.number(),
  items: z.array(z.object({
    id: z.number(), accountNo: z.string(), name: z.string(), address: z.string(), category: z.string(), industry: z.string().nullable(),
    households: z.number().nullable(), persons: z.number().nullable(), beds: z.number().nullable(), areaM2: z.number().nullable(),
    matchedBy: z.enum(['card', 'grid_code', 'address']).nullable(), place: z.string(),
  })),
});
export const OutcomeList = z.object({
  items: z.array(z.object({ id: z.number(), batchNumber: z.number(), accountNo: z.string(), name: z.string(), outcome: z.enum(['found', 'normal', 'no_access']).nullable(), outcomeLabel: z.string(), checkedOn: z.string().nullable() })),
});

export const RunBody = z.object({ asOf: month.optional() });
export const JobView = z.object({ id: z.string(), state: z.enum(['running', 'done', 'failed']), done: z.number(), total: z.number(), stage: z.string(), result: z.unknown(), error: z.string().nullable() });
export const JobParams = z.object({ id: z.uuid() });
export const RunList = z.object({ runs: z.array(z.object({ id: z.number(), asOf: z.string(), accounts: z.number(), flagged: z.number(), outcomesUsed: z.number(), createdAt: z.string() })) });
export const ScoresQuery = z.object({ gap: z.enum(['noCard', 'tapOnlyCard']).optional(), q: searchText(100).trim().optional(), ...page });
const SignalView = z.object({ kind: z.string(), label: z.string(), size: z.number(), confidence: z.number(), reason: z.string() });
export const ScoresView = z.object({
  run: z.object({ id: z.number(), asOf: z.string(), accounts: z.number(), flagged: z.number(), outcomesUsed: z.number(), createdAt: z.string() }),
  total: z.number(),
  items: z.array(z.object({
    rank: z.number(), score: z.number(), reasons: z.array(z.string()), surveyGap: z.enum(['noCard', 'tapOnlyCard']).nullable(), surveyGapLabel: z.string().nullable(),
    signals: z.array(SignalView), accountId: z.number(), accountNo: z.string(), name: z.string(), address: z.string(), category: z.string(), place: z.string(), matched: z.boolean(),
  })),
});

export const BatchBody = z.object({ runId: z.number().int().positive(), topN: z.number().int().min(1).max(5000), controlShare: z.number().min(0).max(0.5).default(0.05), dueOn: day.nullish() });
export const BatchCreated = z.object({ id: z.number(), number: z.number(), checks: z.number(), control: z.number() });
const Weights = z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) });
export const BatchList = z.object({
  batches: z.array(z.object({
    id: z.number(), number: z.number(), asOf: z.string(), topN: z.number(), controlShare: z.number(), dueOn: z.string().nullable(), createdAt: z.string(),
    checks: z.number(), pending: z.number(), noAccess: z.number(), found: z.number(), visited: z.number(),
    hitRate: z.number().nullable(), precisionAt10: z.number().nullable(), averagePrecision: z.number().nullable(),
    controlHitRate: z.number().nullable(), controlChecks: z.number().nullable(), lift: z.number().nullable(),
  })),
  model: z.object({ weights: Weights, defaults: Weights, outcomes: z.number(), found: z.number(), labels: z.record(z.string(), z.string()) }).nullable(),
});
const Outcome = z.enum(['found', 'normal', 'no_access']);
export const ChecksQuery = z.object({ batchId: z.coerce.number().int().positive().optional(), outcome: z.enum(['found', 'normal', 'no_access', 'pending']).optional(), ...page });
export const CheckList = z.object({
  total: z.number(),
  items: z.array(z.object({
    id: z.number(), batchNumber: z.number(), dueOn: z.string().nullable(), score: z.number(), reasons: z.array(z.string()), rank: z.number().nullable(), inControl: z.boolean().nullable(),
    accountNo: z.string(), name: z.string(), address: z.string(), category: z.string(), place: z.string(), gridId: z.number().nullable(),
    outcome: Outcome.nullable(), outcomeLabel: z.string(), wellId: z.number().nullable(), wellCode: z.string().nullable(), note: z.string().nullable(), checkedOn: z.string().nullable(), version: z.number(),
  })),
});
export const OutcomeBody = z.object({
  outcome: Outcome, checkedOn: day, note: z.string().trim().max(1000).nullish(), version: z.number().int().positive(),
  wellId: z.number().int().positive().nullish(),
  newWell: z.object({ ownerName: z.string().trim().min(1).max(100), address: z.string().trim().max(200).default(''), use: z.enum(WELL_USES), orgUnitId: z.number().int().positive() }).nullish(),
});
export const OutcomeSaved = z.object({ id: z.number(), outcome: Outcome, wellId: z.number().nullable(), version: z.number() });
const NormBasis = z.enum(['person', 'bed', 'areaM2', 'business']);
export const NormsView = z.object({
  householdSize: z.number(),
  categories: z.array(z.object({ category: z.string(), basis: NormBasis.nullable(), litresPerDay: z.number().nullable(), isDefault: z.boolean() })),
});
export const NormsBody = z.object({
  householdSize: z.number().min(1).max(10),
  categories: z.array(z.object({ category: z.string().trim().min(1).max(40), basis: NormBasis.nullable(), litresPerDay: z.number().positive().max(1_000_000).nullable() })).max(100),
});
