// Issue 11, item 5 in the shell: an answer with follow-up options lists them as a numbered choice, and typing
// "1" or "2" next re-asks that option. Driven through the real shell adapter with piped (non-terminal) streams,
// and the hand-built advice of fixtureAskCommand; the condensed/--full default through a child process.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createShellAdapter, followUpChoice } from '../../src/adapters/shell/shell-adapter.ts';
import { commands } from '../../src/commands/index.ts';
import type { Services } from '../../src/core/services.ts';
import { fixtureAskCommand } from '../helpers/advice-fixtures.ts';
import { cleanEnv, runEntrySync } from '../helpers/run-entry.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { terminalVisibleChars } from '../helpers/visible-chars.ts';

let services: Services;
beforeEach(async () => {
  services = await createTestServices();
});
afterEach(async () => {
  await services.store.close();
});

async function shell(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const adapter = createShellAdapter({ input, output, services, commands: commands.map((c) => (c.name === 'ask' ? fixtureAskCommand : c)) });
  await adapter.start();
  input.end(lines.map((l) => `${l}\n`).join(''));
  await adapter.finished;
  return text;
}

describe('follow-up options in the shell', () => {
  it('given an answer with options then they are numbered, and "1" re-asks the first one', async () => {
    const out = await shell(['Rust or Go for a rate limiter?', '1']);
    expect(out).toContain('Go · confidence 0.52 (low) · Rust 70 / Go 71');
    expect(out).toContain('  (1) Rust\n  (2) Go\nType 1-2 to answer and re-ask, or ask something else.');
    const second = out.indexOf('Rust · confidence 0.86 (high) · Rust 80 / Go 64');
    expect(second).toBeGreaterThan(out.indexOf('(2) Go'));
  });

  it('given "2" then the second option is re-asked, and a number with no options left is ordinary input', async () => {
    const out = await shell(['Rust or Go for a rate limiter?', '2', '1']);
    expect(out).toContain('Go · confidence 0.88 (high) · Rust 61 / Go 78');
    // The settled answer has no options, so "1" went to the command parser like any other line.
    expect(out).toContain('Unknown command "1"');
  });

  it('given a number outside the options then it says which numbers work and keeps the options', async () => {
    const out = await shell(['Rust or Go for a rate limiter?', '7', '2']);
    expect(out).toContain('Type a number from 1 to 2 to pick an option, or ask a new question.');
    expect(out).toContain('Go · confidence 0.88 (high)');
  });

  it('reads a choice only as a bare number', () => {
    const options = [{ kind: 'follow_up' as const, label: 'Rust', command: 'ask a' }];
    expect(followUpChoice('1', options)).toEqual({ kind: 'picked', command: 'ask a' });
    expect(followUpChoice('1 more', options)).toEqual({ kind: 'none' });
    expect(followUpChoice('1', [])).toEqual({ kind: 'none' });
    expect(followUpChoice('0', options)).toEqual({ kind: 'out_of_range' });
  });
});

describe('condensed by default, --full for the rest', () => {
  const run = (entry: string, args: string[], input?: string) => {
    const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-full-'));
    return runEntrySync(entry, args, { cwd, env: cleanEnv(), ...(input === undefined ? {} : { input }) });
  };

  it('given the CLI then ask is condensed (<= 1,000 visible characters) and ask --full has score bars and every section', () => {
    const short = run('src/cli/main.ts', ['ask', 'Rust or Go for an edge gateway?']);
    const full = run('src/cli/main.ts', ['ask', '--full', 'Rust or Go for an edge gateway?']);
    expect(short.status).toBe(0);
    expect(full.status).toBe(0);
    expect(short.stdout.split('\n')[0]).toMatch(/^Rust · confidence 0\.\d\d \((high|medium|low)\) · Rust \d+ \/ Go \d+$/);
    expect(terminalVisibleChars(short.stdout)).toBeLessThanOrEqual(1000);
    expect(short.stdout).not.toContain('█');
    expect(full.stdout.split('\n')[0]).toMatch(/^Rust · confidence 0\.\d\d \((high|medium|low)\)$/);
    expect(full.stdout).toContain('█');
    expect(full.stdout).toContain('Trade-off (the case for Go)');
    expect(full.stdout.length).toBeGreaterThan(short.stdout.length);
  });

  it('given the shell over piped stdin then "/rustvsgo ask --full" gives the full answer', () => {
    const result = run('src/main.ts', [], '/rustvsgo Rust or Go for an edge gateway?\n/rustvsgo ask --full Rust or Go for an edge gateway?\n');
    expect(result.status).toBe(0);
    const titles = result.stdout.split('\n').filter((l) => l.startsWith('Rust · confidence'));
    expect(titles).toHaveLength(2);
    expect(titles[0]).toMatch(/ · Rust \d+ \/ Go \d+$/);
    expect(titles[1]).not.toMatch(/ · Rust \d+ \/ Go \d+$/);
  });
});
