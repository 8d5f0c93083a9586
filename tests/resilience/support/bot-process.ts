// The bot (src/main.ts through tsx) in a child process on a free loopback port, for tests about what ends (or must
// not end) the process. Its stderr (JSON logs) is kept for assertions. The child leads its own process group, and
// stop() kills the whole group and waits until it is empty: the bot's shutdown watchdog is in it, and a bot left
// behind would keep serving (and ignoring the test run's end) after the suite.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cleanEnv, spawnEntry, projectRoot } from '../../helpers/run-entry.ts';

export interface BotProcess {
  child: ChildProcess;
  /** The process group the child leads (the bot and its watchdog). */
  group: number;
  baseUrl: string;
  logs(): string;
  /** Null while running; the exit code (or signal name) once it ended. */
  exited(): number | string | null;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True while any process of the group is alive. */
export function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Waits (up to 5 s) for the group to empty; what the kernel has not reaped by then is killed again and reported. */
async function groupGone(group: number): Promise<void> {
  for (let i = 0; i < 50 && groupAlive(group); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  if (groupAlive(group)) {
    killGroup(group);
    throw new Error(`process group ${group} outlived stop()`);
  }
}

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnEntry('src/main.ts', [], {
    cwd: projectRoot,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', DIGEST_ENABLED: 'false', ...env }),
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const group = child.pid!;
  let logs = '';
  let exit: number | string | null = null;
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString()));
  const ended = new Promise<void>((resolve) => child.on('exit', (code, signal) => ((exit = code ?? signal ?? 'unknown'), resolve())));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (exit !== null) throw new Error(`bot exited (${exit}) before serving: ${logs}`);
    const up = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) {
      killGroup(group);
      throw new Error(`bot did not start: ${logs}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    group,
    baseUrl,
    logs: () => logs,
    exited: () => exit,
    async stop() {
      killGroup(group);
      await ended;
      await groupGone(group);
    },
  };
}
