// Bolt's Logger interface on top of the project's pino logger, so Bolt's own messages get the same format and
// secret redaction as everything else. The level is pino's; Bolt's setLevel is ignored.
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    const error = parts.find((p): p is Error => p instanceof Error);
    const message = parts
      .filter((p) => p !== error)
      .map((p) => (typeof p === 'string' ? p : safeJson(p)))
      .join(' ');
    if (error) log[level]({ err: error }, message || error.message);
    else log[level](message);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => undefined,
    getLevel: () => {
      const level = log.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => undefined,
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
