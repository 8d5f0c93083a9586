// Per-user and per-channel command limits over a sliding minute, counted in the database so every replica enforces
// the same budget. Chat platforms only: the local shell and CLI are the operator's own tools.
//
// rate-limiter-flexible keeps the counts (src/store/rate-limit-points.ts), but its windows are fixed: they restart
// at a key's first hit after expiry, so a burst at the end of one window and the start of the next passes twice the
// limit. We therefore count per aligned minute and read them as a sliding window (the "sliding window counter"):
// a new command is allowed while
//   previous minute's count x (share of the last 60 s that still falls in the previous minute) + this minute's count
// stays within the limit. A refused attempt is taken back, so retrying while refused does not push the wait out.
import { createHash } from 'node:crypto';
import type { InvocationOrigin } from '../core/invocation.ts';
import type { Platform } from '../shared/platform.ts';
import type { CommandRateLimiter, RateLimitDecision } from '../core/rate-limit-gate.ts';
import type { PointCounter, RateLimitPointStore } from '../store/rate-limit-points.ts';

interface RateLimitPolicy {
  userPerMinute: number;
  channelPerMinute: number;
  /** Window length; one minute unless a test says otherwise. */
  windowMs?: number;
  /** Platforms whose commands are counted. */
  platforms?: readonly Platform[];
}

type Scope = 'user' | 'channel';

const CHAT_PLATFORMS: readonly Platform[] = ['slack', 'discord'];
const MAX_KEY_LENGTH = 200;

/** The counter key for a scope; ids that would not fit the column are hashed (still unique, still shared). */
export function bucketKey(scope: Scope, origin: InvocationOrigin): string {
  const id = scope === 'user' ? origin.userId : origin.channelId;
  const key = `${scope}:${origin.platform}:${origin.workspaceId}:${id}`;
  return key.length <= MAX_KEY_LENGTH ? key : `${scope}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function createCommandRateLimiter(points: RateLimitPointStore, policy: RateLimitPolicy): CommandRateLimiter {
  const windowMs = policy.windowMs ?? 60_000;
  const platforms = policy.platforms ?? CHAT_PLATFORMS;
  // A minute's count is read during that minute and the next one, so it lives two windows.
  const durationSeconds = (2 * windowMs) / 1000;
  const limits: Record<Scope, number> = { user: policy.userPerMinute, channel: policy.channelPerMinute };
  // Made on the first check, not here: a store that opens on first use stays closed until a command is counted.
  let counters: Promise<Record<Scope, PointCounter>> | undefined;
  const countersOf = (): Promise<Record<Scope, PointCounter>> =>
    (counters ??= Promise.all([points.counter({ keyPrefix: 'cmd-user', durationSeconds }), points.counter({ keyPrefix: 'cmd-channel', durationSeconds })]).then(
      ([user, channel]) => ({ user, channel }),
      (error: unknown) => {
        counters = undefined;
        throw error;
      },
    ));
  let prunedWindow = -1;

  async function admit(scope: Scope, origin: InvocationOrigin, now: number): Promise<RateLimitDecision> {
    const limit = limits[scope];
    const counter = (await countersOf())[scope];
    const window = Math.floor(now / windowMs);
    const key = `${bucketKey(scope, origin)}@${window}`;
    // Share of the sliding minute that still lies in the previous aligned minute.
    const previousWeight = 1 - (now - window * windowMs) / windowMs;
    const previous = await counter.count(`${bucketKey(scope, origin)}@${window - 1}`);
    // Added first, then judged: concurrent commands each see a distinct count, so together they never pass more.
    const current = await counter.add(key);
    if (previous * previousWeight + current <= limit) return { allowed: true };
    await counter.takeBack(key);
    const retryAfterMs = msUntilAdmitted({ previous, current: current - 1, limit, windowMs, now });
    return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
  }

  return {
    async check(origin, at): Promise<RateLimitDecision> {
      if (!platforms.includes(origin.platform)) return { allowed: true };
      const now = at.getTime();
      // Expired counts are useless; one delete per window per process keeps the table to two windows' keys.
      const window = Math.floor(now / windowMs);
      if (window > prunedWindow) {
        prunedWindow = window;
        // Housekeeping only: while the database fails, the counts come from memory (insurance) and the next
        // window tries again.
        await points.pruneExpired(now).catch(() => undefined);
      }
      // The user's own budget first, so one person's flood does not also spend the channel's.
      const user = await admit('user', origin, now);
      if (!user.allowed) return user;
      const channel = await admit('channel', origin, now);
      // The command does not run, so the user's hit is given back too.
      if (!channel.allowed) await (await countersOf()).user.takeBack(`${bucketKey('user', origin)}@${window}`);
      return channel;
    },
  };
}

/**
 * How long until one more command fits, if no one sends any: within this minute the previous minute's weight
 * shrinks; if this minute alone is full, the wait runs into the next minute, where this minute becomes the previous.
 */
function msUntilAdmitted(counts: { previous: number; current: number; limit: number; windowMs: number; now: number }): number {
  const { previous, current, limit, windowMs, now } = counts;
  const windowEnd = (Math.floor(now / windowMs) + 1) * windowMs;
  // Fraction f of a window at which weighted * (1 - f) + already + 1 <= limit.
  const fractionNeeded = (weighted: number, already: number) => (weighted === 0 ? 0 : Math.max(0, 1 - (limit - already - 1) / weighted));
  if (current + 1 <= limit) return windowEnd - windowMs + fractionNeeded(previous, current) * windowMs - now;
  return windowEnd - now + fractionNeeded(current, 0) * windowMs;
}
