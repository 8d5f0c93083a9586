// Tests of `npm start` itself run the compiled dist/ (what `npm ci` builds through `prepare`). When a source or
// data file under src/, or the build script, is newer than the last build (a developer edited it), build first, so
// the test never exercises stale JavaScript.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './run-entry.ts';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const marker = join(projectRoot, 'dist', 'main.js');
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < Math.max(newestSourceMs(join(projectRoot, 'src')), statSync(join(projectRoot, 'scripts', 'build.mjs')).mtimeMs);
  if (stale) execFileSync(process.execPath, [join(projectRoot, 'scripts', 'build.mjs')], { cwd: projectRoot, stdio: 'ignore' });
}
