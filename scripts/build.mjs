// `npm run build` (also run by `prepare`, so `npm ci` builds): compiles src/ to dist/ with tsc and copies every
// file the code reads at run time (knowledge YAML, digest demo JSON: anything under src/ that is not TypeScript),
// so the bot and the `rustvsgo` bin run plain JavaScript with no TypeScript loader. dist/ is rebuilt from
// scratch, so a source file that was deleted cannot linger there.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)));
  copied += 1;
}
process.stdout.write(`build: dist/ written (${copied} data files copied)\n`);
