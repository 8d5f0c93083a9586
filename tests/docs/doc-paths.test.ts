// Docs that stay true: every repository path that README.md or docs/*.md names (src/..., tests/..., bench/...,
// scripts/..., docs/..., slack/..., bin/..., deploy/...) must exist. docs/scaling.md once documented
// src/store/leases.ts and a migration 0006 long after both were removed; this test fails on such drift.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/run-entry.ts';

const ROOTS = ['src', 'tests', 'bench', 'scripts', 'docs', 'slack', 'bin', 'deploy'];
const PATH_PATTERN = new RegExp(`(?<![\\w./@-])((?:${ROOTS.join('|')})/[\\w./*{},<>-]*[\\w*/])`, 'g');

function docFiles(): string[] {
  return ['README.md', ...readdirSync(join(projectRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
}

/** The part of a named path that must exist: up to the first glob or placeholder, without a `:line` suffix. */
function checkablePart(path: string): string {
  const cut = path.search(/[*{<]/);
  const head = cut === -1 ? path : path.slice(0, path.lastIndexOf('/', cut) + 1);
  return head.replace(/[.,]+$/, '');
}

export function missingPaths(text: string): string[] {
  const missing = new Set<string>();
  for (const match of text.matchAll(PATH_PATTERN)) {
    const path = checkablePart(match[1]!);
    if (!existsSync(join(projectRoot, path))) missing.add(match[1]!);
  }
  return [...missing];
}

describe('paths named in the docs', () => {
  it('finds a path that does not exist (the check itself works)', () => {
    expect(missingPaths('see `src/store/leases.ts` and src/runtime/start.ts')).toEqual(['src/store/leases.ts']);
  });

  it.each(docFiles())('%s names only files and folders that exist', (file) => {
    const text = readFileSync(join(projectRoot, file), 'utf8');
    expect(missingPaths(text)).toEqual([]);
  });
});
