// The gateway client (DISCORD_TOKEN): slash commands, autocomplete, buttons and mentions of the bot over a
// websocket, with only the Guilds and GuildMessages intents (no privileged intent: mentions of the bot carry
// their content anyway). Every message it sends suppresses pings.
import {
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ThreadAutoArchiveDuration,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
} from 'discord.js';
import type { CommandSpec } from '../../core/command-spec.ts';
import { newRequestId } from '../../core/request-id.ts';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import type { Adapter } from '../adapter.ts';
import { AnswerQueue } from '../answer-queue.ts';
import { AutocompleteLimiter } from './autocomplete-limiter.ts';
import { parseButtonId } from './button-ids.ts';
import { answerAboutMessage, ASK_MESSAGE_COMMAND_NAME } from './context-menu.ts';
import { parseAnswerButtonId, pressAnswerButton, readFeedbackSubmission, submitFeedbackComment } from './answer-buttons.ts';
import { answerCommand, answerFollowUp, answerMention, answerShowFull, shareMessage, suggestChoices, type DiscordAnswerContext, type DiscordFacts } from './discord-answers.ts';
import { readCommandCall, type RawCommandOption, type RawEmbed } from './interaction-payload.ts';
import { noticeMessage, toDiscordJsOptions, type DiscordMessage } from './message-payload.ts';
import { discordRestOptions } from './rest-options.ts';

export interface DiscordGatewayOptions {
  services: Services;
  commands: readonly CommandSpec[];
  /** A prepared client (tests point its REST at a fake API); by default one is built from the config. */
  client?: Client;
}

export interface DiscordGateway extends Adapter {
  readonly client: Client;
  /** Handles one interaction as if the gateway had delivered it (what the InteractionCreate listener runs). */
  handleInteraction(interaction: Interaction): Promise<void>;
  /** Handles one message as if the gateway had delivered it (what the MessageCreate listener runs). */
  handleMessage(message: Message): Promise<void>;
  /** Settles when every handler started so far has finished. */
  idle(): Promise<void>;
}

/** The client the bot runs with: the two intents it needs, no pings by default, REST on DISCORD_API_URL. */
export function createDiscordClient(apiUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: { parse: [], repliedUser: false },
    rest: discordRestOptions(apiUrl),
  });
}

export function createDiscordGateway(options: DiscordGatewayOptions): DiscordGateway {
  const { services, commands } = options;
  const client = options.client ?? createDiscordClient(services.config.DISCORD_API_URL);
  const ctx: DiscordAnswerContext = { services, commands, autocompleteLimiter: new AutocompleteLimiter() };
  // Deferrals go out at once; the answers behind them wait their turn (as over HTTP and on Slack).
  const queue = new AnswerQueue();
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  function track(work: Promise<void>): Promise<void> {
    // The handlers catch their own failures; this catch is the backstop, so nothing becomes an unhandled rejection.
    const settled = work.catch((error: unknown) => services.logger.error({ err: error, platform: 'discord' }, 'discord background work failed'));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
    return settled;
  }

  function factsOf(source: ChatInputCommandInteraction | MessageContextMenuCommandInteraction | AutocompleteInteraction | ButtonInteraction | Message, requestId: string): DiscordFacts {
    const channel = source.channel;
    const inThread = channel?.isThread() ?? false;
    const userId = 'user' in source ? source.user.id : source.author.id;
    let permissions: bigint | undefined;
    if ('memberPermissions' in source) permissions = source.memberPermissions?.bitfield;
    else if (source.member && channel && !channel.isDMBased()) {
      // Needs the guild's roles in the cache; without them, treat the member as having no permissions.
      try {
        permissions = channel.permissionsFor(source.member).bitfield;
      } catch {
        permissions = undefined;
      }
    }
    return {
      guildId: source.guildId ?? undefined,
      channelId: source.channelId ?? 'unknown',
      parentChannelId: inThread && channel?.isThread() ? (channel.parentId ?? undefined) : undefined,
      userId,
      permissions,
      locale: 'locale' in source ? source.locale : undefined,
      requestId,
    };
  }

  async function handleInteraction(interaction: Interaction): Promise<void> {
    if (!accepting) return;
    const receivedAt = performance.now();
    const requestId = newRequestId();
    const log = services.logger.child({ requestId, platform: 'discord', transport: 'gateway' });
    try {
      if (interaction.isChatInputCommand()) {
        // Defer first: Discord invalidates the interaction if nothing answers within 3 s.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        services.observer?.acknowledged('discord', (performance.now() - receivedAt) / 1000);
        const facts = factsOf(interaction, requestId);
        const message = await queue.run(() => answerCommand(ctx, facts, readCommandCall(interaction.options.data as readonly RawCommandOption[])));
        await interaction.editReply(toDiscordJsOptions(message));
      } else if (interaction.isMessageContextMenuCommand() && interaction.commandName === ASK_MESSAGE_COMMAND_NAME) {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        services.observer?.acknowledged('discord', (performance.now() - receivedAt) / 1000);
        const facts = factsOf(interaction, requestId);
        const message = await queue.run(() => answerAboutMessage(ctx, facts, interaction.targetMessage.content));
        await interaction.editReply(toDiscordJsOptions(message));
      } else if (interaction.isAutocomplete()) {
        const choices = await suggestChoices(ctx, factsOf(interaction, requestId), readCommandCall(interaction.options.data as readonly RawCommandOption[]));
        await interaction.respond(choices.slice(0, 25));
      } else if (interaction.isButton()) {
        await handleButton(interaction, requestId);
      } else if (interaction.isModalSubmit()) {
        // The "What was wrong?" modal of a thumbs-down (answer-buttons.ts), read through the same schema as over HTTP.
        let comment = '';
        try {
          comment = interaction.fields.getTextInputValue('comment');
        } catch {
          // Left empty (the input is optional) or another form: no comment.
        }
        const submission = readFeedbackSubmission({ data: { custom_id: interaction.customId, components: [{ components: [{ custom_id: 'comment', value: comment }] }] } });
        const message = submission ? await submitFeedbackComment(services, submission) : noticeMessage('This form is no longer supported.');
        await interaction.reply({ ...toDiscordJsOptions(message), flags: MessageFlags.Ephemeral });
      }
    } catch (error) {
      log.error({ err: error }, 'discord interaction failed');
    }
  }

  async function handleButton(interaction: ButtonInteraction, requestId: string): Promise<void> {
    const answerButton = parseAnswerButtonId(interaction.customId);
    if (answerButton) {
      if (answerButton.kind === 'save_adr') await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const result = await pressAnswerButton(ctx, factsOf(interaction, requestId), answerButton);
      if (result.kind === 'modal') await interaction.showModal(result.modal);
      else if (result.kind === 'adr') await interaction.editReply({ ...toDiscordJsOptions(result.adr.message), files: [{ attachment: result.adr.file.data, name: result.adr.file.name }] });
      else if (interaction.deferred) await interaction.editReply(toDiscordJsOptions(result.message));
      else await interaction.reply({ ...toDiscordJsOptions(result.message), flags: MessageFlags.Ephemeral });
      return;
    }
    const action = parseButtonId(interaction.customId);
    if (action?.kind === 'share') {
      const embeds = interaction.message.embeds.map((e) => e.toJSON() as RawEmbed);
      const name = interaction.user.globalName ?? interaction.user.username;
      await interaction.reply(toDiscordJsOptions(shareMessage(embeds, name)));
      return;
    }
    if (!action) {
      await interaction.reply({ ...toDiscordJsOptions(noticeMessage('This button is no longer supported. Run the command again.')), flags: MessageFlags.Ephemeral });
      return;
    }
    if (action.kind === 'follow_up' || action.kind === 'follow_up_stored') {
      await updateWithFollowUp(interaction, action, requestId);
      return;
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(toDiscordJsOptions(await answerShowFull(ctx, factsOf(interaction, requestId), action)));
  }

  /** A follow-up option: the new answer replaces the message the button sits on (interaction.update). */
  async function updateWithFollowUp(
    interaction: ButtonInteraction,
    action: Parameters<typeof answerFollowUp>[2],
    requestId: string,
  ): Promise<void> {
    const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    const result = await answerFollowUp(ctx, factsOf(interaction, requestId), action, { ephemeral });
    if (result.kind === 'update') await interaction.update(toDiscordJsOptions(result.message));
    else await interaction.reply({ ...toDiscordJsOptions(result.message), flags: MessageFlags.Ephemeral });
  }

  async function handleMessage(message: Message): Promise<void> {
    const me = client.user;
    if (!accepting || !me || message.author.bot) return;
    // Only a direct mention of the bot: not @everyone, a role it has, or a reply to one of its messages.
    if (!message.mentions.has(me, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: true })) return;
    const requestId = newRequestId();
    const log = services.logger.child({ requestId, platform: 'discord', transport: 'gateway' });
    try {
      const text = mentionText(message.content, me.id);
      const answer = await answerMention(ctx, factsOf(message, requestId), text);
      await postInThread(message, text, answer, log);
    } catch (error) {
      log.error({ err: error }, 'discord mention failed');
    }
  }

  client.on(Events.InteractionCreate, (interaction) => void track(handleInteraction(interaction)));
  client.on(Events.MessageCreate, (message) => void track(handleMessage(message)));
  client.once(Events.ClientReady, (ready) => services.logger.info({ platform: 'discord', user: ready.user.tag, guilds: ready.guilds.cache.size }, 'discord gateway connected'));
  client.on(Events.Error, (error) => services.logger.error({ err: error, platform: 'discord' }, 'discord client error'));

  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return {
    name: 'discord-gateway',
    client,
    handleInteraction: (interaction) => track(handleInteraction(interaction)),
    handleMessage: (message) => track(handleMessage(message)),
    idle,
    isReady: () => accepting && client.isReady(),
    async start() {
      accepting = true;
      const token = services.config.DISCORD_TOKEN;
      if (!token) throw new Error('DISCORD_TOKEN is not set');
      try {
        await client.login(token);
      } catch (error) {
        // A rejected token is the operator's to fix: say so plainly (start-up exits 2) instead of a stack trace.
        if (error instanceof Error && 'code' in error && error.code === 'TokenInvalid') throw new DiscordLoginError();
        throw error;
      }
    },
    async stop() {
      accepting = false;
      await idle();
      await client.destroy();
    },
  };
}

export class DiscordLoginError extends Error {
  constructor() {
    super('DISCORD_TOKEN: Discord rejected the bot token; copy a fresh one from the Bot page (see docs/discord.md)');
    this.name = 'DiscordLoginError';
  }
}

/** The mention's text without the bot's own mention tokens (wherever they sit in the message). */
export function mentionText(content: string, botId: string): string {
  return content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** Thread names are 1-100 characters; mentions in them never ping, but stay neutral in case they are echoed. */
export function threadName(text: string): string {
  const name = neutralizeMentions(text.replace(/[\r\n]+/g, ' ')).trim();
  return truncate(name ? `rustvsgo: ${name}` : 'rustvsgo', 100);
}

/**
 * Answers in the mention's thread: the thread it was posted in, the thread already started from it, or a new
 * thread started from it where the channel allows; otherwise (no permission, unsupported channel) a reply.
 */
async function postInThread(message: Message, text: string, answer: DiscordMessage, log: Services['logger']): Promise<void> {
  const options = toDiscordJsOptions(answer);
  const channel = message.channel;
  if (channel.isThread()) {
    await message.reply(options);
    return;
  }
  if (message.thread) {
    await message.thread.send(options);
    return;
  }
  if (message.inGuild() && (channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement)) {
    try {
      const thread = await message.startThread({ name: threadName(text), autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
      await thread.send(options);
      return;
    } catch (error) {
      log.warn({ err: error }, 'could not start a thread; replying in the channel');
    }
  }
  await message.reply(options);
}
