// Schedules digest rounds with node-cron: one task that ticks every minute (UTC), plus a round at start-up. What is
// owed is decided by runDue from the database (slot passed this week in the subscriber's zone, not yet sent), so the
// tick only says *when to look*: slots are whole minutes, so a minute tick reaches each one on time, DST gaps and
// repeats included (schedule-time.ts), and a round after downtime is a catch-up that can never send twice. One task,
// whatever the number of distinct slots; rounds in one process never overlap.
import cron, { type ScheduledTask } from 'node-cron';
import type { Services } from '../core/services.ts';
import type { Posters } from './delivery/poster.ts';
import { runDue, runDueDepsFromServices, type RunDueDeps, type RunDueResult } from './run-due.ts';

interface DigestSchedulerOptions {
  deps: RunDueDeps;
  /** UTC cron expression of the tick (default every minute). */
  tick?: string;
}

export interface DigestScheduler {
  /** Starts the tick and runs a catch-up round at once (slots missed while the bot was down, this week). */
  start(): Promise<RunDueResult | undefined>;
  /** Stops the tick and waits for a round in progress to finish. */
  stop(): Promise<void>;
  /** Runs a round now, after any round in progress; concurrent requests share one queued round. */
  runNow(): Promise<RunDueResult | undefined>;
}

const EVERY_MINUTE = '* * * * *';

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { deps } = options;
  const log = deps.logger.child({ component: 'digest-scheduler' });
  let tickTask: ScheduledTask | undefined;
  let running: Promise<RunDueResult | undefined> | undefined;
  let queued: Promise<RunDueResult | undefined> | undefined;
  let stopped = false;

  async function round(): Promise<RunDueResult | undefined> {
    if (stopped) return undefined;
    try {
      const result = await runDue(deps);
      if (result.deliveries.length > 0 || result.collection) log.info({ due: result.due, collection: result.collection, deliveries: result.deliveries.length }, 'digest round');
      return result;
    } catch (error) {
      // A database hiccup must not stop the schedule: the next round retries.
      log.error({ err: error }, 'digest round failed');
      return undefined;
    }
  }

  function runNow(): Promise<RunDueResult | undefined> {
    if (!running) {
      running = round().finally(() => (running = undefined));
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return runNow();
    });
    return queued;
  }

  return {
    async start() {
      stopped = false;
      tickTask = cron.schedule(options.tick ?? EVERY_MINUTE, () => runNow(), { name: 'digest tick', timezone: 'UTC', noOverlap: true, suppressMissedWarning: true });
      return runNow();
    },
    async stop() {
      stopped = true;
      await tickTask?.destroy();
      tickTask = undefined;
      await running;
    },
    runNow,
  };
}

/**
 * The running bot's scheduler: undefined when digests are disabled (DIGEST_ENABLED=false) or no platform can post
 * (no Slack token or installations, no Discord token).
 */
export function digestSchedulerFor(services: Services, posters: Posters): DigestScheduler | undefined {
  if (!services.config.DIGEST_ENABLED) return undefined;
  if (!posters.slack && !posters.discord) return undefined;
  return createDigestScheduler({ deps: runDueDepsFromServices(services, posters) });
}
