// Posts digests to Discord channels over REST (discord.js). Each post carries a deterministic nonce with
// enforce_nonce, so Discord itself drops a repeat of the same post within its nonce window, and a visible marker
// line naming the week; recovery reads the channel's recent messages for the bot's marker. The trend chart travels
// in the same message (a multipart upload the embed shows as attachment://chart.png), so the message's
// exactly-once is the chart's too.
import { createHash } from 'node:crypto';
import { DiscordAPIError, REST, RateLimitError, Routes } from 'discord.js';
import { z } from 'zod';
import { replyMessage } from './message-payload.ts';
import { discordRestOptions } from './rest-options.ts';
import type { ChannelKey } from '../../store/channel-key.ts';
import { CHART_FILE_NAME, type TrendChart } from '../../digest/trend-chart.ts';
import { ChannelRejectedError, digestMarker, realSleep, withRateLimitWaits, type DigestPoster, type Sleep } from '../../digest/delivery/poster.ts';

/** Discord JSON error codes that mean the channel will not take the bot's messages until someone acts. */
const REJECTIONS: Record<number, string> = {
  10003: 'Unknown Channel: the channel was deleted or the bot cannot see it',
  10004: 'Unknown Guild: the bot was removed from the server',
  50001: 'Missing Access: the bot cannot view the channel',
  50013: 'Missing Permissions: the bot may not send messages or embeds there',
};

const messagesSchema = z.array(
  z.looseObject({
    id: z.string(),
    content: z.string().default(''),
    author: z.looseObject({ id: z.string(), bot: z.boolean().optional() }),
  }),
);

export interface DiscordPosterOptions {
  /** DISCORD_API_URL, e.g. https://discord.com/api */
  apiUrl: string;
  token: string;
  sleep?: Sleep;
  onRateLimitWait?: (ms: number) => void;
  timeoutMs?: number;
}

/** At most 25 characters (Discord's nonce limit), the same for a channel and week on every replica. */
function digestNonce(channelId: string, week: string): string {
  const hash = createHash('sha256').update(`${channelId}:${week}`).digest('hex').slice(0, 12);
  return `rvg${week.replace('-W', '')}${hash}`;
}

function retryAfterMs(error: unknown): number | undefined {
  return error instanceof RateLimitError ? Math.max(0, error.retryAfter) : undefined;
}

function rejection(error: unknown): ChannelRejectedError | undefined {
  if (error instanceof DiscordAPIError && typeof error.code === 'number' && REJECTIONS[error.code]) {
    return new ChannelRejectedError(`Discord: ${error.code} ${REJECTIONS[error.code]}`);
  }
  return undefined;
}

/** The last embed shows the chart: Discord resolves attachment://chart.png to the file sent with the message. */
function withChartImage<T extends { image?: { url: string } }>(embeds: T[]): T[] {
  if (embeds.length === 0) return embeds;
  return embeds.map((embed, index) => (index === embeds.length - 1 ? { ...embed, image: { url: `attachment://${CHART_FILE_NAME}` } } : embed));
}

function chartFile(chart: TrendChart) {
  // files[0] matches attachments[0].id = 0 in the payload, which carries the alt text (description).
  return { key: 'files[0]', name: CHART_FILE_NAME, data: chart.png, contentType: 'image/png' };
}

export function createDiscordPoster(options: DiscordPosterOptions): DigestPoster {
  const rest = new REST({
    ...discordRestOptions(options.apiUrl),
    // Rate limits surface as errors so the wait is ours (injectable) and bounded by the ledger claim.
    rejectOnRateLimit: () => true,
    retries: 0,
    offset: 0,
    timeout: options.timeoutMs ?? 15_000,
  }).setToken(options.token);
  const sleep = options.sleep ?? realSleep;

  const call = <T>(fn: () => Promise<T>): Promise<T> =>
    withRateLimitWaits(fn, retryAfterMs, { sleep, onWait: options.onRateLimitWait, rejectionOf: rejection });

  return {
    platform: 'discord',

    async post({ channel, week, reply, chart }) {
      const message = replyMessage(reply);
      const content = [digestMarker(week), message.content].filter(Boolean).join('\n').slice(0, 2000);
      const body = {
        content,
        embeds: chart ? withChartImage(message.embeds) : message.embeds,
        allowed_mentions: message.allowed_mentions,
        nonce: digestNonce(channel.channelId, week),
        enforce_nonce: true,
        ...(chart ? { attachments: [{ id: 0, filename: CHART_FILE_NAME, description: chart.altText }] } : {}),
      };
      const files = chart ? [chartFile(chart)] : undefined;
      const send = (withChart: boolean) =>
        call(() => rest.post(Routes.channelMessages(channel.channelId), withChart && files ? { body, files } : { body: { ...body, embeds: message.embeds, attachments: undefined } }));
      let created: unknown;
      try {
        created = await send(Boolean(files));
      } catch (error) {
        // Missing Permissions with a file attached is usually a channel without Attach Files: the digest matters
        // more than its chart, so it goes without. Nothing was created, so the same nonce is free to use.
        if (!(files && error instanceof ChannelRejectedError && error.reason.startsWith('Discord: 50013'))) throw error;
        created = await send(false);
      }
      return z.looseObject({ id: z.string() }).parse(created).id;
    },

    // The chart was part of the message post() sent (and a recovered message is that same message).
    async attachChart() {
      return 'in-post' as const;
    },

    async findPosted(channel: ChannelKey, week: string) {
      const marker = digestMarker(week);
      const raw = await call(() => rest.get(Routes.channelMessages(channel.channelId), { query: new URLSearchParams({ limit: '100' }) }));
      const found = messagesSchema.parse(raw).find((m) => m.author.bot === true && m.content.startsWith(marker));
      return found?.id;
    },
  };
}
