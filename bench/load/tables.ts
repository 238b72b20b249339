/**
 * Time to build each bulletin table on the generated city: the same service functions the bulletin
 * (bulletins.service tableBlock) and the report routes call, as the city office, several runs each,
 * median reported. The command dashboard (指挥看板) is timed too: it is built from those tables.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/server/db/types.js';
import { systemActor } from '../../src/server/auth/actor.js';
import { scopeFor } from '../../src/server/auth/scope.js';
import type { ServiceCtx } from '../../src/server/context.js';
import { findCity } from '../../src/server/features/org/org.repo.js';
import { surveyReport } from '../../src/server/features/survey/survey.service.js';
import { taskProgress } from '../../src/server/features/campaigns/campaigns.service.js';
import { tipSummaryAsOf } from '../../src/server/features/tips/tips.service.js';
import { generateSummary, weeklySummary } from '../../src/server/features/findings/findings.service.js';
import { commandDashboard } from '../../src/server/features/dashboard/dashboard.service.js';

export type TableTiming = { table: string; runs: number; medianMs: number; minMs: number; maxMs: number };

export async function cityCtx(db: Kysely<DB>): Promise<ServiceCtx> {
  const city = await findCity(db);
  if (!city) throw new Error('没有市级单位');
  return { db, actor: systemActor(city), requestId: null };
}

/** The campaign running on the day (the 日通报's campaign). */
export async function runningCampaign(db: Kysely<DB>, day: string): Promise<number> {
  const r = await sql<{ id: number }>`select id from task_campaigns where starts_on <= ${day} and ends_on >= ${day} order by starts_on desc limit 1`.execute(db);
  if (!r.rows[0]) throw new Error('没有进行中的封停任务');
  return r.rows[0].id;
}

export async function timeTables(db: Kysely<DB>, asOf: string, runs: number, onProgress: (line: string) => void): Promise<TableTiming[]> {
  const ctx = await cityCtx(db);
  const campaignId = await runningCampaign(db, asOf);
  const tables: [string, () => Promise<unknown>][] = [
    ['排查进度表 (surveyReport)', () => surveyReport(ctx, asOf)],
    ['日通报 任务进度表 (taskProgress)', () => taskProgress(ctx, campaignId, asOf)],
    ['举报线索统计表 (tipSummaryAsOf)', () => tipSummaryAsOf(ctx, asOf)],
    ['一周问题汇总 (generateSummary + weeklySummary)', async () => {
      await generateSummary(db, scopeFor(ctx.actor, 'findings.read'), asOf);
      await weeklySummary(ctx, { weekEnd: asOf });
    }],
    ['指挥看板 (commandDashboard, 15 日通报 + the rest)', () => commandDashboard(ctx, { asOf })],
  ];
  const out: TableTiming[] = [];
  for (const [name, build] of tables) {
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      onProgress(`${name} ${i + 1}/${runs}`);
      const t0 = performance.now();
      await build();
      xs.push(performance.now() - t0);
      // a table that takes far too long is not run again and again: three runs say enough
      if (i >= 2 && xs[0]! > 10_000) break;
    }
    xs.sort((a, b) => a - b);
    out.push({ table: name, runs: xs.length, medianMs: xs[Math.floor(xs.length / 2)]!, minMs: xs[0]!, maxMs: xs.at(-1)! });
  }
  return out;
}
