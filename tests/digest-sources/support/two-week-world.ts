// A two-week world served by the fake source server: recorded response formats (tests/fixtures/sources) with
// values changed between week 1 (collected 2025-07-08, ISO week 28) and week 2 (2025-07-15, week 29).
// Every expected number in the end-to-end tests follows from the data here. Week 0 (2025-07-01) exists only so
// the recorded demo has three weeks of history (sparklines); the tests start at week 1.
import { watchItemSchema, type WatchItem } from '../../../src/knowledge/watchlist.ts';
import { fixture, json, type FakeSourceServer, type RecordedRequest } from './fake-source-server.ts';

export const WEEK0_NOW = '2025-07-01T09:00:00Z';
export const WEEK1_NOW = '2025-07-08T09:00:00Z';
export const WEEK2_NOW = '2025-07-15T09:00:00Z';

export const worldWatchlist: WatchItem[] = [
  { id: 'rust', language: 'rust', kind: 'toolchain', name: 'Rust', github: 'rust-lang/rust', releases: 'github' },
  { id: 'go', language: 'go', kind: 'toolchain', name: 'Go', github: 'golang/go', releases: 'go.dev', osv: 'stdlib' },
  { id: 'tokio', language: 'rust', kind: 'library', name: 'tokio', crate: 'tokio', github: 'tokio-rs/tokio', releases: 'github', tagPrefix: 'tokio-' },
  { id: 'axum', language: 'rust', kind: 'library', name: 'axum', crate: 'axum', github: 'tokio-rs/axum' },
  { id: 'gin', language: 'go', kind: 'library', name: 'gin', module: 'github.com/gin-gonic/gin', github: 'gin-gonic/gin' },
  { id: 'toml', language: 'go', kind: 'library', name: 'toml', module: 'github.com/BurntSushi/toml', github: 'BurntSushi/toml' },
].map((item) => watchItemSchema.parse(item));

/** Stars per repository in weeks 0, 1 and 2. */
const stars: Record<string, [number, number, number]> = {
  'rust-lang/rust': [101400, 102000, 102510],
  'golang/go': [127500, 128000, 128000],
  'tokio-rs/tokio': [28900, 29287, 29580],
  'tokio-rs/axum': [20500, 21000, 21630],
  'gin-gonic/gin': [79300, 80000, 80800],
  'BurntSushi/toml': [4680, 4700, 4700],
};

function repo(fullName: string, count: number) {
  return { id: 1, full_name: fullName, html_url: `https://github.com/${fullName}`, stargazers_count: count, archived: false, watchers_count: count };
}

function release(tag: string, publishedAt: string, repoName: string, extra: Record<string, unknown> = {}) {
  return { tag_name: tag, name: tag, html_url: `https://github.com/${repoName}/releases/tag/${tag}`, draft: false, prerelease: false, created_at: publishedAt, published_at: publishedAt, ...extra };
}

/** Daily downloads for the given days: two listed versions plus "extra_downloads" for the rest, summing to perDay. */
function downloads(days: { date: string; perDay: number }[]) {
  return {
    version_downloads: days.flatMap(({ date, perDay }) => [
      { date, downloads: Math.round(perDay * 0.6), version: 2 },
      { date, downloads: Math.round(perDay * 0.3), version: 1 },
    ]),
    meta: { extra_downloads: days.map(({ date, perDay }) => ({ date, downloads: perDay - Math.round(perDay * 0.6) - Math.round(perDay * 0.3) })) },
  };
}

function days(from: string, count: number, perDay: number) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({ date: new Date(start + i * 86_400_000).toISOString().slice(0, 10), perDay }));
}

function crate(name: string, versions: { num: string; created_at: string }[], totalDownloads: number) {
  const tokio = JSON.parse(fixture('crates-tokio.json')) as { crate: Record<string, unknown>; versions: Record<string, unknown>[] };
  const template = tokio.versions[0] as Record<string, unknown>;
  return {
    crate: { ...tokio.crate, id: name, name, max_stable_version: versions[0]?.num, max_version: versions[0]?.num, default_version: versions[0]?.num, newest_version: versions[0]?.num, downloads: totalDownloads, repository: `https://github.com/${name}` },
    versions: versions.map((version, index) => ({ ...template, id: 1000 + index, crate: name, num: version.num, created_at: version.created_at, yanked: false })),
  };
}

const vulns: Record<string, unknown> = {
  'GO-2023-1737': (JSON.parse(fixture('osv-query-go.json')) as { vulns: unknown[] }).vulns[0], // modified 2024-05-20
  'GHSA-2c4m-59x9-fr2g': { id: 'GHSA-2c4m-59x9-fr2g', summary: 'Gin Web Framework does not properly sanitize filename parameter', aliases: ['CVE-2023-29401'], published: '2023-05-12T20:19:25Z', modified: '2024-05-20T16:03:47Z' },
  'GO-2025-9999': {
    id: 'GO-2025-9999',
    summary: 'Synthetic test advisory for gin',
    aliases: ['CVE-2025-99999', 'GHSA-9999-aaaa-bbbb'],
    published: '2025-07-11T10:00:00Z',
    modified: '2025-07-11T10:00:00Z',
    affected: [{ package: { name: 'github.com/gin-gonic/gin', ecosystem: 'Go' } }],
  },
  'GHSA-9999-aaaa-bbbb': { id: 'GHSA-9999-aaaa-bbbb', summary: 'Synthetic test advisory for gin (GHSA copy)', aliases: ['CVE-2025-99999'], published: '2025-07-11T11:00:00Z', modified: '2025-07-11T11:00:00Z' },
  'RUSTSEC-2025-9998': {
    id: 'RUSTSEC-2025-9998',
    summary: 'Synthetic informational notice for tokio',
    aliases: [],
    published: '2025-07-10T00:00:00Z',
    modified: '2025-07-10T00:00:00Z',
    affected: [{ package: { name: 'tokio', ecosystem: 'crates.io' }, database_specific: { informational: 'unsound', categories: [] } }],
  },
};

const osvIds: Record<0 | 1 | 2, Record<string, string[]>> = {
  0: { 'github.com/gin-gonic/gin': ['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737'] },
  1: { 'github.com/gin-gonic/gin': ['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737'] },
  2: { 'github.com/gin-gonic/gin': ['GHSA-2c4m-59x9-fr2g', 'GO-2023-1737', 'GO-2025-9999', 'GHSA-9999-aaaa-bbbb'], tokio: ['RUSTSEC-2025-9998'] },
};

/** Points every route of the server at the given week's data. */
export function serveWeek(server: FakeSourceServer, week: 0 | 1 | 2): void {
  for (const [fullName, counts] of Object.entries(stars)) {
    const count = counts[week];
    server.route(`GET /repos/${fullName}`, (request: RecordedRequest) => {
      if (fullName === 'golang/go') {
        // The one repository that answers conditional requests: an unchanged star count keeps its ETag.
        const etag = `"go-repo-${count}"`;
        if (request.headers['if-none-match'] === etag) return { status: 304, headers: { etag } };
        return json(repo(fullName, count), { etag });
      }
      return json(repo(fullName, count));
    });
  }
  server.route('GET /repos/rust-lang/rust/releases', json([release('1.88.0', '2025-06-26T15:00:00Z', 'rust-lang/rust')]));
  const tokioReleases = JSON.parse(fixture('github-releases-tokio.json')) as { published_at: string }[];
  server.route(
    'GET /repos/tokio-rs/tokio/releases',
    json(
      week === 0
        ? tokioReleases.filter((entry) => entry.published_at < WEEK0_NOW)
        : week === 1
        ? tokioReleases
        : [
            release('tokio-1.48.0-rc.1', '2025-07-14T10:00:00Z', 'tokio-rs/tokio', { prerelease: true }),
            release('tokio-util-0.7.16', '2025-07-13T10:00:00Z', 'tokio-rs/tokio'),
            release('tokio-1.47.0', '2025-07-12T10:00:00Z', 'tokio-rs/tokio', {
              // Notes as GitHub serves them: CRLF, a version heading, raw HTML and an @mention the digest must defuse.
              body: '# 1.47.0 (July 12th, 2025)\r\n\r\n<!-- release notes -->\r\n### Added\r\n\r\n- sync: add `SetOnce` <img src="x"> for one-time initialisation, thanks @everyone and @carllerche (#7418)\r\n- net: `TcpStream::set_zero_linger` [docs](https://docs.rs/tokio)\r\n- more',
            }),
            ...tokioReleases,
          ],
    ),
  );

  const tokioVersions = [
    [{ num: '1.45.1', created_at: '2025-05-24T09:28:03.223007Z' }],
    [
      { num: '1.46.1', created_at: '2025-07-04T14:40:55.028771Z' },
      { num: '1.46.0', created_at: '2025-07-02T11:52:47.810544Z' },
      { num: '1.45.1', created_at: '2025-05-24T09:28:03.223007Z' },
    ],
  ];
  tokioVersions.push([{ num: '1.47.0', created_at: '2025-07-12T09:58:00Z' }, ...(tokioVersions[1] ?? [])]);
  server.route('GET /api/v1/crates/tokio', json(crate('tokio', tokioVersions[week] ?? [], [409_513_046, 412_873_046, 416_723_046][week] as number)));
  // The real series covers 90 days; each week's response adds seven more days.
  const tokioDays = [days('2025-06-24', 7, 480_000), days('2025-07-01', 7, 500_000), days('2025-07-08', 7, 550_000)];
  server.route('GET /api/v1/crates/tokio/downloads', json(downloads(tokioDays.slice(0, week + 1).flat())));
  const axumVersions = [{ num: '0.8.3', created_at: '2025-04-01T12:00:00Z' }];
  server.route('GET /api/v1/crates/axum', json(crate('axum', week < 2 ? axumVersions : [{ num: '0.8.4', created_at: '2025-07-10T00:00:00Z' }, ...axumVersions], [149_272_000, 150_000_000, 150_616_000][week] as number)));
  const axumDays = [days('2025-06-24', 7, 104_000), days('2025-07-01', 7, 100_000), days('2025-07-08', 7, 88_000)];
  server.route('GET /api/v1/crates/axum/downloads', json(downloads(axumDays.slice(0, week + 1).flat())));

  const ginList = fixture('goproxy-gin-list.txt');
  server.route('GET /github.com/gin-gonic/gin/@v/list', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: week < 2 ? ginList : `${ginList}v1.11.0\nv1.12.0-rc.1\n` });
  server.route('GET /github.com/gin-gonic/gin/@latest', json(fixture('goproxy-gin-latest.json')));
  server.route('GET /github.com/gin-gonic/gin/@v/v1.11.0.info', json('{"Version":"v1.11.0","Time":"2025-07-13T08:00:00Z","Origin":{"VCS":"git","URL":"https://github.com/gin-gonic/gin","Ref":"refs/tags/v1.11.0"}}'));
  server.route('GET /github.com/!burnt!sushi/toml/@v/list', { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: week === 0 ? 'v1.5.0\n' : 'v1.6.0\nv1.5.0\n' });
  const tomlV160 = '{"Version":"v1.6.0","Time":"2025-07-05T12:15:22Z","Origin":{"VCS":"git","URL":"https://github.com/BurntSushi/toml"}}';
  server.route('GET /github.com/!burnt!sushi/toml/@latest', json(week === 0 ? '{"Version":"v1.5.0","Time":"2025-03-10T08:00:00Z"}' : tomlV160));
  server.route('GET /github.com/!burnt!sushi/toml/@v/v1.6.0.info', json(tomlV160));

  const goDl = fixture('go-dl.json');
  server.route('GET /dl/', json(week < 2 ? goDl : goDl.replaceAll('go1.24.5', 'go1.24.6').replaceAll('go1.23.11', 'go1.23.12')));

  server.route('POST /v1/querybatch', (request) => {
    const { queries } = JSON.parse(request.body) as { queries: { package: { name: string } }[] };
    return json({ results: queries.map((query) => {
      const ids = osvIds[week][query.package.name] ?? [];
      return ids.length > 0 ? { vulns: ids.map((id) => ({ id, modified: (vulns[id] as { modified: string }).modified })) } : {};
    }) });
  });
  for (const [id, record] of Object.entries(vulns)) server.route(`GET /v1/vulns/${id}`, json(record));

  server.route('GET /feeds/rust-blog.xml', week < 2 ? { headers: { 'content-type': 'application/xml' }, body: fixture('rust-blog-feed.xml') } : { status: 500, body: 'upstream error' });
  server.route('GET /feeds/go-blog.atom', { headers: { 'content-type': 'application/atom+xml; charset=utf-8' }, body: fixture('go-blog-feed.atom') });
  const twir = fixture('twir-rss.xml');
  const issue607 =
    '<item><title>This Week in Rust 607</title><link>https://this-week-in-rust.org/blog/2025/07/09/this-week-in-rust-607/</link><description>&lt;p&gt;Hello&lt;/p&gt;</description><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">TWiR Contributors</dc:creator><pubDate>Wed, 09 Jul 2025 00:00:00 -0400</pubDate><guid isPermaLink="false">tag:this-week-in-rust.org,2025-07-09:/blog/2025/07/09/this-week-in-rust-607/</guid><category>This Week in Rust</category></item>';
  const twirWeeks = [twir.replace(/<item><title>This Week in Rust 606<\/title>.*?<\/item>/s, ''), twir, twir.replace('<item>', `${issue607}<item>`)];
  server.route('GET /feeds/twir.xml', { headers: { 'content-type': 'application/rss+xml' }, body: twirWeeks[week] });
}

/** Environment variables pointing every source at the fake server. */
export function worldEnv(baseUrl: string) {
  return {
    GITHUB_API_URL: baseUrl,
    CRATES_IO_URL: baseUrl,
    GOPROXY_URL: baseUrl,
    GO_DEV_URL: baseUrl,
    OSV_API_URL: baseUrl,
    RUST_BLOG_FEED_URL: `${baseUrl}/feeds/rust-blog.xml`,
    GO_BLOG_FEED_URL: `${baseUrl}/feeds/go-blog.atom`,
    TWIR_FEED_URL: `${baseUrl}/feeds/twir.xml`,
  };
}
