// The interactive shell holds logs below `warn` unless LOG_LEVEL is set (in the environment or .env).
// Why: a person at the `rustvsgo>` prompt gets the shell's own banner as the start-up signal; info lines
// ("rustvsgo started", "stopped") are for operators of a running service, and pino writes them asynchronously,
// so they would land on the prompt, in the middle of what is being typed. Warnings and errors still show.
// Piped input (scripts), HTTP and platform adapters keep the configured level.
import type { Config } from '../config/env.ts';
import { anyPlatformRuns, configuredPlatforms } from '../config/platforms.ts';

export interface TerminalStreams {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
}

/** True when start-up will open the shell's prompt on a terminal (no platform adapter, no HTTP server). */
function opensInteractiveShell(config: Config, streams: TerminalStreams): boolean {
  return !anyPlatformRuns(configuredPlatforms(config)) && config.HTTP_SERVER === 'auto' && Boolean(streams.stdin.isTTY && streams.stdout.isTTY);
}

/** The config to build the logger from: LOG_LEVEL raised to `warn` for the interactive shell when it was not set. */
export function withTerminalLogLevel(config: Config, env: NodeJS.ProcessEnv, streams: TerminalStreams): Config {
  const levelWasSet = Boolean(env.LOG_LEVEL?.trim());
  if (levelWasSet || !opensInteractiveShell(config, streams)) return config;
  return { ...config, LOG_LEVEL: config.LOG_LEVEL === 'error' || config.LOG_LEVEL === 'fatal' || config.LOG_LEVEL === 'silent' ? config.LOG_LEVEL : 'warn' };
}
