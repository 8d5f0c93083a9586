// `digest collect|preview --watchlist <file>` with a file that cannot be used: the error names a watchlist file and
// the path as typed (the loader is the knowledge base's, whose own errors say "knowledge file"), and exits 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { createTestServices } from '../helpers/test-services.ts';

const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-watchlist-'));
let services: Services;
afterEach(async () => services.store.close());

async function cli(args: string[]) {
  let out = '';
  let err = '';
  services = await createTestServices();
  const code = await runDigestCli(args, services, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('--watchlist errors', () => {
  it.each([
    ['not YAML', () => file('broken.yaml', 'items: [one\n'), /: not valid YAML/],
    ['an entry that does not fit', () => file('cobol.yaml', '- id: x\n  language: cobol\n  kind: library\n  name: x\n'), /, entry "x" \(#1\), field language: /],
    ['a file that is not there', () => join(dir, 'missing.yaml'), /: cannot read it: ENOENT/],
  ])('given %s then it names the watchlist file by its path and exits 2', async (_name, pathOf, problem) => {
    const path = pathOf();
    for (const subcommand of ['collect', 'preview']) {
      const result = await cli([subcommand, '--watchlist', path]);
      expect(result.code).toBe(2);
      expect(result.err.startsWith(`rustvsgo digest: watchlist file ${path}`)).toBe(true);
      expect(result.err).toMatch(problem);
      expect(result.err).not.toContain('knowledge file');
      expect(result.out).toBe('');
    }
  });
});
