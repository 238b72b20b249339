/**
 * The dual-source analysis over the database: every account's readings up to the as-of month, read
 * a page of accounts at a time (millions of rows never sit in memory as rows), ranked by the pure
 * engine with the weights fitted on the field teams' outcomes.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Progress, ServiceCtx } from '../../context.js';
import { requireCapability } from '../../auth/policies.js';
import { badRequest } from '../../http/errors.js';
import { readSetting } from '../system/settings.repo.js';
import { normTable, type Norm, type NormTable } from '../../../domain/utility/norms.js';
import { monthIndex, monthKey, monthlyUse } from '../../../domain/utility/series.js';
import { rankAll, surveyGap, type Subject, type SurveyGap } from '../../../domain/utility/rank.js';
import { DEFAULT_WEIGHTS, featuresOf, fitWeights, type Features, type Weights } from '../../../domain/utility/score.js';
import type { Signal } from '../../../domain/utility/signals.js';
import { engineAccount } from '../../../domain/utility/rows.js';
import * as repo from './utility.repo.js';

export const NORMS_SETTING = 'utility.norms';
export type NormEdits = { householdSize?: number; categories?: Record<string, Norm | null> };

export async function currentNorms(db: Kysely<DB>): Promise<NormTable> {
  return normTable(((await readSetting(db, NORMS_SETTING)) as NormEdits | undefined) ?? {});
}

/** The weights the next ranking uses: fitted on every visit's outcome (found / normal), anchored on the defaults. */
export async function currentModel(db: Kysely<DB>): Promise<{ weights: Weights; outcomes: number; found: number }> {
  const rows = await db.selectFrom('suspectChecks').select(['features', 'outcome']).where('outcome', 'in', ['found', 'normal']).execute();
  const examples = rows.map((r) => ({ features: r.features as Features, found: r.outcome === 'found' }));
  return { weights: examples.length ? fitWeights(examples) : DEFAULT_WEIGHTS, outcomes: examples.length, found: examples.filter((e) => e.found).length };
}

export type RankedRow = {
  accountId: number; accountNo: string; name: string; address: string; orgPath: string;
  rank: number; score: number; reasons: string[]; signals: Signal[]; features: Features; surveyGap: SurveyGap | null;
};
export type Analysis = { asOf: string; weights: Weights; outcomesUsed: number; ranked: RankedRow[] };

const PAGE = 5000;
/** The area peers are drawn from: the district ('/1/4/'), or the whole city while unmatched. */
const areaOf = (orgPath: string) => orgPath.split('/').slice(0, 3).join('/') + '/';

/** Ranks every account as of a month (default: the last month with readings). */
export async function analyzeDualSource(ctx: ServiceCtx, opts: { asOf?: string | undefined; progress?: Progress | undefined } = {}): Promise<Analysis> {
  requireCapability(ctx.actor, 'suspects.manage');
  const asOf = opts.asOf ?? (await repo.latestPeriod(ctx.db));
  if (!asOf) throw badRequest('还没有已生效的用水量数据，请先导入用水户和用水量');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) throw badRequest('截止月份格式应为 YYYY-MM');
  const before = monthKey(monthIndex(asOf) + 1);
  const [norms, model, accounts, applied] = await Promise.all([currentNorms(ctx.db), currentModel(ctx.db), repo.accountsForAnalysis(ctx.db), repo.appliedImportIds(ctx.db)]);
  const subjects: Subject[] = [];
  for (let i = 0; i < accounts.length; i += PAGE) {
    const page = accounts.slice(i, i + PAGE);
    const rows = await repo.readingsPage(ctx.db, page[0]!.id, page.at(-1)!.id, before, applied);
    const byId = new Map(rows.map((r) => [r.accountId, r]));
    for (const a of page) {
      const r = byId.get(a.id);
      const readings = r ? r.periods.map((period, j) => ({ period, m3: Number(r.m3[j]) })) : [];
      subjects.push({ account: engineAccount(a, norms), series: monthlyUse(readings, asOf), area: areaOf(a.orgPath), sealedOn: a.sealedOn });
    }
    opts.progress?.(Math.min(i + PAGE, accounts.length), accounts.length * 2, '读取用水量');
  }
  const ranked = rankAll(subjects, { norms, weights: model.weights, onProgress: (d, t) => opts.progress?.(accounts.length + d, accounts.length + t, '计算疑似度') });
  const byNo = new Map(accounts.map((a) => [a.accountNo, a]));
  return {
    asOf, weights: model.weights, outcomesUsed: model.outcomes,
    ranked: ranked.map((r) => {
      const a = byNo.get(r.accountNo)!;
      return {
        accountId: a.id, accountNo: a.accountNo, name: a.name, address: a.address, orgPath: a.orgPath, rank: r.rank, score: r.score,
        reasons: r.reasons, signals: r.signals, features: featuresOf(r.signals), surveyGap: surveyGap(r.score, a.cardId ? { waterSource: a.waterSource ?? 'tap' } : null),
      };
    }),
  };
}

/** Keeps a ranking as a run the offices can page through and send for verification. */
export async function saveRun(ctx: ServiceCtx, analysis: Analysis, progress?: Progress): Promise<number> {
  const { ranked } = analysis;
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('suspectRuns').values({
      asOf: analysis.asOf, weights: JSON.stringify(analysis.weights), outcomesUsed: analysis.outcomesUsed, accounts: ranked.length,
      flagged: ranked.filter((r) => r.score >= 0.5).length, createdBy: ctx.actor.userId > 0 ? ctx.actor.userId : null,
    }).returning('id').executeTakeFirstOrThrow();
    for (let i = 0; i < ranked.length; i += 5000) {
      const page = ranked.slice(i, i + 5000);
      await sql`insert into suspect_scores (run_id, rank, account_id, score, features, signals, reasons, survey_gap)
        select ${id}, r, a, s, f::jsonb, g::jsonb, array(select jsonb_array_elements_text(x::jsonb)), nullif(gap, '')
        from unnest(${page.map((r) => r.rank)}::int[], ${page.map((r) => r.accountId)}::int[], ${page.map((r) => r.score)}::float8[],
          ${page.map((r) => JSON.stringify(r.features))}::text[], ${page.map((r) => JSON.stringify(r.signals))}::text[],
          ${page.map((r) => JSON.stringify(r.reasons))}::text[], ${page.map((r) => r.surveyGap ?? '')}::text[]) as t(r, a, s, f, g, x, gap)`.execute(trx);
      progress?.(i + page.length, ranked.length, '保存排名');
    }
    return id;
  });
}
