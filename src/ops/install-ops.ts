// Operations for a starting bot: the metrics that become the Services observer, the shared command rate limits,
// and the /healthz, /readyz and /metrics routes on the HTTP server. Nothing here changes Services after they are
// built: start-up builds them with the observer and the limiter in them (src/runtime/start.ts).
import type { Adapter } from '../adapters/adapter.ts';
import type { Services } from '../core/services.ts';
import type { HttpServer } from '../http/server.ts';
import { createCommandRateLimiter } from './command-rate-limiter.ts';
import { staleEntryCount } from '../knowledge/kb-freshness.ts';
import { kbStalenessReport } from './kb-staleness.ts';
import { createMetrics, type OpsMetrics } from './metrics.ts';
import { registerOpsRoutes } from './ops-routes.ts';

/** The bot's services with operations in them: metrics as the observer and the configured command limits. */
export function withOps(services: Services): { services: Services; metrics: OpsMetrics } {
  const metrics = createMetrics({
    kbStaleEntries: async () =>
      staleEntryCount(await kbStalenessReport({ knowledge: services.knowledge, snapshots: services.store.digestSnapshots, now: services.now() })),
  });
  const rateLimiter = createCommandRateLimiter(services.store.rateLimits, {
    userPerMinute: services.config.RATE_LIMIT_USER_PER_MINUTE,
    channelPerMinute: services.config.RATE_LIMIT_CHANNEL_PER_MINUTE,
  });
  return { services: { ...services, observer: metrics.observer, rateLimiter }, metrics };
}

/** Acknowledgement timing and the ops routes on the shared HTTP server. */
export function installOpsRoutes(services: Services, metrics: OpsMetrics, http: HttpServer, adapters: () => readonly Adapter[]): void {
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
}
