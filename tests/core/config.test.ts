import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/env.ts';
import { configuredPlatforms } from '../../src/config/platforms.ts';
import { cleanEnv, runEntrySync } from '../helpers/run-entry.ts';

describe('parseConfig', () => {
  it('given an empty environment then every default applies', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ LOG_LEVEL: 'info', DATABASE_URL: 'sqlite:./data/rustvsgo.db', PORT: 3000, SLACK_API_URL: 'https://slack.com/api/' });
    expect(configuredPlatforms(config)).toMatchObject({ slack: false, discordGateway: false, discordHttp: false });
  });

  it('given blank values then they count as unset', () => {
    expect(parseConfig({ LOG_LEVEL: '  ', PORT: '' }).PORT).toBe(3000);
  });

  it('given several invalid values then one error names each variable and what it expects', () => {
    const error = (() => {
      try {
        parseConfig({ LOG_LEVEL: 'loud', PORT: 'eighty', SLACK_API_URL: 'ftp://x', DIGEST_DEFAULT_TIMEZONE: 'Mars/Olympus' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['LOG_LEVEL', 'PORT', 'SLACK_API_URL', 'DIGEST_DEFAULT_TIMEZONE']) expect(message).toContain(name);
    expect(message).toContain('one of fatal, error, warn, info, debug, trace, silent');
  });

  it('given an invalid secret then the error never shows its value', () => {
    const secret = 'not-a-hex-key-but-very-secret-value-1234567890';
    expect(() => parseConfig({ DISCORD_PUBLIC_KEY: secret })).toThrow(ConfigError);
    try {
      parseConfig({ DISCORD_PUBLIC_KEY: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
      expect((e as Error).message).toContain('DISCORD_PUBLIC_KEY');
    }
  });

  it('given Slack and Discord credentials then both adapters are configured', () => {
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123' });
    expect(configuredPlatforms(config)).toMatchObject({ slack: true, discordGateway: false, discordHttp: true });
  });
});

describe('start-up with an invalid variable', () => {
  it('exits 2 with a message naming the variable', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-config-'));
    const result = runEntrySync('src/main.ts', [], { cwd, env: cleanEnv({ LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'xoxb-secret-token-value' }), input: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('LOG_LEVEL');
    expect(result.stderr + result.stdout).not.toContain('xoxb-secret-token-value');
  });
});
