// Issue 14, item 3: digest sources cost bounded memory, disk and time. A loopback "hostile source" sends 50 MB
// bodies (with and without Content-Length), bodies that fail to parse, trickled bodies and redirect loops.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/env.ts';
import { collectWeek } from '../../src/digest/weekly-digest.ts';
import { fetchFeed } from '../../src/digest/sources/feeds.ts';
import { createGoDevClient, goToolchainReleases } from '../../src/digest/sources/go-dev.ts';
import { HttpClient, MAX_BODY_BYTES, memoryValidatorStore, SourceError } from '../../src/digest/sources/http-client.ts';
import { openStore, type Store } from '../../src/store/store.ts';

const FIFTY_MB = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server;
let base: string;
let handler: Handler;
const open = new Set<ServerResponse>();
beforeEach(async () => {
  server = createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    res.on('error', () => undefined);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Streams `total` bytes, honouring back-pressure, so the server itself holds no 50 MB buffer. */
function stream(res: ServerResponse, total: number): void {
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

/** Headers at once, then one byte every 100 ms: never finishes within a short time limit. */
function trickle(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/atom+xml' });
  const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<')), 100);
  res.on('close', () => clearInterval(timer));
}

async function failure(work: Promise<unknown>): Promise<SourceError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceError);
  return error as SourceError;
}

describe('body size cap', () => {
  it('refuses a 50 MB body by its Content-Length without reading it', async () => {
    let bytesSent = 0;
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(FIFTY_MB) });
      res.on('close', () => undefined);
      const original = res.write.bind(res);
      res.write = ((chunk: Buffer, ...rest: never[]) => ((bytesSent += chunk.length), original(chunk, ...rest))) as typeof res.write;
      stream(res, FIFTY_MB);
    };
    const client = new HttpClient({ source: 'go.dev', baseUrl: base });
    const error = await failure(client.getText('/dl/'));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain(`larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    expect(bytesSent).toBeLessThan(FIFTY_MB);
  });

  it('refuses a 50 MB chunked body (no Content-Length) while reading it', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml' });
      stream(res, FIFTY_MB);
    };
    const client = new HttpClient({ source: 'rust-blog', baseUrl: base });
    const error = await failure(fetchFeed(client));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/sent a body larger than 4 MB/);
  });
});

describe('validators', () => {
  it('are stored only after the body parsed: a go.dev answer that is not JSON leaves nothing to reuse', async () => {
    let body = 'not json at all';
    handler = (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/json', etag: '"v1"' }).end(body);
    };
    const validators = memoryValidatorStore();
    const client = createGoDevClient({ baseUrl: base, validators });
    expect((await failure(goToolchainReleases(client))).kind).toBe('malformed');
    expect(validators.entries.size).toBe(0);

    body = JSON.stringify([{ version: 'go1.25.1', stable: true }]);
    expect((await goToolchainReleases(client)).map((r) => r.version)).toEqual(['go1.25.1']);
    expect([...validators.entries.values()].map((v) => v.etag)).toEqual(['"v1"']);
  });

  it('of a feed that failed to parse are not stored either', async () => {
    handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml', etag: '"broken"' }).end('<html>not a feed</html>');
    const validators = memoryValidatorStore();
    const client = new HttpClient({ source: 'go-blog', baseUrl: base, validators });
    await failure(fetchFeed(client));
    expect(validators.entries.size).toBe(0);
  });
});

describe('stalled bodies and redirect loops', () => {
  it('a body that trickles past the time limit is a timeout named as such, and counts toward the 3-strike cutoff', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests += 1;
      trickle(res);
    };
    const client = new HttpClient({ source: 'this-week-in-rust', baseUrl: base, timeoutMs: 400 });
    const messages: string[] = [];
    for (let i = 0; i < 4; i += 1) messages.push((await failure(client.getText(`/feed${i}`))).message);
    expect(messages.slice(0, 3).every((m) => m.includes('timed out while sending the body'))).toBe(true);
    expect(messages[3]).toContain('could not be reached 3 times in a row');
    expect(requests).toBe(3);
  });

  it('a redirect loop is named as one', async () => {
    handler = (req, res) => res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    const error = await failure(new HttpClient({ source: 'go.dev', baseUrl: base }).getText('/a'));
    expect(error.message).toContain('redirect loop');
  });
});

describe('the whole collection', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('stops at its deadline: sources still sending are cut off, marked stale with the reason, and the collection is saved', async () => {
    handler = (_req, res) => trickle(res);
    store = await openStore('sqlite::memory:');
    const config = parseConfig({
      DATABASE_URL: 'sqlite::memory:',
      GITHUB_API_URL: base,
      CRATES_IO_URL: base,
      GOPROXY_URL: base,
      GO_DEV_URL: base,
      OSV_API_URL: base,
      RUST_BLOG_FEED_URL: `${base}/rust`,
      GO_BLOG_FEED_URL: `${base}/go`,
      TWIR_FEED_URL: `${base}/twir`,
      // Far longer than the deadline: only the deadline can end this run.
      SOURCE_TIMEOUT_MS: '600000',
    });
    const collection = await collectWeek({ store, config, now: new Date(), deadlineMs: 1500 });
    const stale = collection.sources.filter((s) => s.status !== 'ok');
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.every((s) => /collection deadline/.test(s.detail ?? ''))).toBe(true);
    expect(await store.digestSnapshots.get(collection.week)).toBeDefined();
  });
});
