// The bot scopes the code uses, requested by the OAuth install and listed in slack/manifest.yaml (a test keeps the
// two equal): commands (/rustvsgo), chat:write (thread replies, shares), app_mentions:read (thread lookups),
// users:read (users.info for SETTINGS_ACCESS=admins).
export const SLACK_BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'users:read'] as const;

/** Events the listeners handle, as subscribed in the manifest. */
export const SLACK_BOT_EVENTS = ['app_mention', 'app_uninstalled', 'tokens_revoked'] as const;
