// Which platforms and modes the configuration turns on, worked out once from the variables: config validation,
// start-up, the Slack adapter and the digest posters' wiring all read this view instead of re-deriving it.
import type { Config } from './env.ts';

type PlatformVariables = Pick<
  Config,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_CLIENT_ID' | 'SLACK_CLIENT_SECRET' | 'SLACK_STATE_SECRET' | 'DISCORD_TOKEN' | 'DISCORD_PUBLIC_KEY' | 'DISCORD_APPLICATION_ID'
>;

export interface ConfiguredPlatforms {
  /** The Slack adapter can run: a token (single workspace or OAuth) and a way to receive events. */
  slack: boolean;
  /** Slack workspaces install through OAuth (all three OAuth variables set); their tokens live in the database. */
  slackOAuth: boolean;
  /** Socket Mode when SLACK_APP_TOKEN is set, else HTTP with the signing secret. */
  slackConnection: 'socket' | 'http';
  discordGateway: boolean;
  discordHttp: boolean;
  /** Which platforms a digest can be posted to (a bot token, or Slack OAuth installations). */
  canPost: { slack: boolean; discord: boolean };
}

export function configuredPlatforms(config: PlatformVariables): ConfiguredPlatforms {
  const slackOAuth = Boolean(config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET);
  const slackToken = Boolean(config.SLACK_BOT_TOKEN) || slackOAuth;
  return {
    slack: slackToken && Boolean(config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN),
    slackOAuth,
    slackConnection: config.SLACK_APP_TOKEN ? 'socket' : 'http',
    discordGateway: Boolean(config.DISCORD_TOKEN),
    discordHttp: Boolean(config.DISCORD_PUBLIC_KEY && config.DISCORD_APPLICATION_ID),
    canPost: { slack: slackToken, discord: Boolean(config.DISCORD_TOKEN) },
  };
}

/** Whether any platform adapter will run (otherwise the bot is the terminal shell). */
export function anyPlatformRuns(platforms: ConfiguredPlatforms): boolean {
  return platforms.slack || platforms.discordGateway || platforms.discordHttp;
}
