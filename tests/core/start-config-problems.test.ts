// A .env with several mistakes names all of them in one run (exit 2), instead of one per attempt: an invalid
// variable no longer hides half-set platform credentials or an unusable token encryption key behind it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/env.ts';
import { loadStartConfig } from '../../src/runtime/start-config.ts';
import { cleanEnv, runEntrySync } from '../helpers/run-entry.ts';

const SECRET = 'xoxb-several-mistakes-secret';
const DOT_ENV = ['PORT=abc', `SLACK_BOT_TOKEN=${SECRET}`, 'SLACK_TOKEN_ENCRYPTION_KEY=too-short', 'LOG_LEVEL=loud', ''].join('\n');

function dotEnvDir(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-dotenv-'));
  writeFileSync(join(dir, '.env'), text);
  return dir;
}

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('start-up configuration with several mistakes', () => {
  it('names every invalid variable, the half-set Slack credentials and the bad key at once', () => {
    const problems = problemsOf(() => loadStartConfig({}, join(dotEnvDir(DOT_ENV), '.env')));
    expect(problems).toEqual([
      expect.stringMatching(/^LOG_LEVEL: expected one of /),
      expect.stringMatching(/^PORT: expected a number/),
      expect.stringMatching(/^Slack: SLACK_BOT_TOKEN set but no way to receive events/),
      expect.stringMatching(/^SLACK_TOKEN_ENCRYPTION_KEY: expected a 32-byte key/),
    ]);
    expect(problems.join('\n')).not.toContain(SECRET);
  });

  it('still counts production with no platform once the variables are otherwise valid but one', () => {
    const problems = problemsOf(() => loadStartConfig({ NODE_ENV: 'production', PORT: '70000' }, join(dotEnvDir(''), '.env')));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT: /);
    expect(problems[1]).toMatch(/^NODE_ENV=production but no platform is configured/);
  });

  it('npm start prints them all and exits 2', { timeout: 60_000 }, () => {
    const cwd = dotEnvDir(DOT_ENV);
    const env = cleanEnv({ DATABASE_URL: 'sqlite::memory:' });
    delete env.LOG_LEVEL;
    const result = runEntrySync('src/main.ts', [], { cwd, env, input: '' });
    expect(result.status).toBe(2);
    for (const name of ['PORT', 'LOG_LEVEL', 'SLACK_SIGNING_SECRET', 'SLACK_TOKEN_ENCRYPTION_KEY']) expect(result.stderr).toContain(name);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
