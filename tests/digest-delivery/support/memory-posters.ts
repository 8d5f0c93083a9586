// In-memory posters and content for scheduler tests under fake timers: each post is recorded with the (fake)
// time it happened; no HTTP, so nothing waits on real sockets while the clock is frozen.
import pino from 'pino';
import { reply } from '../../../src/core/reply.ts';
import type { DigestContent } from '../../../src/digest/digest-content.ts';
import type { DigestPoster } from '../../../src/digest/delivery/poster.ts';
import type { Posters } from '../../../src/digest/delivery/poster.ts';
import type { RunDueDeps } from '../../../src/digest/run-due.ts';
import type { Store } from '../../../src/store/store.ts';

export interface RecordedPost {
  channelId: string;
  week: string;
  at: string;
}

function memoryPoster(platform: 'slack' | 'discord', posts: RecordedPost[]): DigestPoster {
  return {
    platform,
    async post({ channel, week }) {
      posts.push({ channelId: channel.channelId, week, at: new Date().toISOString() });
      return `${channel.channelId}-${week}`;
    },
    async findPosted(channel, week) {
      return posts.some((p) => p.channelId === channel.channelId && p.week === week) ? `${channel.channelId}-${week}` : undefined;
    },
    async attachChart() {
      return 'in-post' as const;
    },
  };
}

const staticContent: DigestContent = {
  prepare: async () => 'ready',
  messageFor: async () => ({ reply: reply({ title: 'Rust vs Go ecosystem digest' }), nothingNew: false, chart: async () => undefined }),
};

export function memoryDeps(store: Store, posts: RecordedPost[]): RunDueDeps {
  const posters: Posters = { slack: memoryPoster('slack', posts), discord: memoryPoster('discord', posts) };
  return { store, content: staticContent, posters, holder: 'scheduler-test', now: () => new Date(), logger: pino({ level: 'silent' }) };
}
