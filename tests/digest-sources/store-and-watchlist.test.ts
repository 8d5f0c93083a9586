import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectionSchema } from '../../src/store/snapshot.ts';
import { KnowledgeFileError } from '../../src/knowledge/load-data-file.ts';
import { loadWatchlist, mergeWatchlists, watchItemForName } from '../../src/knowledge/watchlist.ts';
import { openStore, type Store } from '../../src/store/store.ts';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const week = (name: string, collectedAt: string, stars: number) =>
  collectionSchema.parse({
    week: name,
    collectedAt,
    sources: [{ source: 'github', status: 'ok' }],
    items: [{ itemId: 'axum', language: 'rust', kind: 'library', name: 'axum', stars }],
    feeds: [{ feedId: 'go-blog', language: 'go', name: 'Go blog', posts: [] }],
  });

describe('digest snapshot store', () => {
  it('round-trips a collection and replaces a week collected again', async () => {
    store = await openStore('sqlite::memory:');
    await store.digestSnapshots.save(week('2025-W28', '2025-07-08T09:00:00.000Z', 1));
    await store.digestSnapshots.save(week('2025-W28', '2025-07-09T09:00:00.000Z', 2));
    expect(await store.digestSnapshots.get('2025-W28')).toEqual(week('2025-W28', '2025-07-09T09:00:00.000Z', 2));
    expect(await store.digestSnapshots.get('2025-W29')).toBeUndefined();
  });

  it('finds the latest earlier week and the history, oldest first', async () => {
    store = await openStore('sqlite::memory:');
    for (const [name, at, stars] of [['2025-W26', '2025-06-24T09:00:00.000Z', 1], ['2025-W28', '2025-07-08T09:00:00.000Z', 3], ['2025-W29', '2025-07-15T09:00:00.000Z', 4]] as const) {
      await store.digestSnapshots.save(week(name, at, stars));
    }
    expect((await store.digestSnapshots.latestBefore('2025-W29'))?.week).toBe('2025-W28');
    expect(await store.digestSnapshots.latestBefore('2025-W26')).toBeUndefined();
    expect((await store.digestSnapshots.history('2025-W29', 2)).map((c) => c.week)).toEqual(['2025-W28', '2025-W29']);
  });

  it('persists conditional-request validators with the body', async () => {
    store = await openStore('sqlite::memory:');
    await store.sourceValidators.put('https://api.github.com/repos/a/b', { etag: 'W/"1"', body: '{"x":1}' });
    await store.sourceValidators.put('https://api.github.com/repos/a/b', { etag: 'W/"2"', lastModified: 'Fri, 04 Jul 2025 14:49:37 GMT', body: '{"x":2}' });
    expect(await store.sourceValidators.get('https://api.github.com/repos/a/b')).toEqual({ etag: 'W/"2"', lastModified: 'Fri, 04 Jul 2025 14:49:37 GMT', body: '{"x":2}' });
    expect(await store.sourceValidators.get('https://example.org/')).toBeUndefined();
  });
});

describe('watchlist', () => {
  it('loads the default list with the toolchains and the libraries teams weigh', () => {
    const list = loadWatchlist();
    const ids = list.map((item) => item.id);
    for (const id of ['rust', 'go', 'tokio', 'axum', 'actix-web', 'hyper', 'tonic', 'serde', 'sqlx', 'reqwest', 'tracing', 'gin', 'echo', 'fiber', 'chi', 'grpc-go', 'pgx']) expect(ids).toContain(id);
    expect(list.filter((item) => item.language === 'rust' && item.kind === 'library').every((item) => item.crate && item.github)).toBe(true);
    expect(list.filter((item) => item.language === 'go' && item.kind === 'library').every((item) => item.module && item.github)).toBe(true);
  });

  it('names the entry and field of a broken list', () => {
    const dir = mkdtempSync(join(tmpdir(), 'watchlist-'));
    const file = join(dir, 'watchlist.yaml');
    writeFileSync(file, '- id: x\n  language: rust\n  kind: library\n  name: x\n  module: github.com/a/b\n');
    expect(() => loadWatchlist(file)).toThrow(KnowledgeFileError);
    expect(() => loadWatchlist(file)).toThrow(/"x".*module/);
  });

  it.each([
    ['github.com/BurntSushi/toml', { language: 'go', module: 'github.com/BurntSushi/toml', github: 'BurntSushi/toml' }],
    ['go.uber.org/zap', { language: 'go', module: 'go.uber.org/zap' }],
    ['rayon', { language: 'rust', crate: 'rayon' }],
  ])('reads %s as a watch item', (name, expected) => {
    expect(watchItemForName(name)).toMatchObject(expected);
  });

  it('rejects names that are neither a crate nor a module', () => {
    expect(watchItemForName('not a name')).toBeUndefined();
    expect(watchItemForName('../etc/passwd')).toBeUndefined();
  });

  it('merges extra items without duplicating a crate already watched', () => {
    const base = loadWatchlist();
    const merged = mergeWatchlists(base, [watchItemForName('tokio')!, watchItemForName('rayon')!]);
    expect(merged.length).toBe(base.length + 1);
  });
});
