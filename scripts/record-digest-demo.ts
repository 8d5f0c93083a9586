// Regenerates src/digest/demo/collections.json: runs the real collector against a local server replaying the
// sample source responses of tests/digest-sources (three consecutive weeks), and saves the collections.
// Usage: npx tsx scripts/record-digest-demo.ts
import { writeFileSync } from 'node:fs';
import { collectSnapshots } from '../src/digest/collect.ts';
import { createSourceClients } from '../src/digest/source-clients.ts';
import { memoryValidatorStore, type SourceClock } from '../src/digest/sources/http-client.ts';
import type { Collection } from '../src/store/snapshot.ts';
import { startFakeSourceServer } from '../tests/digest-sources/support/fake-source-server.ts';
import { serveWeek, WEEK0_NOW, WEEK1_NOW, WEEK2_NOW, worldEnv, worldWatchlist } from '../tests/digest-sources/support/two-week-world.ts';

export async function recordDemoCollections(): Promise<Collection[]> {
  const server = await startFakeSourceServer();
  // No real waiting: pacing only matters against the real crates.io.
  const clock: SourceClock = { now: () => Date.now(), sleep: async () => undefined };
  try {
    const env = worldEnv(server.url);
    const clients = createSourceClients({ ...env, GITHUB_TOKEN: undefined, SOURCE_TIMEOUT_MS: 5_000 }, { clock, validators: memoryValidatorStore() });
    const collections: Collection[] = [];
    for (const [week, now] of [[0, WEEK0_NOW], [1, WEEK1_NOW], [2, WEEK2_NOW]] as const) {
      serveWeek(server, week);
      collections.push(await collectSnapshots({ clients, watchlist: worldWatchlist, now: new Date(now), previous: collections.at(-1) }));
    }
    return collections;
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const collections = await recordDemoCollections();
  writeFileSync(new URL('../src/digest/demo/collections.json', import.meta.url), `${JSON.stringify(collections, null, 1)}\n`);
  process.stdout.write(`wrote ${collections.length} demo collections\n`);
}
