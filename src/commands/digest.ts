// `/rustvsgo digest ...`: a channel's weekly ecosystem digest: subscribe, unsubscribe, status, set (per-channel
// options: skip-empty), preview, and per-channel changes to the default watchlist (watch, unwatch).
import { z } from 'zod';
import { defineCommand, defineGroup, type CommandContext } from '../core/command-spec.ts';
import type { ReplyInput } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import { UserError } from '../core/user-error.ts';
import { canonicalTimeZone, formatInZone, slotNextWeek, slotThisWeek } from '../digest/delivery/schedule-time.ts';
import { NOTHING_NEW_REF } from '../digest/delivery/deliver.ts';
import { staleEntryCount } from '../knowledge/kb-freshness.ts';
import { loadWatchlist, watchItemForName, type WatchItem } from '../knowledge/watchlist.ts';
import { kbStalenessReport } from '../ops/kb-staleness.ts';
import { channelKeyOf, type ChannelKey } from '../store/channel-key.ts';
import type { DigestSubscription } from '../store/digest-subscriptions.ts';
import { timeOfDaySchema, weekdaySchema, type WeeklySlot } from '../store/weekly-slot.ts';

/** Extra items one channel may add: each costs requests in every weekly collection. */
const MAX_WATCH_ADDITIONS = 25;

const DAY_NAMES: Record<WeeklySlot['day'], string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

let defaultWatchlist: WatchItem[] | undefined;
function baseWatchlist(): WatchItem[] {
  defaultWatchlist ??= loadWatchlist();
  return defaultWatchlist;
}

function requireChatChannel(ctx: CommandContext): ChannelKey {
  const channel = channelKeyOf(ctx.invocation);
  if (channel.platform !== 'slack' && channel.platform !== 'discord') {
    throw new UserError('Digests are delivered to Slack and Discord channels', 'Run this in a Slack or Discord channel. To read this week’s digest here, use `digest preview`.');
  }
  return channel;
}

function describeSlot(slot: WeeklySlot): string {
  return `every ${DAY_NAMES[slot.day]} at ${slot.time} (${slot.timezone})`;
}

/** The next delivery this channel can expect, in words, from the ledger and the slot. */
async function nextDelivery(ctx: CommandContext, subscription: DigestSubscription): Promise<string> {
  const now = ctx.services.now();
  const { week, dueAt } = slotThisWeek(now, subscription);
  const record = await ctx.services.store.digestLedger.get(subscription.channel, week);
  const owedThisWeek = dueAt >= subscription.activeFrom && record?.state !== 'sent';
  if (owedThisWeek && now < dueAt) return formatInZone(dueAt, subscription.timezone);
  if (owedThisWeek) {
    if (record?.state === 'failed' && record.retryAt) return `this week’s is being retried after a failure (next try ${formatInZone(record.retryAt, subscription.timezone)})`;
    return 'this week’s is due now and goes out within a few minutes';
  }
  return formatInZone(slotNextWeek(now, subscription).dueAt, subscription.timezone);
}

function findDefault(name: string): WatchItem | undefined {
  const wanted = name.trim().toLowerCase();
  return baseWatchlist().find((item) => [item.id, item.name, item.crate, item.module].some((value) => value?.toLowerCase() === wanted));
}

/** `digest subscribe` alone where a form can open (a Slack modal): the channel's schedule, or the default, to edit. */
async function subscriptionForm(ctx: CommandContext, channel: ChannelKey): Promise<ReplyInput> {
  const { config, store } = ctx.services;
  const current = await store.digestSubscriptions.get(channel);
  const slot: WeeklySlot = current
    ? { day: current.day, time: current.time, timezone: current.timezone }
    : { day: config.DIGEST_DEFAULT_DAY, time: config.DIGEST_DEFAULT_TIME, timezone: canonicalTimeZone(config.DIGEST_DEFAULT_TIMEZONE) ?? 'UTC' };
  const status = !current ? 'not subscribed' : current.paused ? `${describeSlot(current)}, paused: ${current.paused.reason}` : describeSlot(current);
  return {
    title: 'Weekly digest',
    summary: `This channel: ${status}.`,
    footer: 'Subscribe with `digest subscribe <day> <time> <timezone>`; stop it with `digest unsubscribe`.',
    data: { subscribed: Boolean(current), ...slot },
    form: { kind: 'digest_subscription', slot, status, subscribed: Boolean(current) },
  };
}

const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Send this channel the weekly Rust/Go ecosystem digest',
  examples: ['digest subscribe', 'digest subscribe friday 16:30 Europe/Berlin'],
  access: 'manage',
  args: z.object({
    day: weekdaySchema.optional().describe('Day of the week (default from the bot’s settings)'),
    time: timeOfDaySchema.optional().describe('Time of day, HH:MM 24-hour'),
    timezone: z.string().max(64).optional().describe('IANA time zone, e.g. Europe/Berlin').meta({ autocomplete: true }),
  }),
  async handle(args, ctx) {
    const channel = requireChatChannel(ctx);
    const { config, store, now } = ctx.services;
    if (ctx.invocation.forms && args.day === undefined && args.time === undefined && args.timezone === undefined) return subscriptionForm(ctx, channel);
    const timezone = canonicalTimeZone(args.timezone ?? config.DIGEST_DEFAULT_TIMEZONE);
    if (!timezone) {
      throw new UserError(`"${neutralizeMentions(truncate(args.timezone ?? '', 64))}" is not a time zone I know`, 'Use an IANA name such as `Europe/Berlin`, `America/New_York` or `UTC`.');
    }
    const slot: WeeklySlot = { day: args.day ?? config.DIGEST_DEFAULT_DAY, time: args.time ?? config.DIGEST_DEFAULT_TIME, timezone };
    const wasPaused = (await store.digestSubscriptions.get(channel))?.paused;
    const subscription = await store.digestSubscriptions.subscribe(channel, slot, ctx.invocation.userId, now());
    return {
      title: 'Weekly digest subscribed',
      summary: `This channel gets the Rust/Go ecosystem digest ${describeSlot(slot)}.${wasPaused ? ' Deliveries were paused and are now resumed.' : ''}`,
      fields: [{ label: 'Next delivery', value: await nextDelivery(ctx, subscription) }],
      footer: 'Change it with `digest subscribe <day> <time> <timezone>`; stop it with `digest unsubscribe`.',
      visibility: 'in_channel',
      data: { subscribed: true, ...slot },
    };
  },
  autocomplete(option, partial) {
    if (option !== 'timezone') return [];
    const lower = partial.toLowerCase();
    return Intl.supportedValuesOf('timeZone').filter((zone) => zone.toLowerCase().includes(lower)).slice(0, 25);
  },
});

const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'Stop the weekly digest in this channel',
  examples: ['digest unsubscribe'],
  access: 'manage',
  args: z.object({}),
  async handle(_args, ctx) {
    const removed = await ctx.services.store.digestSubscriptions.unsubscribe(channelKeyOf(ctx.invocation));
    return removed
      ? { title: 'Weekly digest stopped', summary: 'This channel no longer gets the digest.', visibility: 'in_channel', data: { subscribed: false } }
      : { title: 'Not subscribed', summary: 'This channel was not subscribed to the digest.', data: { subscribed: false } };
  },
});

const status = defineCommand({
  name: 'status',
  description: 'When this channel’s next digest goes out, the last one, and any problem',
  examples: ['digest status'],
  access: 'everyone',
  args: z.object({}),
  async handle(_args, ctx): Promise<ReplyInput> {
    const channel = channelKeyOf(ctx.invocation);
    const { store } = ctx.services;
    const subscription = await store.digestSubscriptions.get(channel);
    // For operators: how much of the knowledge base the collected releases have made stale (`rustvsgo kb check`).
    const kbStale = staleEntryCount(await kbStalenessReport({ knowledge: ctx.services.knowledge, snapshots: store.digestSnapshots, now: ctx.services.now() }));
    // In the terminal shell the hints must work there: the command line is run through npm in a clone, and the
    // shell's own channel can never be subscribed (digest subscribe answers "run this in a Slack or Discord channel").
    const inTerminal = ctx.invocation.platform === 'shell' || ctx.invocation.platform === 'cli';
    const kbCheck = inTerminal ? '`npm run --silent rustvsgo -- kb check`' : '`rustvsgo kb check`';
    const kbField = { label: 'Knowledge base', value: kbStale === 0 ? 'up to date with the stored Go and Rust releases' : `${kbStale} entries need review (${kbCheck})`, inline: false };
    const changes = await store.digestSubscriptions.watchChanges(channel);
    const watchLine = [
      ...changes.filter((c) => c.action === 'add').map((c) => `+ ${c.item.name}`),
      ...changes.filter((c) => c.action === 'remove').map((c) => `− ${c.item.name}`),
    ].join(', ');
    if (!subscription) {
      return {
        title: 'No weekly digest here',
        summary: inTerminal
          ? 'The terminal shell has no digest: channels subscribe on Slack or Discord with `digest subscribe [day] [time] [timezone]`. Here, `digest preview` shows this week’s.'
          : 'This channel is not subscribed. Subscribe with `digest subscribe [day] [time] [timezone]`.',
        fields: [...(watchLine ? [{ label: 'Watchlist changes', value: watchLine, inline: false }] : []), kbField],
        data: { subscribed: false, kbStaleEntries: kbStale },
      };
    }
    const last = await store.digestLedger.lastSent(channel);
    const latest = await store.digestLedger.latest(channel);
    const fields: NonNullable<ReplyInput['fields']> = [
      { label: 'Schedule', value: describeSlot(subscription) },
      { label: 'Next delivery', value: subscription.paused ? 'none while paused' : await nextDelivery(ctx, subscription) },
      { label: 'Last delivery', value: last?.sentAt ? `${last.week}, ${formatInZone(last.sentAt, subscription.timezone)}${last.messageRef === NOTHING_NEW_REF ? ' (skipped: nothing new)' : ''}` : 'none yet' },
      { label: 'Weeks with nothing new', value: subscription.skipEmpty ? 'skipped (`digest set skip-empty off` posts them)' : 'posted (`digest set skip-empty on` skips them)' },
    ];
    const problem = subscription.paused
      ? `Paused: ${subscription.paused.reason}. Fix it, then run \`digest subscribe\` again to resume.`
      : latest?.state === 'failed'
        ? `The last attempt failed (${latest.reason ?? 'unknown error'}); it is retried automatically.`
        : undefined;
    if (problem) fields.push({ label: 'Problem', value: problem, inline: false });
    if (watchLine) fields.push({ label: 'Watchlist changes', value: watchLine, inline: false });
    fields.push(kbField);
    return {
      title: subscription.paused ? 'Weekly digest: paused' : 'Weekly digest: active',
      fields,
      tone: subscription.paused || latest?.state === 'failed' ? 'warning' : 'info',
      data: {
        subscribed: true,
        day: subscription.day,
        time: subscription.time,
        timezone: subscription.timezone,
        paused: subscription.paused?.reason ?? null,
        skipEmpty: subscription.skipEmpty,
        lastWeekSent: last?.week ?? null,
        kbStaleEntries: kbStale,
      },
    };
  },
});

// The shell takes `/rustvsgo ...` lines only, so the collector is named as the terminal command it is, with the
// form that works in any clone (`npm run`), not the `rustvsgo` bin that only `npm link` puts on PATH.
const TERMINAL_NO_DATA_HINT =
  'Nothing has been collected yet, and this shell does not collect. Leave it (`exit`) and run `npm run --silent rustvsgo -- digest collect`, then ask again; `npm run --silent rustvsgo -- digest preview --demo` shows a digest from recorded sample data.';

const set = defineCommand({
  name: 'set',
  description: 'Change a digest option for this channel (skip-empty: skip weeks with nothing new)',
  examples: ['digest set skip-empty on', 'digest set skip-empty off'],
  access: 'manage',
  args: z.object({
    option: z.enum(['skip-empty']).describe('skip-empty: no digest in a week with no release, advisory, post or 1% move'),
    value: z.enum(['on', 'off']).describe('on or off'),
  }),
  async handle(args, ctx) {
    const channel = requireChatChannel(ctx);
    const skipEmpty = args.value === 'on';
    const changed = await ctx.services.store.digestSubscriptions.setSkipEmpty(channel, skipEmpty, ctx.invocation.userId, ctx.services.now());
    if (!changed) throw new UserError('This channel is not subscribed to the digest', 'Subscribe first with `digest subscribe [day] [time] [timezone]`, then set its options.');
    return {
      title: skipEmpty ? 'Weeks with nothing new are skipped' : 'Every week’s digest is posted',
      summary: skipEmpty
        ? 'The digest is not posted in a week with no release, no advisory, no post and no number moving by 1% or more. A week in which a source failed is still posted: its news is unknown, not absent.'
        : 'The digest is posted every week, quiet or not.',
      visibility: 'in_channel',
      data: { skipEmpty },
    };
  },
});

const preview = defineCommand({
  name: 'preview',
  description: 'This week’s digest now, shown only to you',
  examples: ['digest preview'],
  access: 'everyone',
  args: z.object({}),
  async handle(_args, ctx) {
    const { store, config, logger, now } = ctx.services;
    // Built from stored data only: a preview never starts a collection (that is the scheduled round's job).
    const noDataHint = ctx.invocation.platform === 'shell' || ctx.invocation.platform === 'cli' ? TERMINAL_NO_DATA_HINT : undefined;
    // Imported here, not at the top: the digest builder and its source clients (XML parser included) are a large
    // part of the module graph, and the shell's start-up should not pay for them before a preview (bench/startup.ts).
    const { createStoredDigestContent } = await import('../digest/digest-content.ts');
    const content = createStoredDigestContent({ store, config, logger, holder: 'preview', defaultWatchlist: baseWatchlist(), noDataHint });
    const { reply } = await content.messageFor(channelKeyOf(ctx.invocation), now());
    return { ...reply, visibility: 'ephemeral' };
  },
});

const itemArg = z.string().trim().min(1).max(200).describe('A crate name (tokio) or Go module path (github.com/gin-gonic/gin)').meta({ rest: true });

const watch = defineCommand({
  name: 'watch',
  description: 'Add a crate or Go module to this channel’s digest',
  examples: ['digest watch tower', 'digest watch github.com/uptrace/bun'],
  access: 'manage',
  args: z.object({ name: itemArg }),
  async handle(args, ctx) {
    const channel = channelKeyOf(ctx.invocation);
    const repo = ctx.services.store.digestSubscriptions;
    const shown = neutralizeMentions(truncate(args.name, 100));
    const known = findDefault(args.name);
    const changes = await repo.watchChanges(channel);
    if (known) {
      const removed = changes.some((c) => c.action === 'remove' && c.item.id === known.id);
      if (removed) await repo.clearWatchChange(channel, known.id);
      return { title: removed ? `${known.name} is back in this channel’s digest` : `${known.name} is already in the default watchlist`, data: { watching: known.id } };
    }
    const item = watchItemForName(args.name);
    if (!item) throw new UserError(`"${shown}" is not a crate name or Go module path`, 'Examples: `digest watch tower`, `digest watch github.com/uptrace/bun`.');
    const additions = changes.filter((c) => c.action === 'add');
    if (!additions.some((c) => c.item.id === item.id) && additions.length >= MAX_WATCH_ADDITIONS) {
      throw new UserError(`This channel already watches ${MAX_WATCH_ADDITIONS} extra items`, 'Remove one with `digest unwatch <name>` first.');
    }
    await repo.setWatchChange(channel, { action: 'add', item }, ctx.invocation.userId, ctx.services.now());
    return {
      title: `Watching ${neutralizeMentions(item.name)}`,
      summary: `${item.language === 'rust' ? 'Crate' : 'Go module'} ${neutralizeMentions(item.name)} joins this channel’s digest from the next weekly collection.`,
      data: { watching: item.id },
    };
  },
});

const unwatch = defineCommand({
  name: 'unwatch',
  description: 'Remove a crate or Go module from this channel’s digest',
  examples: ['digest unwatch actix-web'],
  access: 'manage',
  args: z.object({ name: itemArg }),
  async handle(args, ctx) {
    const channel = channelKeyOf(ctx.invocation);
    const repo = ctx.services.store.digestSubscriptions;
    const known = findDefault(args.name);
    if (known) {
      await repo.setWatchChange(channel, { action: 'remove', item: known }, ctx.invocation.userId, ctx.services.now());
      return { title: `${known.name} removed from this channel’s digest`, summary: 'Add it back with `digest watch`.', data: { removed: known.id } };
    }
    const id = watchItemForName(args.name)?.id;
    if (id && (await repo.clearWatchChange(channel, id))) return { title: `No longer watching ${neutralizeMentions(truncate(args.name, 100))}`, data: { removed: id } };
    throw new UserError(`"${neutralizeMentions(truncate(args.name, 100))}" is not in this channel’s watchlist`, 'See `digest status` for this channel’s changes to the default watchlist.');
  },
});

export const digestCommand = defineGroup({
  name: 'digest',
  description: 'Weekly Rust/Go ecosystem digest for this channel',
  examples: ['digest subscribe monday 09:00 Europe/Berlin', 'digest status', 'digest preview', 'digest watch tower', 'digest set skip-empty on'],
  subcommands: [subscribe, unsubscribe, status, set, preview, watch, unwatch],
  defaultSubcommand: 'status',
});
