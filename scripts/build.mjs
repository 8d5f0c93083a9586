// `npm run build` (also run by `prepare`, so `npm ci` builds): bundles src/ into dist/ with esbuild and copies every
// file the code reads at run time (knowledge YAML, digest demo JSON: anything under src/ that is not TypeScript), so
// the bot and the `rustvsgo` bin run plain JavaScript with no TypeScript loader. Type checking is `npm run typecheck`.
//
// Why a bundle and not tsc's one file per module: Node resolves, reads and compiles each ES module separately, and
// start-up to the first reply was mostly that (our ~250 modules plus zod's, kysely's and the YAML parser's). The
// bundle is ES modules with code splitting, so what src/ imports lazily (`await import(...)`: Bolt, discord.js, the
// store, the digest) stays in chunks that load on first use.
//
// Layout: every bundled file (the entries and the shared chunks) sits at the top of dist/, so a module's
// `import.meta.url` is rewritten at bundle time to the URL it had in the src/ tree (`dist/knowledge/knowledge-base.js`),
// and `new URL('./data/', import.meta.url)` keeps finding the copied data files. dist/cli/main.js and
// dist/cli/discord-deploy.js are one-line shims to their bundled entries, the paths the bin, npm scripts, the
// Dockerfile and the docs name.
//
// The knowledge base is also validated here, once, and written as dist/knowledge/data/kb-snapshot.json
// (src/knowledge/kb-snapshot.ts), so start-up reads JSON instead of parsing YAML and running zod over it.
// dist/ is rebuilt from scratch, so a source file that was deleted cannot linger there.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

/** Bundled entry (top of dist/) -> its source, and the shim path the outside world runs, if any. */
const ENTRIES = [
  { name: 'main', source: 'src/main.ts' },
  { name: 'rustvsgo-cli', source: 'src/cli/main.ts', shim: 'cli/main.js' },
  { name: 'discord-deploy', source: 'src/cli/discord-deploy.ts', shim: 'cli/discord-deploy.js' },
  // Run once below to write the knowledge-base snapshot, then deleted.
  { name: 'write-kb-snapshot', source: 'src/knowledge/write-kb-snapshot.ts' },
];

/**
 * Left to Node's resolver: native addons (better-sqlite3, resvg), packages that start worker threads or load files
 * by path at run time (discord.js's shards, the wink model), packages loaded only in some modes (pg; pino-pretty for
 * a terminal; js-yaml when data files are read instead of the build's knowledge-base snapshot), and the large
 * platform SDKs that only load when a platform is configured (bundling them gains nothing at start and risks their
 * dynamic requires). pino itself is bundled: the logger uses no pino transport (the worker thread a transport starts
 * would need pino's files on disk).
 */
const EXTERNAL = [
  'better-sqlite3',
  '@resvg/resvg-js',
  'pg',
  'pino-pretty',
  'js-yaml',
  'discord.js',
  '@discordjs/*',
  '@slack/*',
  'wink-eng-lite-web-model',
  'vega',
  'vega-lite',
];

/** Identifies this build (src/, the build script, the lock file); the bundled code only trusts a snapshot with the same id. */
function buildId() {
  const hash = createHash('sha256');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true }).sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    hash.update(relative(src, file)).update(readFileSync(file));
  }
  // The build itself and the exact dependencies (zod above all) shape the snapshot too.
  for (const file of ['scripts/build.mjs', 'package-lock.json']) hash.update(file).update(readFileSync(join(root, file)));
  return hash.digest('hex').slice(0, 16);
}

/** Rewrites `import.meta.url` in each source file to the URL that file had as dist/<same path>.js (see the top). */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(src + sep)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const asBuilt = './' + relative(src, args.path).split(sep).join('/').replace(/\.ts$/, '.js');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(asBuilt)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * zod's `z` namespace re-exports every error-message locale (`z.locales`, about 290 KB of the bundle's ~570 KB of
 * zod), and a namespace that is used as an object cannot be tree-shaken. The bot never switches locale: zod's
 * classic schemas import English themselves (zod/v4/classic/schemas.js), so the index of all locales is replaced
 * by an empty module and Node compiles half as much zod at every start. The stub matches zod's files by path, so
 * the build fails below when it matched nothing (a zod release that moved its locales would otherwise quietly
 * bring them back); tests/deploy/bundle.test.ts checks the bundle itself.
 */
let zodLocaleIndexesStubbed = 0;
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(builder) {
    builder.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!args.importer.includes(`${sep}node_modules${sep}zod${sep}`)) return undefined;
      zodLocaleIndexesStubbed += 1;
      return { path: 'zod-locales', namespace: 'without-zod-locales' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'without-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Node's own modules by require(), not by import: importing a builtin into an ES module builds an ES facade of it,
 * which reads every export, and for node:fs that getter pulls in the whole streams stack (about a tenth of start-up
 * before the first reply in a profile). require() hands back the module object as it is. Only static imports are
 * rewritten; the bundle's require is the banner's createRequire.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(builder) {
    const builtins = new Set(builtinModules);
    builder.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (args.kind !== 'import-statement' || !builtins.has(args.path.replace(/^node:/, ''))) return undefined;
      return { path: args.path, namespace: 'builtin-require' };
    });
    builder.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

rmSync(dist, { recursive: true, force: true });
const id = buildId();
await build({
  absWorkingDir: root,
  entryPoints: ENTRIES.map((e) => ({ in: e.source, out: e.name })),
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunk-[hash]',
  external: EXTERNAL,
  // Bundled CommonJS packages call require(); ES modules have none, so each output file gets one.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  define: { 'process.env.RUSTVSGO_BUILD_ID': JSON.stringify(id) },
  // Whitespace and syntax only: names stay, so stack traces in logs still say which function failed.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  plugins: [keepModuleUrls, withoutZodLocales, builtinsByRequire],
  logLevel: 'warning',
});
if (zodLocaleIndexesStubbed === 0) {
  throw new Error("build: the without-zod-locales stub matched no import of zod's locales/index.js; zod's layout changed, so update the stub in scripts/build.mjs (else every locale is bundled again)");
}

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)));
  copied += 1;
}

for (const { name, shim } of ENTRIES) {
  if (!shim) continue;
  mkdirSync(dirname(join(dist, shim)), { recursive: true });
  writeFileSync(join(dist, shim), `// Built by scripts/build.mjs: the bundled entry lives at the top of dist/.\nimport '../${name}.js';\n`);
}

// Validates the knowledge base (the same checks as start-up from YAML) and writes the snapshot beside the YAML.
execFileSync(process.execPath, [join(dist, 'write-kb-snapshot.js')], { stdio: 'inherit' });
rmSync(join(dist, 'write-kb-snapshot.js'));

process.stdout.write(`build: dist/ written (bundle ${id}, ${copied} data files copied, knowledge-base snapshot)\n`);
