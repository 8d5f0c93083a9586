// The shell adapter driven through a real child process with piped stdin, as `printf ... | npm start` runs it.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { cleanEnv, runEntrySync } from '../helpers/run-entry.ts';

function runShell(input: string) {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-shell-'));
  return runEntrySync('src/main.ts', [], { cwd, env: cleanEnv(), input });
}

describe('shell adapter over piped stdin', () => {
  it('prints help naming every command and exits 0 at end of input', () => {
    const result = runShell('/rustvsgo help\n');
    expect(result.status).toBe(0);
    for (const spec of commands) expect(result.stdout).toContain(`/rustvsgo ${spec.name}`);
    expect(result.stdout).not.toContain("\u001b["); // no colour when not a terminal
  });

  it('answers one reply per line, in order, and survives bad lines', () => {
    const result = runShell('/rustvsgo hlep\n\n/rustvsgo help help\n');
    expect(result.status).toBe(0);
    const unknown = result.stdout.indexOf('Did you mean');
    const detail = result.stdout.indexOf('/rustvsgo help [command]');
    expect(unknown).toBeGreaterThanOrEqual(0);
    expect(detail).toBeGreaterThan(unknown);
  });
});

// The shell alone opens its database on the first command that needs it (src/store/deferred-store.ts): `help`
// creates no database file, and a command that saves settings creates it and keeps them for the next run.
describe('the shell database, opened on first use', { timeout: 90_000 }, () => {
  it('help leaves no database file; a saved team profile creates it and is read back', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-lazy-store-'));
    const file = join(cwd, 'data', 'bot.db');
    const env = cleanEnv({ DATABASE_URL: `sqlite:${file}` });
    const help = runEntrySync('src/main.ts', [], { cwd, env, input: '/rustvsgo help\n' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('/rustvsgo team');
    expect(existsSync(file)).toBe(false);
    const saved = runEntrySync('src/main.ts', [], { cwd, env, input: '/rustvsgo team set rust=strong\n' });
    expect(saved.stdout).toContain('Team profile saved');
    expect(existsSync(file)).toBe(true);
    const read = runEntrySync('src/main.ts', [], { cwd, env, input: '/rustvsgo team\n' });
    expect(read.stdout).toContain('Rust: strong');
  });
});

// Hints name commands that work where they are printed: the shell takes `/rustvsgo ...` lines, and terminal
// commands are given in the `npm run` form a clone has (the bare `rustvsgo` bin needs `npm link`).
describe('command hints printed by the shell', { timeout: 90_000 }, () => {
  it('digest preview with no data names terminal commands that run, not a bare `rustvsgo digest collect`', () => {
    const result = runShell('/rustvsgo digest preview\n');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('No digest data yet');
    expect(result.stdout).not.toMatch(/(^|[^-] )rustvsgo digest (collect|preview)/m);
    const hinted = [...result.stdout.matchAll(/npm run --silent rustvsgo -- (digest [a-z -]+?)(?:,| then| shows)/g)].map((m) => m[1]!.trim());
    expect(hinted).toEqual(['digest collect', 'digest preview --demo']);
    const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-hint-'));
    const demo = runEntrySync('src/cli/main.ts', hinted[1]!.split(' '), { cwd, env: cleanEnv({ DATABASE_URL: 'sqlite::memory:' }) });
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain('demo');
  });

  it('the hint after a channel-only digest command runs in the shell as printed', () => {
    const first = runShell('/rustvsgo digest subscribe\n');
    const hint = /use (digest preview)\./.exec(first.stdout)?.[1];
    expect(hint).toBe('digest preview');
    const second = runShell(`${hint}\n`);
    expect(second.stdout).toContain('No digest data yet');
  });
});
