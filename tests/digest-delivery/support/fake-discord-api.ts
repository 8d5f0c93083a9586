// A fake Discord REST API (POST/GET /v10/channels/:id/messages) that keeps each channel's messages, honours
// enforce_nonce like Discord (a repeated nonce returns the existing message), accepts multipart posts with files
// (payload_json + files[n], as discord.js sends an attachment), and can refuse a channel with a Discord error code
// or rate-limit the next posts.
import { startLoopbackServer, type LoopbackServer } from './loopback-server.ts';

interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  nonce?: string;
  allowed_mentions?: unknown;
  author: { id: string; bot: boolean };
  /** Files sent with the message, with the attachment metadata from payload_json (description = alt text). */
  attachments: { id: string; filename: string; description?: string; content_type?: string; bytes: Buffer }[];
}

export interface FakeDiscordApi {
  /** DISCORD_API_URL (without the /v10 version segment). */
  apiUrl: string;
  messages: DiscordMessage[];
  calls: { method: string; channel: string }[];
  /** channel -> Discord JSON error code (10003, 50001, 50013) with its HTTP status. */
  refuse: Map<string, { code: number; status: number }>;
  /** Channels where the bot lacks Attach Files: a post with a file answers 403 / 50013 Missing Permissions. */
  refuseFiles: Set<string>;
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  inChannel(channel: string): DiscordMessage[];
  close(): Promise<void>;
}

export async function startFakeDiscordApi(): Promise<FakeDiscordApi> {
  const messages: DiscordMessage[] = [];
  const calls: FakeDiscordApi['calls'] = [];
  const refuse = new Map<string, { code: number; status: number }>();
  const refuseFiles = new Set<string>();
  let limited = { count: 0, retryAfter: 0 };
  let idCounter = 1_300_000_000_000_000_000n;

  const server: LoopbackServer = await startLoopbackServer(async (request) => {
    const match = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(request.path);
    if (!match) return { status: 404, json: { message: '404: Not Found', code: 0 } };
    const channel = match[1] as string;
    calls.push({ method: request.method, channel });
    if (!String(request.headers.authorization ?? '').startsWith('Bot ')) return { status: 401, json: { message: '401: Unauthorized', code: 0 } };
    const refused = refuse.get(channel);
    if (refused) return { status: refused.status, json: { message: `refused ${refused.code}`, code: refused.code } };
    if (request.method === 'GET') {
      const limit = Number(request.query.get('limit') ?? 50);
      return { json: messages.filter((m) => m.channel_id === channel).reverse().slice(0, limit) };
    }
    if (limited.count > 0) {
      limited.count -= 1;
      return {
        status: 429,
        headers: { 'retry-after': String(limited.retryAfter), 'x-ratelimit-scope': 'user' },
        json: { message: 'You are being rate limited.', retry_after: limited.retryAfter, global: false },
      };
    }
    const contentType = String(request.headers['content-type'] ?? '');
    type Body = { content?: string; embeds?: unknown[]; nonce?: string; enforce_nonce?: boolean; allowed_mentions?: unknown; attachments?: { id: number; filename: string; description?: string }[] };
    let body: Body;
    const attachments: DiscordMessage['attachments'] = [];
    if (contentType.startsWith('multipart/form-data') && refuseFiles.has(channel)) return { status: 403, json: { message: 'Missing Permissions', code: 50013 } };
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(request.raw), { headers: { 'content-type': contentType } }).formData();
      body = JSON.parse(String(form.get('payload_json') ?? '{}')) as Body;
      for (const meta of body.attachments ?? []) {
        const file = form.get(`files[${meta.id}]`);
        if (!(file instanceof Blob)) return { status: 400, json: { message: `files[${meta.id}] missing`, code: 50035 } };
        attachments.push({ id: String(meta.id), filename: meta.filename, description: meta.description, content_type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
      }
    } else {
      body = JSON.parse(request.body) as Body;
    }
    if (body.enforce_nonce && body.nonce) {
      const same = messages.find((m) => m.channel_id === channel && m.nonce === body.nonce);
      if (same) return { json: same };
    }
    idCounter += 1n;
    const message: DiscordMessage = {
      id: String(idCounter),
      channel_id: channel,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      author: { id: '999', bot: true },
      allowed_mentions: body.allowed_mentions,
      attachments,
    };
    if (body.nonce) message.nonce = body.nonce;
    messages.push(message);
    return { json: message };
  });

  return {
    apiUrl: `${server.url}/api`,
    messages,
    calls,
    refuse,
    refuseFiles,
    rateLimitNext(count, retryAfterSeconds) {
      limited = { count, retryAfter: retryAfterSeconds };
    },
    inChannel: (channel) => messages.filter((m) => m.channel_id === channel),
    close: () => server.close(),
  };
}
