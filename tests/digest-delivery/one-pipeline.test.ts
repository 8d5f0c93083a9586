// A preview shows exactly what a channel receives: `digest preview` (CLI), the chat preview command and delivery
// build the digest and its chart through the same pipeline (src/digest/weekly-edition.ts) with the same history
// window. Ten stored weeks: more than the window, so a builder with its own window would draw different sparklines.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDigestCli } from '../../src/cli/digest-cli.ts';
import { commands } from '../../src/commands/index.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../src/core/invocation.ts';
import type { Services } from '../../src/core/services.ts';
import { createStoredDigestContent } from '../../src/digest/digest-content.ts';
import { loadDemoCollections } from '../../src/digest/demo/load-demo.ts';
import { digestSchema } from '../../src/digest/digest.ts';
import type { Collection } from '../../src/store/snapshot.ts';
import { HISTORY_WEEKS } from '../../src/digest/weekly-edition.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { worldWatchlist } from '../digest-sources/support/two-week-world.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { SLACK_CHANNEL } from './support/delivery-world.ts';
import { pngSize } from './support/png-header.ts';

const NOW = '2025-07-16T09:00:00Z'; // in 2025-W29, the newest stored week
let store: Store;
let services: Services;

/** Ten weekly collections ending with the recorded demo week, stars and downloads growing a little each week. */
function tenWeeks(): Collection[] {
  const last = loadDemoCollections().at(-1)!;
  return Array.from({ length: 10 }, (_, index) => {
    const weeksBefore = 9 - index;
    const collectedAt = new Date(Date.parse(last.collectedAt) - weeksBefore * 7 * 86_400_000).toISOString();
    const items = last.items.map((item) => ({
      ...item,
      ...(item.stars !== undefined ? { stars: item.stars - weeksBefore * 50 * (1 + (index % 3)) } : {}),
      ...(item.downloads7d !== undefined ? { downloads7d: item.downloads7d - weeksBefore * 20_000 } : {}),
    }));
    return { ...last, week: `2025-W${String(29 - weeksBefore).padStart(2, '0')}`, collectedAt, items };
  });
}

beforeAll(async () => {
  store = await openStore('sqlite::memory:');
  for (const collection of tenWeeks()) await store.digestSnapshots.save(collection);
  services = await createTestServices({}, new Date(NOW), store);
});
afterAll(async () => store.close());

describe('one pipeline for preview and delivery', () => {
  it('builds the same digest and the same chart for the CLI preview and a channel’s delivery', async () => {
    let out = '';
    let err = '';
    const chartPath = join(mkdtempSync(join(tmpdir(), 'rustvsgo-chart-')), 'chart.png');
    const code = await runDigestCli(['preview', '--now', NOW, '--json', '--chart', chartPath], services, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
    expect(code).toBe(0);
    const previewed = digestSchema.parse(JSON.parse(out));

    // Delivery's content, with the watchlist the data was collected for (so nothing is filtered away).
    const content = createStoredDigestContent({ store, config: services.config, logger: services.logger, holder: 'test', defaultWatchlist: worldWatchlist });
    const message = await content.messageFor(SLACK_CHANNEL, new Date(NOW));
    const delivered = digestSchema.parse(message.reply.data);

    expect(delivered).toEqual(previewed);
    // Sparklines cover the shared window (eight weeks), not every stored week.
    const sparklines = previewed.items.flatMap((item) => (item.kind === 'trend' && item.sparkline ? [item.sparkline] : []));
    expect(sparklines.length).toBeGreaterThan(0);
    expect(sparklines.every((line) => [...line].length === HISTORY_WEEKS)).toBe(true);

    const written = readFileSync(chartPath);
    const chart = await message.chart();
    expect(Buffer.compare(written, chart!.png)).toBe(0);
    expect(pngSize(written)).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    expect(pngSize(written).width).toBeGreaterThan(300);
    expect(err).toContain(`Alt text: ${chart!.altText}`);
    expect(chart!.altText).toContain('weeks 2025-W22 to 2025-W29');
  });

  it('the chat preview command shows the delivered digest too', async () => {
    const chat = { ...(await createTestServices()), now: () => new Date(NOW) };
    try {
      for (const collection of tenWeeks()) await chat.store.digestSnapshots.save(collection);
      const content = createStoredDigestContent({ store: chat.store, config: chat.config, logger: chat.logger, holder: 'test' });
      const delivered = (await content.messageFor(SLACK_CHANNEL, new Date(NOW))).reply;
      const origin: InvocationOrigin = { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', locale: 'en', requestId: 'r', isChannelAdmin: async () => false, mode: 'command' };
      const { reply } = await dispatchText('/rustvsgo digest preview', origin, chat, commands);
      expect(reply.data).toEqual(delivered.data);
      expect(reply.visibility).toBe('ephemeral');
    } finally {
      await chat.store.close();
    }
  });
});
