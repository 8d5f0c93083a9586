// Issue 14, item 2: a database that hangs (accepts connections, never answers) must not freeze the bot. The real bot
// (startBot, as `npm start` builds it) talks to a real PostgreSQL through a TCP proxy the test freezes; commands go
// in as signed Slack requests. Commands that need no store are answered; those that need it get a clear apology;
// /readyz turns red. A SQLite database that refuses writes turns /readyz red too.
import pino from 'pino';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { startBot, type RunningBot } from '../../src/runtime/start.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.ts';
import { SIGNING_SECRET, signedPost, slashCommandBody } from '../support/slack-signed-request.ts';
import { postgresBackend, sqliteBackend, type TestDatabase } from '../store/support/store-backends.ts';
import { startFreezableProxy, viaProxy, type FreezableProxy } from '../store/support/freezable-proxy.ts';

let bot: RunningBot | undefined;
let slack: FakeSlackApi | undefined;
let proxy: FreezableProxy | undefined;
let database: TestDatabase | undefined;
afterEach(async () => {
  // Cut frozen connections first, so closing the pool does not wait on them.
  proxy?.set('down');
  await bot?.stop();
  await slack?.close();
  await proxy?.close();
  await database?.drop();
  bot = slack = proxy = database = undefined;
});

async function startSlackBot(databaseUrl: string): Promise<RunningBot> {
  slack = await startFakeSlackApi();
  const config = parseConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    DIGEST_ENABLED: 'false',
    SLACK_BOT_TOKEN: 'xoxb-hung-db-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  return startBot(config, pino({ level: 'silent' }));
}

function text(body: Record<string, unknown>): string {
  return JSON.stringify(body);
}

describe.skipIf(!postgresBackend.available)('a PostgreSQL that hangs', () => {
  it('answers commands that need no store, apologises clearly for those that do, and /readyz says 503', async () => {
    database = await postgresBackend.createDatabase();
    await (await database.open()).close();
    const target = new URL(database.url);
    proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    bot = await startSlackBot(viaProxy(database.url, proxy));
    const events = `http://127.0.0.1:${bot.port}/slack/events`;
    // Warm: one command while the database answers, so the pool holds live connections that will now hang.
    await signedPost(events, slashCommandBody({ text: 'help', responseUrl: slack!.responseUrl('warm') }));
    await slack!.next((c) => c.path === '/response/warm', 15_000);

    proxy.set('frozen');
    const storeless = ['help', 'lookup gc pauses', 'sources', 'compare tail-latency', 'Rust or Go for an edge gateway?'];
    for (const [i, command] of storeless.entries()) {
      const res = await signedPost(events, slashCommandBody({ text: command, responseUrl: slack!.responseUrl(`free-${i}`) }));
      expect(res.status).toBe(200);
    }
    await signedPost(events, slashCommandBody({ text: 'team', responseUrl: slack!.responseUrl('needs-store') }));

    for (const i of storeless.keys()) {
      const answer = await slack!.next((c) => c.path === `/response/free-${i}`, 20_000);
      expect(text(answer.body)).not.toContain('went wrong');
      expect(text(answer.body)).not.toContain('not answering');
    }
    const apology = await slack!.next((c) => c.path === '/response/needs-store', 20_000);
    expect(text(apology.body)).toContain('our database is not answering');

    const ready = await fetch(`http://127.0.0.1:${bot.port}/readyz`);
    expect(ready.status).toBe(503);
  });
});

describe('a SQLite database that refuses writes', () => {
  it('makes /readyz answer 503 while reads still work', async () => {
    database = await sqliteBackend.createDatabase();
    bot = await startSlackBot(database.url);
    const readyz = `http://127.0.0.1:${bot.port}/readyz`;
    expect((await fetch(readyz)).status).toBe(200);
    // What a full disk or a read-only mount looks like to the bot: reads answer, every write fails.
    await sql`pragma query_only = 1`.execute(bot.services.store.database.db);
    const refused = await fetch(readyz);
    expect(refused.status).toBe(503);
    expect(JSON.stringify(await refused.json())).toContain('readonly');
    await sql`pragma query_only = 0`.execute(bot.services.store.database.db);
    expect((await fetch(readyz)).status).toBe(200);
  });
});
