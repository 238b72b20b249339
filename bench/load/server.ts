/**
 * The real built server (dist/server/main.js) in a child process on loopback, started from a private
 * copy of dist/server so that a rebuild of dist while the benchmark runs cannot change what is
 * measured. Peak memory is the kernel's high-water mark of the process (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Copies dist (the server with its migrations, without the web app) and package.json to a private folder; node_modules is linked. */
export function snapshotDist(root: string): { dir: string; remove: () => void } {
  const main = path.join(root, 'dist/server/main.js');
  if (!fs.existsSync(main)) throw new Error(`找不到 ${main}：请先运行 npm run build（或 npm run build:server）`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wellseal-load-dist-'));
  // the server, the CLI and domain code it imports; not the web app (the API is what is measured)
  fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true, filter: (src) => src !== path.join(root, 'dist/web') });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export type RunningServer = { port: number; pid: number; child: ChildProcess; stop: () => Promise<void>; peakRssBytes: () => number; rssBytes: () => number };

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function startServer(distDir: string, env: Record<string, string>): Promise<RunningServer> {
  // for profiling the server only, e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (the profile is written when it stops)
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(distDir, 'dist/server/main.js')], {
    cwd: distDir,
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: process.env.TZ ?? '', HOST: '127.0.0.1', PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => { stderr = (stderr + c.toString()).slice(-4000); });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const onData = (c: Buffer) => {
      out = (out + c.toString()).slice(-8000);
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) {
        // after start the request log is read and dropped (a pipe left full would stall the server)
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`服务器启动失败（退出码 ${code}）：${stderr || out}`)));
  });
  const pid = child.pid!;
  return {
    port, pid, child,
    peakRssBytes: () => statusField(pid, 'VmHWM'),
    rssBytes: () => statusField(pid, 'VmRSS'),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}
