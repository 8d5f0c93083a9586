// Ctrl-L in the interactive shell, on a real pseudo-terminal (util-linux `script`) as a person runs `npm start`:
// the whole display is erased (cursor home, ESC[2J, what `clear` and bash send), and the prompt comes back at the
// top with what was being typed, ready to go on.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, entryPath, projectRoot } from '../helpers/run-entry.ts';

const tsxLoader = join(projectRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const ESC = '\u001b';
const CTRL_L = '\u000c';
const CTRL_U = '\u0015';

/** Types `lookup gc` at the prompt, presses Ctrl-L, then erases the line and exits; resolves with the screen after Ctrl-L. */
function clearOnPty(): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-ctrl-l-'));
  const env = cleanEnv({ DATABASE_URL: 'sqlite::memory:', TERM: 'xterm' });
  delete env.LOG_LEVEL;
  const command = `'${process.execPath}' --import '${tsxLoader}' '${entryPath('src/main.ts')}'`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let afterClear = -1;
  let step = 0;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (step === 0 && screen.includes('rustvsgo> ')) {
        step = 1;
        child.stdin.write('lookup gc');
      } else if (step === 1 && screen.endsWith('lookup gc')) {
        step = 2;
        afterClear = screen.length;
        child.stdin.write(CTRL_L);
      } else if (step === 2 && /rustvsgo> lookup gc/.test(screen.slice(afterClear))) {
        step = 3;
        child.stdin.write(`${CTRL_U}exit\r`);
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(afterClear < 0 ? '' : screen.slice(afterClear)));
  });
}

describe('Ctrl-L in the interactive shell', { timeout: 90_000 }, () => {
  it('erases the whole display and redraws the prompt with the typed text', async () => {
    const screen = await clearOnPty();
    const erase = screen.indexOf(`${ESC}[H${ESC}[2J`);
    expect(erase).toBeGreaterThanOrEqual(0);
    // The prompt comes back after the erase, with what was typed, and the line is still being edited (no answer).
    expect(screen.slice(erase)).toMatch(/rustvsgo> lookup gc/);
    expect(screen).not.toContain('Lookup:');
  });
});
