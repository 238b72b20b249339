#!/usr/bin/env node
// The `wellseal` command. It runs the TypeScript source through tsx, so it is never older than the
// checkout (a stale dist/ after `git pull` cannot bite); without tsx (a production install) it runs
// the compiled CLI from `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src/cli/main.ts');
const built = path.join(root, 'dist/cli/main.js');
const tsx = existsSync(source) ? await import('tsx/esm/api').catch(() => null) : null;
if (tsx) {
  tsx.register();
  await import(pathToFileURL(source).href);
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  console.error('wellseal: 请先运行 npm run build / run `npm run build` first');
  process.exit(1);
}
