import { afterEach, describe, expect, it } from 'vitest';
import { countVulnerabilities, createOsvClient, groupAdvisories, osvQueryBatch, osvVulnerability, vulnerabilitySchema, type OsvVulnerability } from '../../src/digest/sources/osv.ts';
import { createFeedClient, fetchFeed, parseFeed } from '../../src/digest/sources/feeds.ts';
import { SourceError } from '../../src/digest/sources/http-client.ts';
import { fixture, json, startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';

let server: FakeSourceServer;
afterEach(async () => server?.close());

const crateVulns = (JSON.parse(fixture('osv-query-crates.json')) as { vulns: unknown[] }).vulns.map((v) => vulnerabilitySchema.parse(v));
const goVulns = (JSON.parse(fixture('osv-query-go.json')) as { vulns: unknown[] }).vulns.map((v) => vulnerabilitySchema.parse(v));
const records = (list: OsvVulnerability[]) => new Map(list.map((record) => [record.id, record]));

describe('OSV', () => {
  it('posts one querybatch and lines results up with queries, {} meaning none', async () => {
    server = await startFakeSourceServer({ 'POST /v1/querybatch': json(fixture('osv-querybatch.json')) });
    const ids = await osvQueryBatch(createOsvClient({ baseUrl: server.url }), [
      { name: 'regex', ecosystem: 'crates.io' },
      { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' },
      { name: 'tokio', ecosystem: 'crates.io' },
    ]);
    expect(ids.map((hits) => hits.map((hit) => hit.id))).toEqual([['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013'], ['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737'], []]);
    expect(ids[0]?.[1]).toEqual({ id: 'RUSTSEC-2022-0013', modified: '2023-06-13T13:10:24.000Z' });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      queries: [
        { package: { name: 'regex', ecosystem: 'crates.io' } },
        { package: { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' } },
        { package: { name: 'tokio', ecosystem: 'crates.io' } },
      ],
    });
  });

  it('rejects a batch whose results do not line up', async () => {
    server = await startFakeSourceServer({ 'POST /v1/querybatch': json({ results: [] }) });
    await expect(osvQueryBatch(createOsvClient({ baseUrl: server.url }), [{ name: 'regex', ecosystem: 'crates.io' }])).rejects.toMatchObject({ kind: 'malformed' });
  });

  it('fetches a full record by id', async () => {
    server = await startFakeSourceServer({ 'GET /v1/vulns/GO-2023-1737': json(goVulns[0]) });
    const record = await osvVulnerability(createOsvClient({ baseUrl: server.url }), 'GO-2023-1737');
    expect(record.aliases).toEqual(['CVE-2023-29401', 'GHSA-2c4m-59x9-fr2g']);
  });

  it('merges GHSA, RUSTSEC and CVE ids of one issue into one advisory', () => {
    const advisories = groupAdvisories(['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013'], records(crateVulns));
    expect(advisories).toHaveLength(1);
    expect(advisories[0]).toMatchObject({
      id: 'RUSTSEC-2022-0013',
      aliases: ['CVE-2022-24713', 'GHSA-m5pq-gvj9-9vr8'],
      url: 'https://rustsec.org/advisories/RUSTSEC-2022-0013.html',
      informational: undefined,
    });
  });

  it('merges through a GO record that only the GHSA id points at', () => {
    const ghsa = vulnerabilitySchema.parse({ id: 'GHSA-2c4m-59x9-fr2g', aliases: ['CVE-2023-29401'] });
    const advisories = groupAdvisories(['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737'], records([...goVulns, ghsa]));
    expect(advisories.map((advisory) => advisory.id)).toEqual(['GO-2023-1737']);
    expect(advisories[0]?.url).toBe('https://pkg.go.dev/vuln/GO-2023-1737');
  });

  it('keeps informational RustSec notices out of the vulnerability count', () => {
    const unmaintained = vulnerabilitySchema.parse({
      id: 'RUSTSEC-2024-0001',
      summary: 'crate is unmaintained',
      affected: [{ package: { name: 'old', ecosystem: 'crates.io' }, database_specific: { informational: 'unmaintained' } }],
    });
    const advisories = groupAdvisories(['GHSA-m5pq-gvj9-9vr8', 'RUSTSEC-2022-0013', 'RUSTSEC-2024-0001'], records([...crateVulns, unmaintained]));
    expect(advisories).toHaveLength(2);
    expect(advisories.find((a) => a.id === 'RUSTSEC-2024-0001')?.informational).toBe('unmaintained');
    expect(countVulnerabilities(advisories)).toBe(1);
  });

  it('drops withdrawn records', () => {
    const withdrawn = vulnerabilitySchema.parse({ id: 'GHSA-xxxx-yyyy-zzzz', withdrawn: '2024-01-01T00:00:00Z' });
    expect(groupAdvisories(['GHSA-xxxx-yyyy-zzzz'], records([withdrawn]))).toEqual([]);
  });
});

describe('feeds', () => {
  it('reads the Rust blog Atom feed', () => {
    const posts = parseFeed(fixture('rust-blog-feed.xml'));
    expect(posts[0]).toEqual({
      id: 'https://blog.rust-lang.org/2025/06/26/Rust-1.88.0/',
      title: 'Announcing Rust 1.88.0',
      url: 'https://blog.rust-lang.org/2025/06/26/Rust-1.88.0/',
      published: '2025-06-26T00:00:00.000Z',
    });
    expect(posts).toHaveLength(2);
  });

  it('reads the one-line, prolog-less Go blog feed', () => {
    const posts = parseFeed(fixture('go-blog-feed.atom'));
    expect(posts.map((post) => [post.title, post.url, post.id])).toEqual([
      ['Go 1.25 is released', 'https://go.dev/blog/go1.25', 'tag:blog.golang.org,2013:blog.golang.org/go1.25'],
      ['Go 1.24 is released!', 'https://go.dev/blog/go1.24', 'tag:blog.golang.org,2013:blog.golang.org/go1.24'],
    ]);
  });

  it('reads This Week in Rust RSS with a non-permalink guid and an RFC 822 date', () => {
    const posts = parseFeed(fixture('twir-rss.xml'));
    expect(posts[0]).toEqual({
      id: 'tag:this-week-in-rust.org,2025-07-02:/blog/2025/07/02/this-week-in-rust-606/',
      title: 'This Week in Rust 606',
      url: 'https://this-week-in-rust.org/blog/2025/07/02/this-week-in-rust-606/',
      published: '2025-07-02T04:00:00.000Z',
    });
  });

  it('reads other real shapes: GitHub releases Atom and Golang Weekly RSS', () => {
    expect(parseFeed(fixture('github-releases-tokio.atom')).map((post) => [post.id, post.url, post.published])).toEqual([
      ['tag:github.com,2008:Repository/73232406/tokio-1.46.1', 'https://github.com/tokio-rs/tokio/releases/tag/tokio-1.46.1', '2025-07-04T14:49:37.000Z'],
      ['tag:github.com,2008:Repository/73232406/tokio-1.46.0', 'https://github.com/tokio-rs/tokio/releases/tag/tokio-1.46.0', '2025-07-02T12:10:05.000Z'],
    ]);
    expect(parseFeed(fixture('golang-weekly-rss.xml'))[0]).toEqual({ id: 'https://golangweekly.com/issues/495', title: 'Go 1.22 is here', url: 'https://golangweekly.com/issues/495', published: '2024-02-06T00:00:00.000Z' });
  });

  it.each([
    ['not XML at all', 'hello'],
    ['an HTML page', '<html><body>maintenance</body></html>'],
    ['an empty body', ''],
  ])('rejects %s as malformed', (_label, body) => {
    expect(() => parseFeed(body)).toThrow(SourceError);
  });

  it('treats a feed with no entries as no posts', () => {
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>')).toEqual([]);
  });

  it('fetches a feed from its full URL with conditional headers on the second call', async () => {
    server = await startFakeSourceServer({
      'GET /feed.xml': (request) =>
        request.headers['if-none-match'] === '"v1"' ? { status: 304 } : { headers: { 'content-type': 'application/xml', etag: '"v1"' }, body: fixture('rust-blog-feed.xml') },
    });
    const { memoryValidatorStore } = await import('../../src/digest/sources/http-client.ts');
    const client = createFeedClient({ source: 'rust-blog', url: `${server.url}/feed.xml`, validators: memoryValidatorStore() });
    const first = await fetchFeed(client);
    const second = await fetchFeed(client);
    expect(second).toEqual(first);
    expect(server.requests.map((request) => request.headers['if-none-match'])).toEqual([undefined, '"v1"']);
  });
});
