// The posters the configuration allows: Slack when a bot token or OAuth installations exist, Discord when a bot
// token is set. Slack tokens come from the installation store first (multi-workspace), then SLACK_BOT_TOKEN.
import type { Config } from '../../config/env.ts';
import { configuredPlatforms } from '../../config/platforms.ts';
import type { ChannelKey } from '../../store/channel-key.ts';
import type { Store } from '../../store/store.ts';
import { createDiscordPoster } from './discord-poster.ts';
import type { DigestPoster, Sleep } from './poster.ts';
import { createSlackPoster } from './slack-poster.ts';

export type Posters = Partial<Record<ChannelKey['platform'], DigestPoster>>;

export interface PosterOptions {
  sleep?: Sleep;
  onRateLimitWait?: (platform: 'slack' | 'discord', ms: number) => void;
}

const botTokenSchema = (value: unknown): string | undefined => {
  const token = (value as { bot?: { token?: unknown } } | undefined)?.bot?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
};

export function postersFromConfig(config: Config, store: Store, options: PosterOptions = {}): Posters {
  const posters: Posters = {};
  const platforms = configuredPlatforms(config);
  const slackOAuth = platforms.slackOAuth;
  if (platforms.canPost.slack) {
    posters.slack = createSlackPoster({
      apiUrl: config.SLACK_API_URL,
      historyCheck: config.SLACK_DIGEST_HISTORY_CHECK,
      tokenFor: async (workspaceId) => {
        const installation = slackOAuth ? await store.slackInstallations.find({ teamId: workspaceId }) : undefined;
        return botTokenSchema(installation) ?? config.SLACK_BOT_TOKEN;
      },
      sleep: options.sleep,
      onRateLimitWait: (ms) => options.onRateLimitWait?.('slack', ms),
    });
  }
  if (platforms.canPost.discord && config.DISCORD_TOKEN) {
    posters.discord = createDiscordPoster({
      apiUrl: config.DISCORD_API_URL,
      token: config.DISCORD_TOKEN,
      sleep: options.sleep,
      onRateLimitWait: (ms) => options.onRateLimitWait?.('discord', ms),
    });
  }
  return posters;
}
