// A loopback stand-in for the Slack Web API that keeps each channel's messages (with message metadata), so
// several bot processes can post to it and recovery can read conversations.history. A test can hold the answer
// to a post (the message is already in the channel, as when a process dies before reading Slack's reply).
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  /** The bearer token it was posted with: tells the test which process posted. */
  token: string;
}

export interface FakeSlackChannels {
  /** SLACK_API_URL for the bot (ends with /api/). */
  readonly apiUrl: string;
  /** Every message posted, in arrival order. */
  readonly messages: PostedMessage[];
  /** Counts of every Web API method called. */
  readonly methodCalls: Map<string, number>;
  /** Decides per post whether to answer it; "hold" keeps the message but never answers. */
  setPostPolicy(policy: (message: PostedMessage) => 'answer' | 'hold'): void;
  /** Resolves once at least `count` messages have been posted. */
  posted(count: number): Promise<void>;
  /** Answers every held post now (the platform was only slow). */
  releaseHeld(): void;
  close(): Promise<void>;
}

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** WebClient sends form bodies with nested values as JSON text; accept JSON bodies too. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

function parseMetadata(value: unknown): PostedMessage['metadata'] {
  if (typeof value === 'string' && value !== '') return JSON.parse(value) as PostedMessage['metadata'];
  if (value && typeof value === 'object') return value as PostedMessage['metadata'];
  return undefined;
}

export async function startFakeSlackChannels(): Promise<FakeSlackChannels> {
  const messages: PostedMessage[] = [];
  const methodCalls = new Map<string, number>();
  const held: { res: ServerResponse; message: PostedMessage }[] = [];
  let policy: (message: PostedMessage) => 'answer' | 'hold' = () => 'answer';
  let clock = 1_700_000_000;
  const postWaiters: { count: number; resolve: () => void }[] = [];

  // connection: close, so a bot process that finished its round is not kept alive by an idle keep-alive socket.
  const json = (res: ServerResponse, value: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(value));
  const answerPost = (res: ServerResponse, message: PostedMessage) =>
    json(res, { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text } });

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
    const method = (req.url ?? '/').split('?')[0]!.replace(/^\/api\//, '');
    methodCalls.set(method, (methodCalls.get(method) ?? 0) + 1);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || field(body, 'token');

    if (method === 'chat.postMessage') {
      clock += 1;
      const message: PostedMessage = { channel: field(body, 'channel'), ts: `${clock}.000100`, text: field(body, 'text'), token };
      const metadata = parseMetadata(body.metadata);
      if (metadata) message.metadata = metadata;
      messages.push(message);
      for (const waiter of [...postWaiters]) {
        if (messages.length >= waiter.count) {
          postWaiters.splice(postWaiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      if (policy(message) === 'hold') {
        held.push({ res, message });
        return;
      }
      answerPost(res, message);
      return;
    }
    if (method === 'conversations.history') {
      const channel = field(body, 'channel');
      const includeMetadata = field(body, 'include_all_metadata') === 'true';
      const found = messages
        .filter((m) => m.channel === channel)
        .reverse()
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(includeMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      json(res, { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } });
      return;
    }
    if (method === 'auth.test') {
      json(res, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test' });
      return;
    }
    json(res, { ok: false, error: 'unknown_method' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${url}/api/`,
    messages,
    methodCalls,
    setPostPolicy(next) {
      policy = next;
    },
    posted(count) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise((resolve) => postWaiters.push({ count, resolve }));
    },
    releaseHeld() {
      for (const { res, message } of held.splice(0)) answerPost(res, message);
    },
    async close() {
      for (const { res } of held.splice(0)) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
