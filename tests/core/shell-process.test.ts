// The shell adapter driven through a real child process with piped stdin, as `printf ... | npm start` runs it.
import { mkdtempSync } from 'node:fs';
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
