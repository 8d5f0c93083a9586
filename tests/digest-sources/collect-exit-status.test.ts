// `digest collect` tells cron and CI the truth: every source down exits 1 naming them; some down exits 0 with a
// warning on stderr naming those; and the preview then says what is unknown instead of "none".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { fakeClock } from './support/fake-clock.ts';
import { startFakeSourceServer, type FakeSourceServer } from './support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, worldEnv, worldWatchlist } from './support/two-week-world.ts';

let server: FakeSourceServer;
let store: Store;

beforeEach(async () => {
  server = await startFakeSourceServer();
  store = await openStore('sqlite::memory:');
});
afterEach(async () => {
  await store.close();
  await server.close();
});

async function cli(args: string[], baseUrl = server.url) {
  let out = '';
  let err = '';
  const services = await createTestServices({ ...worldEnv(baseUrl), SOURCE_TIMEOUT_MS: '2000' }, new Date(WEEK1_NOW), store);
  const code = await runDigestCli(args, services, { stdout: (t) => (out += t), stderr: (t) => (err += t), clock: fakeClock(WEEK1_NOW), watchlist: worldWatchlist });
  return { code, out, err };
}

describe('digest collect exit status', () => {
  it('exits 1 and names every failed source when all sources are down; the preview says unknown, not none', async () => {
    const down = server.url;
    await server.close();
    const result = await cli(['collect', '--now', WEEK1_NOW], down);
    expect(result.code).toBe(1);
    expect(result.err).toContain('every source failed');
    for (const source of ['github', 'crates.io', 'proxy.golang.org', 'go.dev', 'osv.dev', 'rust-blog', 'go-blog', 'this-week-in-rust']) expect(result.err).toContain(source);

    const preview = await cli(['preview', '--now', WEEK1_NOW], down);
    expect(preview.out).toContain('Unknown this week from OSV.dev (source unavailable)');
    expect(preview.out).not.toContain('No new advisories');
    server = await startFakeSourceServer();
  });

  it('exits 0 with a warning naming the failed sources when only some failed', async () => {
    serveWeek(server, 1);
    server.route('POST /v1/querybatch', { status: 503, body: 'down' });
    const result = await cli(['collect', '--now', WEEK1_NOW]);
    expect(result.code).toBe(0);
    expect(result.err).toMatch(/warning: 1 of \d+ sources failed .*osv\.dev \(unavailable\)/);
    expect(result.out).toContain('osv.dev: stale');
  });

  it('exits 0 without warnings when every source answered', async () => {
    serveWeek(server, 1);
    const result = await cli(['collect', '--now', WEEK1_NOW]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
  });
});
