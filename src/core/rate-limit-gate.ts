// The command rate-limit hook dispatch consults before running a handler. The policy and its shared counters
// live in src/ops/command-rate-limiter.ts; core only knows the question and the answer.
import type { InvocationOrigin } from './invocation.ts';
import { reply, type Reply } from './reply.ts';

export type RateLimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      /** Which limit was reached. */
      scope: 'user' | 'channel';
      /** Whole seconds until the next attempt can succeed (at least 1). */
      retryAfterSeconds: number;
    };

export interface CommandRateLimiter {
  /** Counts one attempt by this user in this channel and says whether it may run. */
  check(origin: InvocationOrigin, at: Date): Promise<RateLimitDecision>;
}

/** The friendly answer when a limit is reached: who hit it and when to try again. */
export function rateLimitedReply(decision: Extract<RateLimitDecision, { allowed: false }>, now: Date): Reply {
  const seconds = Math.max(1, Math.ceil(decision.retryAfterSeconds));
  const at = new Date(now.getTime() + seconds * 1000).toISOString().slice(11, 19);
  const who = decision.scope === 'user' ? 'You have sent' : 'This channel has sent';
  return reply({
    title: 'Slow down a little, please',
    summary: `${who} a lot of rustvsgo commands in the last minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'} (after ${at} UTC).`,
    tone: 'warning',
    visibility: 'ephemeral',
  });
}
