// What scripts/build.mjs promises about dist/: zod's error-message locales are stubbed out (only English, which
// zod's schemas import themselves, is bundled), and what Node compiles before `npm start` runs its first line stays
// near today's size. Both fail when the build's path-matched stub of zod's locale index stops matching.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.ts';
import { projectRoot } from '../helpers/run-entry.ts';

const dist = join(projectRoot, 'dist');

/**
 * Bytes of dist/main.js and every chunk it imports statically, transitively: what Node reads and compiles at start.
 * Measured 623,886 on 2026-12-02; 917,863 with zod's locales bundled. The bound leaves room for the code to grow.
 */
const MAIN_STATIC_BYTES_MAX = 720_000;

/** The chunk files a bundled file imports statically (`import ... from "./chunk.js"` or `import "./chunk.js"`). */
function staticImports(text: string): string[] {
  return [...text.matchAll(/\bimport\s*(?:[\w*{}\s,$]*?\s*from\s*)?"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]!);
}

function staticClosure(entry: string): { files: string[]; bytes: number } {
  const files = new Set<string>();
  let bytes = 0;
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(join(dist, file));
    bytes += text.length;
    for (const next of staticImports(text.toString('utf8'))) visit(next);
  };
  visit(entry);
  return { files: [...files], bytes };
}

/** The zod locales in the bundle: each is `function <locale>_default(){return{localeError:...}}`. */
function bundledZodLocales(): string[] {
  const locales = new Set<string>();
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/function (\w+)_default\(\)\{return\{localeError:/g)) locales.add(m[1]!);
  }
  return [...locales].sort();
}

beforeAll(() => ensureBuilt());

describe('the bundle in dist/', () => {
  it('carries zod\'s English messages and no other locale', () => {
    expect(bundledZodLocales()).toEqual(['en']);
  });

  it(`has npm start compile at most ${MAIN_STATIC_BYTES_MAX} bytes before its first line`, () => {
    const main = staticClosure('main.js');
    // The walk follows the bundle's imports: main.js alone is a few hundred bytes of imports.
    expect(main.files.length).toBeGreaterThan(5);
    expect(main.bytes).toBeLessThanOrEqual(MAIN_STATIC_BYTES_MAX);
  });
});
