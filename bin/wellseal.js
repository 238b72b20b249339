#!/usr/bin/env node
// The `wellseal` command. It runs the TypeScript source through tsx, so it is never older than the
// checkout (a stale dist/ after `git pull` cannot bite); the compiled CLI is used where no source is.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src/cli/main.ts');
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(source).href);
} else {
  await import(pathToFileURL(path.join(root, 'dist/cli/main.js')).href);
}
