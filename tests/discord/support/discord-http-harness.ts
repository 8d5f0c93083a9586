// The HTTP interactions endpoint on loopback, wired to fresh test services and a fake Discord REST API, with a
// post() that signs each request the way Discord does (a test Ed25519 key), or mis-signs it on request. The
// adapter tests that drive the endpoint all start from this one setup.
import pino from 'pino';
import { createDiscordHttpEndpoint, INTERACTIONS_PATH, type DiscordHttpEndpoint } from '../../../src/adapters/discord/http-interactions.ts';
import type { CommandSpec } from '../../../src/core/command-spec.ts';
import type { Services } from '../../../src/core/services.ts';
import { createHttpServer } from '../../../src/http/server.ts';
import { createTestServices } from '../../helpers/test-services.ts';
import { newSigningKey, signRequest, type SigningKey } from '../../support/discord-signed-request.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../support/fake-discord-api.ts';
import { APP_ID } from './discord-fixtures.ts';

// Response bodies are read loosely: the assertions themselves check the shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

interface SignedPostOptions {
  /** Sign with another key than the endpoint's. */
  signWith?: SigningKey;
  /** Change the body after it was signed. */
  tamper?: (body: string) => string;
  /** The x-signature-timestamp (default: the services' clock). */
  timestamp?: string;
}

export interface DiscordHttpHarness {
  api: FakeDiscordApi;
  services: Services;
  endpoint: DiscordHttpEndpoint;
  /** The interactions URL on loopback. */
  url: string;
  /** The services' clock in Unix seconds, as a signature timestamp. */
  nowSeconds: string;
  /** POSTs a signed interaction; json is the parsed answer, undefined for an empty one. */
  post(payload: unknown, options?: SignedPostOptions): Promise<{ status: number; json: Json | undefined }>;
  /** Stops the endpoint, the HTTP server, the store and the fake API. */
  close(): Promise<void>;
}

export async function startDiscordHttpHarness(options: { commands: readonly CommandSpec[]; now?: Date }): Promise<DiscordHttpHarness> {
  const api = await startFakeDiscordApi();
  const key = newSigningKey();
  const services = await createTestServices({ DISCORD_API_URL: api.url, DISCORD_PUBLIC_KEY: key.publicKeyHex, DISCORD_APPLICATION_ID: APP_ID }, options.now);
  const http = createHttpServer(pino({ level: 'silent' }));
  const endpoint = createDiscordHttpEndpoint({ services, commands: options.commands, http, publicKey: key.publicKeyHex, applicationId: APP_ID });
  const url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}${INTERACTIONS_PATH}`;
  const nowSeconds = String(Math.floor(services.now().getTime() / 1000));

  async function post(payload: unknown, { signWith = key, tamper, timestamp = nowSeconds }: SignedPostOptions = {}) {
    const body = JSON.stringify(payload);
    const signature = signRequest(signWith, timestamp, body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp },
      body: tamper ? tamper(body) : body,
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Json) : undefined };
  }

  return {
    api,
    services,
    endpoint,
    url,
    nowSeconds,
    post,
    async close() {
      await endpoint.stop();
      await http.close();
      await services.store.close();
      await api.close();
    },
  };
}
