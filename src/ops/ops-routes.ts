// GET /healthz (the process answers), GET /readyz (it can take work) and GET /metrics (Prometheus text,
// behind an optional bearer token) on the shared HTTP server.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServer } from '../http/server.ts';
import type { OpsMetrics } from './metrics.ts';
import { checkReadiness, type ReadinessInput } from './readiness.ts';

export interface OpsRoutesOptions {
  metrics: OpsMetrics;
  /** Evaluated on every /readyz request, so adapters that connect later are seen. */
  readiness: () => ReadinessInput;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Process start, for /healthz's uptime. */
  startedAt?: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
}

/** Compares digests, so neither the token's length nor its content leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

export function registerOpsRoutes(http: HttpServer, options: OpsRoutesOptions): void {
  const startedAt = options.startedAt ?? Date.now();

  http.route('GET', '/healthz', (_req, res) => {
    sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
  });

  http.route('GET', '/readyz', async (_req, res) => {
    const report = await checkReadiness(options.readiness());
    sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not_ready', ...report.checks });
  });

  http.route('GET', '/metrics', async (req: IncomingMessage, res: ServerResponse) => {
    if (options.metricsToken && !bearerMatches(req.headers.authorization, options.metricsToken)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('unauthorized\n');
      return;
    }
    const body = await options.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': options.metrics.registry.contentType, 'cache-control': 'no-store' }).end(body);
  });
}
