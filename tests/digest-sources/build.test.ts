import { describe, expect, it } from 'vitest';
import { buildDigest, percentChange, sparkline } from '../../src/digest/build.ts';
import { renderDigest } from '../../src/digest/render-digest.ts';
import { collectionSchema, isoWeek, type Collection, type ItemSnapshot } from '../../src/store/snapshot.ts';

function item(overrides: Partial<ItemSnapshot> & { itemId: string }): ItemSnapshot {
  return { language: 'rust', kind: 'library', name: overrides.itemId, releases: [], stale: [], ...overrides };
}

function collection(week: string, collectedAt: string, items: ItemSnapshot[], extra: Partial<Collection> = {}): Collection {
  return collectionSchema.parse({ week, collectedAt, sources: [{ source: 'github', status: 'ok' }], items, feeds: [], ...extra });
}

describe('isoWeek', () => {
  it.each([
    ['2025-07-08T09:00:00Z', '2025-W28'],
    ['2025-07-13T23:59:59Z', '2025-W28'],
    ['2025-07-14T00:00:00Z', '2025-W29'],
    ['2024-12-30T12:00:00Z', '2025-W01'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
  ])('%s is in %s', (iso, week) => {
    expect(isoWeek(new Date(iso))).toBe(week);
  });
});

describe('numbers', () => {
  it.each([
    [100, 110, 10],
    [700000, 616000, -12],
    [29287, 29580, 1],
    [3, 4, 33.3],
  ])('%d -> %d is %d%%', (a, b, change) => {
    expect(percentChange(a, b)).toBe(change);
  });

  it('draws a sparkline from the lowest to the highest value', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
  });
});

describe('buildDigest', () => {
  const w1 = collection('2025-W27', '2025-07-01T09:00:00Z', [item({ itemId: 'axum', stars: 100, repoUrl: 'https://github.com/tokio-rs/axum' })]);
  const w2 = collection('2025-W28', '2025-07-08T09:00:00Z', [item({ itemId: 'axum', stars: 110, repoUrl: 'https://github.com/tokio-rs/axum' })]);
  const w3 = collection('2025-W29', '2025-07-15T09:00:00Z', [item({ itemId: 'axum', stars: 130, repoUrl: 'https://github.com/tokio-rs/axum' })]);

  it('adds a sparkline once three weeks of history exist', () => {
    const twoWeeks = buildDigest({ current: w2, previous: w1, history: [w1, w2] });
    expect(twoWeeks.items[0]).not.toHaveProperty('sparkline');
    const threeWeeks = buildDigest({ current: w3, previous: w2, history: [w1, w2, w3] });
    expect(threeWeeks.items[0]).toMatchObject({ kind: 'trend', previous: 110, current: 130, change: 18.2, sparkline: '▁▃█' });
  });

  it('names the biggest mover in the headline', () => {
    expect(buildDigest({ current: w3, previous: w2 }).headline).toBe('biggest mover: axum (Rust) GitHub stars +18.2%');
  });

  it('says when a week is quiet', () => {
    const same = collection('2025-W29', '2025-07-15T09:00:00Z', [item({ itemId: 'axum', stars: 110, repoUrl: 'https://github.com/tokio-rs/axum' })]);
    expect(buildDigest({ current: same, previous: w2 }).headline).toMatch(/^A quiet week/);
  });

  it('does not report an advisory as new when last week knew it under another id of the same issue', () => {
    const before = collection('2025-W28', '2025-07-08T09:00:00Z', [
      item({ itemId: 'regex', advisories: [{ id: 'GHSA-m5pq-gvj9-9vr8', aliases: ['CVE-2022-24713'], summary: 's', url: 'https://github.com/advisories/GHSA-m5pq-gvj9-9vr8' }] }),
    ]);
    const after = collection('2025-W29', '2025-07-15T09:00:00Z', [
      item({ itemId: 'regex', advisories: [{ id: 'RUSTSEC-2022-0013', aliases: ['CVE-2022-24713', 'GHSA-m5pq-gvj9-9vr8'], summary: 's', url: 'https://rustsec.org/advisories/RUSTSEC-2022-0013.html' }] }),
    ]);
    expect(buildDigest({ current: after, previous: before }).items.filter((entry) => entry.kind === 'advisory')).toEqual([]);
  });

  it('claims no undated toolchain release on a baseline week', () => {
    const go = item({ itemId: 'go', language: 'go', kind: 'toolchain', name: 'Go', knownVersions: ['go1.24.5'], releases: [{ version: 'go1.24.5', url: 'https://go.dev/dl/#go1.24.5' }] });
    const digest = buildDigest({ current: collection('2025-W28', '2025-07-08T09:00:00Z', [go]) });
    expect(digest.baseline).toBe(true);
    expect(digest.items).toEqual([]);
  });

  it('skips trends whose previous or current value is missing (a stale source), never reporting a fake 0%', () => {
    const missing = collection('2025-W29', '2025-07-15T09:00:00Z', [item({ itemId: 'axum', stale: ['github'] })], { sources: [{ source: 'github', status: 'stale', detail: 'answered HTTP 502' }] });
    const digest = buildDigest({ current: missing, previous: w2 });
    expect(digest.items).toEqual([]);
    expect(digest.sources).toEqual([{ source: 'github', status: 'stale', detail: 'answered HTTP 502' }]);
  });
});

describe('renderDigest', () => {
  it('neutralises mentions and markup in source text and marks stale sources', () => {
    const current = collection('2025-W29', '2025-07-15T09:00:00Z', [], {
      sources: [{ source: 'crates.io', status: 'stale', detail: 'answered HTTP 500' }],
      feeds: [{ feedId: 'go-blog', language: 'go', name: 'Go blog', stale: false, posts: [{ id: 'x', title: 'Ping @everyone about [links](x) and <!channel>', url: 'https://go.dev/blog/x', published: '2025-07-14T00:00:00Z' }] }],
    });
    const reply = renderDigest(buildDigest({ current, previous: collection('2025-W28', '2025-07-08T09:00:00Z', []) }));
    const posts = reply.sections.find((section) => section.heading === 'Posts')?.body ?? '';
    expect(posts).not.toMatch(/(^|[^\u200D])@everyone/);
    expect(posts).not.toContain('<!channel>');
    expect(posts).toContain('(https://go.dev/blog/x)');
    // The stale-source note comes last; the sections it feeds say their part is unknown.
    expect(reply.sections.at(-1)).toMatchObject({ heading: 'Stale sources' });
    expect(reply.sections.at(-1)?.body).toContain('crates.io');
    expect(reply.tone).toBe('warning');
    expect(reply.sources).toEqual([]);
  });

  it('says the first week is a baseline in each trend section', () => {
    const reply = renderDigest(buildDigest({ current: collection('2025-W28', '2025-07-08T09:00:00Z', []) }));
    const trends = reply.sections.filter((section) => section.heading?.includes('trends'));
    expect(trends.map((section) => section.heading)).toEqual(['Rust trends (crates.io downloads over the last 7 days, GitHub stars)', 'Go trends (GitHub stars)']);
    expect(trends.every((section) => section.body.startsWith('Baseline week'))).toBe(true);
  });
});
