// Schedules digest rounds with node-cron: one task per distinct (zone, day, time) among active subscriptions,
// evaluated by node-cron in that zone, plus a UTC sweep every few minutes. node-cron persists nothing and skips
// slots that fall in a DST gap or while the process was down, so the schedule only says *when to look*; what is
// owed is decided by runDue from the database (slot passed this week, not yet sent), which makes the sweep and
// the start-up round a catch-up that can never send twice. Rounds in one process never overlap.
import cron, { type ScheduledTask } from 'node-cron';
import type { Services } from '../core/services.ts';
import { runDue, runDueDepsFromServices, type RunDueDeps, type RunDueResult } from './run-due.ts';
import { cronExpression } from './delivery/schedule-time.ts';
import type { WeeklySlot } from '../store/weekly-slot.ts';

export interface DigestSchedulerOptions {
  deps: RunDueDeps;
  /** UTC cron expression of the sweep (retries, takeovers, subscription changes made on other replicas). */
  sweep?: string;
}

export interface DigestScheduler {
  /** Creates the tasks and runs a catch-up round at once (slots missed while the bot was down, this week). */
  start(): Promise<RunDueResult | undefined>;
  /** Destroys the tasks and waits for a round in progress to finish. */
  stop(): Promise<void>;
  /** Runs a round now, after any round in progress; concurrent requests share one queued round. */
  runNow(): Promise<RunDueResult | undefined>;
  /** Reads the active subscriptions and adds or removes slot tasks to match. */
  sync(): Promise<void>;
  /** The slot tasks, as "zone|day|time" keys. */
  slotKeys(): string[];
}

export const DEFAULT_SWEEP = '*/5 * * * *';

function slotKey(slot: WeeklySlot): string {
  return `${slot.timezone}|${slot.day}|${slot.time}`;
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { deps } = options;
  const log = deps.logger.child({ component: 'digest-scheduler' });
  const slotTasks = new Map<string, ScheduledTask>();
  let sweepTask: ScheduledTask | undefined;
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

  async function sync(): Promise<void> {
    const wanted = new Map<string, WeeklySlot>();
    for (const subscription of await deps.store.digestSubscriptions.listActive()) {
      if (!deps.posters[subscription.channel.platform]) continue;
      wanted.set(slotKey(subscription), { day: subscription.day, time: subscription.time, timezone: subscription.timezone });
    }
    for (const [key, task] of slotTasks) {
      if (!wanted.has(key)) {
        await task.destroy();
        slotTasks.delete(key);
      }
    }
    for (const [key, slot] of wanted) {
      if (slotTasks.has(key) || stopped) continue;
      slotTasks.set(
        key,
        cron.schedule(cronExpression(slot), () => runNow(), { name: `digest ${key}`, timezone: slot.timezone, noOverlap: true, suppressMissedWarning: true }),
      );
    }
  }

  return {
    async start() {
      stopped = false;
      await sync();
      sweepTask = cron.schedule(
        options.sweep ?? DEFAULT_SWEEP,
        async () => {
          try {
            await sync();
          } catch (error) {
            log.error({ err: error }, 'digest schedule sync failed');
          }
          await runNow();
        },
        { name: 'digest sweep', timezone: 'UTC', noOverlap: true, suppressMissedWarning: true },
      );
      return runNow();
    },
    async stop() {
      stopped = true;
      await sweepTask?.destroy();
      sweepTask = undefined;
      for (const task of slotTasks.values()) await task.destroy();
      slotTasks.clear();
      await running;
    },
    runNow,
    sync,
    slotKeys: () => [...slotTasks.keys()].sort(),
  };
}

/**
 * The running bot's scheduler: undefined when digests are disabled (DIGEST_ENABLED=false) or no platform can post
 * (no Slack token or installations, no Discord token).
 */
export function digestSchedulerFor(services: Services): DigestScheduler | undefined {
  if (!services.config.DIGEST_ENABLED) return undefined;
  const deps = runDueDepsFromServices(services);
  if (!deps.posters.slack && !deps.posters.discord) return undefined;
  return createDigestScheduler({ deps });
}
