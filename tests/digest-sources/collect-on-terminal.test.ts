// `rustvsgo digest collect` with every source unreachable, as a person runs it on a terminal (a pseudo-terminal
// from util-linux `script`): one line per failed source, not a warning per request (about fifty when offline).
// Logs a machine reads keep every warning: stderr piped, or a LOG_LEVEL the person set.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, entryPath, projectRoot, spawnEntry } from '../helpers/run-entry.ts';
import { worldEnv } from './support/two-week-world.ts';

const tsxLoader = join(projectRoot, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
const SOURCES = ['crates.io', 'github', 'go-blog', 'go.dev', 'osv.dev', 'proxy.golang.org', 'rust-blog', 'this-week-in-rust'];
const ARGS = ['digest', 'collect', '--now', '2026-12-01T09:00:00Z'];

/** A loopback port nothing listens on: every source request is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-collect-tty-'));
  env = cleanEnv({ ...worldEnv(`http://127.0.0.1:${await closedPort()}`), DATABASE_URL: `sqlite:${join(dir, 'digest.db')}`, TERM: 'xterm' });
  delete env.LOG_LEVEL;
});

/** The CLI under `script`: stdout and stderr are both the terminal; resolves with the screen. */
function runOnPty(extraEnv: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, '--import', tsxLoader, entryPath('src/cli/main.ts'), ...ARGS].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: projectRoot, env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(screen));
  });
}

function runPiped(): Promise<{ stdout: string; stderr: string }> {
  const child = spawnEntry('src/cli/main.ts', ARGS, { cwd: projectRoot, env });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', () => resolve({ stdout, stderr })));
}

const ESC = '\u001b';
const withoutEscapes = (text: string) => text.replace(new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g'), '');

describe('digest collect with every source down', { timeout: 90_000 }, () => {
  it('on a terminal prints one line per failed source and no request warnings', async () => {
    const lines = withoutEscapes(await runOnPty()).split(/\r?\n/).filter((line) => line.trim() !== '');
    for (const source of SOURCES) {
      expect(lines.filter((line) => line.startsWith(`  ${source}: `)), source).toHaveLength(1);
    }
    expect(lines.join('\n')).not.toMatch(/request failed|WARN|"level"/);
    expect(lines.at(-1)).toMatch(/^rustvsgo digest: every source failed, nothing was collected: crates\.io/);
    // The summary header, the source lines and the closing line: nothing else.
    expect(lines).toHaveLength(SOURCES.length + 2);
  });

  it('keeps every request warning when the person set LOG_LEVEL', async () => {
    const screen = withoutEscapes(await runOnPty({ LOG_LEVEL: 'warn' }));
    expect(screen.match(/digest source request failed/g)?.length ?? 0).toBeGreaterThan(SOURCES.length);
  });

  it('keeps every request warning as JSON when stderr is not a terminal', async () => {
    const { stderr } = await runPiped();
    const warnings = stderr.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string });
    expect(warnings.filter((w) => w.msg === 'digest source request failed').length).toBeGreaterThan(SOURCES.length);
  });
});
