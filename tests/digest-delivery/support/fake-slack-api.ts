// A fake Slack Web API (chat.postMessage, conversations.history, conversations.replies and the files.uploadV2 flow:
// files.getUploadURLExternal -> POST the bytes to the upload URL -> files.completeUploadExternal) that keeps the
// messages each channel received, with their metadata, and the files shared into threads; it can refuse a channel
// (an error code), rate-limit the next posts or calls of a method, fail the next uploads, or fail the next
// completing calls with or without sharing the file.
import { startLoopbackServer, type FakeRequest, type LoopbackServer } from './loopback-server.ts';

interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  token: string;
}

interface SlackSharedFile {
  id: string;
  name: string;
  title?: string;
  altText?: string;
  channel: string;
  threadTs?: string;
  bytes: Buffer;
}

export interface FakeSlackApi {
  /** Files shared into channels or threads by files.completeUploadExternal. */
  files: SlackSharedFile[];
  /** method -> Slack error code that method always answers (e.g. files.getUploadURLExternal: missing_scope). */
  refuseMethod: Map<string, string>;
  /** Answer the next N uploads to the upload URL with HTTP 500 (nothing stored). */
  failUploadsNext(count: number): void;
  /**
   * Answer the next N files.completeUploadExternal calls with HTTP 500, after sharing the file (`shared: true`, the
   * answer was lost) or without sharing it (the call died on the way): either way the caller cannot tell.
   */
  failCompletesNext(count: number, options: { shared: boolean }): void;
  /** Answer the next N calls of `method` with 429 and this Retry-After (seconds), sharing nothing. */
  rateLimitMethodNext(method: string, count: number, retryAfterSeconds: number): void;
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
  let failUploads = 0;
  let failCompletes = { count: 0, shared: false };
  const limitedMethods = new Map<string, { count: number; retryAfter: number }>();
  let tsCounter = 1_780_000_000;
  const files: SlackSharedFile[] = [];
  const refuseMethod = new Map<string, string>();
  /** Uploaded but not yet completed: file id -> name, alt text and bytes. */
  const pending = new Map<string, { name: string; altText?: string; length: number; bytes?: Buffer }>();
  let fileCounter = 0;
  let baseUrl = '';

  const server: LoopbackServer = await startLoopbackServer((request) => {
    const upload = /^\/upload\/(F\w+)$/.exec(request.path);
    if (upload) {
      // The pre-signed upload URL: no token, raw bytes.
      calls.push({ method: 'upload' });
      if (failUploads > 0) {
        failUploads -= 1;
        return { status: 500, json: {} };
      }
      const file = pending.get(upload[1] as string);
      if (!file) return { status: 404, json: {} };
      file.bytes = request.raw;
      return { json: {} };
    }
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
    const methodLimit = limitedMethods.get(method);
    if (methodLimit && methodLimit.count > 0) {
      methodLimit.count -= 1;
      return { status: 429, headers: { 'retry-after': String(methodLimit.retryAfter) }, json: { ok: false, error: 'ratelimited' } };
    }
    const refusedMethod = refuseMethod.get(method);
    if (refusedMethod) return { json: { ok: false, error: refusedMethod } };
    if (method === 'files.getUploadURLExternal') {
      fileCounter += 1;
      const id = `F${String(fileCounter).padStart(6, '0')}`;
      pending.set(id, { name: String(body.filename), altText: body.alt_text, length: Number(body.length) });
      return { json: { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id } };
    }
    if (method === 'files.completeUploadExternal') {
      const failing = failCompletes.count > 0;
      if (failing) {
        failCompletes.count -= 1;
        if (!failCompletes.shared) return { status: 500, json: {} };
      }
      const completed = parseJson(body.files) as { id: string; title?: string }[];
      const shared: SlackSharedFile[] = [];
      for (const entry of completed) {
        const file = pending.get(entry.id);
        if (!file?.bytes || file.bytes.length !== file.length) return { json: { ok: false, error: 'file_upload_not_found' } };
        shared.push({ id: entry.id, name: file.name, title: entry.title, altText: file.altText, channel: String(body.channel_id), threadTs: body.thread_ts, bytes: file.bytes });
        pending.delete(entry.id);
      }
      files.push(...shared);
      if (failing) return { status: 500, json: {} };
      return { json: { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title })) } };
    }
    if (method === 'conversations.replies') {
      const parent = messages.find((m) => m.channel === channel && m.ts === body.ts);
      if (!parent) return { json: { ok: false, error: 'thread_not_found' } };
      const replies = files
        .filter((file) => file.channel === channel && file.threadTs === parent.ts)
        .map((file, index) => ({ type: 'message', ts: `${parent.ts.split('.')[0]}.${String(index + 200).padStart(6, '0')}`, thread_ts: parent.ts, files: [{ id: file.id, name: file.name, title: file.title }] }));
      return { json: { ok: true, messages: [{ type: 'message', ts: parent.ts, text: parent.text }, ...replies], has_more: false } };
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

  baseUrl = server.url;
  return {
    apiUrl: `${server.url}/api/`,
    files,
    refuseMethod,
    failUploadsNext(count) {
      failUploads = count;
    },
    failCompletesNext(count, options) {
      failCompletes = { count, shared: options.shared };
    },
    rateLimitMethodNext(method, count, retryAfterSeconds) {
      limitedMethods.set(method, { count, retryAfter: retryAfterSeconds });
    },
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
