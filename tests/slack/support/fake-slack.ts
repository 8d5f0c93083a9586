// A local stand-in for Slack: the Web API (via SLACK_API_URL) and response URLs, recording everything the bot
// sends. Tests await the next matching record instead of sleeping.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface RecordedCall {
  /** "chat.postMessage", or "response" for a POST to a response URL. */
  method: string;
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  /** The body as sent (file bytes posted to an upload URL are read from here). */
  raw: string;
}

type ApiHandler = (body: Record<string, unknown>) => { status?: number; json: unknown };

export interface FakeSlack {
  readonly url: string;
  /** Base for SLACK_API_URL (ends with /api/). */
  readonly apiUrl: string;
  readonly calls: RecordedCall[];
  /** A fresh response URL for one request. */
  responseUrl(id?: string): string;
  /** Resolves with the first call (already recorded or future) matching the predicate. */
  next(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Replaces the answer of one Web API method. */
  on(method: string, handler: ApiHandler): void;
  close(): Promise<void>;
}

const defaultHandlers: Record<string, ApiHandler> = {
  'auth.test': () => ({ json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test', url: 'https://test.slack.com/' } }),
  'chat.postMessage': (body) => ({ json: { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` } }),
  'chat.postEphemeral': () => ({ json: { ok: true, message_ts: `${Date.now() / 1000}` } }),
  'users.info': (body) => ({ json: { ok: true, user: { id: body.user, is_admin: false, is_owner: false } } }),
  // Modals, App Home and the files.uploadV2 flow (getUploadURLExternal's upload URL is set once the port is known).
  'views.open': () => ({ json: { ok: true, view: { id: 'V1' } } }),
  'views.publish': () => ({ json: { ok: true, view: { id: 'VHOME' } } }),
  'files.completeUploadExternal': (body) => ({ json: { ok: true, files: [{ id: (body.files as { id: string }[] | undefined)?.[0]?.id ?? 'F1' }] } }),
};

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const handlers = new Map<string, ApiHandler>(Object.entries(defaultHandlers));
  const waiters: { predicate: (c: RecordedCall) => boolean; resolve: (c: RecordedCall) => void }[] = [];
  let counter = 0;

  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0]!;
    const body = parseBody(raw, req.headers['content-type'] ?? '');
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : 'response';
    const call: RecordedCall = { method, path, body, headers: req.headers, raw };
    calls.push(call);
    for (const w of [...waiters]) {
      if (w.predicate(call)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
    if (method === 'response') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const handler = handlers.get(method);
    const answer = handler ? handler(body) : { json: { ok: false, error: 'unknown_method' } };
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let uploads = 0;
  handlers.set('files.getUploadURLExternal', () => {
    const fileId = `F${++uploads}`;
    return { json: { ok: true, upload_url: `${url}/upload/${fileId}`, file_id: fileId } };
  });

  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    responseUrl: (id = String(++counter)) => `${url}/response/${id}`,
    next(predicate, timeoutMs = 5000) {
      const found = calls.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('fake Slack: no matching call arrived')), timeoutMs);
        waiters.push({
          predicate,
          resolve: (c) => {
            clearTimeout(timer);
            resolve(c);
          },
        });
      });
    },
    on(method, handler) {
      handlers.set(method, handler);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Form bodies (Web API) and JSON bodies (response URLs); JSON-valued form fields like blocks are decoded. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
