import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, type Client, type TestApp } from '../../../test-support/app.js';
import { addDays } from '../../../domain/shared/dates.js';
import { officeToday } from '../../clock.js';
import { findingAsOf, type FindingEvent, type FindingEventData } from '../../../domain/inspection/finding.js';
import { surveyStateAt } from '../../../domain/survey/survey-state.js';
import { systemActor } from '../../auth/actor.js';
import { findCity } from '../org/org.repo.js';
import type { ServiceCtx } from '../../context.js';
import { tipFactsAsOf, tipSummaryAsOf } from '../tips/tips.service.js';
import { surveyReport } from '../survey/survey.service.js';
import { commandDashboard } from '../dashboard/dashboard.service.js';
import { wellStagesAsOf } from '../wells/wells.service.js';
import { currentStateMismatches, fillCurrentStates } from './current-state.service.js';

/**
 * The stored current states (tips, wells, findings, grids' surveys) must be the fold of each
 * record's history after every kind of write, and the lists that filter by them must count what a
 * fold by date counts — the bulletin tables print these numbers.
 */

let t: TestApp;
let city: Client;
const b64 = (s: string) => Buffer.from(s).toString('base64');
const none = { tips: [], wells: [], findings: [], grids: [] };

beforeAll(async () => {
  t = await demoApp();
  city = await t.login('city');
});
afterAll(() => t.close());

async function systemCtx(): Promise<ServiceCtx> {
  return { db: t.database.db, actor: systemActor((await findCity(t.database.db))!), requestId: null };
}

const units = async () => (await city.get('/api/org/units')).json().units as { id: number; name: string; level: string; code: string; version: number }[];

/** Every list filter's total against a fold of every record by date (the path the lists took before the stored states). */
async function expectListsToMatchTheFold(opts = { grids: true }) {
  const ctx = await systemCtx();
  const today = officeToday();
  const tips = await tipFactsAsOf(ctx, today);
  for (const state of ['received', 'assigned', 'investigated', 'closed']) {
    expect((await city.get(`/api/tips?state=${state}&pageSize=1`)).json().total, `tips ${state}`).toBe(tips.filter((x) => x.facts.state === state).length);
  }
  const overdue = tips.filter((x) => (x.facts.state === 'assigned' || x.facts.state === 'investigated') && x.facts.deadline !== null && x.facts.deadline < today).length;
  expect((await city.get('/api/tips?overdue=true&pageSize=1')).json().total).toBe(overdue);
  expect((await city.get('/api/tips?overdue=false&pageSize=1')).json().total).toBe(tips.length - overdue);

  // the 举报线索办理情况表 counted in SQL from the stored states, and folded
  expect(await tipSummaryAsOf(ctx, today)).toEqual(await tipSummaryAsOf(ctx, today, tips));
  const board = await commandDashboard(ctx, { asOf: today });
  expect(board.tips!.overdue).toBe(overdue);

  const stages = await wellStagesAsOf(ctx, today);
  expect(board.wells!.total).toBe(stages.length);
  for (const s of board.wells!.stages) expect(s.count, `board ${s.stage}`).toBe(stages.filter((x) => x === s.stage).length);
  for (const stage of new Set(stages)) expect((await city.get(`/api/wells?stage=${stage}&pageSize=1`)).json().total, `wells ${stage}`).toBe(stages.filter((s) => s === stage).length);
  expect(stages.length).toBeGreaterThan(0);

  // (raw rows come back camel-cased too)
  const events = (await sql<{ findingId: number; event: FindingEvent['event']; onDate: string; data: FindingEventData }>`select finding_id, event, on_date::text, data from finding_events order by on_date, id`.execute(t.database.db)).rows;
  const findings = (await sql<{ id: number }>`select id from findings`.execute(t.database.db)).rows;
  const folded = findings.map((f) => findingAsOf(events.filter((e) => e.findingId === f.id).map((e) => ({ event: e.event, onDate: e.onDate, data: e.data })), today).state);
  for (const state of ['open', 'rectifying', 'submitted', 'returned', 'closed']) {
    expect((await city.get(`/api/findings?state=${state}&pageSize=1`)).json().total, `findings ${state}`).toBe(folded.filter((s) => s === state).length);
  }
  expect(board.findings!.open).toBe(folded.filter((s) => s !== 'closed').length);

  if (!opts.grids) return;
  const grids = (await sql<{ id: number }>`select id from org_units where level = 'grid' and closed_on is null`.execute(t.database.db)).rows;
  const gridEvents = (await sql<{ gridId: number; event: 'start' | 'complete' | 'reopen'; onDate: string }>`select grid_id, event, on_date::text from grid_survey_events order by on_date, id`.execute(t.database.db)).rows;
  const gridStates = grids.map((g) => surveyStateAt(gridEvents.filter((e) => e.gridId === g.id), '9999-12-31'));
  for (const state of ['not_started', 'in_progress', 'completed']) {
    expect((await city.get(`/api/survey/grids?state=${state}&pageSize=1`)).json().total, `grids ${state}`).toBe(gridStates.filter((s) => s === state).length);
  }
  // the 排查进度表 counted in SQL from the stored states, against the grids' events folded
  const report = await surveyReport(ctx, today);
  const paths = (await sql<{ id: number; path: string }>`select id, path from org_units where level = 'grid' and closed_on is null`.execute(t.database.db)).rows;
  const started = grids.filter((g, i) => gridStates[i] !== 'not_started').length;
  expect(report.total.grids).toBe(paths.length);
  expect(report.total.started).toBe(started);
  expect(report.total.completed).toBe(gridStates.filter((s) => s === 'completed').length);
}

describe('the stored current state of tips, wells, findings and grids', () => {
  it('is the fold of every history after the demo load', async () => {
    expect(await currentStateMismatches(t.database.db)).toEqual(none);
    const unfolded = await sql<{ n: number }>`select (select count(*) from tips where state is null) + (select count(*) from wells where stage is null) + (select count(*) from findings where state is null) as n`.execute(t.database.db);
    expect(Number(unfolded.rows[0]!.n)).toBe(0);
    await expectListsToMatchTheFold();
  });

  it('stays the fold after transitions, back-dated steps, imports, a missed well and a merge', async () => {
    const today = officeToday();
    const all = await units();
    const unit = (name: string) => all.find((u) => u.name === name)!;

    // a hotline tip: registered, assigned and investigated on earlier days, then closed
    const tip = (await city.send('POST', '/api/tips', { channel: 'hotline', receivedAt: `${addDays(today, -20)}T09:00:00+08:00`, content: '一致性检查：某小区有井', address: '光彩社区' })).json();
    const assigned = (await city.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'assign', onDate: addDays(today, -19), data: { districtId: unit('卧龙区').id, deadline: addDays(today, -10) }, version: tip.version })).json();
    expect(assigned.state).toBe('assigned');
    expect((await city.get(`/api/tips?overdue=true&pageSize=500&q=${encodeURIComponent('一致性检查')}`)).json().total).toBe(1);
    const investigated = (await city.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'investigate', onDate: addDays(today, -5), data: { result: 'substantiated', evidence: '现场发现一眼井' }, version: assigned.version })).json();
    await city.send('POST', `/api/tips/${tip.id}/transitions`, { event: 'close', data: { reply: '已查实并封停' }, version: investigated.version });
    // a second tip merged into the first (no event, but a write to both rows)
    const dup = (await city.send('POST', '/api/tips', { channel: 'phone', receivedAt: `${addDays(today, -18)}T10:00:00+08:00`, content: '一致性检查：同一口井' })).json();
    expect((await city.send('POST', `/api/tips/${dup.id}/merge`, { intoId: tip.id })).statusCode).toBe(200);
    const tipSheet = '线索编号,受理日期,来源渠道,所属区,交办日期,办结日期,是否有效,内容\nC1,2024-02-01,电话,卧龙区,2024-02-02,2024-02-05,是,甲\nC2,2024-02-01,电话,宛城区,2024-02-03,,,乙\nC3,2024-02-04,来信,,,,,丙\n';
    expect((await city.send('POST', '/api/tips/import', { fileName: 't.csv', content: b64(tipSheet) })).json()).toMatchObject({ applied: true, created: 3 });

    // a well: created, then its lifecycle with back-dated steps
    const orgUnitId = (await city.get('/api/wells?q=三川盛唐')).json().wells[0].orgUnitId;
    let well = (await city.send('POST', '/api/wells', { ownerName: '一致性检查宾馆', use: 'domestic', foundVia: 'tip', discoveredOn: addDays(today, -30), orgUnitId })).json();
    for (const [event, onDate, data] of [
      ['verify', addDays(today, -29), {}],
      ['decide', addDays(today, -28), { disposition: 'seal', sealMode: 'backfill', legalBasis: '《地下水管理条例》第四十九条' }],
      ['serve_notice', addDays(today, -27), { deadline: addDays(today, -7) }],
    ] as const) {
      const res = await city.send('POST', `/api/wells/${well.id}/transitions`, { event, onDate, data, version: well.version });
      expect(res.statusCode, res.body).toBe(200);
      well = res.json();
    }
    expect(well.stage).toBe('notice_served');
    const wellSheet = '井编号,区,街道,社区,网格编号,权属单位,用途,处置方式,发现日期,任务批次,完成日期\nCS-1,卧龙区,光武街道,光彩社区,,一致性井一,生活,应封停,2024-03-01,决战六月,\nCS-2,卧龙区,光武街道,光彩社区,,一致性井二,生活,应封停,2024-06-10,,2024-06-15\n';
    const imported = await city.send('POST', '/api/wells/import', { fileName: 'w.csv', content: b64(wellSheet) });
    expect(imported.statusCode, imported.body).toBe(200);

    // findings: a missed well reopens its grid; a rectification with back-dated steps; an import
    const grid = (await city.get(`/api/survey/grids?state=completed&unitId=${unit('光武社区').id}&pageSize=1`)).json().grids[0];
    const missed = (await city.send('POST', '/api/findings', { foundOn: addDays(today, -3), unitId: unit('光武社区').id, gridId: grid.gridId, category: '漏排', description: '一致性检查：漏排一眼井' })).json();
    expect(missed.gridReopened).toBe(true);
    const guangwu = await t.login('guangwu'); // rectifying is the owner's work
    const started = (await guangwu.send('POST', `/api/findings/${missed.id}/transitions`, { event: 'start', onDate: addDays(today, -2), data: { plan: '补登' }, version: missed.version })).json();
    expect(started.state).toBe('rectifying');
    expect((await guangwu.send('POST', `/api/findings/${missed.id}/transitions`, { event: 'submit', data: { evidence: '已补登一户一卡' }, version: started.version })).json().state).toBe('submitted');
    const findingSheet = '发现日期,所属区,单位/社区,问题类别,问题描述,整改期限,整改状态\n2024-02-01,卧龙区,光彩社区,排查不细,一致性门店漏登,2024-02-08,整改中\n2024-02-01,卧龙区,光彩社区,外排,一致性外排,2024-02-08,已销号\n';
    expect((await city.send('POST', '/api/findings/import', { fileName: 'f.csv', dryRun: false, content: b64(findingSheet) })).json()).toMatchObject({ applied: true, created: 2 });

    // grids: the reopened grid completed again; a new grid's progress loaded from a sheet
    expect((await city.get(`/api/survey/grids/${grid.gridId}`)).json().state).toBe('in_progress');
    await city.send('POST', '/api/org/import', { fileName: 'g.csv', content: b64('区,街道,社区,网格编号,网格名称\n宛城区,新华街道,新华社区,411302002001098,一致性新增网格\n') });
    expect((await city.send('POST', '/api/survey/import/progress', { fileName: 'p.csv', content: b64('网格编号,开始排查日期,完成排查日期\n411302002001098,2024-02-01,\n') })).json()).toMatchObject({ applied: true, events: 1 });

    expect(await currentStateMismatches(t.database.db)).toEqual(none);
    await expectListsToMatchTheFold();
  });

  it('is filled at start-up for records from before it existed, and folds by date for an earlier day', async () => {
    const db = t.database.db;
    // as an upgraded database has them: no stored state anywhere
    await sql`update tips set state = null, assigned_district_id = null, due_on = null, result = null, assigned_on = null, closed_on = null, last_event_on = null`.execute(db);
    await sql`update wells set stage = null, disposition = null, last_event_on = null`.execute(db);
    await sql`update findings set state = null, last_event_on = null`.execute(db);
    await sql`delete from grid_survey_states`.execute(db);
    // the tips, wells and findings lists still answer (by folding) while nothing is stored; the grids list
    // reads grid_survey_states only, which the start-up step fills before the server answers anything
    await expectListsToMatchTheFold({ grids: false });
    const count = async (q: string) => Number((await sql<{ n: number }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);
    const filled = await fillCurrentStates(db);
    expect(filled).toEqual({
      tips: await count('select count(*) as n from tips'), wells: await count('select count(*) as n from wells'), findings: await count('select count(*) as n from findings'),
      grids: await count('select count(distinct grid_id) as n from grid_survey_events'),
    });
    expect(await fillCurrentStates(db)).toEqual({ tips: 0, wells: 0, findings: 0, grids: 0 });
    expect(await currentStateMismatches(db)).toEqual(none);
    await expectListsToMatchTheFold();

    // an earlier day: the wells list folds by date (the demo's 决战六月 notice day), not the stored stages
    const day = '2024-06-23';
    const stages = await wellStagesAsOf(await systemCtx(), day);
    const sealed = stages.filter((s) => s === 'sealed').length;
    expect(sealed).not.toBe(Number((await sql<{ n: number }>`select count(*) as n from wells where stage = 'sealed'`.execute(db)).rows[0]!.n));
    expect((await city.get(`/api/wells?stage=sealed&asOf=${day}&pageSize=1`)).json().total).toBe(sealed);
  });
});
