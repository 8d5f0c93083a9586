// One bot replica for the multi-process test: the real delivery round (runDue: collection claim, ledger claims,
// Slack poster, recovery) against DATABASE_URL and SLACK_API_URL, at a pinned time. The only stand-in is the
// collector, which returns recorded demo data instead of calling the internet, and appends a line to
// COLLECT_LOG so the test can count collections across processes.
import { appendFileSync } from 'node:fs';
import { parseConfig } from '../../../src/config/env.ts';
import { loadDemoCollections } from '../../../src/digest/demo/load-demo.ts';
import { createStoredDigestContent } from '../../../src/digest/digest-content.ts';
import { processHolder, runDue, runDueDepsFromServices } from '../../../src/digest/run-due.ts';
import { postersFromConfig } from '../../../src/runtime/digest-posters.ts';
import { isoWeek } from '../../../src/store/snapshot.ts';
import { createLogger } from '../../../src/logging/logger.ts';
import { createServices } from '../../../src/runtime/create-services.ts';

const now = new Date(process.env.REPLICA_NOW ?? '');
const leaseMs = Number(process.env.REPLICA_LEASE_MS ?? 60_000);
const config = parseConfig(process.env);
const services = await createServices(config, createLogger(config), { now: () => now });
const holder = processHolder();
const demo = loadDemoCollections().at(-1);
if (!demo) throw new Error('no demo collection');

const content = createStoredDigestContent({
  store: services.store,
  config,
  logger: services.logger,
  holder,
  collector: async (at) => {
    appendFileSync(process.env.COLLECT_LOG ?? '/dev/null', `${holder}\n`);
    return { ...demo, week: isoWeek(at), collectedAt: at.toISOString() };
  },
});

try {
  const result = await runDue(runDueDepsFromServices(services, await postersFromConfig(services.config, services.store), { holder, content, leaseMs }));
  process.stdout.write(`${JSON.stringify({ holder, due: result.due, collection: result.collection, outcomes: result.deliveries.map((d) => [d.channel.channelId, d.outcome]) })}\n`);
} finally {
  await services.store.close();
}
