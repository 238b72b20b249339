import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { adminQuery as admin, adminRows, withDb } from '../src/test-support/pg-admin.js';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '../src/test-support/free-port.js';

export const OUTPUT_DIR = path.resolve('test-output');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export type Server = {
  url: string;
  output: () => string;
  stop(): Promise<void>;
  /** the office clock's moment now, when the server runs on a fixed clock (WELLSEAL_NOW) */
  clockNow?: () => number;
};

/** Every page runs in UTC, a time zone other than the office's: the app must count days in the office's. */
export const BROWSER_TIME_ZONE = 'UTC';

type Spawned = { child: ChildProcess; output: () => string };

async function spawnServer(env: NodeJS.ProcessEnv): Promise<Spawned> {
  const child: ChildProcess = spawn(process.execPath, ['dist/server/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes('已启动')) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * The demo campaign, loaded once per build by the built server's own first start and then copied
 * for every test file (a PGlite folder copy, or a PostgreSQL database made from a template), so each
 * file starts from the same fresh demo without loading it again. Keyed by the build: a new build
 * makes a new template and removes the old ones.
 */
async function demoTemplate(baseEnv: NodeJS.ProcessEnv): Promise<{ dir: string } | { db: string }> {
  const build = fs.statSync('dist/server/main.js');
  const key = crypto.createHash('sha1').update(`${build.mtimeMs}:${build.size}:${process.env.DATABASE_URL ?? ''}`).digest('hex').slice(0, 12);
  const url = process.env.DATABASE_URL;
  if (url) {
    const db = `wellseal_e2e_demo_${key}`;
    const existing = await adminRows(url, "select datname from pg_database where datname like 'wellseal_e2e_demo_%'");
    for (const old of existing.filter((n) => n !== db)) await admin(url, `drop database if exists ${old} with (force)`);
    if (!existing.includes(db)) {
      const partial = `${db}_partial`;
      await admin(url, `create database ${partial}`);
      const made = await spawnServer({ ...baseEnv, DATABASE_URL: withDb(url, partial) });
      await stopProcess(made.child);
      await admin(url, `alter database ${partial} rename to ${db}`);
    }
    return { db };
  }
  const dir = path.join(os.tmpdir(), `wellseal-e2e-demo-${key}`);
  for (const old of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('wellseal-e2e-demo-') && n !== path.basename(dir))) {
    fs.rmSync(path.join(os.tmpdir(), old), { recursive: true, force: true });
  }
  if (!fs.existsSync(dir)) {
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-e2e-making-'));
    const made = await spawnServer({ ...baseEnv, WELLSEAL_DATA: partial });
    await stopProcess(made.child);
    fs.rmSync(`${partial}.lock`, { force: true });
    fs.renameSync(partial, dir);
  }
  return { dir };
}

/**
 * The real, built server (dist/) on a free port with a fresh copy of the demo campaign: a new PGlite
 * folder, or a new database on the PostgreSQL server of DATABASE_URL.
 */
export async function startServer(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<Server> {
  if (!fs.existsSync('dist/server/main.js') || !fs.existsSync('dist/web/index.html')) {
    throw new Error('dist/ is missing: run `npm run build` first (npm run test:e2e does)');
  }
  const port = await freePort();
  // every user of a test file signs in from 127.0.0.1, a dozen times a minute: the per-address login
  // limit (tested on its own in auth.test.ts) would stop them, so it is raised here
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', WELLSEAL_LOG_LEVEL: 'warn', WELLSEAL_LOGIN_ATTEMPTS_PER_MINUTE: '1000' };
  delete env.DATABASE_URL;
  const template = await demoTemplate({ ...env, PORT: String(await freePort()) });
  let dropDb = async () => {};
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-e2e-'));
  if ('db' in template) {
    const name = `wellseal_e2e_${crypto.randomBytes(4).toString('hex')}`;
    await admin(process.env.DATABASE_URL!, `create database ${name} template ${template.db}`);
    env.DATABASE_URL = withDb(process.env.DATABASE_URL!, name);
    dropDb = () => admin(process.env.DATABASE_URL!, `drop database if exists ${name} with (force)`);
  } else {
    fs.cpSync(template.dir, dataDir, { recursive: true });
    env.WELLSEAL_DATA = dataDir;
  }
  Object.assign(env, opts.env ?? {});
  const startedAt = Date.now();
  const server = await spawnServer(env);
  const fixed = env.WELLSEAL_NOW ? Date.parse(env.WELLSEAL_NOW) : null;
  return {
    url: `http://127.0.0.1:${port}`,
    output: server.output,
    ...(fixed !== null ? { clockNow: () => fixed + (Date.now() - startedAt) } : {}),
    async stop() {
      await stopProcess(server.child);
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.lock`, { force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  }
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** A page logged in as a demo user, through the real login form. */
export async function login(browser: Browser, server: Server, username: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN', timezoneId: BROWSER_TIME_ZONE });
  // the browser's clock runs with the server's (a fixed-clock server: from the same moment)
  if (server.clockNow) await page.clock.install({ time: server.clockNow() });
  await page.goto(`${server.url}/login`);
  await page.getByPlaceholder('用户名').fill(username);
  await page.getByPlaceholder('密码').fill('Wellseal2024');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login')).catch(async (e: Error) => {
    throw new Error(`${e.message}\nlogin of ${username} did not go through; the page says: ${(await page.locator('body').innerText()).slice(0, 300)}`);
  });
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT_DIR, `${engine}-${name}.png`), fullPage: true });

/** The API as the page's logged-in user (cookie and CSRF token), for test set-up and checks. */
export async function apiAs<T = any>(page: Page, server: Server, method: 'GET' | 'POST', url: string, data?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${server.url}${url}`, { method, headers: { 'x-csrf-token': me.csrfToken }, ...(data ? { data } : {}) });
  if (res.status() !== 200) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until no dialog is open (a closing modal still animates out for a moment). */
export async function noDialog(page: Page): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await page.getByRole('dialog').count()) > 0) {
    if (Date.now() > deadline) throw new Error('a dialog stayed open');
    await page.waitForTimeout(100);
  }
}

/** One server (on a fresh database) and one browser per test file: started before its tests, stopped after. */
export function serverAndBrowser(opts: { env?: NodeJS.ProcessEnv } = {}) {
  const s = {} as { server: Server; browser: Browser };
  before(async () => {
    s.server = await startServer(opts);
    s.browser = await launchBrowser();
  });
  after(async () => {
    await s.browser?.close();
    await s.server?.stop();
  });
  return {
    get server() { return s.server; },
    get browser() { return s.browser; },
    login: (username: string, viewport?: { width: number; height: number }) => login(s.browser, s.server, username, viewport),
  };
}
