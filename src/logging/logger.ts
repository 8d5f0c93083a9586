// pino, JSON in production and readable in a terminal. Secrets are redacted by path, and every known
// secret value is also scrubbed from messages, so a token pasted into an error string never reaches a log.
// Credentials that are not configuration but arrive with requests are scrubbed by shape (CREDENTIAL_PATTERNS):
// Discord interaction tokens and webhook URLs (discord.js puts them in a REST error's `url`), Slack response URLs
// and Slack tokens.
import { createRequire } from 'node:module';
import pino, { type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
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
    // In this thread, not as a pino transport: a transport starts a worker thread (tens of ms and MBs before the
    // prompt) for the few lines a terminal shows, and pino stays bundled (a transport needs pino's files on disk).
    // pino-pretty loads only here, for a terminal (it is left out of the bundle, scripts/build.mjs).
    const prettyStream = loadPinoPretty()({ destination: 2, colorize: true, translateTime: 'SYS:HH:MM:ss', sync: true });
    return pino(base, prettyStream);
  }
  return pino(base, stderrDestination());
}

const loadPinoPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

/**
 * Credentials recognised by their shape. A Discord interaction token lets its holder post as the bot for 15
 * minutes; a webhook URL's token does forever; a Slack response URL can post for 30 minutes. Ids stay readable.
 */
const CREDENTIAL_PATTERNS: readonly [RegExp, string][] = [
  // /webhooks/<application or webhook id>/<token>[/...]: interaction follow-ups and channel webhooks.
  [/(\/webhooks\/\d+\/)[A-Za-z0-9_\-.]+/g, '$1[redacted]'],
  // /interactions/<id>/<token>/callback: the initial interaction response.
  [/(\/interactions\/\d+\/)[A-Za-z0-9_\-.]+/g, '$1[redacted]'],
  // Slack response URLs and incoming webhooks.
  [/(hooks\.slack\.com\/[a-z]+\/)[^\s"'\\]+/g, '$1[redacted]'],
  // Slack tokens (bot, user, app, refresh, configuration).
  [/\bxox[abpre]-[A-Za-z0-9-]+/g, '[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, '[redacted]'],
];

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function scrubObject(object: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  // Errors are left whole for the err serializer (which scrubs them itself): a JSON round trip would keep only
  // their enumerable fields and lose message and stack.
  const errors = Object.entries(object).filter(([, value]) => value instanceof Error);
  const rest = errors.length === 0 ? object : Object.fromEntries(Object.entries(object).filter(([, value]) => !(value instanceof Error)));
  const json = JSON.stringify(rest);
  if (json === undefined) return object;
  const scrubbed = scrub(json, secrets);
  if (scrubbed === json) return object;
  return { ...(JSON.parse(scrubbed) as Record<string, unknown>), ...Object.fromEntries(errors) };
}
