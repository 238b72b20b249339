import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { readConfig, ConfigError, type Config } from '../server/config.js';
import { setClock } from '../server/clock.js';
import { openMigrated, serve } from '../server/runtime.js';
import type { Database } from '../server/db/engine.js';
import { AppError } from '../server/http/errors.js';
import { formatRowErrors, type RowError } from '../domain/org/org-import.js';
import { ROLES, ROLE_LABELS, type Role } from '../domain/shared/roles.js';
import { systemActor } from '../server/auth/actor.js';
import { findCity } from '../server/features/org/org.repo.js';
import { exportOrgSheet, importOrgSheet } from '../server/features/org/org.service.js';
import { initDatabase } from '../server/features/system/init.service.js';
import { backupTo, restoreFrom } from '../server/features/system/backup.service.js';
import { addUserByUnitCode, disableUserByUsername, listUsers } from '../server/features/users/users.service.js';
import { progressLine } from './progress.js';
import { backupFromServer } from './remote-backup.js';
import { exportCardSheet, importCardSheet, importSurveySheet, surveyReport } from '../server/features/survey/survey.service.js';
import { surveyReportXlsx } from '../server/features/survey/survey.report.js';
import { surveyProgressMarkdown } from '../domain/survey/progress-table.js';
import { parseDay } from '../domain/shared/dates.js';
import { exportWellSheet, importWellSheet } from '../server/features/wells/wells.sheet.js';
import { taskProgress } from '../server/features/campaigns/campaigns.service.js';
import { findCampaignByName } from '../server/features/campaigns/campaigns.repo.js';
import { taskProgressXlsx } from '../server/features/campaigns/campaigns.report.js';
import { taskProgressMarkdown } from '../domain/campaign/task-progress.js';
import { importTipSheet, tipSummaryAsOf } from '../server/features/tips/tips.service.js';
import { exportFindings, importFindingSheet, weeklySummary } from '../server/features/findings/findings.service.js';
import { createBulletin, findByNumber as findBulletinByNumber, noticeFor, renderBulletin, updateBulletin } from '../server/features/bulletins/bulletins.service.js';
import type { SectionSpec as SectionSpecT } from '../domain/bulletin/bulletin.js';
import { tipSummaryXlsx } from '../server/features/tips/tips.report.js';
import { tipSummaryMarkdown } from '../domain/tip/summary.js';
import type { ServiceCtx } from '../server/context.js';
import { acceptImport, discardImport, importAccounts, importReadings } from '../server/features/utility/utility.import.js';
import { analyzeDualSource, saveRun } from '../server/features/utility/utility.analysis.js';
import { writeXlsx } from '../server/files/sheet.js';
import { SURVEY_GAPS } from '../domain/utility/rank.js';
import { importBoundaries } from '../server/features/map/map.service.js';
import { exportProjects as exportHeatPumpProjects, importReadingSheet } from '../server/features/heatpump/heatpump.sheet.js';

const program = new Command();
program
  .name('wellseal')
  .description('自备井封停工作平台命令行 / Wellseal command line\n数据库：默认为 --data 目录中的嵌入式 PGlite；设置 DATABASE_URL 则使用 PostgreSQL。\nDatabase: embedded PGlite in --data DIR by default; PostgreSQL when DATABASE_URL is set.')
  .option('--data <dir>', '数据目录（PGlite）/ data folder for PGlite', undefined)
  .helpOption('-h, --help', '显示帮助 / show help')
  .addHelpCommand('help [command]', '显示命令帮助 / help for a command')
  .showHelpAfterError('（使用 --help 查看用法 / see --help）');

function config(): Config {
  const dataDir = program.opts<{ data?: string }>().data;
  const c = readConfig(process.env, dataDir ? { dataDir: path.resolve(dataDir) } : {});
  setClock(c);
  return c;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const database = await openMigrated(config(), log);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function systemCtx(database: Database): Promise<ServiceCtx> {
  const city = await findCity(database.db);
  if (!city) throw new AppError(400, 'not_initialised', '数据库尚未初始化，请先运行 wellseal init');
  return { db: database.db, actor: systemActor(city), requestId: null };
}

program
  .command('init')
  .description('初始化数据库（仅市级根节点，或 --demo 载入演示活动）/ initialise the database')
  .option('--demo', '载入演示活动数据（南阳市四区 1152 个网格和演示账号）/ load the demo campaign')
  .option('--city <名称>', '市级根节点名称 / name of the city root', '本市')
  .option('--city-code <代码>', '市级根节点代码 / code of the city root', '000000')
  .action(async (opts: { demo?: boolean; city: string; cityCode: string }) => {
    await withDatabase(async (database) => {
      await initDatabase(database.db, { cityName: opts.city, cityCode: opts.cityCode, demo: !!opts.demo }, progressLine('载入演示数据'));
      console.log(opts.demo ? '已初始化并载入演示活动数据 / initialised with the demo campaign' : `已初始化：${opts.city} / initialised`);
    });
  });

program
  .command('migrate')
  .description('执行数据库迁移 / apply database migrations')
  .action(async () => {
    await withDatabase(async () => console.log('数据库已是最新结构 / schema is up to date'));
  });

const user = program.command('user').description('用户管理 / manage users');
user
  .command('add <username>')
  .description('新建用户 / add a user')
  .requiredOption('--name <姓名>', '显示名称 / display name')
  .addOption(new Option('--role <角色>', `角色 / role: ${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join(' ')}`).choices(ROLES as unknown as string[]).makeOptionMandatory())
  .requiredOption('--unit <代码>', '所属单位代码 / org unit code')
  .option('--password <密码>', '初始密码（不填则随机生成）/ initial password (random if omitted)')
  .option('--phone <电话>', '电话 / phone')
  .action(async (username: string, opts: { name: string; role: Role; unit: string; password?: string; phone?: string }) => {
    await withDatabase(async (database) => {
      const r = await addUserByUnitCode(await systemCtx(database), { username, displayName: opts.name, role: opts.role, unitCode: opts.unit, password: opts.password, phone: opts.phone });
      console.log(`已创建用户 ${username}（${ROLE_LABELS[opts.role]}，${r.unitName}）/ user created`);
      if (r.generatedPassword) console.log(`初始密码 / initial password: ${r.generatedPassword}（首次登录须修改 / must be changed at first login）`);
    });
  });
user
  .command('list')
  .description('列出用户 / list users')
  .action(async () => {
    await withDatabase(async (database) => {
      const users = await listUsers(await systemCtx(database));
      for (const u of users) {
        const grants = u.grants.map((g) => `${g.orgName}·${ROLE_LABELS[g.role]}`).join('、');
        console.log(`${u.username.padEnd(12)} ${u.displayName.padEnd(16)} ${u.disabled ? '已停用' : '正常  '} ${grants}`);
      }
    });
  });
user
  .command('disable <username>')
  .description('停用用户（立即失去访问权限）/ disable a user (access ends at once)')
  .action(async (username: string) => {
    await withDatabase(async (database) => {
      await disableUserByUsername(await systemCtx(database), username);
      console.log(`已停用用户 ${username} / user disabled`);
    });
  });

const imp = program.command('import').description('导入数据 / import data');
imp
  .command('org <file>')
  .description('导入组织机构（列：区、街道、社区、网格编号、网格名称；.xlsx 或 .csv）/ import the org hierarchy')
  .option('--new-units', '允许新建区/街道/社区 / allow creating districts, streets and communities')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { newUnits?: boolean; dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importOrgSheet(
        await systemCtx(database),
        { data: fs.readFileSync(file), fileName: file, allowNewUnits: !!opts.newUnits, dryRun: !!opts.dryRun },
        progressLine('导入组织机构'),
      );
      const c = r.created;
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：新建区 ${c.district}、街道 ${c.street}、社区 ${c.community}、网格 ${c.grid}；更名 ${r.renamed}；未变 ${r.unchanged}`);
    });
  });

imp
  .command('cards <file>')
  .description('导入一户一卡（与导出格式相同；有“卡片编号”的行更新该卡）/ import user cards')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importCardSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun }, progressLine('导入一户一卡'));
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：新增 ${r.created}、更新 ${r.updated}、未变 ${r.unchanged}`);
    });
  });
imp
  .command('survey <file>')
  .description('导入排查进度（列：网格编号、开始排查日期、完成排查日期）/ import survey progress')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importSurveySheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun }, progressLine('导入排查进度'));
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：${r.grids} 个网格、${r.events} 条排查记录；未变 ${r.unchanged}`);
    });
  });

imp
  .command('wells <file>')
  .description('导入自备井台账（列：井编号、区、街道、社区、网格编号、权属单位、经度、纬度、井深、用途、处置方式、发现日期、任务批次、完成日期）/ import a well ledger')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importWellSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun }, progressLine('导入自备井'));
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：自备井 ${r.created} 眼、任务 ${r.tasks} 项`);
    });
  });

imp
  .command('tips <file>')
  .description('导入举报线索台账（列：线索编号、受理日期、来源渠道、所属区、交办日期、办结日期、是否有效、内容）/ import a tip ledger')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importTipSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：举报线索 ${r.created} 条`);
    });
  });

imp
  .command('findings <file>')
  .description('导入问题整改台账（列：发现日期、所属区、单位/社区、问题类别、问题描述、整改期限、整改状态；可选 网格、整改情况、整改日期）/ import a findings ledger')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importFindingSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：问题 ${r.created} 条`);
    });
  });

imp
  .command('accounts <file>')
  .description('导入水务集团用水户（列：户号、户名、地址、用水类别、行业、户数、人数、床位、建筑面积、网格编号）/ import water-company accounts')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importAccounts(await systemCtx(database), { path: file, fileName: file }, { dryRun: !!opts.dryRun, progress: progressLine('导入用水户') });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：用水户 ${r.rows} 户（新增 ${r.created}、更新 ${r.updated}、未变 ${r.unchanged}）；按一户一卡匹配 ${r.matchedByCard}、按网格编号 ${r.matchedByGridCode}、按地址 ${r.matchedByAddress}、未匹配 ${r.unmatched}`);
    });
  });

imp
  .command('readings <file>')
  .description('导入用水量（列：户号、期间、用水量）；流式读取，中断后再次运行同一文件从断点继续；同一户号同一期间再次导入即替换 / import meter readings (streamed, resumable)')
  .option('--accept-bad-rows', '文件有错误行时，跳过错误行，使其余行生效 / apply the good rows of a file that has bad ones')
  .option('--discard', '放弃该文件未完成或待确认的导入 / drop this file\'s unfinished or held import')
  .action(async (file: string, opts: { acceptBadRows?: boolean; discard?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const ctx = await systemCtx(database);
      let r = await importReadings(ctx, { path: file, fileName: path.basename(file) }, { progress: progressLine('导入用水量') });
      if (r.state === 'held' && opts.discard) r = await discardImport(ctx, r.id);
      else if (r.state === 'held' && opts.acceptBadRows) r = await acceptImport(ctx, r.id);
      const periods = [...r.periods].sort();
      const range = periods.length ? `${periods[0]} 至 ${periods.at(-1)}` : '无';
      if (r.state === 'applied') console.log(`已导入：${r.rowsLoaded} 行，期间 ${range}${r.badRows ? `，跳过错误行 ${r.badRows} 行` : ''}${r.message ? `；${r.message}` : ''}`);
      else if (r.state === 'discarded') console.log(`已放弃导入 #${r.id}，数据未生效`);
      else {
        const rows = (r.errors as RowError[]) ?? [];
        const lines = formatRowErrors(rows).slice(0, 50).map((l) => `  ${l}`);
        if (r.badRows > rows.length) lines.push(`  ……共 ${r.badRows} 行有错误，仅列出前 ${rows.length} 处`);
        const hint = r.state === 'held' ? '\n改正文件后重新导入；或加 --accept-bad-rows 跳过错误行导入其余行；或加 --discard 放弃。' : '';
        throw new AppError(422, 'held', [`${r.message ?? '导入未完成'}`, ...lines].join('\n') + hint);
      }
    });
  });

imp
  .command('boundaries <file>')
  .description('导入网格边界（GeoJSON 要素集合；每个要素的属性含“网格编号”或 grid_code，几何为 WGS-84 经纬度的 Polygon 或 MultiPolygon；有错误则全部不导入）/ import grid boundaries (GeoJSON)')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const r = await importBoundaries(await systemCtx(database), { data: fs.readFileSync(file), fileName: path.basename(file), dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：网格边界 ${r.features} 个（新增 ${r.created}、更新 ${r.updated}）`);
    });
  });

const analyze = program.command('analyze').description('数据分析 / analytics');
analyze
  .command('dual-source')
  .description('疑似双水源用水户排名：每户的疑似度、排名和原因 / rank accounts by how likely they also draw from a well')
  .option('--as-of <month>', '截止月份 YYYY-MM（默认：最近有数据的月份）/ cut-off month')
  .option('--top <n>', '只输出前 N 户 / print the top N only')
  .addOption(new Option('--format <format>', '输出格式 / output format').choices(['json', 'xlsx']).default('json'))
  .option('--out <file>', '输出文件（xlsx 必填）/ output file')
  .option('--save', '保存为一次分析，供网页查看和下发核查 / keep the ranking as a run for the web app')
  .action(async (opts: { asOf?: string; top?: string; format: 'json' | 'xlsx'; out?: string; save?: boolean }) => {
    const top = opts.top === undefined ? Infinity : Number(opts.top);
    if (!(top > 0)) throw new AppError(400, 'bad_top', '--top 应为正整数');
    await withDatabase(async (database) => {
      const ctx = await systemCtx(database);
      const progress = progressLine('疑似双水源分析');
      const analysis = await analyzeDualSource(ctx, { asOf: opts.asOf, progress });
      if (opts.save) log(`已保存为分析 #${await saveRun(ctx, analysis)}`);
      const ranked = analysis.ranked.slice(0, top);
      if (opts.format === 'xlsx') {
        const buf = await writeXlsx(`疑似双水源${analysis.asOf}`, ['排名', '疑似度', '户号', '户名', '地址', '疑似原因', '排查缺口'],
          ranked.map((r) => [String(r.rank), r.score.toFixed(3), r.accountNo, r.name, r.address, r.reasons.join('；'), r.surveyGap ? SURVEY_GAPS[r.surveyGap] : '']));
        emitReport(buf, opts.out);
        return;
      }
      const json = JSON.stringify(ranked.map((r) => ({
        account: r.accountNo, score: Math.round(r.score * 1000) / 1000, rank: r.rank, reasons: r.reasons,
        signals: Object.fromEntries(r.signals.map((s) => [s.kind, { size: Math.round(s.size * 1000) / 1000, confidence: Math.round(s.confidence * 1000) / 1000, reason: s.reason, details: s.details }])),
        ...(r.surveyGap ? { surveyGap: r.surveyGap } : {}),
      })), null, opts.out ? 2 : undefined);
      emitReport(`${json}\n`, opts.out);
    });
  });

// ---- water samples (水样化验): import here; export added to `exp` by addSampleExport below
imp
  .command('samples <file>')
  .description('导入水样化验台账（列：样品编号、采样日期、区、地址、采样点；可选 单位/社区、经纬度、采样人、余氯、总硬度、溶解性总固体、电导率、硝酸盐、氟化物、氯化物、硫酸盐、游离余氯、其他指标、化验单位、报告日期、备注；有错误则全部不导入）/ import water samples with lab results')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const { importSampleSheet } = await import('../server/features/samples/samples.service.js');
      const r = await importSampleSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：水样 ${r.created} 份`);
    });
  });
function addSampleExport(exportCommand: Command) {
  exportCommand
    .command('samples <file>')
    .description('导出水样化验台账（含化验结果和地下水占比）到 xlsx / export water samples with lab results')
    .action(async (file: string) => {
      await withDatabase(async (database) => {
        const { exportSamples } = await import('../server/features/samples/samples.service.js');
        fs.writeFileSync(file, await exportSamples(await systemCtx(database)));
        console.log(`已导出 / exported: ${file}`);
      });
    });
}

// ---- source-switch projects (水源置换): import here; export added to `exp` by addSwitchExport below
imp
  .command('switch-projects <file>')
  .description('导入水源置换/管网改造项目（列：项目名称、区、街道、社区、户数、人数、预算（万元）、费用分担、施工单位、开工日期、计划完工、实际完工、进度、状态；可选 计划封井数；同名项目更新；有错误则全部不导入）/ import source-switch projects')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const { importSwitchSheet } = await import('../server/features/switch/switch.service.js');
      const r = await importSwitchSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：新建项目 ${r.created} 个，更新 ${r.updated} 个`);
    });
  });
function addSwitchExport(exportCommand: Command) {
  exportCommand
    .command('switch-projects <file>')
    .description('导出水源置换/管网改造项目到 xlsx（可再导入）/ export source-switch projects')
    .action(async (file: string) => {
      await withDatabase(async (database) => {
        const { exportProjects } = await import('../server/features/switch/switch.service.js');
        fs.writeFileSync(file, await exportProjects(await systemCtx(database)));
        console.log(`已导出 / exported: ${file}`);
      });
    });
}

imp
  .command('heatpump-readings <file>')
  .description('导入地温空调监测读数（列：项目名称、日期/期间、抽水量、回灌量、方式、水温；全部通过才写入，低于回灌率标准的月份自动登记问题）/ import heat-pump readings')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    await withDatabase(async (database) => {
      const r = await importReadingSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：读数 ${r.readings} 条，涉及项目 ${r.projects} 个${r.applied ? `；自动登记问题 ${r.raised} 个` : ''}`);
    });
  });

// ---- enforcement cases (执法案件) and small users (小用水户): imports here; `export cases` and
// `report small-users` are added by addCaseCommands below, once `exp` and `reports` exist
imp
  .command('cases <file>')
  .description('导入执法案件台账（列：案件编号、立案日期、区、当事人、违法类型、法律依据、罚款金额、状态、结案日期；案件编号不填则自动编号；有错误则全部不导入）/ import an enforcement-case ledger')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const { importCaseSheet } = await import('../server/features/cases/cases.service.js');
      const r = await importCaseSheet(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：执法案件 ${r.created} 件`);
    });
  });
imp
  .command('well-volumes <file>')
  .description('导入井的年取水量（列：井编号、年取水量（m³，留空即清除）；有错误则全部不导入）/ import wells\' annual withdrawal')
  .option('--dry-run', '只检查，不写入 / check only, write nothing')
  .action(async (file: string, opts: { dryRun?: boolean }) => {
    if (!fs.existsSync(file)) throw new AppError(400, 'no_file', `文件不存在：${file}`);
    await withDatabase(async (database) => {
      const { importWellVolumes } = await import('../server/features/cases/small-users.service.js');
      const r = await importWellVolumes(await systemCtx(database), { data: fs.readFileSync(file), fileName: file, dryRun: !!opts.dryRun });
      console.log(`${r.applied ? '已导入' : '检查通过（未写入）'}：年取水量 ${r.updated} 眼井`);
    });
  });
function addCaseCommands(exportCommand: Command, reportCommand: Command) {
  exportCommand
    .command('cases <file>')
    .description('导出执法案件台账到 xlsx（可再导入）/ export the enforcement-case ledger')
    .action(async (file: string) => {
      await withDatabase(async (database) => {
        const { exportCases } = await import('../server/features/cases/cases.service.js');
        fs.writeFileSync(file, await exportCases(await systemCtx(database)));
        console.log(`已导出 / exported: ${file}`);
      });
    });
  reportCommand
    .command('small-users')
    .description('小用水户清单：应纳管、年取水量低于标准（默认 1000 m³）的井及水资源税登记情况 / small users under the annual-volume threshold, with tax registration')
    .option('--district <名称>', '只列该区（全称或简称，如 卧龙区、示范区）/ one district only')
    .option('--threshold <m3>', '年取水量标准（m³），默认取系统设置 / threshold in m³')
    .requiredOption('--out <file>', '输出 xlsx 文件 / output xlsx file')
    .action(async (opts: { district?: string; threshold?: string; out: string }) => {
      const thresholdM3 = opts.threshold === undefined ? undefined : Number(opts.threshold);
      if (thresholdM3 !== undefined && !(thresholdM3 > 0)) throw new AppError(400, 'bad_threshold', '--threshold 应为正数（m³）');
      await withDatabase(async (database) => {
        const { smallUsers, smallUsersXlsx } = await import('../server/features/cases/small-users.service.js');
        const ctx = await systemCtx(database);
        const districts = (await smallUsers(ctx, {})).districts;
        const district = opts.district ? districts.find((d) => d.name === opts.district || opts.district!.endsWith(d.name) || d.name.startsWith(opts.district!)) : undefined;
        if (opts.district && !district) throw new AppError(404, 'not_found', `区“${opts.district}”不存在（可用：${districts.map((d) => d.name).join('、')}）`);
        emitReport(await smallUsersXlsx(ctx, { districtId: district?.id, thresholdM3 }), opts.out);
      });
    });
}

const exp = program.command('export').description('导出数据 / export data');
exp
  .command('heatpump <file>')
  .description('导出地温空调项目清单到 xlsx（含最近月份回灌率、未销号问题）/ export the heat-pump projects list')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      fs.writeFileSync(file, await exportHeatPumpProjects(await systemCtx(database)));
      console.log(`已导出 / exported: ${file}`);
    });
  });
addSwitchExport(exp);
addSampleExport(exp);
exp
  .command('findings <file>')
  .description('导出问题整改台账到 xlsx / export the findings ledger')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      fs.writeFileSync(file, await exportFindings(await systemCtx(database)));
      console.log(`已导出 / exported: ${file}`);
    });
  });
exp
  .command('wells <file>')
  .description('导出自备井台账到 xlsx / export the well registry')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      fs.writeFileSync(file, await exportWellSheet(await systemCtx(database)));
      console.log(`已导出 / exported: ${file}`);
    });
  });
exp
  .command('cards <file>')
  .description('导出一户一卡到 xlsx（中文表头，可再导入）/ export user cards to xlsx')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      fs.writeFileSync(file, await exportCardSheet(await systemCtx(database)));
      console.log(`已导出 / exported: ${file}`);
    });
  });

const reports = program.command('report').description('生成报表 / reports');
addCaseCommands(exp, reports);
reports
  .command('survey-progress')
  .description('四区自备井排查进度表（截止日期当天结束时的状态）/ survey progress table as of a day')
  .requiredOption('--as-of <日期>', '截止日期 YYYY-MM-DD / cut-off day')
  .addOption(new Option('--format <格式>', '输出格式 / output format').choices(['json', 'xlsx', 'md']).default('md'))
  .option('--out <file>', '输出文件（xlsx 必填）/ output file (required for xlsx)')
  .action(async (opts: { asOf: string; format: 'json' | 'xlsx' | 'md'; out?: string }) => {
    const asOf = cutOffDay(opts.asOf);
    await withDatabase(async (database) => {
      const table = await surveyReport(await systemCtx(database), asOf);
      const out = opts.format === 'json' ? JSON.stringify(table, null, 2) + '\n' : opts.format === 'md' ? surveyProgressMarkdown(table) : await surveyReportXlsx(table);
      emitReport(out, opts.out);
    });
  });
exp
  .command('org <file>')
  .description('导出网格清单（与导入格式相同；按扩展名 .xlsx 或 .csv）/ export the grid list in the import format')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      const buf = await exportOrgSheet(await systemCtx(database), file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
      fs.writeFileSync(file, buf);
      console.log(`已导出 / exported: ${file}`);
    });
  });

reports
  .command('task-progress')
  .description('封停任务日通报（按截止日期当天结束时的井档案计算，排名）/ task progress and ranking of a campaign')
  .requiredOption('--campaign <名称>', '任务批次名称，如 决战六月 / campaign name')
  .requiredOption('--as-of <日期>', '截止日期 YYYY-MM-DD / cut-off day')
  .addOption(new Option('--format <格式>', '输出格式 / output format').choices(['json', 'xlsx', 'md']).default('md'))
  .option('--out <file>', '输出文件（xlsx 必填）/ output file (required for xlsx)')
  .action(async (opts: { campaign: string; asOf: string; format: 'json' | 'xlsx' | 'md'; out?: string }) => {
    const asOf = cutOffDay(opts.asOf);
    await withDatabase(async (database) => {
      const ctx = await systemCtx(database);
      const campaign = await findCampaignByName(database.db, opts.campaign);
      if (!campaign) throw new AppError(404, 'not_found', `任务批次“${opts.campaign}”不存在`);
      const table = await taskProgress(ctx, campaign.id, asOf);
      const out = opts.format === 'json' ? JSON.stringify(table, null, 2) + '\n' : opts.format === 'md' ? taskProgressMarkdown(table, campaign.title) : await taskProgressXlsx(table, campaign.title);
      emitReport(out, opts.out);
    });
  });

reports
  .command('findings-summary')
  .description('一周问题汇总（截至该日的 7 天；有人工修改时输出修改后的文本）/ weekly findings summary')
  .requiredOption('--week-ending <日期>', '周截止日期 YYYY-MM-DD / last day of the week')
  .addOption(new Option('--format <格式>', '输出格式 / output format').choices(['json', 'md']).default('md'))
  .option('--generated', '输出自动生成的文本，不用人工修改稿 / the generated text, not an edit')
  .option('--out <file>', '输出文件 / output file')
  .action(async (opts: { weekEnding: string; format: 'json' | 'md'; generated?: boolean; out?: string }) => {
    const weekEnd = cutOffDay(opts.weekEnding);
    await withDatabase(async (database) => {
      const s = await weeklySummary(await systemCtx(database), { weekEnd });
      const text = opts.generated ? s.generated : s.text;
      emitReport(opts.format === 'json' ? JSON.stringify(s, null, 2) + '\n' : `# 一周问题汇总（${s.from} 至 ${s.to}）\n\n${text.split('\n').join('\n\n')}\n`, opts.out);
    });
  });

reports
  .command('tip-summary')
  .description('举报线索办理情况表（截止日期当天结束时）/ tips table as of a day')
  .requiredOption('--as-of <日期>', '截止日期 YYYY-MM-DD / cut-off day')
  .addOption(new Option('--format <格式>', '输出格式 / output format').choices(['json', 'xlsx', 'md']).default('md'))
  .option('--out <file>', '输出文件（xlsx 必填）/ output file (required for xlsx)')
  .action(async (opts: { asOf: string; format: 'json' | 'xlsx' | 'md'; out?: string }) => {
    const asOf = cutOffDay(opts.asOf);
    await withDatabase(async (database) => {
      const t = await tipSummaryAsOf(await systemCtx(database), asOf);
      const out = opts.format === 'json' ? JSON.stringify(t, null, 2) + '\n' : opts.format === 'md' ? tipSummaryMarkdown(t) : await tipSummaryXlsx(t);
      emitReport(out, opts.out);
    });
  });

const bulletin = program.command('bulletin').description('工作简报和日通报 / bulletins and daily notices');
bulletin
  .command('build')
  .description('生成一期简报（已印发的按印发时的内容；没有这一期时按默认栏目新建草稿）/ build an issue as DOCX (and PDF)')
  .requiredOption('--series <名称>', '简报系列，如 工作简报 / series name')
  .requiredOption('--issue <期号>', '期号 / issue number')
  .requiredOption('--as-of <日期>', '统计截止日期 YYYY-MM-DD / cut-off day of the tables')
  .option('--date <日期>', '简报日期（新建时；默认同截止日期）/ date of a new issue')
  .requiredOption('--out <file>', 'DOCX 输出文件 / DOCX file')
  .option('--pdf <file>', '同时输出 PDF（需要 Chromium）/ also print a PDF')
  .action(async (opts: { series: string; issue: string; asOf: string; date?: string; out: string; pdf?: string }) => {
    const asOf = cutOffDay(opts.asOf);
    const number = Number(opts.issue);
    if (!Number.isInteger(number) || number <= 0) throw new AppError(400, 'bad_issue', `期号“${opts.issue}”无效`);
    await withDatabase(async (database) => {
      const ctx = await systemCtx(database);
      const found = await findBulletinByNumber(ctx, opts.series, number);
      let id = found.bulletin?.id;
      if (found.bulletin?.state === 'issued' && found.bulletin.asOf !== asOf) {
        throw new AppError(400, 'issued', `${opts.series}第 ${number} 期已印发，统计截止日期为 ${found.bulletin.asOf}；已印发的简报不再改动`);
      }
      if (found.bulletin?.state === 'draft' && found.bulletin.asOf !== asOf) {
        const b = found.bulletin;
        await updateBulletin(ctx, b.id, { issuedOn: b.issuedOn < asOf ? asOf : b.issuedOn, asOf, sections: b.sections as SectionSpecT[], version: b.version });
      }
      if (!id) id = (await createBulletin(ctx, { seriesId: found.series.id, number, issuedOn: opts.date ? cutOffDay(opts.date) : asOf, asOf })).id;
      await writeBulletin(ctx, id, opts.out, opts.pdf);
    });
  });
bulletin
  .command('notice')
  .description('生成任务批次某日的日通报（没有时新建）/ the daily notice of a campaign for a day')
  .requiredOption('--campaign <名称>', '任务批次名称，如 决战六月 / campaign name')
  .requiredOption('--date <日期>', '通报日期 YYYY-MM-DD / day')
  .requiredOption('--out <file>', 'DOCX 输出文件 / DOCX file')
  .option('--pdf <file>', '同时输出 PDF（需要 Chromium）/ also print a PDF')
  .action(async (opts: { campaign: string; date: string; out: string; pdf?: string }) => {
    const day = cutOffDay(opts.date);
    await withDatabase(async (database) => {
      const ctx = await systemCtx(database);
      const campaign = await findCampaignByName(database.db, opts.campaign);
      if (!campaign) throw new AppError(404, 'not_found', `任务批次“${opts.campaign}”不存在`);
      const b = await noticeFor(ctx, campaign.id, day);
      await writeBulletin(ctx, b.id, opts.out, opts.pdf);
    });
  });

async function writeBulletin(ctx: ServiceCtx, id: number, out: string, pdf: string | undefined) {
  const chromium = readConfig().chromium;
  const docx = await renderBulletin(ctx, id, 'docx', { chromium, onProgress: progressLine('生成简报') });
  fs.writeFileSync(out, docx.data);
  console.log(`已生成 / written: ${out}（${docx.fileName}）`);
  if (pdf) {
    fs.writeFileSync(pdf, (await renderBulletin(ctx, id, 'pdf', { chromium })).data);
    console.log(`已生成 / written: ${pdf}`);
  }
}

program
  .command('backup <file>')
  .description('备份全部数据到文件（两种数据库通用）/ back up every row to a file (either engine)\n服务运行时（PGlite 数据目录只能由一个进程打开）用 --server 向运行中的服务要备份 / while the server runs, use --server')
  .option('--server <地址>', '向运行中的服务要备份，如 http://127.0.0.1:3000 / ask the running server')
  .option('--token <令牌>', '市封停办用户的接口令牌（wst_…，也可用环境变量 WELLSEAL_TOKEN）/ an API token of a city-office user')
  .action(async (file: string, opts: { server?: string; token?: string }) => {
    if (opts.server) {
      const r = await backupFromServer(opts.server, opts.token ?? process.env.WELLSEAL_TOKEN, file);
      console.log(`已从服务备份 ${r.tables} 张表、${r.rows} 行到 ${file}（已校验）/ backup written and checked`);
      return;
    }
    await withDatabase(async (database) => {
      const r = await backupTo(database.db, file, progressLine('备份'));
      console.log(`已备份 ${r.tables} 张表、${r.rows} 行到 ${file} / backup written`);
    });
  });

program
  .command('restore <file>')
  .description('从备份恢复到空数据库 / restore a backup into an empty database')
  .action(async (file: string) => {
    await withDatabase(async (database) => {
      const r = await restoreFrom(database.db, file, progressLine('恢复'));
      console.log(`已恢复 ${r.rows} 行 / restored`);
    });
  });

program
  .command('serve')
  .description('启动服务（首次启动载入演示数据）/ start the server (loads the demo on first start)')
  .option('--port <端口>', '端口 / port')
  .action(async (opts: { port?: string }) => {
    const cfg = config();
    const running = await serve(opts.port ? { ...cfg, port: Number(opts.port) } : cfg, { progress: progressLine('载入演示数据') });
    const stop = async () => {
      await running.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

function cutOffDay(text: string): string {
  const day = parseDay(text);
  if (!day) throw new AppError(400, 'bad_date', `日期“${text}”无效，应为 YYYY-MM-DD`);
  return day;
}

/** A report goes to --out, or to standard output when it is text. */
function emitReport(out: string | Buffer, file: string | undefined): void {
  if (file) {
    fs.writeFileSync(file, out);
    console.log(`已生成 / written: ${file}`);
  } else if (typeof out === 'string') {
    process.stdout.write(out);
  } else {
    throw new AppError(400, 'need_out', 'xlsx 格式须用 --out 指定输出文件');
  }
}

function report(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof AppError) {
    const rows = (err.details as { rowErrors?: RowError[] } | undefined)?.rowErrors;
    if (!rows) return err.message;
    const lines = formatRowErrors(rows).slice(0, 50).map((l) => `  ${l}`);
    if (rows.length > 50) lines.push(`  ……共 ${rows.length} 处错误，仅显示前 50 处`);
    return [err.message, ...lines].join('\n');
  }
  return `出错 / error: ${(err as Error).message}`;
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(report(err));
  process.exit(1);
});
