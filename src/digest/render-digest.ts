// Turns a Digest into the platform-neutral Reply every adapter renders (Block Kit, embeds, terminal text).
// Text from sources (titles, summaries) is treated like user text: mentions neutralised, markup characters dropped.
import { reply, type Reply, type ReplyInput, type Source } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import { formatChange } from './build.ts';
import type { AdvisoryItem, Digest, PostItem, ReleaseItem, TrendItem } from './digest.ts';

const TRENDS_PER_LANGUAGE = 5;
const LANGUAGE_NAMES = { rust: 'Rust', go: 'Go' } as const;

/** Source text made safe for the neutral markup: no pings, no stray markup characters, bounded length. */
function plain(text: string, max = 160): string {
  return truncate(neutralizeMentions(text.replace(/[\r\n]+/g, ' ').replace(/[*`[\]]/g, '')).trim(), max);
}

function day(iso: string | undefined): string | undefined {
  return iso?.slice(0, 10);
}

function compact(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(value >= 10_000_000 ? 1 : 2)}M`;
  if (value >= 10_000) return `${(value / 1_000).toFixed(1)}k`;
  return value.toLocaleString('en-US');
}

function releaseLine(item: ReleaseItem): string {
  const when = item.date ? day(item.date) : 'new on go.dev this week';
  const kind = item.toolchain ? 'toolchain' : LANGUAGE_NAMES[item.language];
  const why = item.whyItMatters ? `\n  Why it matters: ${plain(item.whyItMatters, 220)}` : '';
  return `• [**${plain(item.name)} ${plain(item.version)}**](${item.url}) (${kind}, ${when})${why}`;
}

function trendLine(item: TrendItem): string {
  const metric = item.metric === 'stars' ? 'stars' : 'downloads (7 days)';
  const spark = item.sparkline ? ` ${item.sparkline}` : '';
  return `• [${plain(item.name)}](${item.url}) ${metric}: ${compact(item.previous)} → ${compact(item.current)} (${formatChange(item.change)})${spark}`;
}

function advisoryLine(item: AdvisoryItem): string {
  const also = item.aliases.length > 0 ? ` (also ${item.aliases.map((alias) => plain(alias, 40)).join(', ')})` : '';
  const kind = item.informational ? ` (${plain(item.informational, 20)})` : '';
  return `• [${plain(item.id, 40)}](${item.url}) **${plain(item.name)}**${kind}: ${plain(item.summary)}${also}`;
}

function postLine(item: PostItem): string {
  return `• [${plain(item.title)}](${item.url}) (${plain(item.name)}, ${day(item.date)})`;
}

const SOURCE_LINKS: Record<string, { title: string; url: string }> = {
  github: { title: 'GitHub REST API (releases, stars)', url: 'https://docs.github.com/rest' },
  'crates.io': { title: 'crates.io API (versions, downloads)', url: 'https://crates.io/data-access' },
  'proxy.golang.org': { title: 'Go module proxy (versions and dates)', url: 'https://proxy.golang.org' },
  'go.dev': { title: 'go.dev downloads (Go toolchain releases)', url: 'https://go.dev/dl/' },
  'osv.dev': { title: 'OSV.dev (RustSec, Go vulndb, GHSA advisories)', url: 'https://osv.dev' },
  'rust-blog': { title: 'Rust blog', url: 'https://blog.rust-lang.org/' },
  'go-blog': { title: 'The Go blog', url: 'https://go.dev/blog/' },
  'this-week-in-rust': { title: 'This Week in Rust', url: 'https://this-week-in-rust.org/' },
};

/** Which sources fill which section: a failed one makes that part unknown this week, never "none". */
const SECTION_SOURCES = {
  releases: ['github', 'crates.io', 'proxy.golang.org', 'go.dev'],
  rust: ['crates.io', 'github'],
  go: ['github'],
  advisories: ['osv.dev'],
  posts: ['rust-blog', 'go-blog', 'this-week-in-rust'],
} as const;

function sourceName(source: string): string {
  return SOURCE_LINKS[source]?.title.replace(/ \(.*\)$/, '') ?? source;
}

/** The sources of a section that failed this week, in words; undefined when every one answered. */
function unknownNote(digest: Digest, section: keyof typeof SECTION_SOURCES): string | undefined {
  const wanted: readonly string[] = SECTION_SOURCES[section];
  const failed = digest.sources.filter((source) => source.status !== 'ok' && wanted.includes(source.source));
  if (failed.length === 0) return undefined;
  return `Unknown this week from ${failed.map((source) => `${sourceName(source.source)} (${source.status === 'rate_limited' ? 'rate-limited' : 'source unavailable'})`).join(', ')}.`;
}

/** A section's lines, or the truth when there are none: "none" only when every source answered. */
function sectionBody(lines: string[], unknown: string | undefined, none: string): string {
  if (lines.length === 0) return unknown ?? none;
  return unknown ? `${lines.join('\n')}\n${unknown}` : lines.join('\n');
}

export function renderDigest(digest: Digest, options: { visibility?: Reply['visibility'] } = {}): Reply {
  const releases = digest.items.filter((item): item is ReleaseItem => item.kind === 'release');
  const trends = digest.items.filter((item): item is TrendItem => item.kind === 'trend');
  const advisories = digest.items.filter((item): item is AdvisoryItem => item.kind === 'advisory');
  const posts = digest.items.filter((item): item is PostItem => item.kind === 'post');
  const problems = digest.sources.filter((source) => source.status !== 'ok');
  const sections: NonNullable<ReplyInput['sections']> = [];

  // Toolchains (Go, Rust) first, then watched libraries: the builder sorts them so.
  sections.push({ heading: 'Releases', body: sectionBody(releases.map(releaseLine), unknownNote(digest, 'releases'), 'No releases of watched items in this window.') });

  for (const language of ['rust', 'go'] as const) {
    const signals = digest.signals.find((signal) => signal.language === language)?.signals ?? [];
    const heading = `${LANGUAGE_NAMES[language]} trends (${signals.join(', ')})`;
    const mine = trends
      .filter((trend) => trend.language === language)
      .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.name.localeCompare(b.name))
      .slice(0, TRENDS_PER_LANGUAGE);
    const body = digest.baseline
      ? 'Baseline week: this is the first snapshot, so week-over-week changes start with the next digest.'
      : sectionBody(mine.map(trendLine), unknownNote(digest, language), 'No changes this week: every number is where it was last week.');
    sections.push({ heading, body });
  }

  const vulnerabilities = advisories.filter((advisory) => advisory.informational === undefined);
  const notices = advisories.filter((advisory) => advisory.informational !== undefined);
  sections.push({
    heading: 'Security advisories',
    body: sectionBody(vulnerabilities.map(advisoryLine), unknownNote(digest, 'advisories'), 'No new advisories for watched crates and modules.'),
  });
  if (notices.length > 0) sections.push({ heading: 'Notices (unmaintained or unsound, not vulnerabilities)', body: notices.map(advisoryLine).join('\n') });
  sections.push({ heading: 'Posts', body: sectionBody(posts.map(postLine), unknownNote(digest, 'posts'), 'No new posts on the Rust blog, the Go blog or This Week in Rust.') });

  // Last: which sources failed and why. The sections above already say which of their parts are unknown.
  if (problems.length > 0) {
    sections.push({
      heading: 'Stale sources',
      body: problems
        .map((source) => `• **${sourceName(source.source)}** ${source.status === 'rate_limited' ? 'rate-limited' : 'unavailable'}: its part of this digest is unknown this week${source.detail ? ` (${plain(source.detail, 120)})` : ''}`)
        .join('\n'),
    });
  }

  const collected = day(digest.generatedAt) ?? digest.generatedAt;
  const sources: Source[] = digest.sources
    .filter((source) => source.status === 'ok' && SOURCE_LINKS[source.source])
    .map((source) => ({ ...(SOURCE_LINKS[source.source] as { title: string; url: string }), date: collected }));

  return reply({
    title: `Rust vs Go ecosystem digest, week ${digest.week}`,
    summary: plain(digest.headline, 300),
    sections,
    sources,
    footer: `${digest.fairnessNote} Window ${day(digest.window.start)} to ${day(digest.window.end)}${digest.previousWeek ? `, compared with ${digest.previousWeek}` : ''}.`,
    visibility: options.visibility ?? 'in_channel',
    tone: problems.length > 0 ? 'warning' : 'info',
    data: digest,
  });
}
