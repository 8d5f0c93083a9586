// The bot as `npm start` runs it (src/main.ts through tsx) in a child process on a free loopback port, for tests
// about what ends (or must not end) the process. Its stderr (JSON logs) is kept for assertions.
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cleanEnv, spawnEntry, projectRoot } from '../../helpers/run-entry.ts';

export interface BotProcess {
  child: ChildProcess;
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

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const child = spawnEntry('src/main.ts', [], {
    cwd: projectRoot,
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', LOG_FORMAT: 'json', DIGEST_ENABLED: 'false', ...env }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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
    if (Date.now() > deadline) throw new Error(`bot did not start: ${logs}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    baseUrl,
    logs: () => logs,
    exited: () => exit,
    async stop() {
      if (exit === null) child.kill('SIGKILL');
      await ended;
    },
  };
}
