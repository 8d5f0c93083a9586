// A fake Slack Web API (chat.postMessage, conversations.history) that keeps the messages each channel received,
// with their metadata, and can be told to refuse a channel (an error code) or rate-limit the next calls.
import { startLoopbackServer, type FakeRequest, type LoopbackServer } from './loopback-server.ts';

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  token: string;
}

export interface FakeSlackApi {
  /** SLACK_API_URL for the WebClient (ends with /api/). */
  apiUrl: string;
  messages: SlackMessage[];
  /** Every call by method, e.g. "chat.postMessage". */
  calls: { method: string; channel?: string }[];
  /** channel -> Slack error code returned by every call for it (e.g. is_archived). */
  refuse: Map<string, string>;
  /** Answer the next N chat.postMessage calls with 429 and this Retry-After (seconds). */
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  /** Store the next N posted messages but answer HTTP 500 (the post happened; the answer was lost). */
  loseAnswersNext(count: number): void;
  inChannel(channel: string): SlackMessage[];
  close(): Promise<void>;
}

function params(request: FakeRequest): Record<string, string> {
  if ((request.headers['content-type'] ?? '').includes('application/json')) return JSON.parse(request.body || '{}') as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(request.body));
}

function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const messages: SlackMessage[] = [];
  const calls: FakeSlackApi['calls'] = [];
  const refuse = new Map<string, string>();
  let limited = { count: 0, retryAfter: 0 };
  let loseAnswers = 0;
  let tsCounter = 1_780_000_000;

  const server: LoopbackServer = await startLoopbackServer((request) => {
    const method = request.path.replace(/^\/api\//, '');
    const body = params(request);
    calls.push({ method, channel: body.channel });
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!token.startsWith('xoxb-')) return { json: { ok: false, error: 'not_authed' } };
    if (method === 'auth.test') return { json: { ok: true, user_id: 'U_BOT', bot_id: 'B1', team_id: 'T1' } };
    const channel = String(body.channel ?? '');
    const refused = refuse.get(channel);
    if (refused) return { json: { ok: false, error: refused } };
    if (method === 'chat.postMessage') {
      if (limited.count > 0) {
        limited.count -= 1;
        return { status: 429, headers: { 'retry-after': String(limited.retryAfter) }, json: { ok: false, error: 'ratelimited' } };
      }
      tsCounter += 1;
      const message: SlackMessage = {
        channel,
        ts: `${tsCounter}.000100`,
        text: String(body.text ?? ''),
        blocks: (parseJson(body.blocks) as unknown[] | undefined) ?? [],
        token,
      };
      const metadata = parseJson(body.metadata) as SlackMessage['metadata'];
      if (metadata) message.metadata = metadata;
      messages.push(message);
      if (loseAnswers > 0) {
        loseAnswers -= 1;
        return { status: 500, json: { ok: false, error: 'internal_error' } };
      }
      return { json: { ok: true, channel, ts: message.ts } };
    }
    if (method === 'conversations.history') {
      const withMetadata = body.include_all_metadata === 'true' || (body.include_all_metadata as unknown) === true;
      const found = messages
        .filter((m) => m.channel === channel)
        .reverse()
        .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'B1', ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
      return { json: { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } } };
    }
    return { json: { ok: false, error: 'unknown_method' } };
  });

  return {
    apiUrl: `${server.url}/api/`,
    messages,
    calls,
    refuse,
    rateLimitNext(count, retryAfterSeconds) {
      limited = { count, retryAfter: retryAfterSeconds };
    },
    loseAnswersNext(count) {
      loseAnswers = count;
    },
    inChannel: (channel) => messages.filter((m) => m.channel === channel),
    close: () => server.close(),
  };
}
