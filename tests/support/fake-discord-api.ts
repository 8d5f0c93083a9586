// The one fake Discord REST API every test talks to (point DISCORD_API_URL at `url`), on loopback. It records every
// request as Discord received it and answers like Discord: interaction callbacks (204), webhook and follow-up
// messages, channel messages kept per channel (enforce_nonce honoured, multipart posts with payload_json and
// files[n] read into attachments), threads, application commands PUT (echoed), and GET /gateway/bot when a test
// runs a fake gateway.
//
// Recording (what assertions read):
//   requests       every request in arrival order: { method, path (with query), headers, body, raw, channel? };
//                  body is the parsed JSON, or the raw text of a multipart body.
//   waitFor(n)     resolves once at least n requests arrived; next(p, ms) with the first matching request.
//   messages / inChannel(channel)   messages created in channels, with their attachments' bytes.
// Scripting (what setup changes):
//   respondWith(r)          r(request) answers first ({ status, body }); undefined falls back to Discord's behaviour.
//   refuse.set(channel, { code, status })   channel routes answer that Discord JSON error.
//   refuseFiles.add(channel)                 a post with a file answers 403 / 50013 (no Attach Files).
//   rateLimitNext(count, seconds)            the next channel posts answer 429 with retry_after.
// discordMessage(fields) builds a raw message the way this fake answers one (for interactions' `message`).
import type { IncomingHttpHeaders } from 'node:http';
import { startLoopbackServer, type FakeAnswer } from './loopback-server.ts';

export interface DiscordRequest {
  method: string;
  /** Path and query, e.g. "/api/v10/webhooks/APP/token/messages/%40original". */
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, or the body's text when it is not JSON (multipart). */
  body: unknown;
  raw: Buffer;
  /** The channel of a /channels/:id/... route. */
  channel?: string;
}

interface DiscordAttachment {
  id: string;
  filename: string;
  /** The alt text from payload_json. */
  description?: string;
  content_type?: string;
  bytes: Buffer;
}

interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  nonce?: string;
  allowed_mentions?: unknown;
  author: { id: string; bot: boolean };
  attachments: DiscordAttachment[];
}

type DiscordResponder = (request: DiscordRequest) => { status: number; body?: unknown } | undefined;

export interface FakeDiscordApiOptions {
  /** Answer GET /gateway/bot with this ws:// URL and shard count (a fake gateway's). */
  gateway?: { url: string; shards?: number };
}

export interface FakeDiscordApi {
  /** DISCORD_API_URL, e.g. "http://127.0.0.1:34567/api" (discord.js adds /v10). */
  readonly url: string;
  readonly requests: DiscordRequest[];
  /** Messages created in channels. */
  readonly messages: DiscordMessage[];
  /** channel -> the Discord JSON error code (10003, 50001, 50013) and HTTP status its routes answer. */
  readonly refuse: Map<string, { code: number; status: number }>;
  /** Channels where the bot lacks Attach Files: a post with a file answers 403 / 50013 Missing Permissions. */
  readonly refuseFiles: Set<string>;
  inChannel(channel: string): DiscordMessage[];
  /** Resolves once at least `count` requests have arrived. */
  waitFor(count: number): Promise<DiscordRequest[]>;
  /** Resolves with the first request (already recorded or future) matching the predicate. */
  next(predicate: (request: DiscordRequest) => boolean, timeoutMs?: number): Promise<DiscordRequest>;
  respondWith(responder: DiscordResponder): void;
  /** The next `count` channel posts answer 429 with this retry_after (seconds). */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  close(): Promise<void>;
}

const BOT_USER = { id: '100000000000000001', username: 'rustvsgo', discriminator: '0', avatar: null, bot: true, global_name: null };

/**
 * A message as Discord's REST API returns it, with every field discord.js needs to build a Message: by default an
 * empty post of the bot's in CHANNEL_ID; `fields` override (tests build the answers a button sits under with it).
 */
export const discordMessage = (fields: Record<string, unknown>) => ({
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
  author: BOT_USER,
  ...fields,
});

type MessageBody = { content?: string; embeds?: unknown[]; nonce?: string; enforce_nonce?: boolean; allowed_mentions?: unknown; attachments?: { id: number | string; filename: string; description?: string }[] };

export async function startFakeDiscordApi(options: FakeDiscordApiOptions = {}): Promise<FakeDiscordApi> {
  const requests: DiscordRequest[] = [];
  const messages: DiscordMessage[] = [];
  const refuse = new Map<string, { code: number; status: number }>();
  const refuseFiles = new Set<string>();
  const waiters: { predicate: (request: DiscordRequest) => boolean; resolve: (request: DiscordRequest) => void }[] = [];
  let responder: DiscordResponder | undefined;
  let limited = { count: 0, retryAfter: 0 };
  let idCounter = 1_300_000_000_000_000_000n;

  /** payload_json and files[n] of a multipart body, as discord.js sends an attachment. */
  async function readMultipart(raw: Buffer, contentType: string): Promise<{ body: MessageBody; attachments: DiscordAttachment[] } | { error: string }> {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const body = JSON.parse(String(form.get('payload_json') ?? '{}')) as MessageBody;
    const attachments: DiscordAttachment[] = [];
    for (const meta of body.attachments ?? []) {
      const file = form.get(`files[${meta.id}]`);
      if (!(file instanceof Blob)) return { error: `files[${meta.id}] missing` };
      attachments.push({ id: String(meta.id), filename: meta.filename, description: meta.description, content_type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
    }
    return { body, attachments };
  }

  /** POST/GET /channels/:id/messages: the channel's messages, kept like Discord keeps them. */
  async function channelMessages(request: DiscordRequest, channel: string, query: URLSearchParams): Promise<{ status: number; body?: unknown }> {
    if (request.method === 'GET') {
      const limit = Number(query.get('limit') ?? 50);
      return { status: 200, body: messages.filter((m) => m.channel_id === channel).reverse().slice(0, limit).map((m) => discordMessage({ ...m, author: { ...BOT_USER, ...m.author }, attachments: [] })) };
    }
    if (limited.count > 0) {
      limited.count -= 1;
      return { status: 429, body: { message: 'You are being rate limited.', retry_after: limited.retryAfter, global: false } };
    }
    const contentType = String(request.headers['content-type'] ?? '');
    let body: MessageBody;
    let attachments: DiscordAttachment[] = [];
    if (contentType.startsWith('multipart/form-data')) {
      if (refuseFiles.has(channel)) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
      const read = await readMultipart(request.raw, contentType);
      if ('error' in read) return { status: 400, body: { message: read.error, code: 50035 } };
      ({ body, attachments } = read);
    } else {
      body = (request.body ?? {}) as MessageBody;
    }
    if (body.enforce_nonce && body.nonce) {
      const same = messages.find((m) => m.channel_id === channel && m.nonce === body.nonce);
      if (same) return { status: 200, body: discordMessage({ ...same, author: { ...BOT_USER, ...same.author }, attachments: [] }) };
    }
    idCounter += 1n;
    const message: DiscordMessage = {
      id: String(idCounter),
      channel_id: channel,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      author: { id: BOT_USER.id, bot: true },
      allowed_mentions: body.allowed_mentions,
      attachments,
    };
    if (body.nonce) message.nonce = body.nonce;
    messages.push(message);
    return { status: 200, body: discordMessage({ ...(body as Record<string, unknown>), ...message, author: BOT_USER, attachments: attachments.map(({ bytes, ...meta }) => ({ ...meta, size: bytes.length })) }) };
  }

  /** Discord's own behaviour for a request no responder answered. */
  async function discord(request: DiscordRequest, query: URLSearchParams): Promise<{ status: number; body?: unknown }> {
    const path = request.path.replace(/\?.*$/, '');
    if (path.endsWith('/gateway/bot') && options.gateway) {
      return { status: 200, body: { url: options.gateway.url, shards: options.gateway.shards ?? 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } } };
    }
    if (request.channel !== undefined) {
      if (!String(request.headers.authorization ?? '').startsWith('Bot ')) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      const refused = refuse.get(request.channel);
      if (refused) return { status: refused.status, body: { message: `refused ${refused.code}`, code: refused.code } };
      if (/^\/api\/v10\/channels\/\d+\/messages$/.test(path)) return channelMessages(request, request.channel, query);
    }
    if (path.endsWith('/callback')) return { status: 204 };
    if (request.method === 'PUT') return { status: 200, body: request.body };
    if (path.endsWith('/threads')) {
      return {
        status: 201,
        body: { id: '400000000000000001', type: 11, guild_id: '200000000000000001', parent_id: request.channel ?? '300000000000000001', name: 'thread', thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false, archive_timestamp: '2026-11-27T10:00:00.000Z' } },
      };
    }
    // Webhook, follow-up and other message writes: the message as sent.
    if (request.method === 'POST' || request.method === 'PATCH') return { status: 200, body: discordMessage(typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {}) };
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  const server = await startLoopbackServer(async (incoming) => {
    let body: unknown;
    try {
      body = incoming.body ? JSON.parse(incoming.body) : undefined;
    } catch {
      body = incoming.body;
    }
    const search = incoming.query.toString();
    const request: DiscordRequest = { method: incoming.method, path: `${incoming.path}${search ? `?${search}` : ''}`, headers: incoming.headers, body, raw: incoming.raw };
    const channel = /^\/api\/v10\/channels\/(\d+)/.exec(incoming.path)?.[1];
    if (channel !== undefined) request.channel = channel;
    requests.push(request);
    const answer = responder?.(request) ?? (await discord(request, incoming.query));
    for (const waiter of [...waiters]) {
      if (waiter.predicate(request)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(request);
      }
    }
    const out: FakeAnswer = { status: answer.status };
    if (answer.status === 429) out.headers = { 'retry-after': String(limited.retryAfter), 'x-ratelimit-scope': 'user' };
    if (answer.body !== undefined) out.json = answer.body;
    else if (answer.status !== 204) out.text = '';
    return out;
  });

  const next = (predicate: (request: DiscordRequest) => boolean, timeoutMs = 5000): Promise<DiscordRequest> => {
    const found = requests.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Discord: no matching request arrived')), timeoutMs);
      waiters.push({
        predicate,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      });
    });
  };

  return {
    url: `${server.url}/api`,
    requests,
    messages,
    refuse,
    refuseFiles,
    inChannel: (channel) => messages.filter((m) => m.channel_id === channel),
    async waitFor(count) {
      if (requests.length < count) await next(() => requests.length >= count, 60_000);
      return requests;
    },
    next,
    respondWith(next) {
      responder = next;
    },
    rateLimitNext(count, retryAfterSeconds) {
      limited = { count, retryAfter: retryAfterSeconds };
    },
    close: () => server.close(),
  };
}
