// The `rustvsgo` command line through a real child process, as `npm run --silent rustvsgo -- ...` runs it:
// stdout carries only the result.
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runEntrySync, spawnEntry } from '../helpers/run-entry.ts';

function cli(args: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-cli-'));
  return { cwd, result: runEntrySync('src/cli/main.ts', args, { cwd, env: cleanEnv() }) };
}

describe('rustvsgo CLI', () => {
  it('ask --json prints exactly one JSON object with the answer contract', () => {
    const { result } = cli(['ask', '--json', 'Rust or Go for an edge gateway?']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(answer).toMatchObject({ question: 'Rust or Go for an edge gateway?' });
    expect(['rust', 'go', 'hybrid']).toContain(answer.recommendation);
    expect(answer.confidence).toBeGreaterThanOrEqual(0);
    expect(answer.confidence).toBeLessThanOrEqual(1);
    expect(answer.scores).toEqual({ rust: expect.any(Number), go: expect.any(Number) });
    expect((answer.reasons as unknown[]).length).toBeGreaterThan(0);
    expect(answer.kb_version).toEqual(expect.any(String));
  });

  it('ask --json --batch prints one JSON line per case, with its id, and flags a broken line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-batch-'));
    const file = join(dir, 'cases.jsonl');
    writeFileSync(file, ['{"id":"a","question":"Rust or Go for a CLI tool?"}', 'not json', '{"id":7,"question":"Go or Rust for a Kubernetes operator?"}', ''].join('\n'));
    const { result } = cli(['ask', '--json', '--batch', file]);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['a', null, 7]);
    expect(lines[0]!.recommendation).toEqual(expect.any(String));
    expect(lines[1]).toMatchObject({ line: 2, error: expect.any(String) });
    expect(result.status).toBe(1);
  });

  it('ask --batch with a file that is not there says so and exits 2, with no stack trace', () => {
    const { result } = cli(['ask', '--json', '--batch', join(tmpdir(), 'rustvsgo-no-such-batch.jsonl')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('cannot read the --batch file');
    expect(result.stderr).toContain('ENOENT');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('a reader that closes the pipe early (rustvsgo help | head -1) ends it quietly, exit 0, no EPIPE trace', async () => {
    const child = spawnEntry('src/cli/main.ts', ['help'], { cwd: tmpdir(), env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // The read end goes away before the help is written, as `head` does once it has its lines.
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(stderr).not.toContain('EPIPE');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(0);
  });

  it('lookup prints sourced facts as text', () => {
    const { result } = cli(['lookup', 'gc pauses']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/https:\/\//);
  });

  it('help prints usage and an unknown command exits 2 with usage on stderr', () => {
    // Run from a clone (not the installed bin), the examples use the npm form that works there.
    expect(cli(['help']).result.stdout).toContain('npm run --silent rustvsgo -- ask');
    const { result } = cli(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
    expect(result.stdout).toBe('');
  });

  it.each([
    // [argv, exit code, stream that holds the text, text]
    [[], 0, 'stdout', 'Usage: rustvsgo [options] [command]'],
    [['--version'], 0, 'stdout', /^rustvsgo \d+\.\d+\.\d+\n$/],
    [['help', 'ask'], 0, 'stdout', '--batch <file>'],
    [['digest', 'preview', '--help'], 0, 'stdout', '--chart <file.png>'],
    [['ask', '--frob', 'x'], 2, 'stderr', "rustvsgo: unknown option '--frob'"],
    [['digest'], 2, 'stderr', 'Usage: rustvsgo digest'],
  ] as const)('rustvsgo %j exits %i with the help, version or mistake on %s', (args, status, stream, text) => {
    const { result } = cli([...args]);
    expect(result.status).toBe(status);
    if (typeof text === 'string') expect(result[stream]).toContain(text);
    else expect(result[stream]).toMatch(text);
    expect(result[stream === 'stdout' ? 'stderr' : 'stdout']).toBe('');
  });

  it('ask without a question says what to do and exits 2', () => {
    const { result } = cli(['ask', '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('give a question');
  });
});
