// `rustvsgo kb check` end to end: the fake sources serve a Go release newer than the one the knowledge base was
// checked against, `digest collect` stores it, and `kb check --json` (offline, from the store) reports the entries
// left behind. Also: what digest status and /metrics show, and the freshness rules on a small knowledge base.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import { runKbCli } from '../../src/cli/kb-cli.ts';
import type { Services } from '../../src/core/services.ts';
import { latestToolchainsIn } from '../../src/digest/latest-toolchains.ts';
import type { Collection } from '../../src/store/snapshot.ts';
import { checkKnowledgeFreshness, kbCheckReportSchema, staleEntryCount } from '../../src/knowledge/kb-freshness.ts';
import { loadKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { sourceSchema } from '../../src/knowledge/source.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { kbStalenessReport } from '../../src/ops/kb-staleness.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { fakeClock } from './support/fake-clock.ts';
import { fixture, json, startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from './support/two-week-world.ts';
import { createTestServices } from '../helpers/test-services.ts';

const CHECK_NOW = '2026-12-01T09:00:00Z';
const knowledge = loadKnowledgeBase();

/** go.dev/dl JSON listing the given stable toolchains (the recorded format, versions replaced). */
function goDl(newest: string, previous: string): string {
  return fixture('go-dl.json').replaceAll('go1.24.5', newest).replaceAll('go1.23.11', previous);
}

function rustRelease(version: string, publishedAt: string) {
  return { tag_name: version, name: `Rust ${version}`, html_url: `https://github.com/rust-lang/rust/releases/tag/${version}`, draft: false, prerelease: false, created_at: publishedAt, published_at: publishedAt };
}

describe('kb check against stored releases', () => {
  let server: FakeSourceServer;
  let store: Store;
  let services: Services;
  const clock = fakeClock(WEEK1_NOW);

  async function collect(now: string): Promise<void> {
    const code = await runDigestCli(['collect', '--now', now], services, { stdout: () => {}, stderr: () => {}, clock, watchlist: worldWatchlist });
    expect(code).toBe(0);
  }

  async function kbCheck(args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await runKbCli(['check', ...args], services, { stdout: (text) => (out += text), stderr: (text) => (out += text) });
    return { code, out };
  }

  beforeAll(async () => {
    server = await startFakeSourceServer();
    store = await openStore('sqlite::memory:');
    services = { ...(await createTestServices(worldEnv(server.url), new Date(CHECK_NOW), store)), knowledge };
  });
  afterAll(async () => {
    await store.close();
    await server.close();
  });

  it('with nothing collected yet, versions are unknown and only review ages count', async () => {
    const { out } = await kbCheck(['--json', '--now', CHECK_NOW]);
    const report = kbCheckReportSchema.parse(JSON.parse(out));
    expect(report.latest).toEqual({ go: null, rust: null });
    expect(report.stale.every((row) => row.reason.includes('months ago'))).toBe(true);
  });

  it('when Go 1.27 and Rust 1.99 are the newest stored releases, no Go page checked against go1.27 is stale', async () => {
    serveWeek(server, 1);
    server.route('GET /dl/', json(goDl('go1.27.2', 'go1.26.6')));
    server.route('GET /repos/rust-lang/rust/releases', json([rustRelease('1.99.0', '2026-10-01T15:00:00Z')]));
    await collect(WEEK1_NOW);
    const { out } = await kbCheck(['--json', '--now', CHECK_NOW]);
    const report = kbCheckReportSchema.parse(JSON.parse(out));
    expect(report.latest).toEqual({ go: '1.27.2', rust: '1.99.0' });
    expect(report.stale.filter((row) => row.checked_against === 'go1.27')).toEqual([]);
  });

  it('after the collector stores Go 1.28, every entry checked against go1.27 is listed and the exit code is 1', async () => {
    serveWeek(server, 2);
    server.route('GET /dl/', json(goDl('go1.28.0', 'go1.27.3')));
    await collect(WEEK2_NOW);
    const { code, out } = await kbCheck(['--json', '--now', CHECK_NOW]);
    expect(code).toBe(1);
    const report = kbCheckReportSchema.parse(JSON.parse(out));
    expect(report.latest.go).toBe('1.28.0');
    const behind = report.stale.filter((row) => row.checked_against === 'go1.27');
    expect(behind.length).toBeGreaterThan(10);
    expect(behind).toContainEqual(expect.objectContaining({ id: 'tail-latency.default', file: 'assessments.yaml', url: 'https://go.dev/doc/gc-guide' }));
    expect(behind.every((row) => row.reason.startsWith('checked against Go 1.27; Go 1.28 is the newest stable release'))).toBe(true);
    expect(Object.keys(report.stale[0] ?? {}).sort()).toEqual(['checked_against', 'file', 'id', 'reason', 'url']);
  });

  it('kb check without --json names the newest releases and each stale entry', async () => {
    const { code, out } = await kbCheck(['--now', CHECK_NOW]);
    expect(code).toBe(1);
    expect(out).toContain('Newest stored stable releases: Go 1.28.0, Rust 1.99.0');
    expect(out).toMatch(/assessments\.yaml tail-latency\.default: checked against Go 1\.27; Go 1\.28/);
  });

  it('digest status and the rustvsgo_kb_stale_entries gauge show the same count', async () => {
    const report = await kbStalenessReport({ knowledge, snapshots: store.digestSnapshots, now: new Date(CHECK_NOW) });
    const count = staleEntryCount(report);
    expect(count).toBeGreaterThan(0);
    const metrics = createMetrics({ processMetrics: false, kbStaleEntries: async () => count });
    expect(await metrics.registry.getSingleMetricAsString('rustvsgo_kb_stale_entries')).toContain(`rustvsgo_kb_stale_entries ${count}`);
    const { dispatchStructured } = await import('../../src/core/dispatch.ts');
    const { commands } = await import('../../src/commands/index.ts');
    const origin = { platform: 'cli', workspaceId: 'local', channelId: 'cli', userId: 'u', locale: 'en', requestId: 'r', isChannelAdmin: async () => true, mode: 'command' } as const;
    const { reply } = await dispatchStructured('digest status', {}, 'digest status', origin, services, commands);
    expect(reply.data).toMatchObject({ kbStaleEntries: count });
    expect(JSON.stringify(reply.fields)).toContain(`${count} entries need review`);
  });

  it('bad arguments get a usage message, not a crash', async () => {
    expect((await kbCheck(['--now', 'yesterday'])).code).toBe(2);
    let err = '';
    expect(await runKbCli(['audit'], services, { stdout: () => {}, stderr: (text) => (err += text) })).toBe(2);
    expect(err).toContain('unknown subcommand "audit"');
  });
});

describe('freshness rules', () => {
  const source = (raw: Record<string, string>) => sourceSchema.parse({ title: 'A page', url: 'https://example.com/page', ...raw });
  const kbWith = (sources: ReturnType<typeof source>[]): KnowledgeBase =>
    ({ assessments: [], workloads: [], facts: [{ id: 'one', topic: 'One', tags: ['x'], criterion: 'safety', language: 'go', text: 'A fact for the test.', sources }] }) as unknown as KnowledgeBase;
  const now = new Date('2026-12-01T00:00:00Z');

  it('one minor release behind is stale, the same minor (any patch) is not, a tokio1.x check has no Go/Rust version', () => {
    const latest = { go: '1.27.3', rust: '1.99.0' };
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2026-11-27', checked_against: 'go1.27' })]), latest, now).stale).toEqual([]);
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2026-11-27', checked_against: 'go1.26' })]), latest, now).stale).toHaveLength(1);
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2026-11-27', checked_against: 'rust1.98' })]), latest, now).stale[0]?.reason).toContain('Rust 1.99 is the newest');
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2026-11-27', checked_against: 'tokio1.x' })]), latest, now).stale).toEqual([]);
  });

  it('a page last checked more than twelve months ago is stale; an article is never stale', () => {
    const latest = { go: null, rust: null };
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2025-11' })]), latest, now).stale[0]?.reason).toContain('last checked 2025-11, more than 12 months ago');
    expect(checkKnowledgeFreshness(kbWith([source({ checked: '2025-12-02' })]), latest, now).stale).toEqual([]);
    expect(checkKnowledgeFreshness(kbWith([source({ date: '2017-02-16' })]), latest, now).stale).toEqual([]);
  });

  it('Rust falls back to the Rust blog\'s "Announcing Rust" posts when GitHub releases are missing', () => {
    const collection = {
      week: '2026-W49',
      collectedAt: CHECK_NOW,
      sources: [],
      items: [{ itemId: 'go', language: 'go', kind: 'toolchain', name: 'Go', knownVersions: ['go1.27.1', 'go1.26.5'], releases: [], stale: ['go.dev'] }],
      feeds: [{ feedId: 'rust-blog', language: 'rust', name: 'Rust blog', stale: false, posts: [
        { id: 'a', title: 'Announcing Rust 1.100.0', url: 'https://blog.rust-lang.org/2026/11/12/Rust-1.100.0/', published: '2026-11-12T00:00:00Z' },
        { id: 'b', title: 'Announcing Rust 1.99.0 and more', url: 'https://blog.rust-lang.org/2026/10/01/Rust-1.99.0/', published: '2026-10-01T00:00:00Z' },
        { id: 'c', title: 'Launching the 2026 State of Rust Survey', url: 'https://blog.rust-lang.org/2026/11/17/survey/', published: '2026-11-17T00:00:00Z' },
      ] }],
    } as unknown as Collection;
    expect(latestToolchainsIn([collection])).toEqual({ go: '1.27.1', rust: '1.100.0' });
  });
});
