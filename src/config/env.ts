// Every environment variable the bot reads, in one zod schema. `.env.example` documents each with its default.
// Invalid values stop start-up (exit code 2) with one message naming each variable; secret values never appear.
import { z } from 'zod';

const optionalSecret = z.string().min(1).optional();
const url = z.url({ protocol: /^https?$/ });
const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:\/\/|postgresql:\/\/)/, 'a sqlite:<path> or postgres://... URL')
    .default('sqlite:./data/rustvsgo.db'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // auto: serve HTTP only when a platform adapter is configured; always: also beside the shell (health/metrics).
  HTTP_SERVER: z.enum(['auto', 'always']).default('auto'),

  SLACK_BOT_TOKEN: optionalSecret,
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: optionalSecret,
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: optionalSecret,
  SLACK_STATE_SECRET: optionalSecret,
  // AES-256-GCM key sealing stored OAuth installations (32 bytes, hex or base64); _PREVIOUS: comma-separated old keys.
  SLACK_TOKEN_ENCRYPTION_KEY: optionalSecret,
  SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS: optionalSecret,
  SLACK_API_URL: url.default('https://slack.com/api/'),
  // Opt-in: after a crash between posting a digest and recording it, read channel history to find it (needs the
  // channels:history and groups:history scopes). Off: the ledger's recorded ts only (docs/slack.md, trade-off).
  SLACK_DIGEST_HISTORY_CHECK: flag.default(false),
  SETTINGS_ACCESS: z.enum(['everyone', 'admins', 'listed']).default('admins'),
  SETTINGS_USER_IDS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),

  DISCORD_TOKEN: optionalSecret,
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'a 64-character hex Ed25519 public key').optional(),
  DISCORD_APPLICATION_ID: z.string().regex(/^\d+$/, 'a numeric application id').optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/, 'a numeric guild id').optional(),
  DISCORD_API_URL: url.default('https://discord.com/api'),

  GITHUB_TOKEN: optionalSecret,
  GITHUB_API_URL: url.default('https://api.github.com'),
  CRATES_IO_URL: url.default('https://crates.io'),
  GOPROXY_URL: url.default('https://proxy.golang.org'),
  GO_DEV_URL: url.default('https://go.dev'),
  OSV_API_URL: url.default('https://api.osv.dev'),
  RUST_BLOG_FEED_URL: url.default('https://blog.rust-lang.org/feed.xml'),
  GO_BLOG_FEED_URL: url.default('https://go.dev/blog/feed.atom'),
  TWIR_FEED_URL: url.default('https://this-week-in-rust.org/rss.xml'),
  SOURCE_TIMEOUT_MS: positiveInt.default(10_000),

  DIGEST_ENABLED: flag.default(true),
  DIGEST_DEFAULT_DAY: z
    .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
    .default('monday'),
  DIGEST_DEFAULT_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM').default('09:00'),
  DIGEST_DEFAULT_TIMEZONE: z
    .string()
    .refine((tz) => isTimeZone(tz), 'an IANA time zone such as Europe/Berlin')
    .default('UTC'),

  METRICS_TOKEN: optionalSecret,
  RATE_LIMIT_USER_PER_MINUTE: positiveInt.default(20),
  RATE_LIMIT_CHANNEL_PER_MINUTE: positiveInt.default(60),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
});

export type Config = z.infer<typeof envSchema>;

// Services (src/core/services.ts) carry the Config; the core declares an empty slot so it need not import this
// module, and this fills it in.
declare module '../core/services.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges Config into the core's slot
  interface ServicesSettings extends Config {}
}

/** Variables whose values must never be printed. */
export const SECRET_VARIABLES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_TOKEN_ENCRYPTION_KEY',
  'SLACK_TOKEN_ENCRYPTION_KEY_PREVIOUS',
  'DISCORD_TOKEN',
  'GITHUB_TOKEN',
  'METRICS_TOKEN',
] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The environment read as configuration, with every problem in it: see readConfig. */
export interface ConfigReading {
  /** The configuration, each invalid variable at its default (so later checks can still run on the rest). */
  config: Config;
  /** One message per invalid variable; empty when every variable is valid. */
  problems: string[];
}

/**
 * Validates the environment. Empty strings count as unset, so a blank line in .env means "use the default".
 * Error messages name the variable and what it expects, never the value (it may be a secret).
 */
export function readConfig(env: NodeJS.ProcessEnv): ConfigReading {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(present);
  if (result.success) return { config: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    return `${name}: expected ${expectation(issue)}`;
  });
  const invalid = new Set(result.error.issues.map((issue) => String(issue.path[0])));
  const valid = Object.fromEntries(Object.entries(present).filter(([name]) => !invalid.has(name)));
  return { config: envSchema.parse(valid), problems: [...new Set(problems)] };
}

/** The configuration, or a ConfigError naming every invalid variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const { config, problems } = readConfig(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'an http(s) URL';
  if (issue.code === 'too_small' || issue.code === 'too_big') return `a number in range (${issue.message})`;
  if (issue.code === 'invalid_type') return `a ${issue.expected}`;
  return issue.message;
}

