// A local stand-in for Discord's REST API (127.0.0.1, ephemeral port) that records every request and answers
// with canned JSON, so the discord.js client, the HTTP endpoint and the deploy script run without network.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. "/api/v10/webhooks/APP/token/messages/%40original". */
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

type FakeResponder = (request: RecordedRequest) => { status: number; body?: unknown } | undefined;

export interface FakeDiscordApi {
  /** Base URL to use as DISCORD_API_URL, e.g. "http://127.0.0.1:34567/api". */
  url: string;
  requests: RecordedRequest[];
  /** Resolves once at least `count` requests have arrived. */
  waitFor(count: number): Promise<RecordedRequest[]>;
  respondWith(responder: FakeResponder): void;
  close(): Promise<void>;
}

const fakeMessage = (body: unknown) => ({
  id: '900000000000000001',
  channel_id: '300000000000000001',
  type: 0,
  content: '',
  embeds: [],
  components: [],
  attachments: [],
  mentions: [],
  mention_roles: [],
  pinned: false,
  mention_everyone: false,
  tts: false,
  timestamp: '2026-11-27T10:00:00.000Z',
  edited_timestamp: null,
  flags: 0,
  author: { id: '100000000000000001', username: 'rustvsgo', discriminator: '0', avatar: null, bot: true, global_name: null },
  ...(typeof body === 'object' && body !== null ? body : {}),
});

/** Default answers: 204 for interaction callbacks, a message object for message writes, echo for PUTs. */
const defaultResponder: FakeResponder = (request) => {
  if (request.path.includes('/callback')) return { status: 204 };
  if (request.method === 'PUT') return { status: 200, body: request.body };
  if (/\/threads(\?|$)/.test(request.path)) {
    return {
      status: 201,
      body: { id: '400000000000000001', type: 11, guild_id: '200000000000000001', parent_id: '300000000000000001', name: 'thread', thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: '2026-11-27T10:00:00.000Z' } },
    };
  }
  if (request.method === 'POST' || request.method === 'PATCH') return { status: 200, body: fakeMessage(request.body) };
  return { status: 404, body: { message: 'Unknown', code: 0 } };
};

export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const requests: RecordedRequest[] = [];
  let responder: FakeResponder = defaultResponder;
  const waiters: { count: number; resolve: (r: RecordedRequest[]) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the raw text (multipart bodies)
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
      requests.push(recorded);
      const answer = responder(recorded) ?? defaultResponder(recorded)!;
      // A 204 must carry no JSON content type, or @discordjs/rest tries to parse the empty body.
      if (answer.status === 204 || answer.body === undefined) res.writeHead(answer.status).end();
      else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      for (const w of [...waiters]) {
        if (requests.length >= w.count) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(requests);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    waitFor(count) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    respondWith(next) {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
