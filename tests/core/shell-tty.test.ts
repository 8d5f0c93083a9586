// The shell on a real pseudo-terminal (util-linux `script`), as a person runs `npm start`: piped output hid
// both bugs here. Bold was painted before links were converted, so the link pattern ate the `[` of the escape
// code (`ESC 1msafety` on screen); and the async "rustvsgo started" log line landed after the prompt.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, entryPath, projectRoot } from '../helpers/run-entry.ts';

const QUESTION = '/rustvsgo Rust or Go for an edge gateway?';
const tsxLoader = join(projectRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');

/** Runs the shell under `script`, types the question once the prompt shows, then `exit`; resolves with the screen. */
function runOnPty(env: NodeJS.ProcessEnv): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-tty-'));
  const command = `'${process.execPath}' --import '${tsxLoader}' '${entryPath('src/main.ts')}'`;
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let asked = false;
  let exited = false;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!asked && screen.includes('rustvsgo> ')) {
        asked = true;
        child.stdin.write(`${QUESTION}\r`);
      }
      // The answer ends with its sources; then the prompt comes back.
      if (asked && !exited && /Sources[\s\S]*rustvsgo> /.test(screen)) {
        exited = true;
        child.stdin.write('exit\r');
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve(screen));
  });
}

/** The screen without the escape codes a terminal interprets: SGR colours and readline's cursor moves. */
const ESC = '\u001b';
const CSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
const withoutEscapes = (text: string) => text.replace(CSI, '');

describe('the interactive shell on a pseudo-terminal', { timeout: 90_000 }, () => {
  it('renders the answer with well-formed escape codes and no log on the prompt', async () => {
    const env = cleanEnv({ DATABASE_URL: 'sqlite::memory:', TERM: 'xterm' });
    delete env.LOG_LEVEL;
    const screen = await runOnPty(env);
    // The verdict headline (issue 11's condensed answer), bold on the terminal.
    expect(screen).toMatch(new RegExp(`${ESC}\\[1mRust · confidence 0\\.\\d\\d \\((high|medium|low)\\)`));
    // Bold reasons are intact escapes, and the link text survives.
    expect(screen).toContain(`${ESC}[1msafety${ESC}[0m`);
    expect(screen).toContain('Firecracker');
    const plain = withoutEscapes(screen);
    expect(plain).not.toContain(ESC);
    expect(plain).not.toMatch(/\[\d+m/);
    // Nothing written after a prompt except what was typed.
    for (const line of plain.split('\n').filter((l) => l.includes('rustvsgo> '))) {
      expect(line.trim()).toMatch(/^rustvsgo>( \/rustvsgo Rust or Go for an edge gateway\?| exit)?$/);
    }
    expect(plain).not.toMatch(/INFO|"level"/);
  });
});
