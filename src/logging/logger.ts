// pino, JSON in production and readable in a terminal. Secrets are redacted by path, and every known
// secret value is also scrubbed from messages, so a token pasted into an error string never reaches a log.
import pino, { type Logger } from 'pino';
import { SECRET_VARIABLES, type Config } from '../config/env.ts';
import { stderrDestination } from './stderr-destination.ts';

const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-slack-signature"]',
  'botToken',
  '*.botToken',
  'clientSecret',
  '*.clientSecret',
  ...SECRET_VARIABLES,
  ...SECRET_VARIABLES.map((v) => `*.${v}`),
];

export interface LoggerOptions {
  /** Where logs go; defaults to stderr so stdout stays clean for CLI output and piped shell replies. */
  destination?: pino.DestinationStream;
}

export function createLogger(config: Config, options: LoggerOptions = {}): Logger {
  const secrets = SECRET_VARIABLES.map((name) => config[name]).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stderr.isTTY && config.NODE_ENV !== 'production');
  const base: pino.LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrub(a, secrets) : a)) as Parameters<typeof method>);
      },
    },
    formatters: {
      log: (object) => scrubObject(object, secrets),
    },
    // Serializers run after formatters, so an error's message and stack are scrubbed here.
    serializers: {
      err: (error: Error) => scrubObject(pino.stdSerializers.err(error) as unknown as Record<string, unknown>, secrets),
    },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss' } } });
  }
  return pino(base, stderrDestination());
}

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

function scrubObject(object: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  if (secrets.length === 0) return object;
  const json = JSON.stringify(object);
  if (!secrets.some((s) => json.includes(s))) return object;
  return JSON.parse(scrub(json, secrets)) as Record<string, unknown>;
}
