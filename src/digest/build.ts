// Builds the weekly digest from stored collections: this week against the last one. Pure: same collections in,
// same digest out. Go has no download counts, so each language's trends use its own signals and the digest says so.
import { digestSchema, type AdvisoryItem, type Digest, type DigestItem, type PostItem, type ReleaseItem, type TrendItem } from './digest.ts';
import { whyItMatters } from './release-notes.ts';
import type { Collection, ItemSnapshot } from '../store/snapshot.ts';

const WEEK_MS = 7 * 86_400_000;
const SPARK_CHARS = '▁▂▃▄▅▆▇█';
/** Changes smaller than this are noise, not a "mover". */
const MOVER_THRESHOLD_PERCENT = 1;

const FAIRNESS_NOTE =
  'Go has no public download counts (the Go module proxy publishes none), so Go popularity is shown with GitHub stars only; ' +
  'crates.io downloads are a Rust-only signal and are never compared with anything on the Go side.';

const LANGUAGE_SIGNALS: Digest['signals'] = [
  { language: 'rust', signals: ['crates.io downloads over the last 7 days', 'GitHub stars'] },
  { language: 'go', signals: ['GitHub stars'] },
];

export interface BuildDigestInput {
  current: Collection;
  /** The latest collection before `current`; absent on the first week. */
  previous?: Collection;
  /** Earlier collections, oldest first, for sparklines (may include previous and current). */
  history?: Collection[];
}

export function percentChange(previous: number, current: number): number {
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

/**
 * The smallest span a sparkline's scale covers, as a share of the series' largest value: a series moving less than
 * this stays near the middle row. Min-max scaling alone drew 128,000 -> 128,020 stars as a jump from the bottom row
 * to the top; on this scale a flat series is flat and only a real change climbs.
 */
const SPARK_MIN_SPAN = 0.1;

/** A text sparkline: min-max scaled when the series moves a lot, centred on a band of at least 10% otherwise. */
export function sparkline(values: number[]): string {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = Math.max(max - min, Math.abs(max) * SPARK_MIN_SPAN);
  if (span === 0) return SPARK_CHARS[3]!.repeat(values.length);
  // Place a small range inside the band so a flat series sits on the fourth row (▄), not the bottom or top one.
  const low = min - ((span - (max - min)) * 3) / (SPARK_CHARS.length - 1);
  return values.map((value) => SPARK_CHARS[Math.round(((value - low) / span) * (SPARK_CHARS.length - 1))]).join('');
}

/** Whether a digest has anything new: a release, an advisory, a post, or a number that moved by 1% or more. */
export function hasNews(digest: Digest): boolean {
  return digest.items.some((item) => item.kind !== 'trend' || Math.abs(item.change) >= MOVER_THRESHOLD_PERCENT);
}

function inWindow(iso: string | undefined, start: number, end: number): boolean {
  if (!iso) return false;
  const time = Date.parse(iso);
  return time > start && time <= end;
}

function displayVersion(item: ItemSnapshot, version: string): string {
  return item.kind === 'toolchain' && item.language === 'go' ? version.replace(/^go/, '') : version;
}

export function buildDigest(input: BuildDigestInput): Digest {
  const { current, previous } = input;
  const end = Date.parse(current.collectedAt);
  // The window runs from the last collection, so nothing falls between two digests; a baseline looks back a week.
  const start = previous ? Date.parse(previous.collectedAt) : end - WEEK_MS;
  const previousItems = new Map(previous?.items.map((item) => [item.itemId, item]));
  const history = [...(input.history ?? []), ...(previous ? [previous] : []), current]
    .filter((collection, index, all) => all.findIndex((other) => other.week === collection.week) === index)
    .sort((a, b) => a.week.localeCompare(b.week));

  const releases: ReleaseItem[] = [];
  const trends: TrendItem[] = [];
  const advisories: AdvisoryItem[] = [];

  for (const item of current.items) {
    const before = previousItems.get(item.itemId);
    const itemAdvisories = newAdvisories(item, before, previous !== undefined, start, end);
    releases.push(...releasesOf(item, before, start, end, itemAdvisories));
    const url = item.repoUrl ?? item.releases[0]?.url;
    for (const metric of ['downloads_7d', 'stars'] as const) {
      const valueOf = (snapshot: ItemSnapshot | undefined) => (metric === 'stars' ? snapshot?.stars : snapshot?.downloads7d);
      const [was, now] = [valueOf(before), valueOf(item)];
      // An unchanged number is not news: the row is left out (and a missing one gives no trend, never 0%).
      if (was === undefined || now === undefined || was === 0 || was === now) continue;
      const link = metric === 'downloads_7d' ? `https://crates.io/crates/${item.name}` : url;
      if (!link) continue;
      const series = history.map((collection) => valueOf(collection.items.find((other) => other.itemId === item.itemId))).filter((value): value is number => value !== undefined);
      trends.push({
        kind: 'trend',
        language: item.language,
        name: item.name,
        metric,
        previous: was,
        current: now,
        change: percentChange(was, now),
        ...(item.latestVersion ? { version: displayVersion(item, item.latestVersion) } : {}),
        url: link,
        ...(series.length >= 3 ? { sparkline: sparkline(series) } : {}),
      });
    }
    advisories.push(...itemAdvisories);
  }

  const posts = newPosts(current, previous, start, end);
  releases.sort((a, b) => Number(b.toolchain) - Number(a.toolchain) || (b.date ?? '9').localeCompare(a.date ?? '9') || a.name.localeCompare(b.name));
  trends.sort((a, b) => a.language.localeCompare(b.language) || a.metric.localeCompare(b.metric) || Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name));
  advisories.sort((a, b) => Number(a.informational !== undefined) - Number(b.informational !== undefined) || a.id.localeCompare(b.id));

  const items: DigestItem[] = [...releases, ...trends, ...advisories, ...posts];
  const digest: Digest = {
    week: current.week,
    previousWeek: previous?.week ?? null,
    baseline: previous === undefined,
    generatedAt: current.collectedAt,
    window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    headline: headline({ baseline: previous === undefined, itemCount: current.items.length, releases, trends, advisories }),
    signals: LANGUAGE_SIGNALS,
    fairnessNote: FAIRNESS_NOTE,
    sources: current.sources,
    items,
    counts: {
      releases: releases.length,
      newAdvisories: advisories.length,
      newVulnerabilities: advisories.filter((advisory) => advisory.informational === undefined).length,
      posts: posts.length,
    },
  };
  return digestSchema.parse(digest);
}

/**
 * Why a Go toolchain release matters: go.dev publishes no notes, but a point release exists to ship the standard
 * library's security fixes, and OSV lists those for the "stdlib" package. The new ones this week are named.
 */
function goSecurityFixes(advisories: AdvisoryItem[]): string | undefined {
  const fixes = advisories.filter((advisory) => advisory.informational === undefined);
  if (fixes.length === 0) return undefined;
  const named = fixes.slice(0, 3).map((advisory) => `${advisory.id} (${advisory.summary.replace(/\s+/g, ' ').slice(0, 60)})`);
  return whyItMatters(`Security fixes published this week: ${named.join('; ')}${fixes.length > 3 ? ` and ${fixes.length - 3} more` : ''}`);
}

function releasesOf(item: ItemSnapshot, before: ItemSnapshot | undefined, start: number, end: number, advisories: AdvisoryItem[]): ReleaseItem[] {
  const toolchain = item.kind === 'toolchain';
  const dated = item.releases.filter((release) => release.publishedAt !== undefined && inWindow(release.publishedAt, start, end));
  // Undated versions (go.dev) count only when last week's list is known and lacked them; a baseline claims none.
  const undated = before?.knownVersions
    ? item.releases.filter((release) => release.publishedAt === undefined && !before.knownVersions?.includes(release.version))
    : [];
  return [...dated, ...undated].map((release) => {
    const why = whyItMatters(release.notes) ?? (toolchain && item.language === 'go' ? goSecurityFixes(advisories) : undefined);
    return {
      kind: 'release' as const,
      language: item.language,
      name: item.name,
      version: displayVersion(item, release.version),
      url: release.url,
      ...(release.publishedAt ? { date: release.publishedAt } : {}),
      toolchain,
      ...(why ? { whyItMatters: why } : {}),
    };
  });
}

function newAdvisories(item: ItemSnapshot, before: ItemSnapshot | undefined, hasPrevious: boolean, start: number, end: number): AdvisoryItem[] {
  if (!item.advisories) return [];
  // With last week's ids known, "new" means none of the issue's ids was there; otherwise published in the window.
  const knownIds = before?.advisories ? new Set(before.advisories.flatMap((advisory) => [advisory.id, ...advisory.aliases])) : undefined;
  return item.advisories
    .filter((advisory) =>
      knownIds && hasPrevious ? ![advisory.id, ...advisory.aliases].some((id) => knownIds.has(id)) : inWindow(advisory.published, start, end),
    )
    .map((advisory) => ({
      kind: 'advisory' as const,
      language: item.language,
      name: item.name,
      id: advisory.id,
      aliases: advisory.aliases,
      summary: advisory.summary,
      url: advisory.url,
      ...(advisory.published ? { published: advisory.published } : {}),
      ...(advisory.informational ? { informational: advisory.informational } : {}),
    }));
}

function newPosts(current: Collection, previous: Collection | undefined, start: number, end: number): PostItem[] {
  const posts: PostItem[] = [];
  for (const feed of current.feeds) {
    const seen = new Set(previous?.feeds.find((other) => other.feedId === feed.feedId)?.posts.map((post) => post.id));
    for (const post of feed.posts) {
      if (seen.has(post.id) || !inWindow(post.published, start, end)) continue;
      posts.push({ kind: 'post', language: feed.language, name: feed.name, title: post.title, url: post.url, date: post.published });
    }
  }
  return posts.sort((a, b) => b.date.localeCompare(a.date));
}

const LANGUAGE_NAMES = { rust: 'Rust', go: 'Go' } as const;
const METRIC_NAMES = { downloads_7d: 'weekly downloads', stars: 'GitHub stars' } as const;

export function formatChange(change: number): string {
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change).toFixed(1)}%`;
}

/** One line from the data: the release that matters, new vulnerabilities, and the biggest mover. */
function headline(input: { baseline: boolean; itemCount: number; releases: ReleaseItem[]; trends: TrendItem[]; advisories: AdvisoryItem[] }): string {
  const parts: string[] = [];
  const toolchains = input.releases.filter((release) => release.toolchain);
  if (toolchains.length > 0) {
    parts.push(`${toolchains.map((release) => `${release.name} ${release.version}`).join(' and ')} released`);
  } else {
    // A library release that changes the minor or major version matters more than a patch.
    const notable = input.releases.find((release) => /^\d+\.\d+\.0$/.test(release.version.replace(/^v/, ''))) ?? input.releases[0];
    if (notable) parts.push(`${notable.name} ${notable.version} released${input.releases.length > 1 ? ` (${input.releases.length} releases this week)` : ''}`);
  }
  const vulnerabilities = input.advisories.filter((advisory) => advisory.informational === undefined);
  if (vulnerabilities.length > 0) {
    const names = [...new Set(vulnerabilities.map((advisory) => advisory.name))].join(', ');
    parts.push(`${vulnerabilities.length} new security ${vulnerabilities.length === 1 ? 'advisory' : 'advisories'} (${names})`);
  }
  if (input.baseline) {
    const lead = `Baseline week: first snapshot of ${input.itemCount} watched items, so changes start next week`;
    return parts.length > 0 ? `${lead}; ${parts.join('; ')}` : lead;
  }
  const mover = [...input.trends].sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name))[0];
  if (mover && Math.abs(mover.change) >= MOVER_THRESHOLD_PERCENT) {
    parts.push(`biggest mover: ${mover.name} (${LANGUAGE_NAMES[mover.language]}) ${METRIC_NAMES[mover.metric]} ${formatChange(mover.change)}`);
  }
  if (parts.length === 0) return `A quiet week: no releases, no new advisories, no change of ${MOVER_THRESHOLD_PERCENT}% or more`;
  // Not capitalised: lines often start with a crate or module name, whose case is part of the name.
  return parts.join('; ');
}
