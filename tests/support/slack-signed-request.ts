// Requests signed the way Slack signs them (v0 HMAC-SHA256 over "v0:<timestamp>:<body>"), sent to the bot over
// loopback.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SignedPostOptions {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  contentType?: 'application/x-www-form-urlencoded' | 'application/json';
  /** Overrides the computed signature (to test rejection). */
  signature?: string;
  headers?: Record<string, string>;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function signedPost(url: string, body: string, options: SignedPostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body),
      ...options.headers,
    },
    body,
  });
}

/** The form body Slack sends for a slash command. */
export function slashCommandBody(fields: { text: string; responseUrl: string; userId?: string; teamId?: string; channelId?: string }): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: fields.teamId ?? 'T1',
    team_domain: 'test',
    channel_id: fields.channelId ?? 'C1',
    channel_name: 'backend',
    user_id: fields.userId ?? 'U1',
    user_name: 'alice',
    command: '/rustvsgo',
    text: fields.text,
    api_app_id: 'A1',
    response_url: fields.responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** The form body Slack sends for a button press (block_actions). */
export function blockActionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
