// Dispatch's operations hooks: rate limits stop a command before its handler with a friendly warning, and every
// invocation is reported to the observer with its outcome.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineCommand, type CommandSpec } from '../../src/core/command-spec.ts';
import { dispatchText } from '../../src/core/dispatch.ts';
import type { CommandFinished, Observer } from '../../src/core/observer.ts';
import type { CommandRateLimiter } from '../../src/core/rate-limit-gate.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { createCommandRateLimiter } from '../../src/ops/command-rate-limiter.ts';
import { createTestServices } from '../helpers/test-services.ts';
import { slackOrigin } from '../support/invocation-origin.ts';

const origin = slackOrigin({ isChannelAdmin: async () => false });

function recordingObserver(): Observer & { finished: CommandFinished[]; waits: [string, number][] } {
  const finished: CommandFinished[] = [];
  const waits: [string, number][] = [];
  return {
    finished,
    waits,
    commandFinished: (e) => finished.push(e),
    acknowledged: () => undefined,
    digestDelivered: () => undefined,
    sourceFetched: () => undefined,
    rateLimitWaited: (scope, seconds) => waits.push([scope, seconds]),
  };
}

const handled = vi.fn(() => ({ title: 'pong' }));
const specs: CommandSpec[] = [
  defineCommand({ name: 'ping', description: 'test', examples: ['ping'], access: 'everyone', args: z.object({}), handle: handled }),
  defineCommand({
    name: 'boom',
    description: 'test',
    examples: ['boom'],
    access: 'everyone',
    args: z.object({}),
    handle: () => {
      throw new Error('kaput');
    },
  }),
  defineCommand({ name: 'admin', description: 'test', examples: ['admin'], access: 'manage', args: z.object({}), handle: () => ({ title: 'ok' }) }),
];

describe('dispatch with operations hooks', () => {
  it('given a user over the limit, then the handler does not run and the reply says when to try again', async () => {
    const services = await createTestServices();
    const observer = recordingObserver();
    services.observer = observer;
    services.rateLimiter = createCommandRateLimiter(services.store.rateLimits, { userPerMinute: 1, channelPerMinute: 10 });
    handled.mockClear();

    const first = await dispatchText('ping', origin, services, specs);
    const second = await dispatchText('ping', origin, services, specs);

    expect(first.outcome).toBe('ok');
    expect(handled).toHaveBeenCalledTimes(1);
    expect(second.outcome).toBe('rate_limited');
    expect(second.command).toBe('ping');
    expect(second.reply.tone).toBe('warning');
    expect(second.reply.visibility).toBe('ephemeral');
    // The test clock is 10:00:00 exactly: this minute holds the one command, and in the next minute it weighs
    // less than a whole command only once that minute is over (the sliding window errs towards refusing).
    expect(second.reply.summary).toContain('Try again in 120 seconds (after 10:02:00 UTC)');
    expect(observer.waits).toEqual([['user', 120]]);
    expect(observer.finished.map((f) => f.outcome)).toEqual(['ok', 'rate_limited']);
    await services.store.close();
  });

  it('given the limiter fails (database hiccup), then the command still runs', async () => {
    const services = await createTestServices();
    const broken: CommandRateLimiter = { check: () => Promise.reject(new Error('database is locked')) };
    services.rateLimiter = broken;
    const result = await dispatchText('ping', origin, services, specs);
    expect(result.outcome).toBe('ok');
    await services.store.close();
  });

  it.each([
    ['ping', 'ping', 'ok'],
    ['boom', 'boom', 'failed'],
    ['admin', 'admin', 'denied'],
    ['frobnicate now', 'unknown', 'user_error'],
  ] as const)('given "%s", then the observer sees command %s with outcome %s and a latency', async (text, command, outcome) => {
    const services = await createTestServices();
    const observer = recordingObserver();
    services.observer = observer;
    await dispatchText(text, origin, services, specs);
    expect(observer.finished).toHaveLength(1);
    expect(observer.finished[0]).toMatchObject({ command, platform: 'slack', outcome });
    expect(observer.finished[0]!.seconds).toBeGreaterThanOrEqual(0);
    await services.store.close();
  });

  it('given a rate-limited reply, then it echoes nothing the user typed and pings no one', async () => {
    const services = await createTestServices();
    services.rateLimiter = { check: async () => ({ allowed: false, scope: 'channel', retryAfterSeconds: 1 }) };
    const result = await dispatchText('<!channel> @everyone ping', origin, services, specs);
    expect(result.reply.summary).toContain('This channel has sent');
    expect(result.reply.summary).toContain('Try again in 1 second ');
    expect(containsLivePing(JSON.stringify(result.reply))).toBe(false);
    await services.store.close();
  });
});
