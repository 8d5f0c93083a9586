// `npm start` signalled the way a process manager does: SIGTERM (or SIGINT) to the whole process group, which
// holds npm, the bot and its shutdown watchdog. Nothing may be left afterwards, within the shutdown timeout
// plus the watchdog's margin. The hard case: the bot answered a flood of commands into a stdout and stderr that
// nobody reads any more (a process manager going away), so its main thread is blocked writing to a full pipe
// and no JavaScript (signal handler, shutdown timer) can run; before the watchdog, such bots stayed up for hours.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.ts';
import { cleanEnv, projectRoot } from '../helpers/run-entry.ts';

const SHUTDOWN_TIMEOUT_MS = 2_000;
/** The timeout, the watchdog's margin (2 s) and its polling, with room for a busy machine. */
const NOTHING_LEFT_WITHIN_MS = SHUTDOWN_TIMEOUT_MS + 2_000 + 8_000;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGoneWithin(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!groupAlive(pgid)) return true;
    await sleep(100);
  }
  return !groupAlive(pgid);
}

/** `npm start` as the leader of a new process group, its shell reading our stdin. */
function npmStart() {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-signals-'));
  const env = cleanEnv({ DATABASE_URL: `sqlite:${join(cwd, 'bot.db')}`, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), LOG_LEVEL: 'debug' });
  const child = spawn('npm', ['start', '--prefix', projectRoot, '--silent'], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  /** The bot's own pid, from its start-up log line. */
  const botPid = () => Number(/"pid":(\d+)[^\n]*"msg":"rustvsgo started"/.exec(stderr)?.[1]);
  const replied = async () => {
    for (let i = 0; i < 600 && !stdout.includes('rustvsgo: Rust or Go'); i++) await sleep(100);
    return stdout.includes('rustvsgo: Rust or Go');
  };
  return { child, pgid: child.pid!, replied, botPid };
}

describe('npm start under a process manager', { timeout: 180_000 }, () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to the process group after a reply leaves nothing behind', async (signal) => {
    const { child, pgid, replied } = npmStart();
    child.stdin.write('/rustvsgo help\n');
    expect(await replied()).toBe(true);
    process.kill(-pgid, signal);
    expect(await groupGoneWithin(pgid, NOTHING_LEFT_WITHIN_MS)).toBe(true);
  });

  // `kill <npm's pid>` as a person does it. npm forwards SIGTERM/SIGINT to its script's `sh -c`, which used to die
  // (SIGTERM) or wait (SIGINT) without passing it on, leaving the bot running under init with its stdin still open;
  // the script now execs node. (SIGKILL forwards nothing: tests/core/orphan-watch.test.ts.)
  it.each(['SIGTERM', 'SIGINT'] as const)('%s to npm alone (not its group) stops the bot too', async (signal) => {
    const { child, pgid, replied, botPid } = npmStart();
    child.stdin.write('/rustvsgo help\n');
    expect(await replied()).toBe(true);
    const bot = botPid();
    expect(bot).toBeGreaterThan(0);
    process.kill(child.pid!, signal);
    const gone = await groupGoneWithin(pgid, NOTHING_LEFT_WITHIN_MS);
    if (!gone) process.kill(-pgid, 'SIGKILL');
    expect(gone, `bot ${bot} still running after ${signal} to npm`).toBe(true);
    child.stdin.destroy();
  });

  it('SIGTERM to the group while the bot is blocked writing to pipes nobody reads, three runs in a row', async () => {
    for (let run = 0; run < 3; run++) {
      const { child, pgid, replied } = npmStart();
      child.stdin.write('/rustvsgo help\n');
      expect(await replied()).toBe(true);
      // The reader goes away: stop reading both pipes, then flood the bot with commands whose replies (and debug
      // logs) fill them, so its writes block.
      child.stdout.pause();
      child.stderr.pause();
      child.stdout.removeAllListeners('data');
      child.stdin.write('/rustvsgo help\n'.repeat(1500));
      await sleep(4_000);
      process.kill(-pgid, 'SIGTERM');
      const gone = await groupGoneWithin(pgid, NOTHING_LEFT_WITHIN_MS);
      if (!gone) process.kill(-pgid, 'SIGKILL');
      expect(gone, `run ${run + 1}: processes left in group ${pgid}`).toBe(true);
      child.stdout.destroy();
      child.stderr.destroy();
    }
  });
});
