// The digest posters the configuration allows, built from each adapter's DigestPoster: Slack when a bot token or
// OAuth installations exist, Discord when a bot token is set. Slack tokens come from the installation store first
// (multi-workspace), then SLACK_BOT_TOKEN. The digest itself only knows the DigestPoster interface.
import type { Config } from '../config/env.ts';
import { configuredPlatforms } from '../config/platforms.ts';
import type { Services } from '../core/services.ts';
import type { Posters, Sleep } from '../digest/delivery/poster.ts';
import type { Store } from '../store/store.ts';

export interface PosterOptions {
  sleep?: Sleep;
  onRateLimitWait?: (platform: 'slack' | 'discord', ms: number) => void;
}

const botTokenOf = (value: unknown): string | undefined => {
  const token = (value as { bot?: { token?: unknown } } | undefined)?.bot?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
};

/**
 * The posters for a configuration. Async because each platform's poster is loaded only when configured: Bolt and
 * discord.js are most of a terminal-only start-up otherwise.
 */
export async function postersFromConfig(config: Config, store: Store, options: PosterOptions = {}): Promise<Posters> {
  const posters: Posters = {};
  const platforms = configuredPlatforms(config);
  if (platforms.canPost.slack) {
    const { createSlackPoster } = await import('../adapters/slack/digest-poster.ts');
    posters.slack = createSlackPoster({
      apiUrl: config.SLACK_API_URL,
      historyCheck: config.SLACK_DIGEST_HISTORY_CHECK,
      tokenFor: async (workspaceId) => {
        const installation = platforms.slackOAuth ? await store.slackInstallations.find({ teamId: workspaceId }) : undefined;
        return botTokenOf(installation) ?? config.SLACK_BOT_TOKEN;
      },
      sleep: options.sleep,
      onRateLimitWait: (ms) => options.onRateLimitWait?.('slack', ms),
    });
  }
  // Load order does not matter: Discord's uploads do not depend on which undici loaded first (rest-options.ts).
  if (platforms.canPost.discord && config.DISCORD_TOKEN) {
    const { createDiscordPoster } = await import('../adapters/discord/digest-poster.ts');
    posters.discord = createDiscordPoster({
      apiUrl: config.DISCORD_API_URL,
      token: config.DISCORD_TOKEN,
      sleep: options.sleep,
      onRateLimitWait: (ms) => options.onRateLimitWait?.('discord', ms),
    });
  }
  return posters;
}

/** The running bot's posters: rate-limit waits reported to its metrics. */
export function postersForServices(services: Services): Promise<Posters> {
  return postersFromConfig(services.config, services.store, {
    onRateLimitWait: (platform, ms) => services.observer?.rateLimitWaited(platform, ms / 1000),
  });
}
