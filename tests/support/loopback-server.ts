// The one loopback HTTP server the fake platform APIs run on (127.0.0.1, port 0): it reads the whole body, hands
// the request to the fake, and writes the answer. Every answer says `connection: close`, so a bot process that has
// finished is never kept alive by an idle keep-alive socket; an answer the fake never settles (a held post) is
// cut off by close().
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** The path without the query, e.g. "/api/chat.postMessage". */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body as UTF-8 text. */
  body: string;
  /** The body's bytes (file uploads, multipart). */
  raw: Buffer;
}

export interface FakeAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as text/plain when there is no `json`. */
  text?: string;
}

export interface LoopbackServer {
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

export async function startLoopbackServer(handle: (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>): Promise<LoopbackServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks);
      let answer: FakeAnswer;
      try {
        answer = await handle({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: raw.toString('utf8'), raw });
      } catch (error) {
        answer = { status: 500, json: { error: String(error) } };
      }
      if (res.destroyed) return;
      const status = answer.status ?? 200;
      // A 204 carries no body and no content type (@discordjs/rest would try to parse one).
      if (status === 204) {
        res.writeHead(204, { connection: 'close', ...answer.headers }).end();
        return;
      }
      const [contentType, body] = answer.json !== undefined || answer.text === undefined ? ['application/json', JSON.stringify(answer.json ?? {})] : ['text/plain', answer.text];
      res.writeHead(status, { 'content-type': contentType, connection: 'close', ...answer.headers }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
