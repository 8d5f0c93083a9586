// End to end: every source variable points at the fake server; `digest collect --now` for two consecutive weeks,
// then `digest preview --now --json` reports exactly the releases, deltas and advisories the served data implies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { digestSchema, type Digest } from '../../src/digest/digest.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { fakeClock } from './support/fake-clock.ts';
import { startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from './support/two-week-world.ts';
import { createTestServices } from '../helpers/test-services.ts';

let server: FakeSourceServer;
let store: Store;
let services: Services;
const clock = fakeClock(WEEK1_NOW);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDigestCli(args, services, { stdout: (t) => (out += t), stderr: (t) => (err += t), clock, watchlist: worldWatchlist });
  return { code, out, err };
}

async function preview(now: string): Promise<Digest> {
  const { code, out } = await cli(['preview', '--now', now, '--json']);
  expect(code).toBe(0);
  return digestSchema.parse(JSON.parse(out));
}

beforeAll(async () => {
  server = await startFakeSourceServer();
  store = await openStore('sqlite::memory:');
  services = await createTestServices(worldEnv(server.url), new Date('2030-01-01T00:00:00Z'), store);
});
afterAll(async () => {
  await store.close();
  await server.close();
});

describe('digest collect, two consecutive weeks, then preview', () => {
  let week1: Digest;
  let week2: Digest;
  let week2Requests: string[];

  it('collects week 1 with every source ok', async () => {
    serveWeek(server, 1);
    const { code, out } = await cli(['collect', '--now', WEEK1_NOW]);
    expect(code).toBe(0);
    expect(out).toContain('Collected week 2025-W28');
    week1 = await preview(WEEK1_NOW);
    expect(week1.sources.every((source) => source.status === 'ok')).toBe(true);
    // Advisories last modified long before the window cannot be new: their details are not fetched.
    expect(server.requests.filter((request) => request.url.startsWith('/v1/vulns/'))).toEqual([]);
  });

  it('week 1 is a baseline: no trends, releases and posts inside the last seven days only', () => {
    expect(week1).toMatchObject({ week: '2025-W28', previousWeek: null, baseline: true });
    expect(week1.items.filter((item) => item.kind === 'trend')).toEqual([]);
    expect(week1.items.filter((item) => item.kind === 'release').map((item) => [item.name, item.kind === 'release' && item.version])).toEqual([
      ['toml', 'v1.6.0'],
      ['tokio', '1.46.1'],
      ['tokio', '1.46.0'],
    ]);
    expect(week1.items.filter((item) => item.kind === 'post').map((item) => item.kind === 'post' && item.title)).toEqual(['This Week in Rust 606']);
    expect(week1.items.filter((item) => item.kind === 'advisory')).toEqual([]);
    expect(week1.headline).toBe('Baseline week: first snapshot of 6 watched items, so changes start next week; toml v1.6.0 released (3 releases this week)');
  });

  it('collects week 2 (one feed down) and reports exactly the served changes', async () => {
    serveWeek(server, 2);
    const before = server.requests.length;
    const { code } = await cli(['collect', '--now', WEEK2_NOW]);
    expect(code).toBe(0);
    week2Requests = server.requests.slice(before).map((request) => `${request.method} ${request.url}`);
    week2 = await preview(WEEK2_NOW);
    expect(week2).toMatchObject({ week: '2025-W29', previousWeek: '2025-W28', baseline: false, window: { start: '2025-07-08T09:00:00.000Z', end: '2025-07-15T09:00:00.000Z' } });
  });

  it('lists the releases in the window: new Go toolchains (undated, new since last week), tokio without prereleases or tokio-util, axum, gin', () => {
    const releases = week2.items.filter((item) => item.kind === 'release');
    expect(releases).toEqual([
      { kind: 'release', language: 'go', name: 'Go', version: '1.24.6', url: 'https://go.dev/dl/#go1.24.6', toolchain: true },
      { kind: 'release', language: 'go', name: 'Go', version: '1.23.12', url: 'https://go.dev/dl/#go1.23.12', toolchain: true },
      { kind: 'release', language: 'go', name: 'gin', version: 'v1.11.0', url: 'https://pkg.go.dev/github.com/gin-gonic/gin@v1.11.0', date: '2025-07-13T08:00:00.000Z', toolchain: false },
      {
        kind: 'release',
        language: 'rust',
        name: 'tokio',
        version: '1.47.0',
        url: 'https://github.com/tokio-rs/tokio/releases/tag/tokio-1.47.0',
        date: '2025-07-12T10:00:00.000Z',
        toolchain: false,
        // From the GitHub release body: heading, HTML comment and <img> dropped, the @everyone made inert.
        whyItMatters: 'sync: add SetOnce for one-time initialisation, thanks @\u200Deveryone and @\u200Dcarllerche (#7418); net: TcpStream::set_zero_linger docs',
      },
      { kind: 'release', language: 'rust', name: 'axum', version: '0.8.4', url: 'https://crates.io/crates/axum/0.8.4', date: '2025-07-10T00:00:00.000Z', toolchain: false },
    ]);
  });

  it('computes download and star changes per language, Go with stars only', () => {
    const trends = week2.items.flatMap((item) => (item.kind === 'trend' ? [[item.language, item.name, item.metric, item.previous, item.current, item.change]] : []));
    expect(trends).toEqual([
      // Go's and toml's stars did not move (128000 -> 128000, 4700 -> 4700): unchanged rows are left out.
      ['go', 'gin', 'stars', 80000, 80800, 1],
      ['rust', 'axum', 'downloads_7d', 700000, 616000, -12],
      ['rust', 'tokio', 'downloads_7d', 3500000, 3850000, 10],
      ['rust', 'axum', 'stars', 21000, 21630, 3],
      ['rust', 'tokio', 'stars', 29287, 29580, 1],
      ['rust', 'Rust', 'stars', 102000, 102510, 0.5],
    ]);
    expect(week2.signals).toEqual([
      { language: 'rust', signals: ['crates.io downloads over the last 7 days', 'GitHub stars'] },
      { language: 'go', signals: ['GitHub stars'] },
    ]);
    expect(week2.fairnessNote).toMatch(/Go has no public download counts/);
  });

  it('reports new advisories once per issue across aliases, informational notices apart', () => {
    const advisories = week2.items.filter((item) => item.kind === 'advisory');
    expect(advisories).toEqual([
      {
        kind: 'advisory',
        language: 'go',
        name: 'gin',
        id: 'GO-2025-9999',
        aliases: ['CVE-2025-99999', 'GHSA-9999-aaaa-bbbb'],
        summary: 'Synthetic test advisory for gin',
        url: 'https://pkg.go.dev/vuln/GO-2025-9999',
        published: '2025-07-11T10:00:00.000Z',
      },
      {
        kind: 'advisory',
        language: 'rust',
        name: 'tokio',
        id: 'RUSTSEC-2025-9998',
        aliases: [],
        summary: 'Synthetic informational notice for tokio',
        url: 'https://rustsec.org/advisories/RUSTSEC-2025-9998.html',
        published: '2025-07-10T00:00:00.000Z',
        informational: 'unsound',
      },
    ]);
    expect(week2.counts).toEqual({ releases: 5, newAdvisories: 2, newVulnerabilities: 1, posts: 1 });
  });

  it('lists the new post, marks the failed feed stale and keeps the rest', () => {
    expect(week2.items.filter((item) => item.kind === 'post')).toEqual([
      { kind: 'post', language: 'rust', name: 'This Week in Rust', title: 'This Week in Rust 607', url: 'https://this-week-in-rust.org/blog/2025/07/09/this-week-in-rust-607/', date: '2025-07-09T04:00:00.000Z' },
    ]);
    expect(week2.sources.find((source) => source.source === 'rust-blog')).toMatchObject({ status: 'stale' });
    expect(week2.sources.filter((source) => source.status !== 'ok').map((source) => source.source)).toEqual(['rust-blog']);
  });

  it('computes the headline from the data', () => {
    expect(week2.headline).toBe('Go 1.24.6 and Go 1.23.12 released; 1 new security advisory (gin); biggest mover: axum (Rust) weekly downloads −12.0%');
  });

  it('reuses what it already knows: 304 for an unchanged repo, no refetch of known advisories, only new Go versions dated', () => {
    const goRepo = server.requests.filter((request) => request.url === '/repos/golang/go');
    expect(goRepo.at(-1)?.headers['if-none-match']).toBe('"go-repo-128000"');
    expect(week2Requests).not.toContain('GET /v1/vulns/GO-2023-1737');
    expect(week2Requests).toContain('GET /v1/vulns/GO-2025-9999');
    expect(week2Requests.filter((url) => url.includes('.info'))).toEqual(['GET /github.com/gin-gonic/gin/@v/v1.11.0.info']);
    expect(week2Requests).not.toContain('GET /github.com/gin-gonic/gin/@latest');
  });

  it('paced crates.io at one request a second on the injected clock', () => {
    expect(clock.sleeps.length).toBeGreaterThan(0);
    expect(clock.sleeps.every((ms) => ms <= 1000)).toBe(true);
  });

  it('renders the same digest as readable text', async () => {
    const { code, out } = await cli(['preview', '--now', WEEK2_NOW]);
    expect(code).toBe(0);
    expect(out).toContain('Rust vs Go ecosystem digest, week 2025-W29');
    expect(out).toContain('Go 1.24.6');
    expect(out).toContain('axum <https://crates.io/crates/axum> downloads (7 days): 700.0k → 616.0k (−12.0%)');
    expect(out).toContain('Unknown this week from Rust blog (source unavailable)');
    expect(out).not.toContain('±0.0%');
    expect(out).toMatch(/Go has no public download counts/);
  });

  it('rejects a bad --now with exit code 2', async () => {
    const { code, err } = await cli(['preview', '--now', 'yesterday']);
    expect(code).toBe(2);
    expect(err).toContain('--now expects an ISO date-time');
  });
});
