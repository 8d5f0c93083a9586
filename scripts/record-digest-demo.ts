// Regenerates src/digest/demo/collections.json: runs the real collector against a local server replaying the
// sample source responses of tests/digest-sources (two consecutive weeks), and saves both collections.
// Usage: npx tsx scripts/record-digest-demo.ts
import { writeFileSync } from 'node:fs';
import { collectSnapshots } from '../src/digest/collect.ts';
import { createSourceClients } from '../src/digest/source-clients.ts';
import { memoryValidatorStore, type SourceClock } from '../src/digest/sources/http-client.ts';
import type { Collection } from '../src/digest/snapshot.ts';
import { startFakeSourceServer } from '../tests/digest-sources/support/fake-source-server.ts';
import { serveWeek, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from '../tests/digest-sources/support/two-week-world.ts';

export async function recordDemoCollections(): Promise<Collection[]> {
  const server = await startFakeSourceServer();
  // No real waiting: pacing only matters against the real crates.io.
  const clock: SourceClock = { now: () => Date.now(), sleep: async () => undefined };
  try {
    const env = worldEnv(server.url);
    const clients = createSourceClients({ ...env, GITHUB_TOKEN: undefined, SOURCE_TIMEOUT_MS: 5_000 }, { clock, validators: memoryValidatorStore() });
    serveWeek(server, 1);
    const week1 = await collectSnapshots({ clients, watchlist: worldWatchlist, now: new Date(WEEK1_NOW) });
    serveWeek(server, 2);
    const week2 = await collectSnapshots({ clients, watchlist: worldWatchlist, now: new Date(WEEK2_NOW), previous: week1 });
    return [week1, week2];
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const collections = await recordDemoCollections();
  writeFileSync(new URL('../src/digest/demo/collections.json', import.meta.url), `${JSON.stringify(collections, null, 1)}\n`);
  process.stdout.write(`wrote ${collections.length} demo collections\n`);
}
