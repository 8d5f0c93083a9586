// A loopback HTTP server that plays recorded source responses: routes keyed by "METHOD /path?query"
// (or by path alone), each a fixed response or a function of the request. Every request is recorded.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Route = FakeResponse | ((request: RecordedRequest) => FakeResponse);

export interface FakeSourceServer {
  url: string;
  requests: RecordedRequest[];
  routes: Map<string, Route>;
  /** Replace or add a route: key "GET /path?x=1", "GET /path" (any query) or "POST /path". */
  route(key: string, response: Route): void;
  close(): Promise<void>;
}

const fixtureDir = fileURLToPath(new URL('../../fixtures/sources/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(`${fixtureDir}${name}`, 'utf8');
}

export function json(body: unknown, headers: Record<string, string> = {}, status = 200): FakeResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export async function startFakeSourceServer(initial: Record<string, Route> = {}): Promise<FakeSourceServer> {
  const routes = new Map<string, Route>(Object.entries(initial));
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const path = request.url.split('?')[0];
      const route = routes.get(`${request.method} ${request.url}`) ?? routes.get(`${request.method} ${path}`);
      const response = typeof route === 'function' ? route(request) : route ?? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
      res.writeHead(response.status ?? 200, response.headers ?? {});
      res.end(response.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    routes,
    route: (key, response) => routes.set(key, response),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
