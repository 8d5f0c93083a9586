// Platform credentials that are half set, and a production start with none: each is a deployment mistake that
// used to start the terminal shell, read end of input and exit 0 (so a process manager restarted it forever).
// Checked when the bot starts (not by the one-shot CLI commands, which need no platform).
import { ConfigError, type Config } from './env.ts';
import { anyPlatformRuns, configuredPlatforms } from './platforms.ts';

const SLACK_OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const SLACK_RECEIVER = ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

const isSet = (config: Config, name: keyof Config) => Boolean(config[name]);

/** One message per problem, naming the variables to set; empty when the credentials are consistent. */
export function platformCredentialProblems(config: Config): string[] {
  const problems: string[] = [];

  const oauthSet = SLACK_OAUTH.filter((name) => isSet(config, name));
  if (oauthSet.length > 0 && oauthSet.length < SLACK_OAUTH.length) {
    const missing = SLACK_OAUTH.filter((name) => !isSet(config, name));
    problems.push(`Slack OAuth: ${oauthSet.join(', ')} set but ${missing.join(' and ')} missing (set all three, or none)`);
  }
  const slackToken = isSet(config, 'SLACK_BOT_TOKEN') || oauthSet.length === SLACK_OAUTH.length;
  const slackReceiver = SLACK_RECEIVER.some((name) => isSet(config, name));
  if (slackToken && !slackReceiver) {
    problems.push(`Slack: ${isSet(config, 'SLACK_BOT_TOKEN') ? 'SLACK_BOT_TOKEN' : 'OAuth'} set but no way to receive events: set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)`);
  }
  if (slackReceiver && !slackToken && oauthSet.length === 0) {
    const which = SLACK_RECEIVER.filter((name) => isSet(config, name)).join(', ');
    problems.push(`Slack: ${which} set but no token: set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth)`);
  }

  const publicKey = isSet(config, 'DISCORD_PUBLIC_KEY');
  const applicationId = isSet(config, 'DISCORD_APPLICATION_ID');
  if (publicKey && !applicationId && !isSet(config, 'DISCORD_TOKEN')) {
    problems.push('Discord HTTP interactions: DISCORD_PUBLIC_KEY set but DISCORD_APPLICATION_ID missing');
  }
  if (applicationId && !publicKey && !isSet(config, 'DISCORD_TOKEN')) {
    problems.push('Discord: DISCORD_APPLICATION_ID set but neither DISCORD_TOKEN (gateway) nor DISCORD_PUBLIC_KEY (HTTP interactions)');
  }

  if (problems.length === 0 && config.NODE_ENV === 'production' && !anyPlatformRuns(configuredPlatforms(config))) {
    problems.push(
      'NODE_ENV=production but no platform is configured (the terminal shell is for development): set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, or DISCORD_TOKEN, or DISCORD_PUBLIC_KEY with DISCORD_APPLICATION_ID',
    );
  }
  return problems;
}

/** Throws a ConfigError (exit code 2 at start-up) when the bot cannot start as configured. */
export function assertPlatformCredentials(config: Config): void {
  const problems = platformCredentialProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
}
