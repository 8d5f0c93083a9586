// Per-user and per-channel command limits over fixed one-minute windows, counted in the database so every
// replica enforces the same budget. Chat platforms only: the local shell and CLI are the operator's own tools.
import { createHash } from 'node:crypto';
import type { InvocationOrigin } from '../core/invocation.ts';
import type { Platform } from '../shared/platform.ts';
import type { CommandRateLimiter, RateLimitDecision } from '../core/rate-limit-gate.ts';

/** What the limiter needs from the store (RateLimitRepository). */
export interface RateLimitCounters {
  hit(bucketKey: string, windowStart: number): Promise<number>;
  prune(before: number): Promise<number>;
}

export interface RateLimitPolicy {
  userPerMinute: number;
  channelPerMinute: number;
  /** Window length; one minute unless a test says otherwise. */
  windowMs?: number;
  /** Platforms whose commands are counted. */
  platforms?: readonly Platform[];
}

const CHAT_PLATFORMS: readonly Platform[] = ['slack', 'discord'];
const MAX_KEY_LENGTH = 200;

/** The counter key for a scope; ids that would not fit the column are hashed (still unique, still shared). */
export function bucketKey(scope: 'user' | 'channel', origin: InvocationOrigin): string {
  const id = scope === 'user' ? origin.userId : origin.channelId;
  const key = `${scope}:${origin.platform}:${origin.workspaceId}:${id}`;
  return key.length <= MAX_KEY_LENGTH ? key : `${scope}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

export function createCommandRateLimiter(counters: RateLimitCounters, policy: RateLimitPolicy): CommandRateLimiter {
  const windowMs = policy.windowMs ?? 60_000;
  const platforms = policy.platforms ?? CHAT_PLATFORMS;
  let prunedBefore = 0;

  return {
    async check(origin, at): Promise<RateLimitDecision> {
      if (!platforms.includes(origin.platform)) return { allowed: true };
      const now = at.getTime();
      const windowStart = now - (now % windowMs);
      // Old windows are useless; one delete per window per process keeps the table to two windows' keys.
      if (windowStart > prunedBefore) {
        prunedBefore = windowStart;
        await counters.prune(windowStart - windowMs);
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
      // The user's own budget first, so one person's flood does not also spend the channel's.
      if ((await counters.hit(bucketKey('user', origin), windowStart)) > policy.userPerMinute) {
        return { allowed: false, scope: 'user', retryAfterSeconds };
      }
      if ((await counters.hit(bucketKey('channel', origin), windowStart)) > policy.channelPerMinute) {
        return { allowed: false, scope: 'channel', retryAfterSeconds };
      }
      return { allowed: true };
    },
  };
}
