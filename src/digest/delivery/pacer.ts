// Spaces posts so a fan-out to many channels stays within each platform's limits: Slack allows about one message
// a second per channel and a few hundred a minute per workspace (paced per workspace); Discord allows 50 requests
// a second per bot (paced per bot). Time and waiting are injected, so tests run without sleeping.
import type { ChannelKey } from '../../store/channel-key.ts';
import type { Sleep } from './poster.ts';

export interface Pacer {
  /** Resolves when a post to `channel` may go out. */
  wait(channel: ChannelKey): Promise<void>;
}

/** Minimum spacing between two posts, per platform. */
export const DEFAULT_POST_INTERVAL_MS: Record<'slack' | 'discord', number> = {
  slack: 200, // 300 a minute per workspace
  discord: 25, // 40 a second per bot, under the global 50
};

function paceKey(channel: ChannelKey): string {
  return channel.platform === 'slack' ? `slack:${channel.workspaceId}` : channel.platform;
}

export function createPacer(intervals: Partial<Record<ChannelKey['platform'], number>>, clock: { now: () => number; sleep: Sleep }): Pacer {
  const nextAllowed = new Map<string, number>();
  return {
    async wait(channel) {
      const interval = intervals[channel.platform] ?? 0;
      if (interval <= 0) return;
      const key = paceKey(channel);
      const now = clock.now();
      const at = Math.max(now, nextAllowed.get(key) ?? 0);
      nextAllowed.set(key, at + interval);
      if (at > now) await clock.sleep(at - now);
    },
  };
}
