// Posts digests to Slack with chat.postMessage. Each message carries message metadata
// (event_type rustvsgo_digest, payload {week, channel}); with the history opt-in, recovery reads
// conversations.history with include_all_metadata to find a digest an earlier run posted but did not record.
// The trend chart goes into the digest's thread with the files.uploadV2 flow (files.getUploadURLExternal -> upload
// the bytes -> files.completeUploadExternal with thread_ts). Only the last call makes it visible, so the ledger
// marks the chart 'started' right before it: a retry uploads without looking when nothing was started, and when an
// earlier attempt started it reads the thread (conversations.replies, history opt-in) or, without history, leaves
// the chart alone rather than risk a second one.
// Needs the bot scopes chat:write and files:write; channels:history/groups:history only with SLACK_DIGEST_HISTORY_CHECK.
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ChannelKey } from '../../store/channel-key.ts';
import { renderBlockKit } from './render-block-kit.ts';
import { uploadBytes } from './upload-bytes.ts';
import { weekStart } from '../../digest/delivery/schedule-time.ts';
import {
  ChannelRejectedError,
  ChartRefusedError,
  digestMarker,
  RateLimitedError,
  realSleep,
  withRateLimitWaits,
  type ChartAttachment,
  type ChartOutcome,
  type DigestPoster,
  type Sleep,
} from '../../digest/delivery/poster.ts';

export const SLACK_DIGEST_EVENT_TYPE = 'rustvsgo_digest';

/** Slack errors that mean this channel will not take the bot's messages until someone acts. */
const REJECTIONS: Record<string, string> = {
  channel_not_found: 'the channel no longer exists or the bot cannot see it',
  is_archived: 'the channel is archived',
  not_in_channel: 'the bot is not a member of the channel (invite it, then subscribe again)',
  account_inactive: 'the bot user was deactivated',
  token_revoked: 'the app’s token was revoked (reinstall the app)',
  invalid_auth: 'the app’s token is not valid (reinstall the app)',
  not_authed: 'no token was accepted for this workspace',
  missing_scope: 'the app lacks a scope it needs (chat:write, files:write, channels:history / groups:history)',
  restricted_action: 'a workspace setting stops the bot from posting here',
  team_access_not_granted: 'the app is not allowed in this workspace',
  ekm_access_denied: 'the workspace’s key management denied access',
  no_token: 'no Slack token is known for this workspace (install the app again)',
};

/** The chart's file name in Slack: names the week, so the thread check recognises it. */
export function slackChartFileName(week: string): string {
  return `rustvsgo-trends-${week}.png`;
}

const uploadTicketSchema = z.looseObject({ upload_url: z.url(), file_id: z.string().min(1) });

const repliesSchema = z.object({
  messages: z.array(z.looseObject({ files: z.array(z.looseObject({ name: z.string().optional() })).optional() })).default([]),
});

const historySchema = z.object({
  messages: z
    .array(
      z.looseObject({
        ts: z.string(),
        metadata: z.looseObject({ event_type: z.string().optional(), event_payload: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
  response_metadata: z.looseObject({ next_cursor: z.string().optional() }).optional(),
});

export interface SlackPosterOptions {
  /** SLACK_API_URL. */
  apiUrl: string;
  /** The bot token for a workspace: the installation store's, else SLACK_BOT_TOKEN. */
  tokenFor: (workspaceId: string) => Promise<string | undefined>;
  sleep?: Sleep;
  /** Called with each rate-limit wait in ms (metrics, tests). */
  onRateLimitWait?: (ms: number) => void;
  timeoutMs?: number;
  /** Pages of history searched when recovering (200 messages each). */
  historyPages?: number;
  /**
   * Read channel history on recovery (SLACK_DIGEST_HISTORY_CHECK; needs channels:history/groups:history). Off by
   * default: recovery then relies on the ts the ledger recorded right after the post.
   */
  historyCheck?: boolean;
}

function slackError(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && error.code === webApi.ErrorCode.PlatformError) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : undefined;
  }
  return undefined;
}

function retryAfterMs(error: unknown): number | undefined {
  if (error instanceof Error && 'code' in error && error.code === webApi.ErrorCode.RateLimitedError) {
    return Number((error as { retryAfter?: unknown }).retryAfter ?? 1) * 1000;
  }
  return undefined;
}

function rejection(error: unknown): ChannelRejectedError | undefined {
  const code = slackError(error);
  return code && REJECTIONS[code] ? new ChannelRejectedError(`Slack: ${code} (${REJECTIONS[code]})`) : undefined;
}

export function createSlackPoster(options: SlackPosterOptions): DigestPoster {
  const clients = new Map<string, webApi.WebClient>();
  // The same digest goes to many channels: render its blocks once.
  const rendered = new WeakMap<object, ReturnType<typeof renderBlockKit>>();
  const sleep = options.sleep ?? realSleep;

  async function client(channel: ChannelKey): Promise<webApi.WebClient> {
    const token = await options.tokenFor(channel.workspaceId);
    if (!token) throw new ChannelRejectedError(`Slack: no_token (${REJECTIONS.no_token})`);
    let found = clients.get(token);
    if (!found) {
      found = new webApi.WebClient(token, {
        slackApiUrl: options.apiUrl,
        // The ledger retries failed deliveries with backoff; 429s are waited out here, as Slack says.
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: options.timeoutMs ?? 15_000,
        logLevel: webApi.LogLevel.ERROR,
      });
      clients.set(token, found);
    }
    return found;
  }

  const call = <T>(fn: () => Promise<T>): Promise<T> =>
    withRateLimitWaits(fn, retryAfterMs, { sleep, onWait: options.onRateLimitWait, rejectionOf: rejection });

  async function uploadChart({ channel, week, messageRef, chart, earlier, beforeShare, shareRefused }: ChartAttachment): Promise<ChartOutcome> {
    const web = await client(channel);
    const filename = slackChartFileName(week);
    if (earlier === 'started') {
      // An earlier attempt made the sharing call and never learned its result (it died, or the answer was lost).
      // Reading the thread needs the history scopes (SLACK_DIGEST_HISTORY_CHECK); without them the chart is not
      // shared again: a chart lost in that narrow window beats a second one.
      if (!options.historyCheck) return 'unverified';
      // The digest's thread is short (the chart is its only reply); one page is the whole thread.
      const thread = repliesSchema.parse(await call(() => web.conversations.replies({ channel: channel.channelId, ts: messageRef, limit: 200 })));
      if (thread.messages.some((m) => m.files?.some((file) => file.name === filename))) return 'found';
    }
    const ticket = uploadTicketSchema.parse(await call(() => web.files.getUploadURLExternal({ filename, length: chart.png.length, alt_text: chart.altText })));
    // The chart's bytes are shared by every channel with the same watchlist: sent as they are, never copied.
    const uploaded = await uploadBytes(ticket.upload_url, chart.png, { contentType: 'application/octet-stream', timeoutMs: options.timeoutMs ?? 15_000 });
    // Nothing is visible until files.completeUploadExternal: a failed upload is retried by the ledger with the
    // chart still 'none', and the orphaned file id is never shared.
    if (!uploaded.ok) throw new Error(`Slack file upload answered HTTP ${uploaded.status}`);
    if (!(await beforeShare())) return 'not-holder';
    try {
      await call(() =>
        web.files.completeUploadExternal({
          files: [{ id: ticket.file_id, title: `Rust vs Go ecosystem trends, ${week}` }],
          channel_id: channel.channelId,
          thread_ts: messageRef,
        }),
      );
    } catch (error) {
      // An error code or a 429 is Slack saying it did not share the file: clear 'started' so a retry uploads.
      // A timeout, network error or 5xx may have shared it: 'started' stays, and the retry treats it as unknown.
      if (error instanceof ChannelRejectedError || error instanceof RateLimitedError || slackError(error)) await shareRefused();
      throw error;
    }
    return 'shared';
  }

  return {
    platform: 'slack',

    async post({ channel, week, reply }) {
      const web = await client(channel);
      let message = rendered.get(reply);
      if (!message) {
        message = renderBlockKit(reply);
        rendered.set(reply, message);
      }
      const result = await call(() =>
        web.chat.postMessage({
          channel: channel.channelId,
          text: `${message.text}\n${digestMarker(week)}`,
          blocks: message.blocks,
          metadata: { event_type: SLACK_DIGEST_EVENT_TYPE, event_payload: { week, channel: channel.channelId } },
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      if (!result.ts) throw new Error('Slack chat.postMessage returned no ts');
      return result.ts;
    },

    async attachChart(attachment) {
      try {
        return await uploadChart(attachment);
      } catch (error) {
        // A Slack error code (missing_scope without files:write, unknown_method, ...) will not change on a retry.
        if (error instanceof ChannelRejectedError) throw new ChartRefusedError(error.reason);
        const code = slackError(error);
        if (code) throw new ChartRefusedError(`Slack: ${code}`);
        throw error;
      }
    },

    async findPosted(channel, week) {
      if (!options.historyCheck) return undefined;
      const web = await client(channel);
      // From two days before the week's Monday (UTC): covers every zone's version of that week.
      const oldest = String(Math.floor((weekStart(week).getTime() - 2 * 86_400_000) / 1000));
      let cursor: string | undefined;
      for (let page = 0; page < (options.historyPages ?? 5); page += 1) {
        const raw = await call(() =>
          web.conversations.history({ channel: channel.channelId, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) }),
        );
        const history = historySchema.parse(raw);
        const found = history.messages.find(
          (m) => m.metadata?.event_type === SLACK_DIGEST_EVENT_TYPE && m.metadata.event_payload?.week === week && m.metadata.event_payload?.channel === channel.channelId,
        );
        if (found) return found.ts;
        cursor = history.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    },
  };
}
