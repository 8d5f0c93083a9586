// What the bot answers on Discord, shared by the gateway client and the HTTP interactions endpoint: commands,
// autocomplete, mentions and buttons, each turned into a DiscordMessage. Transport (defer, edit, reply) is the
// caller's job; nothing here throws to the caller (failures become an apology with an id to quote).
import { describeOptions, findCommand, type CommandSpec } from '../../core/command-spec.ts';
import { condenseReply } from '../../core/condense.ts';
import { apologyReply, dispatchStructured, dispatchText, type DispatchOutcome } from '../../core/dispatch.ts';
import type { InvocationOrigin } from '../../core/invocation.ts';
import { stripInvocationPrefix } from '../../core/parse-text.ts';
import type { Reply } from '../../core/reply.ts';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import type { ButtonAction } from './button-ids.ts';
import type { AutocompleteLimiter } from './autocomplete-limiter.ts';
import { usesAutocomplete } from './command-definition.ts';
import { callText, type CommandCall, type RawEmbed } from './interaction-payload.ts';
import { noMentions, noticeMessage, replyMessage, type DiscordMessage } from './message-payload.ts';
import { replyButtons } from './reply-buttons.ts';
import { isDiscordChannelAdmin } from './settings-access.ts';

export interface DiscordAnswerContext {
  services: Services;
  commands: readonly CommandSpec[];
  /** Per-user budget for autocomplete requests (none: unlimited, as in unit tests). */
  autocompleteLimiter?: AutocompleteLimiter;
}

/** Who and where an interaction or message came from, as both transports know it. */
export interface DiscordFacts {
  guildId?: string | undefined;
  channelId: string;
  /** Set when the channel is a thread: its parent, so per-channel settings follow the parent channel. */
  parentChannelId?: string | undefined;
  userId: string;
  permissions?: bigint | undefined;
  locale?: string | undefined;
  requestId: string;
}

const AUTOCOMPLETE_MAX_CHOICES = 25;
/** Discord drops autocomplete answers after 3 s; leave room for the network. */
export const AUTOCOMPLETE_BUDGET_MS = 2000;
/**
 * The most typed text an autocomplete request is matched on. Discord caps what a user can type by the option's
 * max_length, but a hand-made request can carry 10 KB, and matching costs time on the shared event loop.
 */
const AUTOCOMPLETE_INPUT_MAX = 200;

export function discordOrigin(facts: DiscordFacts, services: Services, mode: 'command' | 'mention' = 'command'): InvocationOrigin {
  const origin: InvocationOrigin = {
    platform: 'discord',
    workspaceId: facts.guildId ?? 'dm',
    channelId: facts.parentChannelId ?? facts.channelId,
    userId: facts.userId,
    locale: facts.locale ?? 'en',
    requestId: facts.requestId,
    // The core's access port: Manage Channels in the channel; in a DM the settings are the user's own.
    isChannelAdmin: async () => isDiscordChannelAdmin({ guildId: facts.guildId, permissions: facts.permissions }),
    mode,
  };
  if (facts.parentChannelId) origin.threadId = facts.channelId;
  return origin;
}

/** The origin of a button press: buttons only show answers, so it has no access port (settings commands are refused). */
function buttonOrigin(facts: DiscordFacts, services: Services): InvocationOrigin {
  const { isChannelAdmin: _none, ...origin } = discordOrigin(facts, services, 'command');
  return origin;
}

async function safely(ctx: DiscordAnswerContext, facts: DiscordFacts, run: () => Promise<DispatchOutcome>): Promise<DispatchOutcome> {
  try {
    return await run();
  } catch (error) {
    ctx.services.logger.error({ err: error, requestId: facts.requestId, platform: 'discord' }, 'discord answer failed');
    return { command: 'unknown', outcome: 'failed', reply: apologyReply(facts.requestId) };
  }
}

/** `/rustvsgo <subcommand> ...`: the full answer, ephemeral, with a Share button when it is an answer. */
export async function answerCommand(ctx: DiscordAnswerContext, facts: DiscordFacts, call: CommandCall): Promise<DiscordMessage> {
  const outcome = await safely(ctx, facts, () =>
    dispatchStructured(call.path, call.options, callText(call), discordOrigin(facts, ctx.services), ctx.services, ctx.commands),
  );
  return replyMessage(outcome.reply, await replyButtons(ctx.services, outcome.reply, facts.requestId), { ephemeral: true });
}

/** Autocomplete choices for the focused option: the command's own suggestions, or its choices filtered. */
export async function suggestChoices(ctx: DiscordAnswerContext, facts: DiscordFacts, call: CommandCall): Promise<{ name: string; value: string }[]> {
  const spec = findCommand(ctx.commands, call.path);
  if (!call.focused || !spec) return [];
  if (ctx.autocompleteLimiter && !ctx.autocompleteLimiter.allow(facts.userId)) {
    ctx.services.logger.debug({ requestId: facts.requestId, userId: facts.userId }, 'autocomplete rate-limited');
    return [];
  }
  const descriptor = describeOptions(spec.args).find((d) => d.name === call.focused?.name);
  const inputMax = Math.min(AUTOCOMPLETE_INPUT_MAX, descriptor?.maxLength ?? AUTOCOMPLETE_INPUT_MAX);
  const focused = { ...call.focused, value: call.focused.value.slice(0, inputMax) };
  let suggestions: string[] = [];
  try {
    if (spec.autocomplete && descriptor?.autocomplete) {
      const { isChannelAdmin: _port, ...origin } = discordOrigin(facts, ctx.services);
      const invocation = { ...origin, command: call.path, args: {}, rawText: focused.value, canManage: false };
      suggestions = await withinBudget(Promise.resolve(spec.autocomplete(focused.name, focused.value, { invocation, services: ctx.services })));
    } else if (descriptor?.choices && usesAutocomplete(descriptor)) {
      suggestions = completeFromChoices(descriptor.choices, focused.value, descriptor.list);
    }
  } catch (error) {
    ctx.services.logger.warn({ err: error, requestId: facts.requestId }, 'autocomplete failed');
    return [];
  }
  // Choice names and values are at most 100 characters; a cut value would not match, so long ones are dropped.
  return [...new Set(suggestions)]
    .filter((s) => s.length >= 1 && s.length <= 100)
    .slice(0, AUTOCOMPLETE_MAX_CHOICES)
    .map((s) => ({ name: neutralizeMentions(s).slice(0, 100), value: s }));
}

async function withinBudget(work: Promise<string[]>): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string[]>((resolve) => {
    timer = setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS);
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Choices starting with (then containing) what was typed; for a list, completes the last item. */
export function completeFromChoices(choices: readonly string[], typed: string, list: boolean): string[] {
  const parts = list ? typed.split(',') : [typed];
  const last = (parts.pop() ?? '').trim().toLowerCase();
  const done = parts.map((p) => p.trim()).filter(Boolean);
  const open = choices.filter((c) => !done.includes(c));
  const ranked = [...open.filter((c) => c.startsWith(last)), ...open.filter((c) => !c.startsWith(last) && c.includes(last))];
  return ranked.map((c) => [...done, c].join(','));
}

/** A mention of the bot: the condensed answer, with a "Show full answer" button when there is more. */
export async function answerMention(ctx: DiscordAnswerContext, facts: DiscordFacts, text: string): Promise<DiscordMessage> {
  const outcome = await safely(ctx, facts, () => dispatchText(text, discordOrigin(facts, ctx.services, 'mention'), ctx.services, ctx.commands));
  const short = outcome.outcome === 'ok' ? mentionReply(outcome, text) : outcome.reply;
  return replyMessage(short, await replyButtons(ctx.services, short, facts.requestId));
}

/**
 * A mention's answer, short. A handler that already answered briefly for a mention (with its own "show more"
 * button) is kept as it is; otherwise the core condenses it. The button's command must give the complete answer
 * when run as a command, so when the mention names no command ("gc pauses?" was read as a lookup), the command
 * that ran goes in front of it.
 */
function mentionReply(outcome: DispatchOutcome, text: string): Reply {
  if (outcome.reply.actions.some((a) => a.kind === 'show_full')) {
    // In a thread the answer is already public: "Share in channel" would only repeat it.
    return { ...outcome.reply, actions: outcome.reply.actions.filter((a) => a.kind !== 'share'), visibility: 'in_channel' };
  }
  const stripped = stripInvocationPrefix(text);
  const namesCommand = (stripped.split(/\s+/)[0] ?? '').toLowerCase() === outcome.command.split(' ')[0];
  return condenseReply(outcome.reply, namesCommand ? stripped : `${outcome.command} ${stripped}`.trim());
}

/**
 * "Show full answer": runs the button's command as a command (answers are deterministic), ephemeral, shareable.
 * The button can only show answers, never change settings, whoever presses it.
 */
export async function answerShowFull(
  ctx: DiscordAnswerContext,
  facts: DiscordFacts,
  action: Extract<ButtonAction, { kind: 'show_full' | 'show_full_stored' }>,
): Promise<DiscordMessage> {
  const command =
    action.kind === 'show_full' ? action.command : await ctx.services.store.discordActions.get(action.id, ctx.services.now()).catch(() => undefined);
  if (command === undefined) return noticeMessage('This button has expired. Mention me again for a fresh answer.');
  const origin = buttonOrigin(facts, ctx.services);
  const outcome = await safely(ctx, facts, () => dispatchText(command, origin, ctx.services, ctx.commands));
  // The full answer keeps Share and its follow-up options (a "Show full answer" on it would only repeat it).
  const reply = { ...outcome.reply, actions: outcome.reply.actions.filter((a) => a.kind === 'follow_up' || a.kind === 'share') };
  return replyMessage(reply, await replyButtons(ctx.services, reply, facts.requestId), { ephemeral: true });
}

/**
 * "Share in channel": reposts the embeds of the ephemeral answer the button sits on, so the channel sees
 * exactly what the user saw, with no state kept anywhere.
 */
export function shareMessage(embeds: readonly RawEmbed[], sharedBy: string): DiscordMessage {
  if (embeds.length === 0) return noticeMessage('There is nothing to share in this message.');
  const name = neutralizeMentions(truncate(sharedBy.replace(/[*_`~|>]/g, ''), 64)) || 'someone';
  return {
    content: `Shared by ${name}`,
    embeds: embeds.slice(0, 10).map((e) => {
      // The embeds are the bot's own, already neutral; re-neutralizing keeps the share path safe on its own.
      const safe = (text: string | undefined) => (text === undefined ? undefined : neutralizeMentions(text));
      const fields = e.fields?.map((f) => ({ ...f, name: neutralizeMentions(f.name), value: neutralizeMentions(f.value) }));
      const footer = e.footer ? { text: neutralizeMentions(e.footer.text) } : undefined;
      const copy = { title: safe(e.title), description: safe(e.description), url: e.url, color: e.color, fields, footer };
      return Object.fromEntries(Object.entries(copy).filter(([, v]) => v !== undefined));
    }),
    components: [],
    allowed_mentions: noMentions,
  };
}


/** A follow-up button's outcome: the new answer to put in place of the old one, or a notice sent on its own. */
export type FollowUpResult = { kind: 'update'; message: DiscordMessage } | { kind: 'notice'; message: DiscordMessage };

/**
 * A follow-up option pressed: re-asks the question with that fact added and returns the new answer to replace the
 * message the button sits on (buttons included, so the new answer's own options work too). Like "Show full
 * answer", it can only show answers, never change settings. An ephemeral answer keeps its "Share" button.
 */
export async function answerFollowUp(
  ctx: DiscordAnswerContext,
  facts: DiscordFacts,
  action: Extract<ButtonAction, { kind: 'follow_up' | 'follow_up_stored' }>,
  where: { ephemeral: boolean },
): Promise<FollowUpResult> {
  const command =
    action.kind === 'follow_up' ? action.command : await ctx.services.store.discordActions.get(action.id, ctx.services.now()).catch(() => undefined);
  if (command === undefined) return { kind: 'notice', message: noticeMessage('This button has expired. Ask the question again for a fresh answer.') };
  const origin = buttonOrigin(facts, ctx.services);
  const outcome = await safely(ctx, facts, () => dispatchText(command, origin, ctx.services, ctx.commands));
  const reply = where.ephemeral ? outcome.reply : { ...outcome.reply, actions: outcome.reply.actions.filter((a) => a.kind !== 'share') };
  // An update keeps the message's ephemerality; flags on it would be ignored at best.
  const { flags: _flags, ...message } = replyMessage(reply, await replyButtons(ctx.services, reply, facts.requestId));
  return { kind: 'update', message };
}
