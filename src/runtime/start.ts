// Starts the bot: every platform adapter whose credentials are set (several can run in one process), or the
// terminal shell when none is. Stops cleanly on SIGINT/SIGTERM within SHUTDOWN_TIMEOUT_MS, and when the npm script
// that started it is gone (orphan-watch.ts).
import type { Logger } from 'pino';
import type { Adapter } from '../adapters/adapter.ts';
import { createShellAdapter } from '../adapters/shell/shell-adapter.ts';
import { commands } from '../commands/index.ts';
import type { Config } from '../config/env.ts';
import { anyPlatformRuns, configuredPlatforms } from '../config/platforms.ts';
import { assertPlatformCredentials } from '../config/platform-credentials.ts';
import type { Services } from '../core/services.ts';
import type { DigestScheduler } from '../digest/scheduler.ts';
import type { HttpServer } from '../http/server.ts';
import { createServices } from './create-services.ts';
import { watchForOrphaning } from './orphan-watch.ts';
import { startShutdownWatchdog, type ShutdownWatchdog } from './shutdown-watchdog.ts';

export interface RunningBot {
  services: Services;
  adapters: Adapter[];
  http?: HttpServer;
  /** The port the HTTP server listens on, when one runs. */
  port?: number;
  /** The weekly digest scheduler, when digests are enabled and a platform can post. */
  digest?: DigestScheduler;
  /** Settles when the bot has stopped (shell end of input, or a signal). */
  stopped: Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Install SIGINT/SIGTERM handlers (the real process does; tests don't). */
  handleSignals?: boolean;
}

export async function startBot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningBot> {
  // Before anything is opened: half-set credentials (or production with none) stop start-up with exit code 2.
  assertPlatformCredentials(config);
  const platforms = configuredPlatforms(config);
  const adapters: Adapter[] = [];
  const needsHttp = anyPlatformRuns(platforms);
  // Health and metrics ride on the same server; the shell alone opens no port unless HTTP_SERVER=always (and then
  // does not even load the HTTP module).
  const serveHttp = needsHttp || config.HTTP_SERVER === 'always';
  const http = serveHttp ? (await import('../http/server.ts')).createHttpServer(logger) : undefined;
  // The terminal shell alone (no port, no platform) opens the database on the first command that needs it, and has
  // no metrics or rate limits to serve (both exist for HTTP and chat platforms): `help` loads neither (bench/startup.ts).
  const base = await createServices(config, logger, { openStore: serveHttp ? 'at-start' : 'on-first-use' });
  let services = base;
  if (http) {
    const { installOpsRoutes, withOps } = await import('../ops/install-ops.ts');
    const ops = withOps(base);
    services = ops.services;
    installOpsRoutes(services, ops.metrics, http, () => adapters);
  }

  // Platform adapters register here (each reads its own variables from config).
  // Imported only when configured: Bolt and discord.js are most of the shell's start-up time otherwise (bench/startup.ts).
  // A configured platform always means an HTTP server (needsHttp above).
  if (platforms.slack && http) {
    const { createSlackAdapter } = await import('../adapters/slack/slack-adapter.ts');
    adapters.push(createSlackAdapter({ config, services, http, commands }));
  }
  if ((platforms.discordHttp || platforms.discordGateway) && http) {
    const { createDiscordAdapters } = await import('../adapters/discord/discord-adapters.ts');
    adapters.push(...createDiscordAdapters({ services, commands, http }));
  }

  if (adapters.length === 0 && !needsHttp) {
    adapters.push(
      createShellAdapter({
        input: (options.input ?? process.stdin) as never,
        output: (options.output ?? process.stdout) as never,
        services,
        commands,
      }),
    );
  }

  let port: number | undefined;
  if (http) {
    port = await http.listen(config.PORT, config.HOST);
    logger.info({ port }, 'http server listening');
  }
  for (const adapter of adapters) await adapter.start();
  // The advisor's lexicon and language model (wink-nlp, ~0.3-1 s) load on first use. A server, or a person at the
  // prompt, has time to spare now; a piped script asking for `help` should not pay for them.
  const interactive = Boolean((options.input ?? process.stdin as { isTTY?: boolean }).isTTY);
  const warmAdvisor = async () => {
    const [{ compileKb }, { warmClauses }] = await Promise.all([import('../advisor/compiled-kb.ts'), import('../advisor/clauses.ts')]);
    compileKb(services.knowledge);
    warmClauses();
  };
  if (adapters.some((a) => a.name !== 'shell') || interactive) {
    setImmediate(() => void warmAdvisor().catch((error: unknown) => logger.warn({ err: error }, 'advisor warm-up failed'))).unref();
  }
  logger.info({ adapters: adapters.map((a) => a.name), database: services.store.kind }, 'rustvsgo started');
  // Weekly digests: scheduled rounds plus a catch-up round now (not awaited: a collection can take minutes).
  // The scheduler pulls in the platform posters (Bolt, discord.js); without any posting credential it would not run
  // anyway, so the terminal-only bot skips loading it.
  const mayPost = platforms.canPost.slack || platforms.canPost.discord;
  const digestScheduler = mayPost
    ? (await import('../digest/scheduler.ts')).digestSchedulerFor(services, await (await import('./digest-posters.ts')).postersForServices(services))
    : undefined;
  void digestScheduler?.start().catch((error: unknown) => logger.error({ err: error }, 'digest scheduler failed to start'));

  let stopping: Promise<void> | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  // The real process (not tests) gets a deadline that a blocked main thread cannot stop (shutdown-watchdog.ts).
  const watchdog: ShutdownWatchdog | undefined = options.handleSignals ? startShutdownWatchdog(config.SHUTDOWN_TIMEOUT_MS) : undefined;
  const stop = () =>
    (stopping ??= (async () => {
      watchdog?.arm();
      const startedAt = Date.now();
      let timedOut = false;
      const deadline = new Promise<void>((resolve) =>
        setTimeout(() => {
          timedOut = true;
          resolve();
        }, config.SHUTDOWN_TIMEOUT_MS).unref(),
      );
      await Promise.race([
        (async () => {
          // Stop taking work everywhere at once (no new schedule rounds, events or connections), and wait for
          // what is in flight: the current digest round, handlers, open HTTP requests. The database goes last.
          await Promise.allSettled([digestScheduler?.stop(), ...adapters.map((a) => a.stop()), http?.close()]);
          await services.store.close();
        })().catch((error: unknown) => logger.error({ err: error }, 'shutdown step failed')),
        deadline,
      ]);
      // Past the deadline, unfinished deliveries keep their ledger claims; another replica takes them over once
      // the claims expire and finds any message already posted, so exiting now cannot double-post.
      if (timedOut) logger.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting with work in flight');
      else logger.info({ ms: Date.now() - startedAt }, 'stopped');
      resolveStopped();
    })());

  if (options.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        // Armed before anything else, logging included: a log write is what can block.
        watchdog?.arm();
        logger.info({ signal }, 'shutting down');
        void stop();
      });
    }
    // npm signalled alone leaves the bot without its parent (orphan-watch.ts): stop as if signalled.
    const endOrphanWatch = watchForOrphaning(() => {
      watchdog?.arm();
      logger.info('the npm script that started the bot is gone; shutting down');
      void stop();
    });
    void stopped.then(endOrphanWatch);
  }
  // The shell ends at end of input; a piped script then exits 0.
  const shell = adapters.find((a) => a.finished);
  if (shell?.finished && adapters.length === 1) void shell.finished.then(() => stop());

  return { services, adapters, http, port, digest: digestScheduler, stopped, stop };
}
