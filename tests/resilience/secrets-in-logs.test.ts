// Issue 14, item 4: credentials that arrive with requests never reach a log. A Discord follow-up that fails
// (404/500) used to log the interaction token inside the REST error's url (/webhooks/<app>/<token>/...).
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH, type DiscordHttpEndpoint } from '../../src/adapters/discord/http-interactions.ts';
import { parseConfig } from '../../src/config/env.ts';
import type { Services } from '../../src/core/services.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { APP_ID, commandData, rawInteraction, testCommands } from '../discord/support/discord-fixtures.ts';
import { newSigningKey, signRequest } from '../support/discord-signed-request.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../support/fake-discord-api.ts';

// Shaped like a real one: long, base64-ish, with dots and dashes.
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldC10b2tlbg.Zz-9_xY';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return {
    lines,
    stream: new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  };
}

let api: FakeDiscordApi | undefined;
let services: Services | undefined;
let http: HttpServer | undefined;
let endpoint: DiscordHttpEndpoint | undefined;
afterEach(async () => {
  await endpoint?.stop();
  await http?.close();
  await services?.store.close();
  await api?.close();
  api = services = http = endpoint = undefined;
});

describe('secrets in logs', () => {
  it.each([404, 500])('a Discord follow-up edit that fails with %i logs the error without the interaction token', async (status) => {
    api = await startFakeDiscordApi();
    api.respondWith((request) => (request.path.includes('/webhooks/') ? { status, body: { message: 'Unknown Webhook', code: 10015 } } : undefined));
    const key = newSigningKey();
    services = await createTestServices({ DISCORD_API_URL: api.url, DISCORD_PUBLIC_KEY: key.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID });
    const { lines, stream } = capture();
    services.logger = createLogger(parseConfig({ LOG_LEVEL: 'debug' }), { destination: stream });
    http = createHttpServer(services.logger);
    endpoint = createDiscordHttpEndpoint({ services, commands: testCommands, http, publicKey: key.publicKeyHex, applicationId: APP_ID });
    const port = await http.listen(0, '127.0.0.1');

    const body = JSON.stringify({ ...rawInteraction({ type: 2, data: commandData('help') }), token: INTERACTION_TOKEN });
    const timestamp = String(Math.floor(services.now().getTime() / 1000));
    const res = await fetch(`http://127.0.0.1:${port}${INTERACTIONS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signRequest(key, timestamp, body), 'x-signature-timestamp': timestamp },
      body,
    });
    expect(res.status).toBe(200);
    await endpoint.idle();

    const failure = lines.find((l) => l.includes('discord follow-up edit failed'));
    expect(failure).toBeDefined();
    expect(failure).toContain(`/webhooks/${APP_ID}/[redacted]`);
    expect(lines.join('\n')).not.toContain(INTERACTION_TOKEN);
  });

  it('scrubs webhook URLs, Slack response URLs and Slack tokens from messages and error fields', () => {
    const { lines, stream } = capture();
    const logger = createLogger(parseConfig({ LOG_LEVEL: 'info' }), { destination: stream });
    const error = Object.assign(new Error('post to https://discord.com/api/webhooks/123456/WEBHOOKTOKEN-abc failed'), {
      url: 'https://discord.com/api/v10/interactions/987/INTERACTIONTOKEN/callback',
    });
    logger.error({ err: error, responseUrl: 'https://hooks.slack.com/commands/T1/123/RESPONSESECRET' }, 'token xoxb-1-2-BOTSECRET leaked');
    const text = lines.join('\n');
    for (const secret of ['WEBHOOKTOKEN', 'INTERACTIONTOKEN', 'RESPONSESECRET', 'BOTSECRET']) expect(text).not.toContain(secret);
    expect(text).toContain('/webhooks/123456/[redacted]');
  });
});
