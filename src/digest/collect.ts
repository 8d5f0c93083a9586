// One weekly collection for all channels: asks every source once per watched item and returns a snapshot per item
// and feed plus each source's status. A source that fails leaves its fields empty and its status stale; the rest
// is still collected. Nothing here throws because of a source.
import type { WatchItem } from '../knowledge/watchlist.ts';
import type { SourceClients } from './source-clients.ts';
import { isoWeek, type AdvisoryRecord, type Collection, type FeedSnapshot, type ItemSnapshot, type ReleaseRecord, type SourceStatus } from '../store/snapshot.ts';
import { crateDailyDownloads, crateInfo, downloadsBetween, CRATES_IO_SOURCE } from './sources/crates-io.ts';
import { fetchFeed } from './sources/feeds.ts';
import { githubReleases, githubRepoStats, GITHUB_SOURCE } from './sources/github.ts';
import { goToolchainReleases, GO_DEV_SOURCE } from './sources/go-dev.ts';
import { goLatest, goModuleVersions, goVersionInfo, highestVersion, isPrerelease, GO_PROXY_SOURCE } from './sources/go-proxy.ts';
import { SourceError } from './sources/http-client.ts';
import { groupAdvisories, osvQueryBatch, osvVulnerability, OSV_SOURCE, type OsvPackage, type OsvVulnerability } from './sources/osv.ts';

const DAY_MS = 86_400_000;
/** Releases older than this are not stored: the digest window is a week, with room for a late collection. */
const RECENT_RELEASE_DAYS = 35;
/** Upper bound on .info and OSV detail requests per run, so one noisy module cannot eat the budget. */
const MAX_DETAIL_REQUESTS = 40;
const MAX_POSTS_KEPT = 20;

export interface CollectInput {
  clients: SourceClients;
  watchlist: WatchItem[];
  now: Date;
  /** Last stored collection: tells which versions and advisories are already known. */
  previous?: Collection;
  onProblem?: (problem: { source: string; item?: string; error: unknown }) => void;
}

/** Tracks, per source, whether every request succeeded. */
class SourceHealth {
  private readonly problems = new Map<string, { kind: string; messages: string[] }>();
  private readonly used = new Set<string>();

  use(source: string): void {
    this.used.add(source);
  }

  fail(source: string, error: unknown): void {
    this.used.add(source);
    const kind = error instanceof SourceError ? error.kind : 'unavailable';
    const message = error instanceof SourceError ? error.message.replace(`${source}: `, '') : 'unexpected error';
    const entry = this.problems.get(source) ?? { kind, messages: [] };
    if (kind === 'rate_limited') entry.kind = 'rate_limited';
    entry.messages.push(message);
    this.problems.set(source, entry);
  }

  statuses(): SourceStatus[] {
    return [...this.used].sort().map((source) => {
      const problem = this.problems.get(source);
      if (!problem) return { source, status: 'ok' };
      const more = problem.messages.length > 1 ? ` (and ${problem.messages.length - 1} more failed requests)` : '';
      return { source, status: problem.kind === 'rate_limited' ? 'rate_limited' : 'stale', detail: `${problem.messages[0]}${more}` };
    });
  }
}

function dayString(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export async function collectSnapshots(input: CollectInput): Promise<Collection> {
  const { clients, watchlist, now, previous } = input;
  const health = new SourceHealth();
  const previousItems = new Map(previous?.items.map((item) => [item.itemId, item]));
  const snapshots = new Map<string, ItemSnapshot>(
    watchlist.map((item) => [item.id, { itemId: item.id, language: item.language, kind: item.kind, name: item.name, releases: [], stale: [] }]),
  );
  const recentSince = now.getTime() - RECENT_RELEASE_DAYS * DAY_MS;

  /** Runs one source request for an item; a failure marks the source and the item stale and yields undefined. */
  async function attempt<T>(source: string, item: WatchItem | undefined, request: () => Promise<T>): Promise<T | undefined> {
    health.use(source);
    try {
      return await request();
    } catch (error) {
      input.onProblem?.({ source, item: item?.id, error });
      // A watched name the registry does not know is that item's problem, not the source's.
      if (!(error instanceof SourceError && error.kind === 'not_found')) health.fail(source, error);
      if (item) {
        const snapshot = snapshots.get(item.id);
        if (snapshot && !snapshot.stale.includes(source)) snapshot.stale.push(source);
      }
      return undefined;
    }
  }
  const snapshotOf = (item: WatchItem): ItemSnapshot => snapshots.get(item.id) as ItemSnapshot;

  async function collectGithub(): Promise<void> {
    for (const item of watchlist) {
      if (!item.github) continue;
      const repo = item.github;
      const stats = await attempt(GITHUB_SOURCE, item, () => githubRepoStats(clients.github, repo));
      if (stats) Object.assign(snapshotOf(item), { stars: stats.stars, repoUrl: stats.url });
      if (item.releases !== 'github') continue;
      const releases = await attempt(GITHUB_SOURCE, item, () => githubReleases(clients.github, repo, { tagPrefix: item.tagPrefix, perPage: 30 }));
      if (!releases) continue;
      const snapshot = snapshotOf(item);
      snapshot.releases = releases
        .filter((release) => Date.parse(release.publishedAt) >= recentSince)
        .map((release): ReleaseRecord => ({ version: release.version, publishedAt: new Date(release.publishedAt).toISOString(), url: release.url, ...(release.notes ? { notes: release.notes } : {}) }));
      if (!item.crate) snapshot.latestVersion = releases[0]?.version;
    }
  }

  async function collectCrates(): Promise<void> {
    for (const item of watchlist) {
      if (!item.crate) continue;
      const crate = item.crate;
      const info = await attempt(CRATES_IO_SOURCE, item, () => crateInfo(clients.cratesIo, crate));
      const snapshot = snapshotOf(item);
      if (info) {
        snapshot.latestVersion = info.latestVersion;
        snapshot.downloadsTotal = info.downloads;
        if (item.releases === 'registry') {
          snapshot.releases = info.versions
            .filter((version) => Date.parse(version.createdAt) >= recentSince)
            .map((version) => ({ version: version.version, publishedAt: version.createdAt, url: `https://crates.io/crates/${crate}/${version.version}` }));
        }
      }
      const series = await attempt(CRATES_IO_SOURCE, item, () => crateDailyDownloads(clients.cratesIo, crate));
      if (series) {
        // The seven full UTC days before the collection day (today's count is still growing).
        const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
        snapshot.downloads7d = downloadsBetween(series, dayString(today - 7 * DAY_MS), dayString(today));
      }
    }
  }

  let detailBudget = MAX_DETAIL_REQUESTS;

  async function collectGoModules(): Promise<void> {
    for (const item of watchlist) {
      if (!item.module) continue;
      const modulePath = item.module;
      const snapshot = snapshotOf(item);
      const known = previousItems.get(item.id)?.knownVersions;
      const versions = await attempt(GO_PROXY_SOURCE, item, () => goModuleVersions(clients.goProxy, modulePath));
      if (!versions) {
        // Keep last week's list so next week's comparison still finds exactly the new versions.
        if (known) snapshot.knownVersions = known;
        continue;
      }
      snapshot.knownVersions = versions;
      snapshot.latestVersion = highestVersion(versions);
      if (item.releases !== 'registry') continue;
      const releaseUrl = (version: string) => `https://pkg.go.dev/${modulePath}@${version}`;
      if (known) {
        // Prereleases stay in the known list but are not announced as releases.
        const fresh = versions.filter((version) => !known.includes(version) && !isPrerelease(version)).slice(-10);
        for (const version of fresh) {
          if (detailBudget <= 0) break;
          detailBudget -= 1;
          const info = await attempt(GO_PROXY_SOURCE, item, () => goVersionInfo(clients.goProxy, modulePath, version));
          if (info?.time) snapshot.releases.push({ version: info.version, publishedAt: info.time, url: releaseUrl(info.version) });
        }
      } else {
        // First sighting: only the latest version's date matters for this week's window.
        const latest = await attempt(GO_PROXY_SOURCE, item, () => goLatest(clients.goProxy, modulePath));
        if (latest) {
          snapshot.latestVersion ??= latest.version;
          if (latest.time && !isPrerelease(latest.version) && Date.parse(latest.time) >= recentSince) snapshot.releases.push({ version: latest.version, publishedAt: latest.time, url: releaseUrl(latest.version) });
        }
      }
      snapshot.releases.sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
    }
  }

  async function collectGoToolchain(): Promise<void> {
    const items = watchlist.filter((item) => item.releases === 'go.dev');
    if (items.length === 0) return;
    const releases = await attempt(GO_DEV_SOURCE, undefined, () => goToolchainReleases(clients.goDev));
    for (const item of items) {
      const snapshot = snapshotOf(item);
      if (!releases) {
        snapshot.stale.push(GO_DEV_SOURCE);
        const known = previousItems.get(item.id)?.knownVersions;
        if (known) snapshot.knownVersions = known;
        continue;
      }
      snapshot.knownVersions = releases.map((release) => release.version);
      snapshot.latestVersion = releases[0]?.version;
      // go.dev gives no dates: the builder treats versions unknown last week as this week's releases.
      snapshot.releases = releases.map((release) => ({ version: release.version, url: release.url }));
    }
  }

  async function collectAdvisories(): Promise<void> {
    const queried: { item: WatchItem; pkg: OsvPackage }[] = [];
    for (const item of watchlist) {
      const ecosystem = item.language === 'rust' ? 'crates.io' : 'Go';
      const name = item.osv ?? item.crate ?? item.module;
      if (name) queried.push({ item, pkg: { name, ecosystem } });
    }
    if (queried.length === 0) return;
    const hitLists = await attempt(OSV_SOURCE, undefined, () => osvQueryBatch(clients.osv, queried.map((entry) => entry.pkg)));
    if (!hitLists) {
      for (const { item } of queried) snapshotOf(item).stale.push(OSV_SOURCE);
      return;
    }
    // Records already grouped last week are reused, so only new ids cost a request.
    const records = new Map<string, OsvVulnerability>();
    for (const item of previous?.items ?? []) {
      for (const advisory of item.advisories ?? []) {
        const members = [advisory.id, ...advisory.aliases];
        for (const member of members) records.set(member, recordFromAdvisory(member, members, advisory));
      }
    }
    for (let index = 0; index < queried.length; index += 1) {
      const { item } = queried[index] as { item: WatchItem };
      const hits = hitLists[index] ?? [];
      const ids = hits.map((hit) => hit.id);
      for (const hit of hits) {
        if (records.has(hit.id)) continue;
        // A record untouched for weeks cannot have been published this week: skip its details (the Go standard
        // library alone has hundreds) and keep the request budget for the ones that can be new.
        if ((hit.modified !== undefined && Date.parse(hit.modified) < recentSince) || detailBudget <= 0) continue;
        detailBudget -= 1;
        const record = await attempt(OSV_SOURCE, item, () => osvVulnerability(clients.osv, hit.id));
        if (record) records.set(hit.id, record);
      }
      snapshotOf(item).advisories = groupAdvisories(ids, records).map(
        (advisory): AdvisoryRecord => ({
          id: advisory.id,
          aliases: advisory.aliases,
          summary: advisory.summary,
          url: advisory.url,
          ...(advisory.published ? { published: advisory.published } : {}),
          ...(advisory.informational ? { informational: advisory.informational } : {}),
        }),
      );
    }
  }

  const feeds: FeedSnapshot[] = [];
  async function collectFeeds(): Promise<void> {
    for (const feed of clients.feeds) {
      const posts = await attempt(feed.feedId, undefined, () => fetchFeed(feed.client));
      feeds.push({ feedId: feed.feedId, language: feed.language, name: feed.name, posts: (posts ?? []).slice(0, MAX_POSTS_KEPT), stale: posts === undefined });
    }
  }

  await Promise.all([collectGithub(), collectCrates(), collectGoModules(), collectGoToolchain(), collectAdvisories(), collectFeeds()]);

  return {
    week: isoWeek(now),
    collectedAt: now.toISOString(),
    sources: health.statuses(),
    items: watchlist.map((item) => snapshotOf(item)),
    feeds: clients.feeds.map((feed) => feeds.find((snapshot) => snapshot.feedId === feed.feedId) as FeedSnapshot),
  };
}

/** Rebuilds an OSV-shaped record from a stored advisory so grouping treats known ids exactly like fetched ones. */
function recordFromAdvisory(id: string, members: string[], advisory: AdvisoryRecord): OsvVulnerability {
  return {
    id,
    summary: advisory.summary,
    aliases: members.filter((member) => member !== id),
    published: advisory.published,
    affected: advisory.informational ? [{ database_specific: { informational: advisory.informational } }] : [],
  };
}
