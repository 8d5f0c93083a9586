// Start-up mistakes through the real entry point (a child process): half-set platform credentials, production
// with no platform, a corrupt SQLite file, a port in use and a HOST that does not resolve each end with one
// line on stderr naming what to fix and a non-zero exit code, never a stack trace or a shell that exits 0.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runEntrySync } from '../helpers/run-entry.ts';

function start(extra: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-startup-'));
  return { cwd, result: runEntrySync('src/main.ts', [], { cwd, env: cleanEnv({ DATABASE_URL: 'sqlite::memory:', ...extra }), input: '' }) };
}

function expectOneLine(stderr: string) {
  const lines = stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^rustvsgo: /);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack frames
}

const SECRET = 'xoxb-half-set-secret-value';

describe('start-up with half-set platform credentials', { timeout: 120_000 }, () => {
  it.each([
    ['SLACK_BOT_TOKEN alone', { SLACK_BOT_TOKEN: SECRET }, /SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/],
    ['SLACK_SIGNING_SECRET alone', { SLACK_SIGNING_SECRET: SECRET }, /SLACK_BOT_TOKEN/],
    ['part of Slack OAuth', { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: SECRET, SLACK_SIGNING_SECRET: 'signing-secret-1' }, /SLACK_STATE_SECRET missing/],
    ['DISCORD_PUBLIC_KEY alone', { DISCORD_PUBLIC_KEY: 'a'.repeat(64) }, /DISCORD_APPLICATION_ID missing/],
    ['DISCORD_APPLICATION_ID alone', { DISCORD_APPLICATION_ID: '123' }, /DISCORD_TOKEN.*DISCORD_PUBLIC_KEY/],
  ])('%s exits 2 naming what is missing', (_name, env, missing) => {
    const { result } = start(env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(missing);
    expect(result.stderr + result.stdout).not.toContain(SECRET);
    expect(result.stdout).not.toContain('rustvsgo shell');
  });

  it('NODE_ENV=production with no platform exits 2 naming the variables to set', () => {
    const { result } = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(2);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'DISCORD_APPLICATION_ID']) {
      expect(result.stderr).toContain(name);
    }
  });
});

describe('start-up failures print one line, not a stack trace', { timeout: 120_000 }, () => {
  let busy: Server;
  let busyPort = 0;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('a corrupt SQLite file exits 1 naming DATABASE_URL', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-corrupt-'));
    const file = join(dir, 'bad.db');
    writeFileSync(file, 'this is not a database '.repeat(40));
    const { result } = start({ DATABASE_URL: `sqlite:${file}` });
    expect(result.status).toBe(1);
    expectOneLine(result.stderr);
    expect(result.stderr).toMatch(/DATABASE_URL: file is not a database/);
  });

  it('a port in use exits 2 naming PORT', () => {
    const { result } = start({ HTTP_SERVER: 'always', HOST: '127.0.0.1', PORT: String(busyPort) });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain(`PORT ${busyPort} on HOST 127.0.0.1 is already in use`);
  });

  it('a HOST that does not resolve exits 2 naming HOST', () => {
    const { result } = start({ HTTP_SERVER: 'always', HOST: 'no-such-host.invalid', PORT: '0' });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('HOST no-such-host.invalid does not resolve');
  });
});

// The shell opens its database on the first command that needs it (deferred-store.ts), so an unreachable
// PostgreSQL is met by a command, not by start-up. Found at first contact: the reply was "Sorry, something went
// wrong on our side. Please try again in a moment", which no retry fixes. Port 1 on loopback refuses at once.
describe('the shell with a database it cannot reach', { timeout: 120_000 }, () => {
  it('says the database is not available and to fix DATABASE_URL, without the password; help still answers', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rustvsgo-startup-'));
    const password = 'pg-password-not-to-print';
    const result = runEntrySync('src/main.ts', [], {
      cwd,
      env: cleanEnv({ DATABASE_URL: `postgres://bot:${password}@127.0.0.1:1/rustvsgo` }),
      input: '/rustvsgo team\n/rustvsgo help\n',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('The database is not available');
    expect(result.stdout).toContain('DATABASE_URL');
    expect(result.stdout).not.toContain('something went wrong');
    expect(result.stdout).toContain('rustvsgo: Rust or Go for your backend component?');
    expect(result.stdout + result.stderr).not.toContain(password);
  });
});
