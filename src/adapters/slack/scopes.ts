// The bot scopes the code uses, requested by the OAuth install and listed in slack/manifest.yaml (a test keeps the
// two equal): commands (/rustvsgo), chat:write (thread replies, shares, digests), app_mentions:read (thread
// lookups), users:read (users.info for SETTINGS_ACCESS=admins), files:write (the digest's trend chart, uploaded
// into its thread). No read scope on channel messages by default:
// admins approve apps with fewer read scopes more readily.
export const SLACK_BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'files:write', 'users:read'] as const;

/**
 * Only with SLACK_DIGEST_HISTORY_CHECK=true: the digest poster reads recent channel history (public, private) to
 * find a digest it posted but could not record before a crash (src/adapters/slack/digest-poster.ts).
 */
export const SLACK_HISTORY_SCOPES = ['channels:history', 'groups:history'] as const;

/** What the OAuth install requests. */
export function slackBotScopes(historyCheck: boolean): string[] {
  return historyCheck ? [...SLACK_BOT_SCOPES, ...SLACK_HISTORY_SCOPES] : [...SLACK_BOT_SCOPES];
}

/** Events the listeners handle, as subscribed in the manifest. */
export const SLACK_BOT_EVENTS = ['app_home_opened', 'app_mention', 'app_uninstalled', 'tokens_revoked'] as const;
