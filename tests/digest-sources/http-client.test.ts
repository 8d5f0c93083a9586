import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, HttpClient, SourceError, memoryValidatorStore } from '../../src/digest/sources/http-client.ts';
import { createCratesIoClient, crateInfo } from '../../src/digest/sources/crates-io.ts';
import { createGithubClient, githubReleases } from '../../src/digest/sources/github.ts';
import { fakeClock } from './support/fake-clock.ts';
import { fixture, json, startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { z } from 'zod';

const headers = JSON.parse(fixture('github-response-headers.json')) as Record<string, { status: number; headers: Record<string, string>; body?: unknown }>;
let server: FakeSourceServer;
afterEach(async () => server?.close());

describe('HttpClient', () => {
  it('names the bot in the User-Agent on every request', async () => {
    server = await startFakeSourceServer({ 'GET /x': json({ ok: true }) });
    const client = new HttpClient({ source: 't', baseUrl: server.url });
    await client.getJson('/x', z.object({ ok: z.boolean() }));
    expect(server.requests[0]?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(DEFAULT_USER_AGENT).toMatch(/^rustvsgo\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/rustvsgo\/rustvsgo\)$/);
  });

  it('sends stored validators and reuses the stored body on 304', async () => {
    const ok = headers.ok_unauthenticated!;
    const etag = ok.headers.etag!;
    const lastModified = ok.headers['last-modified']!;
    server = await startFakeSourceServer({
      'GET /repos/tokio-rs/tokio/releases': (request) =>
        request.headers['if-none-match'] === etag
          ? { status: 304, headers: headers.not_modified!.headers }
          : { status: 200, headers: ok.headers, body: fixture('github-releases-tokio.json') },
    });
    const validators = memoryValidatorStore();
    const client = createGithubClient({ baseUrl: server.url, validators, token: 'secret-token' });
    const first = await githubReleases(client, 'tokio-rs/tokio', { tagPrefix: 'tokio-' });
    const second = await githubReleases(client, 'tokio-rs/tokio', { tagPrefix: 'tokio-' });
    expect(second).toEqual(first);
    expect(server.requests[1]?.headers['if-none-match']).toBe(etag);
    expect(server.requests[1]?.headers['if-modified-since']).toBe(lastModified);
    expect(server.requests[1]?.headers.authorization).toBe('Bearer secret-token');
    expect([...validators.entries.values()][0]?.etag).toBe(etag);
  });

  it('waits until x-ratelimit-reset on a 403 with remaining 0, then retries', async () => {
    const clock = fakeClock('2025-07-07T13:59:30Z'); // reset is 1751896800 = 14:00:00Z
    let calls = 0;
    server = await startFakeSourceServer({
      'GET /repos/tokio-rs/tokio': () => {
        calls += 1;
        const limited = headers.rate_limited_primary!;
        return calls === 1 ? json(limited.body, limited.headers, 403) : json(fixture('github-repo-tokio.json'));
      },
    });
    const client = createGithubClient({ baseUrl: server.url, clock, maxRateLimitWaitMs: 60_000 });
    const { data } = await client.getJson('/repos/tokio-rs/tokio', z.object({ stargazers_count: z.number() }));
    expect(data.stargazers_count).toBe(29287);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it('marks the source rate-limited when the reset is beyond the wait cap, and stops asking', async () => {
    const clock = fakeClock('2025-07-07T13:00:00Z');
    const limited = headers.rate_limited_primary!;
    server = await startFakeSourceServer({ 'GET /repos/tokio-rs/tokio': json(limited.body, limited.headers, 403) });
    const client = createGithubClient({ baseUrl: server.url, clock, maxRateLimitWaitMs: 60_000 });
    const attempt = client.getJson('/repos/tokio-rs/tokio', z.unknown());
    await expect(attempt).rejects.toMatchObject({ kind: 'rate_limited', source: 'github' });
    await expect(client.getJson('/repos/tokio-rs/tokio', z.unknown())).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('honours Retry-After on a 429', async () => {
    const clock = fakeClock();
    let calls = 0;
    const secondary = headers.rate_limited_secondary!;
    server = await startFakeSourceServer({
      'GET /x': () => (++calls === 1 ? json(secondary.body, secondary.headers, 429) : json({ ok: true })),
    });
    const client = new HttpClient({ source: 'github', baseUrl: server.url, clock, maxRateLimitWaitMs: 120_000 });
    await client.getJson('/x', z.object({ ok: z.boolean() }));
    expect(clock.sleeps).toEqual([60_000]);
    expect(server.requests).toHaveLength(2);
  });

  it('waits a minute on a bare 403 whose message names a secondary rate limit', async () => {
    const clock = fakeClock();
    let calls = 0;
    const secondary = headers.rate_limited_secondary!;
    server = await startFakeSourceServer({
      'GET /x': () => (++calls === 1 ? json(secondary.body, {}, 403) : json({ ok: true })),
    });
    const client = new HttpClient({ source: 'github', baseUrl: server.url, clock, maxRateLimitWaitMs: 120_000 });
    await client.getJson('/x', z.object({ ok: z.boolean() }));
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('gives up after repeated 429s instead of looping', async () => {
    const clock = fakeClock();
    server = await startFakeSourceServer({ 'GET /x': json({}, { 'retry-after': '1' }, 429) });
    const client = new HttpClient({ source: 'github', baseUrl: server.url, clock });
    await expect(client.getJson('/x', z.unknown())).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(server.requests).toHaveLength(3);
  });

  it('treats a 403 without rate-limit headers as a refusal, not a wait (crates.io crawler policy)', async () => {
    const clock = fakeClock();
    const errors = JSON.parse(fixture('crates-errors.json')) as { crawler_policy_block: { body: unknown } };
    server = await startFakeSourceServer({ 'GET /api/v1/crates/tokio': json(errors.crawler_policy_block.body, {}, 403) });
    const client = createCratesIoClient({ baseUrl: server.url, clock });
    await expect(crateInfo(client, 'tokio')).rejects.toMatchObject({ kind: 'unavailable', status: 403 });
    expect(clock.sleeps).toEqual([]);
  });

  it('spaces crates.io requests at least one second apart', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    server = await startFakeSourceServer({
      'GET /api/v1/crates/tokio': () => {
        starts.push(clock.now());
        return json(fixture('crates-tokio.json'));
      },
    });
    const client = createCratesIoClient({ baseUrl: server.url, clock });
    await Promise.all([crateInfo(client, 'tokio'), crateInfo(client, 'tokio'), crateInfo(client, 'tokio')]);
    expect(starts).toHaveLength(3);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(1000);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(1000);
    expect(server.requests.every((request) => request.headers['user-agent'] === DEFAULT_USER_AGENT)).toBe(true);
  });

  it.each([
    ['malformed JSON', '{"crate": ', 'malformed'],
    ['an empty body', '', 'malformed'],
    ['a wrong shape', '{"crate": {"name": 5}}', 'malformed'],
  ])('turns %s into a SourceError, not a crash', async (_label, body, kind) => {
    server = await startFakeSourceServer({ 'GET /api/v1/crates/tokio': json(body) });
    const client = createCratesIoClient({ baseUrl: server.url, clock: fakeClock() });
    const error = await crateInfo(client, 'tokio').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind, source: 'crates.io' });
  });

  it('reports a source that cannot be reached as unavailable', async () => {
    server = await startFakeSourceServer();
    const deadUrl = server.url;
    await server.close();
    const client = new HttpClient({ source: 'osv.dev', baseUrl: deadUrl });
    await expect(client.getText('/v1/querybatch')).rejects.toMatchObject({ kind: 'unavailable', source: 'osv.dev' });
    server = await startFakeSourceServer();
  });

  it('stops asking a source that could not be reached three times in a row', async () => {
    server = await startFakeSourceServer();
    const deadUrl = server.url;
    await server.close();
    const clock = fakeClock();
    const client = new HttpClient({ source: 'crates.io', baseUrl: deadUrl, clock, minIntervalMs: 1000 });
    const messages: string[] = [];
    for (let i = 0; i < 5; i += 1) messages.push(await client.getText(`/x${i}`).then(() => 'ok', (error: SourceError) => error.message));
    expect(messages.slice(0, 3).every((message) => message.includes('could not be reached'))).toBe(true);
    expect(messages.slice(3).every((message) => message.includes('skipped'))).toBe(true);
    expect(clock.sleeps).toHaveLength(2);
    server = await startFakeSourceServer();
  });

  it('reports 404 and 410 as not_found and 500 as unavailable', async () => {
    server = await startFakeSourceServer({
      'GET /gone': { status: 410, body: 'gone' },
      'GET /boom': { status: 500, body: 'boom' },
    });
    const client = new HttpClient({ source: 't', baseUrl: server.url });
    await expect(client.getText('/gone')).rejects.toMatchObject({ kind: 'not_found', status: 410 });
    await expect(client.getText('/missing')).rejects.toMatchObject({ kind: 'not_found', status: 404 });
    await expect(client.getText('/boom')).rejects.toMatchObject({ kind: 'unavailable', status: 500 });
  });
});
