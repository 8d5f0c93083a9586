// Wires operations into a starting bot: metrics as the Services observer, the shared command rate limits,
// and the /healthz, /readyz and /metrics routes on the HTTP server.
import type { Adapter } from '../adapters/adapter.ts';
import type { Services } from '../core/services.ts';
import { observeSourceFetches } from '../digest/sources/http-client.ts';
import type { HttpServer } from '../http/server.ts';
import { createCommandRateLimiter } from './command-rate-limiter.ts';
import { staleEntryCount } from '../knowledge/kb-freshness.ts';
import { kbStalenessReport } from './kb-staleness.ts';
import { createMetrics, type OpsMetrics } from './metrics.ts';
import { registerOpsRoutes } from './ops-routes.ts';

export function installOps(services: Services, http: HttpServer, adapters: () => readonly Adapter[]): OpsMetrics {
  const metrics = createMetrics({
    kbStaleEntries: async () =>
      staleEntryCount(await kbStalenessReport({ knowledge: services.knowledge, snapshots: services.store.digestSnapshots, now: services.now() })),
  });
  services.observer = metrics.observer;
  services.rateLimiter = createCommandRateLimiter(services.store.rateLimits, {
    userPerMinute: services.config.RATE_LIMIT_USER_PER_MINUTE,
    channelPerMinute: services.config.RATE_LIMIT_CHANNEL_PER_MINUTE,
  });
  observeSourceFetches({
    fetched: (source, status) => metrics.observer.sourceFetched(source, status),
    waited: (source, seconds) => metrics.observer.rateLimitWaited(source, seconds),
  });
  // Over HTTP, the acknowledgement is the response to the platform's POST (Slack's 3 s, Discord's 3 s); the Discord
  // gateway adapter reports its own (deferReply), Slack Socket Mode acks are not measured.
  http.onResponse(({ method, path, status, seconds }) => {
    if (method !== 'POST' || status >= 300) return;
    if (path === '/slack/events') metrics.observer.acknowledged('slack', seconds);
    else if (path === '/discord/interactions') metrics.observer.acknowledged('discord', seconds);
  });
  registerOpsRoutes(http, {
    metrics,
    metricsToken: services.config.METRICS_TOKEN,
    readiness: () => ({ ping: () => services.store.ping(), adapters: adapters(), knowledge: services.knowledge }),
  });
  return metrics;
}
