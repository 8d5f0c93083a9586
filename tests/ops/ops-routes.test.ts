// /healthz, /readyz and /metrics on a real loopback server.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { checkReadiness, type ReadinessInput } from '../../src/ops/readiness.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { bearerMatches, registerOpsRoutes } from '../../src/ops/ops-routes.ts';

const knowledge = { version: '2026.11', facts: [{}] } as unknown as ReadinessInput['knowledge'];
const readyAdapter = { name: 'slack', isReady: () => true };

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(readiness: () => ReadinessInput, metricsToken?: string) {
  server = createHttpServer(pino({ level: 'silent' }));
  const metrics = createMetrics({ processMetrics: false });
  registerOpsRoutes(server, { metrics, readiness, metricsToken });
  const port = await server.listen(0, '127.0.0.1');
  return { base: `http://127.0.0.1:${port}`, metrics };
}

describe('ops routes', () => {
  it('given the process runs, then /healthz answers 200 ok', async () => {
    const { base } = await serve(() => ({ ping: async () => undefined, adapters: [readyAdapter], knowledge }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('given database, adapters and knowledge all fine, then /readyz answers 200 with each check', async () => {
    const { base } = await serve(() => ({ ping: async () => undefined, adapters: [readyAdapter], knowledge }));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ready',
      database: { ok: true },
      adapters: { ok: true, states: { slack: true } },
      knowledge: { ok: true, version: '2026.11', facts: 1 },
    });
  });

  it('given the database is down, then /readyz answers 503 without leaking the connection string', async () => {
    const ping = () => Promise.reject(new Error('connect ECONNREFUSED postgres://bot:hunter2@db:5432/rustvsgo'));
    const { base } = await serve(() => ({ ping, adapters: [readyAdapter], knowledge }));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; database: { ok: boolean; error: string } };
    expect(body.status).toBe('not_ready');
    expect(body.database.ok).toBe(false);
    expect(body.database.error).toContain('ECONNREFUSED');
    expect(body.database.error).not.toContain('hunter2');
  });

  it('given an adapter that is not connected, then /readyz answers 503 naming it', async () => {
    const adapters = [readyAdapter, { name: 'discord-gateway', isReady: () => false }];
    const { base } = await serve(() => ({ ping: async () => undefined, adapters, knowledge }));
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ adapters: { ok: false, states: { slack: true, 'discord-gateway': false } } });
  });

  it('given no token configured, then /metrics is open and serves Prometheus text', async () => {
    const { base, metrics } = await serve(() => ({ ping: async () => undefined, adapters: [readyAdapter], knowledge }));
    metrics.observer.commandFinished({ command: 'help', platform: 'slack', outcome: 'ok', seconds: 0.001 });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('rustvsgo_commands_total{command="help",platform="slack",outcome="ok"} 1');
  });

  it.each([
    [undefined, 401],
    ['Bearer wrong-token', 401],
    ['Basic c2VjcmV0LXRva2VuLTEyMw==', 401],
    ['Bearer secret-token-123', 200],
    ['bearer secret-token-123', 200],
  ])('given METRICS_TOKEN and Authorization %s, then /metrics answers %i', async (authorization, status) => {
    const { base } = await serve(() => ({ ping: async () => undefined, adapters: [readyAdapter], knowledge }), 'secret-token-123');
    const res = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
    expect(res.status).toBe(status);
    const text = await res.text();
    if (status === 401) {
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(text).not.toContain('rustvsgo_');
    }
  });

  it('bearerMatches compares the whole token', () => {
    expect(bearerMatches('Bearer abc', 'abc')).toBe(true);
    expect(bearerMatches('Bearer abcd', 'abc')).toBe(false);
    expect(bearerMatches('Bearer ab', 'abc')).toBe(false);
    expect(bearerMatches('abc', 'abc')).toBe(false);
  });
});

describe('readiness', () => {
  it('given a database that never answers, then the check reports not ready after the timeout', async () => {
    vi.useFakeTimers();
    try {
      const pending = checkReadiness({ ping: () => new Promise(() => undefined), adapters: [readyAdapter], knowledge, pingTimeoutMs: 2000 });
      await vi.advanceTimersByTimeAsync(2000);
      const report = await pending;
      expect(report.ready).toBe(false);
      expect(report.checks.database).toEqual({ ok: false, error: 'no answer within 2000 ms' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('given no adapters yet (still starting), then it is not ready', async () => {
    const report = await checkReadiness({ ping: async () => undefined, adapters: [], knowledge });
    expect(report.ready).toBe(false);
  });

  it('given an empty knowledge base, then it is not ready', async () => {
    const empty = { version: 'x', facts: [] } as unknown as ReadinessInput['knowledge'];
    const report = await checkReadiness({ ping: async () => undefined, adapters: [readyAdapter], knowledge: empty });
    expect(report.checks.knowledge.ok).toBe(false);
    expect(report.ready).toBe(false);
  });
});
