// The one HTTP server every HTTP-facing part shares (Slack events, Discord interactions, health, metrics).
// Parts register routes; the server itself knows nothing about platforms.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

interface Route {
  method: string | '*';
  /** Exact path, or a prefix when it ends with "/*". */
  path: string;
  handler: RequestHandler;
}

export interface HttpServer {
  /** Registers a handler for a method and path ("/slack/*" matches every path under /slack/). */
  route(method: string | '*', path: string, handler: RequestHandler): void;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
  /** Called once each response has been sent (src/ops uses it for acknowledgement latency). */
  onResponse(listener: (event: HttpResponseEvent) => void): void;
  readonly server: Server;
}

interface HttpResponseEvent {
  method: string;
  path: string;
  status: number;
  /** From the request's arrival to its response being handed to the OS. */
  seconds: number;
}

export function createHttpServer(logger: Logger): HttpServer {
  const routes: Route[] = [];
  const responseListeners: ((event: HttpResponseEvent) => void)[] = [];
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (responseListeners.length > 0) {
      res.once('finish', () => {
        const event = { method: req.method ?? 'GET', path, status: res.statusCode, seconds: (performance.now() - started) / 1000 };
        for (const listener of responseListeners) listener(event);
      });
    }
    const route = routes.find(
      (r) => (r.method === '*' || r.method === req.method) && (r.path.endsWith('/*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path),
    );
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    Promise.resolve()
      .then(() => route.handler(req, res))
      .catch((error: unknown) => {
        logger.error({ err: error, path }, 'http handler failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('internal error\n');
      });
  });
  return {
    server,
    route(method, path, handler) {
      routes.push({ method, path, handler });
    },
    onResponse(listener) {
      responseListeners.push(listener);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
