import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { buildApp } from './app.js';
import { fillCurrentStates } from './features/system/current-state.service.js';
import { sweepStoredFiles } from './features/system/stored-files.service.js';
import { initDatabase, isDemo, isInitialised } from './features/system/init.service.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-users.js';
import type { Progress } from './context.js';

export async function openMigrated(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database, (name) => log(`已执行迁移 / migrated: ${name}`));
    // records from before a stored state existed (or loaded in bulk) are folded once, here
    const filled = await fillCurrentStates(database.db);
    const n = filled.tips + filled.wells + filled.findings + filled.grids;
    if (n > 0) log(`已补算当前状态 / current states filled: 线索 ${filled.tips}、井 ${filled.wells}、问题 ${filled.findings}、网格 ${filled.grids}`);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app: dist/web next to dist/server (also found when running from src with tsx). */
export const defaultWebDir = path.resolve(here, '../../dist/web').replace(`${path.sep}dist${path.sep}dist`, `${path.sep}dist`);

export type Running = { url: string; close(): Promise<void> };

export async function serve(config: Config, opts: { log?: (line: string) => void; progress?: Progress } = {}): Promise<Running> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const database = await openMigrated(config, log);
  if (!(await isInitialised(database.db))) {
    log('首次启动：正在载入演示活动数据（南阳市“飓风”行动）… / first start: loading the demo campaign');
    await initDatabase(database.db, { cityName: '本市', cityCode: '000000', demo: true }, opts.progress);
  }
  const swept = await sweepStoredFiles(database.db, config.filesDir);
  if (swept > 0) log(`已清理无记录的照片文件 / orphan files removed: ${swept}`);
  const app = await buildApp({ db: database.db, config, engine: database.kind, webDir: defaultWebDir });
  const address = await app.listen({ port: config.port, host: config.host });
  const port = Number(new URL(address).port);
  const url = `http://localhost:${port}`;
  log('');
  log(`Wellseal 自备井封停工作平台已启动 / running at ${url}`);
  log(`数据库 / database: ${database.kind === 'pglite' ? 'PGlite（嵌入式）' : 'PostgreSQL'} ${database.location}`);
  if (await isDemo(database.db)) {
    log(`演示账号（密码均为 ${DEMO_PASSWORD}）/ demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) log(`  ${u.username.padEnd(10)} ${u.note}`);
  }
  return {
    url,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
