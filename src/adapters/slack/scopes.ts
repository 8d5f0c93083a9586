// The bot scopes the code uses, requested by the OAuth install and listed in slack/manifest.yaml (a test keeps the
// two equal): commands (/rustvsgo), chat:write (thread replies, shares, digests), app_mentions:read (thread
// lookups), users:read (users.info for SETTINGS_ACCESS=admins), channels:history and groups:history (the digest
// poster reads recent channel history to find a digest it posted but did not record; see
// src/digest/delivery/slack-poster.ts), files:write (the digest's trend chart, uploaded into its thread).
export const SLACK_BOT_SCOPES = ['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:write', 'groups:history', 'users:read'] as const;

/** Events the listeners handle, as subscribed in the manifest. */
export const SLACK_BOT_EVENTS = ['app_mention', 'app_uninstalled', 'tokens_revoked'] as const;
