// A source that is down, rate-limited or returns garbage leaves its part stale; the rest is still collected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSnapshots } from '../../src/digest/collect.ts';
import { createSourceClients } from '../../src/digest/source-clients.ts';
import { memoryValidatorStore } from '../../src/digest/sources/http-client.ts';
import { fakeClock } from './support/fake-clock.ts';
import { json, startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from './support/two-week-world.ts';

let server: FakeSourceServer;
beforeEach(async () => {
  server = await startFakeSourceServer();
  serveWeek(server, 1);
});
afterEach(async () => server.close());

function collect(now = WEEK1_NOW, previous?: Awaited<ReturnType<typeof collectSnapshots>>, clock = fakeClock(now)) {
  const clients = createSourceClients({ ...worldEnv(server.url), GITHUB_TOKEN: undefined, SOURCE_TIMEOUT_MS: 5_000 }, { clock, validators: memoryValidatorStore() });
  return collectSnapshots({ clients, watchlist: worldWatchlist, now: new Date(now), previous });
}

const status = (collection: Awaited<ReturnType<typeof collect>>, source: string) => collection.sources.find((entry) => entry.source === source);

describe('collect with failing sources', () => {
  it('marks crates.io stale when it is down and still collects everything else', async () => {
    for (const key of [...server.routes.keys()].filter((k) => k.includes('/api/v1/crates/'))) server.route(key, { status: 503, body: 'down' });
    const collection = await collect();
    expect(status(collection, 'crates.io')).toMatchObject({ status: 'stale' });
    const tokio = collection.items.find((item) => item.itemId === 'tokio');
    expect(tokio).toMatchObject({ stars: 29287, stale: ['crates.io'] });
    expect(tokio?.downloads7d).toBeUndefined();
    expect(tokio?.releases.map((release) => release.version)).toEqual(['1.46.1', '1.46.0']);
    expect(collection.sources.filter((entry) => entry.status !== 'ok').map((entry) => entry.source)).toEqual(['crates.io']);
  });

  it('marks GitHub rate-limited on a 403 with remaining 0 and a far reset, without waiting or crashing', async () => {
    const limited = json({ message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Date.parse(WEEK1_NOW) / 1000 + 3600) }, 403);
    for (const key of [...server.routes.keys()].filter((k) => k.startsWith('GET /repos/'))) server.route(key, limited);
    const clock = fakeClock(WEEK1_NOW);
    const collection = await collect(WEEK1_NOW, undefined, clock);
    expect(status(collection, 'github')).toMatchObject({ status: 'rate_limited' });
    // After the first refusal the client stops asking until the reset.
    expect(server.requests.filter((request) => request.url.startsWith('/repos/'))).toHaveLength(1);
    expect(clock.sleeps.filter((ms) => ms > 1000)).toEqual([]);
    expect(collection.items.find((item) => item.itemId === 'gin')?.latestVersion).toBe('v1.10.1');
  });

  it.each([
    ['an empty body', { body: '' }],
    ['a wrong shape', json({ results: 'nope' })],
    ['HTML instead of JSON', { headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' }],
  ])('marks OSV stale on %s and leaves advisories unknown (not empty)', async (_label, response) => {
    server.route('POST /v1/querybatch', response);
    const collection = await collect();
    expect(status(collection, 'osv.dev')).toMatchObject({ status: 'stale' });
    expect(collection.items.find((item) => item.itemId === 'gin')?.advisories).toBeUndefined();
    expect(status(collection, 'github')).toMatchObject({ status: 'ok' });
  });

  it('treats a watched crate the registry does not know as that item’s problem, not the source’s', async () => {
    server.route('GET /api/v1/crates/axum', json({ errors: [{ detail: 'crate `axum` does not exist' }] }, {}, 404));
    server.route('GET /api/v1/crates/axum/downloads', json({ errors: [{ detail: 'crate `axum` does not exist' }] }, {}, 404));
    const collection = await collect();
    expect(status(collection, 'crates.io')).toMatchObject({ status: 'ok' });
    expect(collection.items.find((item) => item.itemId === 'axum')?.stale).toEqual(['crates.io']);
  });

  it('keeps last week’s Go version list when the proxy fails, so next week still finds exactly the new versions', async () => {
    const week1 = await collect(WEEK1_NOW);
    serveWeek(server, 2);
    server.route('GET /github.com/gin-gonic/gin/@v/list', { status: 502, body: 'bad gateway' });
    const week2 = await collect(WEEK2_NOW, week1);
    const gin = week2.items.find((item) => item.itemId === 'gin');
    expect(gin?.knownVersions).toEqual(week1.items.find((item) => item.itemId === 'gin')?.knownVersions);
    expect(gin?.stale).toEqual(['proxy.golang.org']);
  });

  it('survives every source being unreachable', async () => {
    const url = server.url;
    await server.close();
    const clients = createSourceClients({ ...worldEnv(url), GITHUB_TOKEN: undefined, SOURCE_TIMEOUT_MS: 2_000 }, { clock: fakeClock() });
    const collection = await collectSnapshots({ clients, watchlist: worldWatchlist, now: new Date(WEEK1_NOW) });
    expect(collection.sources.length).toBeGreaterThan(5);
    expect(collection.sources.every((entry) => entry.status === 'stale')).toBe(true);
    expect(collection.feeds.every((feed) => feed.stale)).toBe(true);
    server = await startFakeSourceServer();
  });
});
