import { afterEach, describe, expect, it } from 'vitest';
import { createGithubClient, githubReleases, githubRepoStats, versionFromTag } from '../../src/digest/sources/github.ts';
import { createCratesIoClient, crateDailyDownloads, crateInfo, downloadsBetween } from '../../src/digest/sources/crates-io.ts';
import { compareSemver, createGoProxyClient, escapeModulePath, goLatest, goModuleVersions, goVersionInfo, highestVersion } from '../../src/digest/sources/go-proxy.ts';
import { createGoDevClient, goToolchainReleases } from '../../src/digest/sources/go-dev.ts';
import { fakeClock } from './support/fake-clock.ts';
import { fixture, json, startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';

let server: FakeSourceServer;
afterEach(async () => server?.close());

describe('github', () => {
  it('drops drafts, prereleases and other crates of a monorepo', async () => {
    const releases = JSON.parse(fixture('github-releases-tokio.json')) as Record<string, unknown>[];
    const extra = [
      { ...releases[0], tag_name: 'tokio-1.47.0-rc.1', prerelease: true, published_at: '2025-07-06T00:00:00Z' },
      { ...releases[0], tag_name: 'tokio-1.47.0', draft: true, published_at: null },
      { ...releases[0], tag_name: 'tokio-util-0.7.15', published_at: '2025-07-05T00:00:00Z' },
      { ...releases[0], tag_name: 'tokio-macros-2.5.0', published_at: '2025-07-05T00:00:00Z' },
    ];
    server = await startFakeSourceServer({ 'GET /repos/tokio-rs/tokio/releases': json([...extra, ...releases]) });
    const result = await githubReleases(createGithubClient({ baseUrl: server.url }), 'tokio-rs/tokio', { tagPrefix: 'tokio-' });
    expect(result.map((release) => release.version)).toEqual(['1.46.1', '1.46.0', '1.45.1']);
    expect(result[0]).toMatchObject({ tag: 'tokio-1.46.1', url: 'https://github.com/tokio-rs/tokio/releases/tag/tokio-1.46.1', publishedAt: '2025-07-04T14:49:37Z' });
    expect(server.requests[0]?.headers['x-github-api-version']).toBe('2022-11-28');
    expect(server.requests[0]?.headers.accept).toBe('application/vnd.github+json');
  });

  it('reads stars from the repository', async () => {
    server = await startFakeSourceServer({ 'GET /repos/tokio-rs/tokio': json(fixture('github-repo-tokio.json')) });
    expect(await githubRepoStats(createGithubClient({ baseUrl: server.url }), 'tokio-rs/tokio')).toEqual({
      fullName: 'tokio-rs/tokio',
      url: 'https://github.com/tokio-rs/tokio',
      stars: 29287,
    });
  });

  it.each([
    ['tokio-1.46.1', 'tokio-', '1.46.1'],
    ['v1.6.0', '', '1.6.0'],
    ['axum-v0.8.4', 'axum-', '0.8.4'],
    ['1.88.0', '', '1.88.0'],
  ])('version of tag %s with prefix %j is %s', (tag, prefix, version) => {
    expect(versionFromTag(tag, prefix)).toBe(version);
  });
});

describe('crates.io', () => {
  it('reads the latest stable version, downloads and dated versions', async () => {
    server = await startFakeSourceServer({ 'GET /api/v1/crates/tokio': json(fixture('crates-tokio.json')) });
    const info = await crateInfo(createCratesIoClient({ baseUrl: server.url, clock: fakeClock() }), 'tokio');
    expect(info).toMatchObject({ name: 'tokio', latestVersion: '1.46.1', downloads: 412873046, recentDownloads: 61402557 });
    expect(info.versions.map((version) => version.version)).toEqual(['1.46.1', '1.46.0', '1.45.1']);
    expect(info.versions[0]?.createdAt).toBe('2025-07-04T14:40:55.028Z');
  });

  it('sums the daily series over versions and extra downloads', async () => {
    server = await startFakeSourceServer({ 'GET /api/v1/crates/tokio/downloads': json(fixture('crates-tokio-downloads.json')) });
    const series = await crateDailyDownloads(createCratesIoClient({ baseUrl: server.url, clock: fakeClock() }), 'tokio');
    expect(series[0]).toEqual({ date: '2025-07-01', downloads: 29578 + 155772 + 388113 });
    expect(series.at(-1)).toEqual({ date: '2025-07-07', downloads: 381222 + 34886 + 165875 + 385944 });
    expect(downloadsBetween(series, '2025-07-06', '2025-07-08')).toBe(381222 + 34886 + 165875 + 385944 + 363164 + 29747 + 175119 + 416113);
    expect(downloadsBetween(series, '2024-01-01', '2024-01-08')).toBeUndefined();
  });
});

describe('Go module proxy', () => {
  it.each([
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
    ['github.com/Azure/azure-sdk-for-go', 'github.com/!azure/azure-sdk-for-go'],
    ['github.com/gin-gonic/gin', 'github.com/gin-gonic/gin'],
  ])('escapes %s as %s', (path, escaped) => {
    expect(escapeModulePath(path)).toBe(escaped);
  });

  it('reads a version date from .info', async () => {
    server = await startFakeSourceServer({ 'GET /github.com/gin-gonic/gin/@v/v1.9.1.info': json(fixture('goproxy-gin-v1.9.1.info.json')) });
    expect(await goVersionInfo(createGoProxyClient({ baseUrl: server.url }), 'github.com/gin-gonic/gin', 'v1.9.1')).toEqual({ version: 'v1.9.1', time: '2023-06-11T09:37:15.000Z' });
  });

  it('requests case-escaped paths and ignores unknown fields such as Origin', async () => {
    server = await startFakeSourceServer({ 'GET /github.com/!burnt!sushi/toml/@v/v1.6.0.info': json(fixture('goproxy-burntsushi-toml-v1.6.0.info.json')) });
    const info = await goVersionInfo(createGoProxyClient({ baseUrl: server.url }), 'github.com/BurntSushi/toml', 'v1.6.0');
    expect(info).toEqual({ version: 'v1.6.0', time: '2025-12-18T12:15:22.000Z' });
  });

  it('sorts the unordered version list semantically', async () => {
    server = await startFakeSourceServer({
      'GET /github.com/gin-gonic/gin/@v/list': { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: fixture('goproxy-gin-list.txt') },
      'GET /github.com/gin-gonic/gin/@latest': json(fixture('goproxy-gin-latest.json')),
    });
    const client = createGoProxyClient({ baseUrl: server.url });
    const versions = await goModuleVersions(client, 'github.com/gin-gonic/gin');
    expect(versions.slice(-3)).toEqual(['v1.9.1', 'v1.10.0', 'v1.10.1']);
    expect(versions[0]).toBe('v1.1.1');
    expect(highestVersion(versions)).toBe('v1.10.1');
    expect(await goLatest(client, 'github.com/gin-gonic/gin')).toEqual({ version: 'v1.10.1', time: '2025-05-20T15:03:38.000Z' });
  });

  it('treats an empty list as no versions', async () => {
    server = await startFakeSourceServer({ 'GET /example.com/m/@v/list': { body: '' } });
    expect(await goModuleVersions(createGoProxyClient({ baseUrl: server.url }), 'example.com/m')).toEqual([]);
  });

  it('reports a 404 text body as not_found', async () => {
    server = await startFakeSourceServer({ 'GET /github.com/gin-gonic/gin-typo/@v/list': { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found: module github.com/gin-gonic/gin-typo' } });
    await expect(goModuleVersions(createGoProxyClient({ baseUrl: server.url }), 'github.com/gin-gonic/gin-typo')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it.each([
    ['v1.2.0', 'v1.10.0', -1],
    ['v1.0.0-rc.1', 'v1.0.0', -1],
    ['v1.0.0-alpha', 'v1.0.0-beta', -1],
    ['v1.0.0-rc.2', 'v1.0.0-rc.10', -1],
    ['v2.0.0', 'v2.0.0', 0],
  ])('orders %s before %s', (a, b, sign) => {
    expect(Math.sign(compareSemver(a, b))).toBe(sign);
    expect(Math.sign(compareSemver(b, a)) + 0).toBe(-sign + 0);
  });
});

describe('go.dev', () => {
  it('lists stable toolchain versions (the JSON has no dates)', async () => {
    server = await startFakeSourceServer({ 'GET /dl/': json(fixture('go-dl.json')) });
    const releases = await goToolchainReleases(createGoDevClient({ baseUrl: server.url }));
    expect(releases).toEqual([
      { version: 'go1.24.5', stable: true, url: 'https://go.dev/dl/#go1.24.5' },
      { version: 'go1.23.11', stable: true, url: 'https://go.dev/dl/#go1.23.11' },
    ]);
    expect(server.requests[0]?.url).toBe('/dl/?mode=json');
  });
});
