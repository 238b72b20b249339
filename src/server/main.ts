import { readConfig, ConfigError } from './config.js';
import { serve } from './runtime.js';
import { setClock } from './clock.js';
import { progressLine } from '../cli/progress.js';

async function main() {
  const config = readConfig();
  setClock(config);
  const running = await serve(config, { progress: progressLine('载入演示数据') });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `启动失败 / failed to start: ${(err as Error).message}`);
  process.exit(1);
});
