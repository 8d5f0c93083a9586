// Source fetch metrics: every digest source request is counted by source and status, and a back-off the source
// asked for is counted as a rate-limit wait, through the process-wide hook src/ops installs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, memoryValidatorStore, type SourceClock } from '../../src/digest/sources/http-client.ts';
import { createMetrics } from '../../src/ops/metrics.ts';

let server: Server;
let base: string;
let limitedOnce = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.writeHead(200, { etag: '"v1"' }).end('{}');
    else if (req.url === '/cached' && req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
    else if (req.url === '/cached') res.writeHead(200, { etag: '"v1"' }).end('{}');
    else if (req.url === '/limited-once') {
      if (limitedOnce) res.writeHead(200).end('{}');
      else {
        limitedOnce = true;
        res.writeHead(429, { 'retry-after': '7' }).end();
      }
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('source fetch metrics', () => {
  it('given ok, not-modified, not-found and a rate-limited-then-ok request, then each is counted by source and status', async () => {
    const metrics = createMetrics({ processMetrics: false });
    let now = 0;
    const clock: SourceClock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const client = new HttpClient({ source: 'crates-io', baseUrl: base, clock, validators: memoryValidatorStore(), observer: metrics.observer });

    await client.request('/ok');
    await (await client.request('/cached', { conditional: true })).remember();
    await client.request('/cached', { conditional: true });
    await expect(client.request('/missing')).rejects.toThrow(/not found/);
    await client.request('/limited-once');

    const text = await metrics.registry.metrics();
    expect(text).toContain('rustvsgo_source_fetches_total{source="crates-io",status="ok"} 3');
    expect(text).toContain('rustvsgo_source_fetches_total{source="crates-io",status="not_modified"} 1');
    expect(text).toContain('rustvsgo_source_fetches_total{source="crates-io",status="not_found"} 1');
    expect(text).toContain('rustvsgo_rate_limit_waits_total{scope="crates-io"} 1');
    expect(text).toContain('rustvsgo_rate_limit_wait_seconds_sum{scope="crates-io"} 7');
  });
});
