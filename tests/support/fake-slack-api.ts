// The one fake Slack every test talks to: the Web API (point SLACK_API_URL at `apiUrl`), pre-signed upload URLs
// and response URLs, on loopback. It keeps what Slack would keep (channel messages with metadata, files shared
// into threads) so digests can be recovered from history, and records every call as the platform received it.
//
// Recording (what assertions read):
//   calls          every request in arrival order: { method, path, body, headers, raw, bytes, channel?, token? }
//                  method is the Web API method ("chat.postMessage"), "upload" for bytes posted to an upload URL,
//                  or "response" for a POST to a response URL; body is the form or JSON body with JSON-valued
//                  form fields (blocks, metadata, files) decoded.
//   next(p, ms)    resolves with the first call, already recorded or still to come, that matches p.
//   messages / inChannel(channel) / files / count(method)
// Scripting (what setup changes):
//   on(method, (body, call) => answer)        replaces one method's answer (status, headers, json), given as
//                                             scripted whatever the token or channel.
//   failNext(method, count, failure)          the next `count` calls of a method fail: an error code, an HTTP
//                                             status, a 429 with Retry-After, before or after the call took effect.
//   refuse.set(channel, error)                every call naming that channel answers { ok: false, error }.
//   holdAnswers(predicate) / releaseHeld()    keeps matching calls' effects but never answers them until released.
// Coming from the former tests/slack/support/fake-slack.ts: startFakeSlack -> startFakeSlackApi, FakeSlack ->
// FakeSlackApi; url, apiUrl, calls, next, on and responseUrl work as before (on's handler may also read the call);
// bytes posted to an upload URL (path /upload/F1, ...) are recorded with method "upload" instead of "response".
import type { IncomingHttpHeaders } from 'node:http';
import { startLoopbackServer, type FakeAnswer, type FakeRequest } from './loopback-server.ts';

interface SlackCall {
  /** "chat.postMessage"; "upload" for bytes posted to an upload URL; "response" for a POST to a response URL. */
  method: string;
  path: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The body as text (what a response URL or an upload URL received). */
  raw: string;
  bytes: Buffer;
  /** The channel the call names (channel or channel_id). */
  channel?: string;
  /** The token it was sent with (bearer header or token field): tells a test which process or workspace called. */
  token?: string;
}

interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
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

interface SlackFailure {
  /** Slack's error code in { ok: false, error } (default "ratelimited" for a 429, else "internal_error"). */
  error?: string;
  /** HTTP status (default 429 with retryAfterSeconds, else 200). */
  status?: number;
  retryAfterSeconds?: number;
  /** The call takes effect first (message stored, file shared) and only its answer fails: a lost answer. */
  afterEffect?: boolean;
}

type SlackHandler = (body: Record<string, unknown>, call: SlackCall) => FakeAnswer;

export interface FakeSlackApi {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** SLACK_API_URL for the WebClient (ends with /api/). */
  readonly apiUrl: string;
  readonly calls: SlackCall[];
  /** Messages posted with chat.postMessage, in order. */
  readonly messages: SlackMessage[];
  /** Files shared into channels or threads by files.completeUploadExternal. */
  readonly files: SlackSharedFile[];
  /** channel -> the Slack error code every call naming it answers (e.g. is_archived). */
  readonly refuse: Map<string, string>;
  inChannel(channel: string): SlackMessage[];
  /** How many calls of a method arrived. */
  count(method: string): number;
  /** A fresh response URL for one request. */
  responseUrl(id?: string): string;
  /** Resolves with the first call (already recorded or future) matching the predicate. */
  next(predicate: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** Replaces the answer of one Web API method. */
  on(method: string, handler: SlackHandler): void;
  /** The next `count` calls of `method` ("upload" for the upload URL) fail as described. */
  failNext(method: string, count: number, failure: SlackFailure): void;
  /** Matching calls take effect but get no answer until releaseHeld() (a slow or vanished platform). */
  holdAnswers(predicate: ((call: SlackCall) => boolean) | undefined): void;
  releaseHeld(): void;
  close(): Promise<void>;
}

/** Methods Slack serves without a bot token. */
const TOKENLESS = new Set(['oauth.v2.access', 'oauth.access']);

function decodeJsonFields(fields: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fields) {
    if (/^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the text
      }
    }
    out[key] = value;
  }
  return out;
}

/** WebClient sends form bodies with nested values as JSON text; response URLs and some clients send JSON. */
function parseBody(request: FakeRequest): Record<string, unknown> {
  if (request.body === '') return {};
  const contentType = String(request.headers['content-type'] ?? '');
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  if (contentType.includes('application/x-www-form-urlencoded')) return decodeJsonFields(new URLSearchParams(request.body));
  return {};
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value));

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const messages: SlackMessage[] = [];
  const files: SlackSharedFile[] = [];
  const refuse = new Map<string, string>();
  const failures = new Map<string, { count: number; failure: SlackFailure }>();
  const waiters: { predicate: (call: SlackCall) => boolean; resolve: (call: SlackCall) => void }[] = [];
  const held: (() => void)[] = [];
  let hold: ((call: SlackCall) => boolean) | undefined;
  /** Uploaded but not yet completed: file id -> name, alt text, declared length and bytes. */
  const pending = new Map<string, { name: string; altText?: string; length: number; bytes?: Buffer }>();
  let fileCounter = 0;
  let tsCounter = 1_780_000_000;
  let responseCounter = 0;
  let baseUrl = '';

  const handlers = new Map<string, SlackHandler>(
    Object.entries({
      'auth.test': () => ({ json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', url: 'https://test.slack.com/' } }),
      'chat.postMessage': (body, call) => {
        tsCounter += 1;
        const message: SlackMessage = { channel: call.channel ?? '', ts: `${tsCounter}.000100`, text: text(body.text) ?? '', blocks: (body.blocks as unknown[] | undefined) ?? [], token: call.token ?? '' };
        if (body.thread_ts !== undefined) message.threadTs = text(body.thread_ts);
        if (body.metadata && typeof body.metadata === 'object') message.metadata = body.metadata as SlackMessage['metadata'];
        messages.push(message);
        return { json: { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text } } };
      },
      'chat.postEphemeral': () => ({ json: { ok: true, message_ts: `${++tsCounter}.000200` } }),
      'chat.update': (body) => ({ json: { ok: true, channel: body.channel, ts: body.ts, text: body.text } }),
      'chat.delete': (body) => ({ json: { ok: true, channel: body.channel, ts: body.ts } }),
      'chat.getPermalink': (body) => ({ json: { ok: true, channel: body.channel, permalink: `https://test.slack.com/archives/${text(body.channel)}/p${text(body.message_ts)?.replace('.', '')}` } }),
      'users.info': (body) => ({ json: { ok: true, user: { id: body.user, is_admin: false, is_owner: false } } }),
      'views.open': () => ({ json: { ok: true, view: { id: 'V1' } } }),
      'views.push': () => ({ json: { ok: true, view: { id: 'V2' } } }),
      'views.update': (body) => ({ json: { ok: true, view: { id: body.view_id ?? 'V1' } } }),
      'views.publish': () => ({ json: { ok: true, view: { id: 'VHOME' } } }),
      'conversations.info': (_body, call) => ({ json: { ok: true, channel: { id: call.channel, name: 'backend', is_channel: true, is_member: true } } }),
      'files.getUploadURLExternal': (body) => {
        const id = `F${++fileCounter}`;
        pending.set(id, { name: text(body.filename) ?? '', altText: text(body.alt_text), length: Number(body.length) });
        return { json: { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id } };
      },
      'files.completeUploadExternal': (body, call) => {
        const shared: SlackSharedFile[] = [];
        for (const entry of (body.files as { id: string; title?: string }[] | undefined) ?? []) {
          const file = pending.get(entry.id);
          if (!file?.bytes || file.bytes.length !== file.length) return { json: { ok: false, error: 'file_upload_not_found' } };
          shared.push({ id: entry.id, name: file.name, title: entry.title, altText: file.altText, channel: call.channel ?? '', threadTs: text(body.thread_ts), bytes: file.bytes });
          pending.delete(entry.id);
        }
        files.push(...shared);
        return { json: { ok: true, files: shared.map((file) => ({ id: file.id, title: file.title })) } };
      },
      'conversations.history': (body, call) => {
        const withMetadata = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const found = messages
          .filter((m) => m.channel === call.channel && m.threadTs === undefined)
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'BBOT', ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return { json: { ok: true, messages: found, has_more: false, response_metadata: { next_cursor: '' } } };
      },
      'conversations.replies': (body, call) => {
        const parent = messages.find((m) => m.channel === call.channel && m.ts === body.ts);
        if (!parent) return { json: { ok: false, error: 'thread_not_found' } };
        const seconds = parent.ts.split('.')[0];
        const shared = files
          .filter((file) => file.channel === call.channel && file.threadTs === parent.ts)
          .map((file, index) => ({ type: 'message', ts: `${seconds}.${String(index + 200).padStart(6, '0')}`, thread_ts: parent.ts, files: [{ id: file.id, name: file.name, title: file.title }] }));
        const replies = messages.filter((m) => m.channel === call.channel && m.threadTs === parent.ts).map((m) => ({ type: 'message', ts: m.ts, thread_ts: parent.ts, text: m.text }));
        return { json: { ok: true, messages: [{ type: 'message', ts: parent.ts, text: parent.text }, ...shared, ...replies], has_more: false } };
      },
    } satisfies Record<string, SlackHandler>),
  );

  const scriptedHandlers = new Map<string, SlackHandler>();

  /** The pre-signed upload URL: no token, raw bytes for a file named by files.getUploadURLExternal. */
  const upload = (fileId: string, call: SlackCall): FakeAnswer => {
    const file = pending.get(fileId);
    if (!file) return { status: 404, text: 'not found' };
    file.bytes = call.bytes;
    return { text: `OK - ${call.bytes.length}` };
  };

  const webApi = (call: SlackCall): FakeAnswer => {
    // A test's own answer for a method is given as scripted, whatever the token or channel.
    const scripted = scriptedHandlers.get(call.method);
    if (scripted) return scripted(call.body, call);
    if (!TOKENLESS.has(call.method) && !/^(xox[a-z]|xapp)-/.test(call.token ?? '')) return { json: { ok: false, error: 'not_authed' } };
    const refused = call.channel === undefined ? undefined : refuse.get(call.channel);
    if (refused) return { json: { ok: false, error: refused } };
    const handler = handlers.get(call.method);
    return handler ? handler(call.body, call) : { json: { ok: false, error: 'unknown_method' } };
  };

  function scriptedFailure(method: string): SlackFailure | undefined {
    const scripted = failures.get(method);
    if (!scripted || scripted.count === 0) return undefined;
    scripted.count -= 1;
    return scripted.failure;
  }

  function failureAnswer(failure: SlackFailure): FakeAnswer {
    const status = failure.status ?? (failure.retryAfterSeconds !== undefined ? 429 : 200);
    return {
      status,
      headers: failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : undefined,
      json: { ok: false, error: failure.error ?? (status === 429 ? 'ratelimited' : 'internal_error') },
    };
  }

  const server = await startLoopbackServer(async (request) => {
    const body = parseBody(request);
    const uploadMatch = /^\/upload\/(\w+)$/.exec(request.path);
    const method = request.path.startsWith('/api/') ? request.path.slice('/api/'.length) : uploadMatch ? 'upload' : 'response';
    const bearer = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    const call: SlackCall = { method, path: request.path, body, headers: request.headers, raw: request.body, bytes: request.raw };
    const channel = text(body.channel) ?? text(body.channel_id);
    if (channel !== undefined) call.channel = channel;
    const token = bearer || text(body.token);
    if (token) call.token = token;
    calls.push(call);

    let answer: FakeAnswer;
    const failure = scriptedFailure(method);
    if (failure && !failure.afterEffect) answer = failureAnswer(failure);
    else {
      answer = method === 'response' ? { text: 'ok' } : uploadMatch ? upload(uploadMatch[1]!, call) : webApi(call);
      if (failure) answer = failureAnswer(failure);
    }
    // Waiters hear of the call once its effect is visible (the message stored, the file shared).
    for (const waiter of [...waiters]) {
      if (waiter.predicate(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
    if (hold?.(call)) await new Promise<void>((resolve) => held.push(resolve));
    return answer;
  });
  baseUrl = server.url;

  return {
    url: server.url,
    apiUrl: `${server.url}/api/`,
    calls,
    messages,
    files,
    refuse,
    inChannel: (channel) => messages.filter((m) => m.channel === channel),
    count: (method) => calls.filter((call) => call.method === method).length,
    responseUrl: (id = String(++responseCounter)) => `${server.url}/response/${id}`,
    next(predicate, timeoutMs = 5000) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Slack: no matching call arrived')), timeoutMs);
        waiters.push({
          predicate,
          resolve: (call) => {
            clearTimeout(timer);
            resolve(call);
          },
        });
      });
    },
    on(method, handler) {
      scriptedHandlers.set(method, handler);
    },
    failNext(method, count, failure) {
      failures.set(method, { count, failure });
    },
    holdAnswers(predicate) {
      hold = predicate;
    },
    releaseHeld() {
      for (const release of held.splice(0)) release();
    },
    close: () => server.close(),
  };
}
