import { execFile } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyPgUrl } from '../test-support/db.js';

/** The real `wellseal` command in a child process, on the engine under test. */
const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-cli-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty database for one CLI "installation". */
async function freshTarget(name: string): Promise<{ env: NodeJS.ProcessEnv; args: string[] }> {
  const base: NodeJS.ProcessEnv = { ...process.env, WELLSEAL_LOG_LEVEL: 'silent' };
  if (process.env.DATABASE_URL) {
    const db = await emptyPgUrl();
    cleanups.push(db.drop);
    return { env: { ...base, DATABASE_URL: db.url }, args: [] };
  }
  delete base.DATABASE_URL;
  return { env: base, args: ['--data', path.join(dir, name)] };
}

async function wellseal(target: { env: NodeJS.ProcessEnv; args: string[] }, ...args: string[]) {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...target.args, ...args], { env: target.env, cwd: process.cwd() });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('wellseal command line', { timeout: 180_000 }, () => {
  it('explains itself in Chinese and English', async () => {
    const r = await wellseal({ env: process.env, args: [] }, '--help');
    expect(r.stdout).toContain('初始化数据库');
    // commander wraps descriptions to the terminal width: compare the words, not the line breaks
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('initialise the database');
    for (const cmd of ['init', 'migrate', 'user', 'import', 'export', 'backup', 'restore', 'serve']) expect(r.stdout).toContain(cmd);
  });

  it('init without --demo makes only the city root; users, import, backup and restore work on it', async () => {
    const a = await freshTarget('a');
    expect((await wellseal(a, 'init', '--city', '宛州市')).stdout).toContain('已初始化：宛州市');
    expect((await wellseal(a, 'init')).stderr).toContain('数据库已经初始化过');
    const added = await wellseal(a, 'user', 'add', 'admin', '--name', '市封停办管理员', '--role', 'city', '--unit', '000000');
    expect(added.stdout).toContain('初始密码');

    const sheet = path.join(dir, 'org.csv');
    fs.writeFileSync(sheet, '区,街道,社区,网格编号,网格名称\n卧龙区,光武街道,光彩社区,411303003001001,光彩社区第1网格\n卧龙区,光武街道,光彩社区,411303003001002,光彩社区第2网格\n');
    const refused = await wellseal(a, 'import', 'org', sheet);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('第2行【区】：区“卧龙区”在“宛州市”下不存在');
    const ok = await wellseal(a, 'import', 'org', sheet, '--new-units');
    expect(ok.stdout).toContain('已导入：新建区 1、街道 1、社区 1、网格 2');
    expect((await wellseal(a, 'import', 'org', sheet)).stdout).toContain('未变 2');

    const list = await wellseal(a, 'user', 'list');
    expect(list.stdout).toMatch(/admin\s+市封停办管理员\s+正常\s+宛州市·市封停办/);
    expect((await wellseal(a, 'user', 'disable', 'admin')).stdout).toContain('已停用用户 admin');

    const backup = path.join(dir, 'a.wsbak');
    expect((await wellseal(a, 'backup', backup)).stdout).toContain('已备份');
    const b = await freshTarget('b');
    expect((await wellseal(b, 'restore', backup)).stdout).toContain('已恢复');
    expect((await wellseal(b, 'user', 'list')).stdout).toMatch(/admin\s+市封停办管理员\s+已停用/);
    const exported = path.join(dir, 'b.csv');
    await wellseal(b, 'export', 'org', exported);
    expect(fs.readFileSync(exported, 'utf8')).toContain('411303003001002,光彩社区第2网格');
  });

  let demo: Awaited<ReturnType<typeof freshTarget>> | undefined;
  it('imports a water company\'s accounts and readings (held back on bad rows) and prints the dual-source ranking', async () => {
    const target = await freshTarget('utility');
    expect((await wellseal(target, 'init', '--city', '测试市', '--city-code', '419900')).code).toBe(0);
    const accounts = path.join(dir, 'accounts.csv');
    fs.writeFileSync(accounts, ['户号,户名,地址,用水类别,行业,户数,人数', ...Array.from({ length: 8 }, (_, i) => `A${i + 1},小区${i + 1},测试路${i + 1}号,居民,,100,280`)].join('\n'));
    const imported = await wellseal(target, 'import', 'accounts', accounts);
    expect(imported.stdout).toContain('新增 8');
    const months = Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const lines = ['户号,期间,用水量'];
    for (let a = 1; a <= 8; a++) for (const m of months) lines.push(`A${a},${m},${(a === 3 && m >= '2023-05' ? 300 : 900 + a * 10 + (Number(m.slice(5)) % 4) * 15).toFixed(1)}`);
    lines.push('A9,2023-01,5');
    const readings = path.join(dir, 'readings.csv');
    fs.writeFileSync(readings, lines.join('\n'));
    const held = await wellseal(target, 'import', 'readings', readings);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain('第194行【户号】：户号“A9”不存在（请先导入用水户）');
    expect(held.stderr).toContain('--accept-bad-rows');
    const accepted = await wellseal(target, 'import', 'readings', readings, '--accept-bad-rows');
    expect(accepted.stdout).toContain('已导入：192 行，期间 2022-01 至 2023-12，跳过错误行 1 行');
    const ranked = JSON.parse((await wellseal(target, 'analyze', 'dual-source', '--as-of', '2023-12', '--top', '2')).stdout);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]).toMatchObject({ account: 'A3', rank: 1, signals: { suddenDrop: { details: { since: '2023-05' } } } });
    expect(ranked[0].reasons[0]).toMatch(/^2023年5月起用水量骤降\d+%$/);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    const xlsx = path.join(dir, 'ranking.xlsx');
    expect((await wellseal(target, 'analyze', 'dual-source', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
  });

  it('prints the survey progress table of bulletin 第12期 from the demo records', async () => {
    const d = await freshTarget('demo');
    expect((await wellseal(d, 'init', '--demo')).code).toBe(0);
    demo = d;
    const json = await wellseal(d, 'report', 'survey-progress', '--as-of', '2024-01-12', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual({
      asOf: '2024-01-12',
      rows: [
        { district: '卧龙区', grids: 504, started: 504, completed: 452, rate: '89%' },
        { district: '宛城区', grids: 241, started: 241, completed: 219, rate: '90%' },
        { district: '高新区', grids: 118, started: 118, completed: 118, rate: '100%' },
        { district: '城乡一体化示范区', grids: 289, started: 289, completed: 289, rate: '100%' },
      ],
      total: { grids: 1152, started: 1152, completed: 1078, rate: '93%' },
    });
    const xlsx = path.join(dir, 'p.xlsx');
    expect((await wellseal(d, 'report', 'survey-progress', '--as-of', '2024-01-12', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect((await wellseal(d, 'report', 'survey-progress', '--as-of', '2024-13-40')).stderr).toContain('日期“2024-13-40”无效');

    const cards = path.join(dir, 'cards.csv');
    fs.writeFileSync(cards, '网格编号,类别,名称,水源,自来水户号,排查人,排查日期\n411303003001001,沿街门店,新店,自来水,1,张三,2024-01-20\n411303003001001,工厂,坏行,自来水,2,张三,2024-01-20\n');
    const bad = await wellseal(d, 'import', 'cards', cards);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('第3行【类别】：应为 居民户、单位、沿街门店、城中村住户、其他 之一');
    const exported = path.join(dir, 'cards.xlsx');
    expect((await wellseal(d, 'export', 'cards', exported)).code).toBe(0);
    expect((await wellseal(d, 'import', 'cards', exported, '--dry-run')).stdout).toMatch(/新增 0、更新 0、未变 \d{4,}/);

    const notice = await wellseal(d, 'report', 'task-progress', '--campaign', '决战六月', '--as-of', '2024-06-23');
    expect(notice.stdout).toContain('| 示范区 | 应封停 | 84 | 33 | 39.29% | 35.11% | 1 |');
    expect(notice.stdout).toContain('|  | 合计 | 307 | 82 | 26.71% |  |  |');
    expect((await wellseal(d, 'report', 'task-progress', '--campaign', '决战七月', '--as-of', '2024-06-23')).stderr).toContain('任务批次“决战七月”不存在');
    const tips = await wellseal(d, 'report', 'tip-summary', '--as-of', '2024-01-12', '--format', 'json');
    expect(JSON.parse(tips.stdout).total).toEqual({ received: 79, assigned: 79, closed: 79, closureRate: '100%', substantiated: 35 });
    const ledger = path.join(dir, 'tips.csv');
    fs.writeFileSync(ledger, '线索编号,受理日期,来源渠道,所属区,交办日期,办结日期,是否有效,内容\nX1,2024-02-01,电话,示范区,2024-02-02,2024-02-04,是,甲\n');
    expect((await wellseal(d, 'import', 'tips', ledger)).stdout).toContain('已导入：举报线索 1 条');
    const wells = path.join(dir, 'wells.xlsx');
    expect((await wellseal(d, 'export', 'wells', wells)).code).toBe(0);
    const again = await wellseal(d, 'import', 'wells', wells, '--dry-run');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/第2行【井编号】：井编号“\d{15}J\d{2}”已存在/);
  }, 180_000);

  it('writes the weekly findings summary and imports a findings ledger whole or not at all', async () => {
    const d = demo!;
    const summary = await wellseal(d, 'report', 'findings-summary', '--week-ending', '2024-01-12');
    expect(summary.stdout).toContain('# 一周问题汇总（2024-01-06 至 2024-01-12）');
    expect(summary.stdout).toContain('（四）示范区 枣林街道兴隆社区网格排查表登记');
    const findings = path.join(dir, 'findings.csv');
    fs.writeFileSync(findings, '发现日期,所属区,单位/社区,问题类别,问题描述,整改期限,整改状态\n2024-02-01,卧龙区,光武街道/光彩社区,排查不细,门店漏登,2024-02-08,整改中\n2024-02-01,卧龙区,光彩社区,漏排,漏排一眼,,\n');
    const badFindings = await wellseal(d, 'import', 'findings', findings);
    expect(badFindings.code).toBe(1);
    expect(badFindings.stderr).toContain('第3行【网格】：漏排问题须填写网格（名称或编号），以便退回该网格重新排查');
    fs.writeFileSync(findings, '发现日期,所属区,单位/社区,问题类别,问题描述,整改期限,整改状态\n2024-02-01,卧龙区,光武街道/光彩社区,排查不细,门店漏登,2024-02-08,整改中\n');
    expect((await wellseal(d, 'import', 'findings', findings)).stdout).toContain('已导入：问题 1 条');
  });

  it('imports heat-pump readings whole or not at all, raising what they call for, and exports the projects list', async () => {
    const d = demo!;
    const file = path.join(dir, 'heatpump.csv');
    const header = '项目名称,日期/期间,抽水量,回灌量,方式,水温\n';
    fs.writeFileSync(file, `${header}白河沿岸地温空调项目,2024-10,12000,11800,计量表,18\n白河沿岸地温空调项目,2024-11,abc,1,,\n`);
    const bad = await wellseal(d, 'import', 'heatpump-readings', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('第3行【抽水量】');
    fs.writeFileSync(file, `${header}白河沿岸地温空调项目,2024-10,12000,11800,计量表,18\n白河沿岸地温空调项目,2024-11,9000,7200,计量表,17\n`);
    expect((await wellseal(d, 'import', 'heatpump-readings', file, '--dry-run')).stdout).toContain('检查通过（未写入）：读数 2 条，涉及项目 1 个');
    expect((await wellseal(d, 'import', 'heatpump-readings', file)).stdout).toContain('已导入：读数 2 条，涉及项目 1 个；自动登记问题 1 个');
    const out = path.join(dir, 'heatpump.xlsx');
    expect((await wellseal(d, 'export', 'heatpump', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map(String));
    expect(rows).toHaveLength(4);
    const baihe = rows.find((r) => r[0] === '白河沿岸地温空调项目')!;
    expect([baihe[2], baihe[18], baihe[19], baihe[20]]).toEqual(['卧龙区', '2024-11', '80%', '是']);
  });

  it('builds bulletin 第12期 and the daily notice of 2024-06-23 as DOCX (and PDF where Chromium is installed)', async () => {
    const d = demo!;
    const b12 = path.join(dir, 'b12.docx');
    const pdf = fs.existsSync('/usr/bin/chromium') ? ['--pdf', path.join(dir, 'b12.pdf')] : [];
    const built = await wellseal(d, 'bulletin', 'build', '--series', '工作简报', '--issue', '12', '--as-of', '2024-01-12', '--out', b12, ...pdf);
    expect(built.stdout).toContain('工作简报第12期.docx');
    expect(fs.readFileSync(b12).subarray(0, 2).toString()).toBe('PK');
    if (pdf.length) expect(fs.readFileSync(pdf[1]!).subarray(0, 5).toString()).toBe('%PDF-');
    // an issued bulletin is not rebuilt with other figures
    expect((await wellseal(d, 'bulletin', 'build', '--series', '工作简报', '--issue', '12', '--as-of', '2024-01-20', '--out', b12)).stderr).toContain('已印发，统计截止日期为 2024-01-12');
    const notice = path.join(dir, 'n.docx');
    const n = await wellseal(d, 'bulletin', 'notice', '--campaign', '决战六月', '--date', '2024-06-23', '--out', notice);
    expect(n.stdout).toContain('决战六月日通报第1期');
    expect(fs.statSync(notice).size).toBeGreaterThan(5000);
    expect((await wellseal(d, 'bulletin', 'build', '--series', '简报二', '--issue', '1', '--as-of', '2024-01-12', '--out', b12)).stderr).toContain('简报系列“简报二”不存在');
  }, 120_000);
});
