#!/usr/bin/env node
// The installed `rustvsgo` command (`npm link`, or `npx rustvsgo` inside the clone): runs the compiled CLI.
// dist/ is written by `npm run build`, which `npm ci` runs through the `prepare` script.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('rustvsgo: dist/ is missing; run `npm run build` in the rustvsgo folder first\n');
  process.exit(2);
}
await import(entry.href);
