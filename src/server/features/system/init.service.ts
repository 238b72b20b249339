import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { systemActor, SYSTEM_ACTOR_NAME } from '../../auth/actor.js';
import type { Progress } from '../../context.js';
import { hashPassword } from '../../auth/passwords.js';
import { badRequest } from '../../http/errors.js';
import { insertAudit } from '../audit/audit.repo.js';
import * as orgRepo from '../org/org.repo.js';
import * as usersRepo from '../users/users.repo.js';
import { importOrgRows } from '../org/org.service.js';
import { DEMO_CITY, demoOrgRows } from '../../demo/demo-org.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo/demo-users.js';
import { demoSurvey } from '../../demo/demo-survey.js';
import { systemScope } from '../../auth/scope.js';
import * as surveyRepo from '../survey/survey.repo.js';
import { addSurveyEvents } from '../survey/survey.state.js';
import { addFindingEvents } from '../findings/findings.state.js';
import { cardSnapshot } from '../survey/survey.presenter.js';
import { DEMO_CAMPAIGN, DEMO_WELL_HEADER, demoFoundWells, demoWellRows } from '../../demo/demo-wells.js';
import { planWellSheet } from '../../../domain/well/well-sheet.js';
import { officeToday } from '../../clock.js';
import * as campaignsRepo from '../campaigns/campaigns.repo.js';
import * as wellsRepo from '../wells/wells.repo.js';
import { readSetting, writeSetting } from './settings.repo.js';
import { applyPlannedWells } from '../wells/wells.sheet.js';
import { DEMO_TIP_HEADER, demoTipRows } from '../../demo/demo-tips.js';
import { planTipSheet } from '../../../domain/tip/tip-sheet.js';
import * as tipsRepo from '../tips/tips.repo.js';
import { applyPlannedTips } from '../tips/tips.service.js';
import type { Role } from '../../../domain/shared/roles.js';
import { DEMO_ARTICLES, DEMO_INSPECTIONS } from '../../demo/demo-inspections.js';
import { CreateInspectionBody } from '../inspections/inspections.schema.js';
import { createInspection } from '../inspections/inspections.service.js';
import * as inspectionsRepo from '../inspections/inspections.repo.js';
import * as articlesRepo from '../articles/articles.repo.js';
import { findingAsOf, transitionFinding } from '../../../domain/inspection/finding.js';
import { DEMO_BULLETINS, DEMO_SERIES } from '../../demo/demo-bulletins.js';
import * as bulletinsRepo from '../bulletins/bulletins.repo.js';
import { createBulletin, issueBulletin, noticeSeries } from '../bulletins/bulletins.service.js';
import { demoUtilityFiles } from '../../demo/demo-utility.js';
import { importAccounts, importReadings } from '../utility/utility.import.js';
import { createBatch, recordOutcome, runAnalysis } from '../utility/suspects.service.js';
import { loadDemoBoundaries } from '../map/map.service.js';
import { loadDemoCases } from '../cases/cases.demo.js';
import { loadDemoHeatPump } from '../heatpump/heatpump.demo.js';
import { loadDemoSwitch } from '../switch/switch.demo.js';
import { loadDemoSamples } from '../samples/samples.demo.js';

export async function isInitialised(db: Kysely<DB>): Promise<boolean> {
  return !!(await orgRepo.findCity(db));
}

export async function isDemo(db: Kysely<DB>): Promise<boolean> {
  return (await readSetting(db, 'demo')) === true;
}

/** A new database: the city root only (named by --city), or the whole demo campaign. */
export async function initDatabase(
  db: Kysely<DB>,
  opts: { cityName: string; cityCode: string; demo: boolean },
  onProgress: Progress = () => {},
): Promise<void> {
  if (await isInitialised(db)) throw badRequest('数据库已经初始化过，不能重复初始化');
  const cityName = opts.demo ? DEMO_CITY.name : opts.cityName;
  const cityCode = opts.demo ? DEMO_CITY.code : opts.cityCode;
  const city = await db.transaction().execute(async (trx) => {
    const row = await orgRepo.insertUnit(trx, {
      code: cityCode, name: cityName, level: 'city', parentId: null, parentPath: null,
      ...(opts.demo ? { openedOn: DEMO_CITY.openedOn } : {}),
    });
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'init', entityType: 'org_unit', entityId: row.id,
      orgPath: row.path, summary: `初始化数据库：${cityName}${opts.demo ? '（演示数据）' : ''}`,
    });
    return row;
  });
  if (!opts.demo) return;

  const actor = systemActor(city);
  await importOrgRows({ db, actor, requestId: null }, demoOrgRows(), { allowNewUnits: true, dryRun: false, source: '演示数据', openedOn: DEMO_CITY.openedOn }, onProgress);
  await db.transaction().execute(async (trx) => {
    const units = await orgRepo.listAllUnits(trx);
    const byName = new Map(units.map((u) => [u.name, u]));
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const { id } = await usersRepo.insertUser(trx, { username: u.username, displayName: u.displayName, phone: u.phone, passwordHash: hash, mustChangePassword: false });
      const grants = u.grants.map((g) => {
        const unit = byName.get(g.unit);
        if (!unit) throw new Error(`demo user ${u.username}: no unit ${g.unit}`);
        return { role: g.role as Role, orgUnitId: unit.id };
      });
      await usersRepo.replaceGrants(trx, id, grants);
    }
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'create', entityType: 'user', entityId: null,
      orgPath: city.path, summary: `创建演示账号 ${DEMO_USERS.length} 个`, after: { usernames: DEMO_USERS.map((u) => u.username) },
    });
    await writeSetting(trx, 'demo', true);
  });
  await loadDemoSurvey(db, city);
  await loadDemoWells(db, city);
  await loadDemoTips(db, city);
  await loadDemoInspections(db, city);
  await loadDemoBulletins(db, city);
  await loadDemoUtility(db, city);
  await loadDemoBoundaries(db, city);
  await loadDemoCases(db, city);
  await loadDemoHeatPump(db, city);
  await loadDemoSamples(db, city);
  await loadDemoSwitch(db, city);
}

/**
 * 北控水务's accounts and billing, imported the way the company would; the ranking of November
 * 2023 sent as verification batch 第1批 (漫香湖小区: well found on 1 月 9 日; 芒果一号酒店: normal),
 * and the ranking of December 2023.
 */
async function loadDemoUtility(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const ctx = { db, actor: { ...systemActor(city), displayName: '市封停办' }, requestId: null };
  const units = await orgRepo.listAllUnits(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const gridOf = new Map(units.filter((u) => u.level === 'grid').map((g) => {
    const street = byId.get(byId.get(g.parentId!)!.parentId!)!;
    return [g.id, { code: g.code, name: g.name, street: street.name, district: byId.get(street.parentId!)!.name }];
  }));
  const cards = (await db.selectFrom('userCards').select(['name', 'kind', 'industry', 'address', 'tapAccounts', 'households', 'persons', 'beds', 'gridId']).orderBy('id').execute())
    .map((c) => ({ ...c, gridCode: gridOf.get(c.gridId)!.code, gridName: gridOf.get(c.gridId)!.name, district: gridOf.get(c.gridId)!.district, street: gridOf.get(c.gridId)!.street }));
  const hospitalGrid = [...gridOf.values()].find((g) => g.street === '东关街道') ?? fail('demo utility: no grid in 东关街道');
  const files = demoUtilityFiles(cards, hospitalGrid.code);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-demo-'));
  try {
    const readings = path.join(dir, '北控水务用水量2022-2023.csv');
    fs.writeFileSync(readings, stringify(files.readings));
    await importAccounts(ctx, { data: Buffer.from(stringify(files.accounts)), fileName: '北控水务用水户.csv' }, { dryRun: false });
    const imp = await importReadings(ctx, { path: readings, fileName: path.basename(readings) });
    if (imp.state !== 'applied') fail(`demo utility: readings ${imp.state} ${imp.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const { runId } = await runAnalysis(ctx, '2023-11');
  const batch = await createBatch(ctx, { runId, topN: 20, controlShare: 0.05, dueOn: '2024-01-12' });
  const checks = await db.selectFrom('suspectChecks as c').innerJoin('utilityAccounts as a', 'a.id', 'c.accountId').select(['c.id', 'c.version', 'a.name', 'a.households']).where('c.batchId', '=', batch.id).execute();
  const check = (name: string) => checks.find((c) => c.name === name && (name !== '漫香湖小区物业服务中心' || c.households === 420)) ?? fail(`demo utility: ${name} is not in batch 1`);
  const [well] = await inspectionsRepo.wellsByOwner(db, '漫香湖小区（东广场东北角）');
  const found = check('漫香湖小区物业服务中心');
  await recordOutcome(ctx, found.id, { outcome: 'found', checkedOn: '2024-01-09', wellId: well!.id, note: '东广场东北角发现一眼在用自备井（市封停办督导组）', version: found.version });
  const normal = check('芒果一号酒店');
  await recordOutcome(ctx, normal.id, { outcome: 'normal', checkedOn: '2024-01-09', note: '入住率下降，现场核查用水正常', version: normal.version });
  await runAnalysis(ctx, '2023-12');
}

/** The series and the two seed bulletins, rebuilt from the records and issued (frozen). */
async function loadDemoBulletins(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const ctx = { db, actor: { ...systemActor(city), displayName: '市封停办' }, requestId: null };
  const series = await bulletinsRepo.insertSeries(db, { ...DEMO_SERIES, campaignId: null });
  const campaign = await campaignsRepo.findCampaignByName(db, DEMO_CAMPAIGN.name);
  await noticeSeries(db, campaign!.id);
  const articles = await articlesRepo.listArticles(db, systemScope(city.path));
  const ids = (titles: string[]) => titles.map((t) => articles.find((a) => a.title === t)?.id ?? fail(`demo bulletin: no article ${t}`));
  for (const b of DEMO_BULLETINS) {
    const sections = b.sections.map((s) => (s.kind === 'articles' ? { kind: 'articles' as const, category: s.category, articleIds: ids(s.titles) } : s.table === 'task' ? { ...s, campaignId: campaign!.id } : s));
    const draft = await createBulletin(ctx, { seriesId: series.id, number: b.number, issuedOn: b.issuedOn, asOf: b.asOf, sections });
    await issueBulletin(ctx, draft.id, draft.version);
  }
}

/**
 * The inspections of the seed bulletins' weeks, recorded through the same service as the form
 * (so their findings send missed-well grids back to surveying), then what happened next: the
 * rectification steps, the grids surveyed again, and the articles the offices wrote.
 */
async function loadDemoInspections(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const actor = { ...systemActor(city), displayName: '市封停办' };
  const ctx = { db, actor, requestId: null };
  const units = await orgRepo.listAllUnits(db);
  const byId = new Map(units.map((u) => [u.id, u]));
  const pathName = (u: (typeof units)[number]): string => (u.parentId && byId.get(u.parentId)!.level !== 'city' ? `${pathName(byId.get(u.parentId)!)}/${u.name}` : u.name);
  const byPath = new Map(units.filter((u) => u.level !== 'city').map((u) => [pathName(u), u]));
  const unit = (path: string) => byPath.get(path) ?? fail(`demo inspections: no unit ${path}`);
  const grid = (name: string) => units.find((u) => u.level === 'grid' && u.name === name) ?? fail(`demo inspections: no grid ${name}`);
  const inspectionIds = new Map<string, number>();
  for (const spec of DEMO_INSPECTIONS) {
    const foundWells: { wellId: number }[] = [];
    const firstWell = new Map<string, number>();
    for (const owner of spec.wells) {
      const ws = await inspectionsRepo.wellsByOwner(db, owner);
      if (!ws.length) fail(`demo inspections: no well of ${owner}`);
      firstWell.set(owner, foundWells.length);
      foundWells.push(...ws.map((w) => ({ wellId: w.id })));
    }
    const targets = [];
    for (const t of spec.targets) {
      if ('unit' in t) targets.push({ kind: 'unit' as const, refId: unit(t.unit).id, label: unit(t.unit).name });
      else if ('address' in t) targets.push({ kind: 'address' as const, refId: null, label: t.address });
      else {
        const [gridName, cardName] = t.card.split('/') as [string, string];
        const card = (await inspectionsRepo.cardByName(db, gridName, cardName)) ?? fail(`demo inspections: no card ${t.card}`);
        targets.push({ kind: 'card' as const, refId: card.id, label: card.name });
      }
    }
    const body = CreateInspectionBody.parse({
      onDate: spec.onDate, kind: spec.kind, title: spec.title, leaders: spec.leaders, team: spec.team, areaUnitId: spec.area ? unit(spec.area).id : city.id, targets,
      methods: spec.methods, narrative: spec.narrative, samples: spec.samples, foundWells,
      findings: spec.findings.map((f) => ({
        category: f.category, unitId: unit(f.unit).id, description: f.description, deadline: f.deadline, gridId: f.grid ? grid(f.grid).id : null,
        wellIndex: f.well !== undefined ? firstWell.get(f.well)! : null,
      })),
    });
    const made = await createInspection(ctx, body);
    inspectionIds.set(spec.key, made.id);
    await db.transaction().execute(async (trx) => {
      for (const [i, f] of spec.findings.entries()) {
        const id = [...made.findings].sort((a, b) => a.id - b.id)[i]!.id;
        let facts = findingAsOf([], '9999-12-31');
        const events = f.steps.map((s) => {
          const data = s.event === 'submit' ? { evidence: s.text ?? '已整改' } : s.event === 'return' ? { reason: s.text ?? '整改不到位' } : s.text ? { plan: s.text } : {};
          facts = transitionFinding(facts, { event: s.event, onDate: s.onDate, data });
          return { findingId: id, event: s.event, onDate: s.onDate, data, actorName: s.event === 'verify' || s.event === 'return' ? '市封停办' : '区封停办' };
        });
        await addFindingEvents(trx, events);
        if (f.resurveyOn && f.grid) {
          // the grid is surveyed again and completed: the missed well is now on its cards
          const g = grid(f.grid);
          const history = await surveyRepo.eventsOfGrids(trx, systemScope(city.path), [g.id]);
          const last = history.at(-1);
          if (last?.event === 'reopen') {
            await addSurveyEvents(trx, [{ gridId: g.id, event: 'complete', onDate: last.onDate > f.resurveyOn ? last.onDate : f.resurveyOn, reason: null, summary: null, actorName: '网格员' }]);
          }
        }
      }
    });
  }
  await db.transaction().execute(async (trx) => {
    for (const a of DEMO_ARTICLES) {
      const author = a.author ? unit(a.author) : byId.get(city.id)!;
      await articlesRepo.insertArticle(trx, {
        category: a.category, title: a.title, onDate: a.onDate, paragraphs: a.paragraphs, inspectionId: a.inspection ? inspectionIds.get(a.inspection)! : null,
        authorUnitId: author.id, districtId: author.level === 'district' ? author.id : null, orgPath: author.path, createdBy: null, state: 'approved',
      });
    }
    await articlesRepo.approveAllDemo(trx, '市封停办');
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'article', entityId: null, orgPath: city.path,
      summary: `载入演示稿件 ${DEMO_ARTICLES.length} 篇（已审核）`,
    });
  });
}

function fail(message: string): never {
  throw new Error(message);
}

/** The tips of bulletin 第12期, through the same ledger import as any office's sheet. */
async function loadDemoTips(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const actor = { ...systemActor(city), displayName: '市封停办' };
  await db.transaction().execute(async (trx) => {
    const districts = await tipsRepo.districtsByName(trx);
    const plan = planTipSheet(DEMO_TIP_HEADER, demoTipRows(), 2, { districts, takenCodes: new Set(), today: officeToday() });
    if (plan.errors.length) throw new Error(`demo tips: ${JSON.stringify(plan.errors.slice(0, 3))}`);
    await applyPlannedTips(trx, { db: trx, actor, requestId: null }, plan.tips, '演示数据');
  });
}

/** The 决战六月 campaign and its wells (bulletin 第30期), and the wells found in January (第12期). */
async function loadDemoWells(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const actor = { ...systemActor(city), displayName: '市封停办' };
  const ctx = { db, actor, requestId: null };
  const scope = systemScope(city.path);
  await db.transaction().execute(async (trx) => {
    await orgRepo.setShortName(trx, 'district', '城乡一体化示范区', '示范区');
    const campaign = await campaignsRepo.insertCampaign(trx, DEMO_CAMPAIGN);
    const units = await orgRepo.listAllUnits(trx);
    const byId = new Map(units.map((u) => [u.id, u]));
    const grids = units.filter((u) => u.level === 'grid').map((g) => {
      const community = byId.get(g.parentId!)!;
      const street = byId.get(community.parentId!)!;
      return { code: g.code, district: byId.get(street.parentId!)!.name, street: street.name, community: community.name };
    });
    const found = demoFoundWells(grids);
    const plan = planWellSheet(DEMO_WELL_HEADER, [...demoWellRows(grids), ...found.map((f) => f.row)], 2, {
      units: units.filter((u) => u.closedOn === null), cityId: city.id, takenCodes: new Set(), campaigns: [{ id: campaign.id, ...DEMO_CAMPAIGN }], today: officeToday(),
    });
    if (plan.errors.length) throw new Error(`demo wells: ${JSON.stringify(plan.errors.slice(0, 3))}`);
    await applyPlannedWells(trx, ctx, scope, plan.wells, '演示数据');
    for (const f of found) {
      await wellsRepo.setFoundVia(trx, f.row[0]!, { foundVia: f.foundVia, foundRef: '“飓风”行动工作简报第12期', remarks: f.remark });
    }
  });
}

/** The survey history and cards of the demo campaign (seed bulletin 第12期). */
async function loadDemoSurvey(db: Kysely<DB>, city: { id: number; path: string; name: string }) {
  const scope = systemScope(city.path);
  await db.transaction().execute(async (trx) => {
    const units = await orgRepo.listAllUnits(trx);
    const byId = new Map(units.map((u) => [u.id, u]));
    const grids = units.filter((u) => u.level === 'grid').map((g) => {
      const community = byId.get(g.parentId!)!;
      const street = byId.get(community.parentId!)!;
      const district = byId.get(street.parentId!)!;
      return { id: g.id, code: g.code, name: g.name, district: district.name, street: street.name, community: community.name };
    });
    const { events, cards } = demoSurvey(grids);
    await addSurveyEvents(trx, events.map((e) => ({ ...e, actorName: e.event === 'reopen' ? '市封停办' : '网格员' })));
    await surveyRepo.insertCardsBulk(trx, cards);
    const saved = await surveyRepo.listCards(trx, scope, {});
    await surveyRepo.insertCardVersionsBulk(trx, saved.map((c) => ({ cardId: c.id, version: c.version, data: cardSnapshot(c), changedBy: c.surveyedBy })));
    await insertAudit(trx, {
      actorId: null, actorName: SYSTEM_ACTOR_NAME, requestId: null, action: 'import', entityType: 'grid_survey', entityId: null, orgPath: city.path,
      summary: `载入演示排查数据：${grids.length} 个网格的排查记录 ${events.length} 条、一户一卡 ${cards.length} 张`,
    });
  });
}
