// Issue 16: the digest tells the truth when a source failed, leaves out what did not change, draws flat series
// flat, and says why a release matters without pinging anyone or passing raw HTML through.
import { describe, expect, it } from 'vitest';
import { buildDigest, hasNews, sparkline } from '../../src/digest/build.ts';
import { whyItMatters } from '../../src/digest/release-notes.ts';
import { renderDigest } from '../../src/digest/render-digest.ts';
import { collectionSchema, type Collection, type ItemSnapshot } from '../../src/store/snapshot.ts';

function item(overrides: Partial<ItemSnapshot> & { itemId: string }): ItemSnapshot {
  return { language: 'rust', kind: 'library', name: overrides.itemId, releases: [], stale: [], ...overrides };
}

function collection(week: string, collectedAt: string, items: ItemSnapshot[], extra: Partial<Collection> = {}): Collection {
  return collectionSchema.parse({ week, collectedAt, sources: [{ source: 'github', status: 'ok' }, { source: 'osv.dev', status: 'ok' }], items, feeds: [], ...extra });
}

const W1 = '2025-07-08T09:00:00Z';
const W2 = '2025-07-15T09:00:00Z';
const go = (stars: number, extra: Partial<ItemSnapshot> = {}) => item({ itemId: 'go', language: 'go', kind: 'toolchain', name: 'Go', stars, repoUrl: 'https://github.com/golang/go', advisories: [], ...extra });

describe('signal over noise', () => {
  it('leaves out unchanged rows (Go stars 128.0k → 128.0k is not news)', () => {
    const digest = buildDigest({
      current: collection('2025-W29', W2, [go(128_000), item({ itemId: 'axum', stars: 21_630, repoUrl: 'https://github.com/tokio-rs/axum' })]),
      previous: collection('2025-W28', W1, [go(128_000), item({ itemId: 'axum', stars: 21_000, repoUrl: 'https://github.com/tokio-rs/axum' })]),
    });
    expect(digest.items.filter((entry) => entry.kind === 'trend').map((entry) => entry.name)).toEqual(['axum']);
    const text = renderDigest(digest).sections.map((section) => section.body).join('\n');
    expect(text).not.toContain('±0.0%');
    expect(text).not.toContain('128.0k → 128.0k');
  });

  it('draws a flat or nearly flat series flat, and a real move as a climb', () => {
    expect(sparkline([128_000, 128_000, 128_000])).toBe('▄▄▄');
    // Min-max scaling drew this as ▁██: a 0.02% wobble is not a jump.
    expect(sparkline([127_990, 128_010, 128_020])).toBe('▄▄▄');
    expect(sparkline([100, 110, 130])).toBe('▁▃█');
  });

  it('says a quiet week has no news, and a 1% move or any release is news', () => {
    const quiet = buildDigest({ current: collection('2025-W29', W2, [go(128_000)]), previous: collection('2025-W28', W1, [go(128_000)]) });
    expect(hasNews(quiet)).toBe(false);
    const moved = buildDigest({ current: collection('2025-W29', W2, [go(130_000)]), previous: collection('2025-W28', W1, [go(128_000)]) });
    expect(hasNews(moved)).toBe(true);
  });

  it('lists toolchain releases before libraries, each with why it matters', () => {
    const tokio = item({
      itemId: 'tokio',
      releases: [{ version: '1.47.0', publishedAt: '2025-07-12T10:00:00Z', url: 'https://github.com/tokio-rs/tokio/releases/tag/tokio-1.47.0', notes: '# 1.47.0\r\n\r\nAdds `SetOnce`.' }],
    });
    const stdlibFix = { id: 'GO-2025-3849', aliases: ['CVE-2025-47907'], summary: 'Incorrect results returned from Rows.Scan in database/sql', url: 'https://pkg.go.dev/vuln/GO-2025-3849', published: '2025-07-14T00:00:00Z' };
    const before = collection('2025-W28', W1, [go(128_000, { knownVersions: ['go1.24.5'] }), item({ itemId: 'tokio' })]);
    const after = collection('2025-W29', W2, [
      go(128_000, { knownVersions: ['go1.24.6', 'go1.24.5'], releases: [{ version: 'go1.24.6', url: 'https://go.dev/dl/#go1.24.6' }], advisories: [stdlibFix] }),
      tokio,
    ]);
    const releases = buildDigest({ current: after, previous: before }).items.filter((entry) => entry.kind === 'release');
    expect(releases.map((entry) => entry.kind === 'release' && [entry.name, entry.version, entry.whyItMatters])).toEqual([
      ['Go', '1.24.6', 'Security fixes published this week: GO-2025-3849 (Incorrect results returned from Rows.Scan in database/sql)'],
      ['tokio', '1.47.0', 'Adds SetOnce.'],
    ]);
  });

  it('puts the stale-source note last', () => {
    const current = collection('2025-W29', W2, [], { sources: [{ source: 'github', status: 'stale', detail: 'answered HTTP 502' }, { source: 'osv.dev', status: 'ok' }] });
    const reply = renderDigest(buildDigest({ current, previous: collection('2025-W28', W1, []) }));
    expect(reply.sections.at(-1)?.heading).toBe('Stale sources');
  });
});

describe('release notes as "why it matters"', () => {
  it('takes the first meaningful lines, drops headings, HTML and comments, defuses pings, bounds the length', () => {
    const notes = '# 1.47.0 (July 12th, 2025)\r\n\r\n<!-- hidden -->\r\n### Added\r\n\r\n- sync: add `SetOnce` <img src="x" onerror="y"> thanks @everyone and <@U123> ([#7418](https://github.com/x))\r\n- net: `set_zero_linger`\r\n- third line';
    const why = whyItMatters(notes)!;
    expect(why).toBe('sync: add SetOnce thanks @\u200Deveryone and (#7418); net: set_zero_linger');
    expect(why).not.toMatch(/<|>|\*\*|\]\(/);
    expect(whyItMatters(`Fixes ${'a very long line '.repeat(40)}`)!.length).toBeLessThanOrEqual(200);
    expect(whyItMatters('')).toBeUndefined();
    expect(whyItMatters('## What’s Changed\r\n')).toBeUndefined();
  });
});

describe('the truth under failure', () => {
  it('says advisories are unknown this week when OSV failed, never "No new advisories"', () => {
    const current = collection('2025-W29', W2, [go(128_000, { advisories: undefined, stale: ['osv.dev'] })], {
      sources: [{ source: 'github', status: 'ok' }, { source: 'osv.dev', status: 'stale', detail: 'could not connect' }],
    });
    const reply = renderDigest(buildDigest({ current, previous: collection('2025-W28', W1, [go(128_000)]) }));
    const advisories = reply.sections.find((section) => section.heading === 'Security advisories')?.body ?? '';
    expect(advisories).toContain('Unknown this week from OSV.dev (source unavailable)');
    expect(advisories).not.toContain('No new advisories');
  });

  it('says each section whose sources all failed is unknown, and only "none" where every source answered', () => {
    const down = ['crates.io', 'github', 'go.dev', 'osv.dev', 'proxy.golang.org', 'rust-blog', 'go-blog', 'this-week-in-rust'].map((source) => ({ source, status: 'stale' as const, detail: 'could not connect' }));
    const current = collection('2025-W29', W2, [], { sources: down });
    const reply = renderDigest(buildDigest({ current, previous: collection('2025-W28', W1, []) }));
    for (const heading of ['Releases', 'Security advisories', 'Posts']) {
      const body = reply.sections.find((section) => section.heading === heading)?.body ?? '';
      expect(body, heading).toMatch(/^Unknown this week from .*source unavailable/);
      expect(body, heading).not.toMatch(/^No /);
    }
    const trends = reply.sections.filter((section) => section.heading?.includes('trends'));
    expect(trends.every((section) => section.body.startsWith('Unknown this week'))).toBe(true);
  });

  it('keeps what a partly failed section has, and names the part that is unknown', () => {
    const current = collection('2025-W29', W2, [item({ itemId: 'axum', stars: 22_000, repoUrl: 'https://github.com/tokio-rs/axum' })], {
      sources: [{ source: 'github', status: 'ok' }, { source: 'crates.io', status: 'rate_limited', detail: 'retry in 2 h' }],
    });
    const previous = collection('2025-W28', W1, [item({ itemId: 'axum', stars: 21_000, repoUrl: 'https://github.com/tokio-rs/axum' })]);
    const rust = renderDigest(buildDigest({ current, previous })).sections.find((section) => section.heading?.startsWith('Rust trends'))?.body ?? '';
    expect(rust).toContain('axum');
    expect(rust).toContain('Unknown this week from crates.io API (rate-limited)');
  });
});
