// What the bot does with each Slack input: the /rustvsgo command, its buttons, mentions, and uninstall events.
// The same listeners serve HTTP and Socket Mode; only the receiver differs. Answers come from the core
// (dispatchText); this file only translates between Slack payloads and the core.
import type { App, RespondFn } from '@slack/bolt';
import type { CommandSpec } from '../../core/command-spec.ts';
import { condenseReply } from '../../core/condense.ts';
import { apologyReply, dispatchText, type DispatchOutcome } from '../../core/dispatch.ts';
import type { InvocationOrigin } from '../../core/invocation.ts';
import type { Reply } from '../../core/reply.ts';
import { newRequestId } from '../../core/request-id.ts';
import { neutralizeMentions } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import type { SlackInstallationKey } from '../../store/slack-installations.ts';
import { unescapeSlackText } from './mrkdwn.ts';
import { AnswerQueue } from '../answer-queue.ts';
import { appMentionSchema, blockActionSchema, eventEnvelopeSchema, slashCommandSchema, tokensRevokedSchema, type BlockActionPayload } from './payloads.ts';
import { ACTION_ID_PREFIX, renderBlockKit, type SlackMessage } from './render-block-kit.ts';
import { SeenEvents } from './seen-events.ts';
import { slackAdminPort } from './settings-access.ts';
import { registerAnswerActions } from './feedback-actions.ts';
import { registerMessageShortcut } from './message-shortcut.ts';
import { registerAppHome } from './app-home.ts';
import { openSettingsForm, registerSettingsForms } from './settings-forms.ts';

export const SLASH_COMMAND = '/rustvsgo';

export interface SlackListenerDeps {
  services: Services;
  commands: readonly CommandSpec[];
  seenEvents: SeenEvents;
  /** Deletes a workspace's stored installation (OAuth mode); absent with a single SLACK_BOT_TOKEN. */
  forgetInstallation?: (key: SlackInstallationKey) => Promise<boolean>;
  /** Registers work still running after the ack, so stop() can wait for it. */
  track: (work: Promise<unknown>) => void;
  /** Where answers wait their turn, so acks stay fast under load (defaults to a fresh queue). */
  answerQueue?: AnswerQueue;
}

type WebClient = App['client'];

/** Posts a message in a channel or thread with the bot token of the event's workspace. */
type PostMessage = (message: SlackMessage & { channel: string; thread_ts?: string }) => Promise<unknown>;

export function registerSlackListeners(app: App, deps: SlackListenerDeps): void {
  const { services, commands } = deps;
  const queue = deps.answerQueue ?? new AnswerQueue();
  const render = (reply: Reply) => renderBlockKit(reply, { kbVersion: services.knowledge.version });

  /** Runs after the ack; a failure becomes an apology with an id, never a crash or a silent drop. */
  const afterAck = (requestId: string, work: () => Promise<void>, apologize: (message: SlackMessage) => Promise<unknown>) => {
    const log = services.logger.child({ requestId, platform: 'slack' });
    deps.track(
      queue.run(work).catch(async (error: unknown) => {
        log.error({ err: error }, 'slack handler failed');
        // Promise.resolve().then: an apology path that throws synchronously is caught like one that rejects.
        await Promise.resolve()
          .then(() => apologize(render(apologyReply(requestId))))
          .catch((e: unknown) => log.warn({ err: e }, 'could not send the apology'));
      }),
    );
  };

  /** The core's access port: Slack's answer costs a users.info call, which dispatch makes only when it must. */
  const isChannelAdmin = (userId: string, client: WebClient): Pick<InvocationOrigin, 'isChannelAdmin'> =>
    slackAdminPort((user) => client.users.info({ user }), userId);

  const run = (text: string, origin: InvocationOrigin): Promise<DispatchOutcome> => dispatchText(text, origin, services, commands);

  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // Slack allows 3 s; the answer goes to the response URL afterwards.
    await ack();
    const requestId = newRequestId();
    // Slack always sends a response_url; a request without one (a replayed or hand-made body) is answered
    // ephemerally through the Web API instead, so neither the answer nor the apology depends on it.
    const answerCommand = (visibility: 'ephemeral' | 'in_channel', message: SlackMessage): Promise<unknown> =>
      respond
        ? respond({ response_type: visibility, ...message })
        : client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: message.text, blocks: message.blocks });
    afterAck(
      requestId,
      async () => {
        const payload = slashCommandSchema.parse(command);
        const text = readUserText(payload.text);
        const outcome = await run(text, {
          platform: 'slack',
          workspaceId: payload.team_id,
          channelId: payload.channel_id,
          userId: payload.user_id,
          locale: 'en',
          requestId,
          ...isChannelAdmin(payload.user_id, client),
          mode: 'command',
          // A trigger can open a modal: `team` and `digest subscribe` alone then answer with a settings form.
          ...(payload.trigger_id ? { forms: true } : {}),
        });
        if (outcome.reply.form && payload.trigger_id) {
          const target = { channelId: payload.channel_id, openedFrom: 'command' as const, ...(payload.response_url ? { responseUrl: payload.response_url } : {}) };
          const opened = await openSettingsForm(client, services, payload.trigger_id, outcome.reply.form, target).then(
            () => true,
            // The trigger lasts 3 s and works once; a form that cannot open leaves the text answer, which says how.
            (error: unknown) => (services.logger.warn({ err: error, requestId, platform: 'slack' }, 'could not open a settings modal'), false),
          );
          if (opened) return;
        }
        await answerCommand(outcome.reply.visibility, render(outcome.reply));
      },
      (message) => answerCommand('ephemeral', message),
    );
  });

  // "Share in channel": re-runs the command (answers are deterministic) and posts it for everyone.
  app.action(new RegExp(`^${ACTION_ID_PREFIX.share}`), async ({ ack, body, respond, client }) => {
    await ack();
    const requestId = newRequestId();
    afterAck(
      requestId,
      async () => {
        const payload = blockActionSchema.parse(body);
        const channelId = payload.channel?.id ?? payload.container?.channel_id;
        if (!channelId) throw new Error('share button pressed outside a channel');
        const outcome = await run(payload.actions[0]!.value ?? '', {
          ...actionOrigin(payload, channelId, requestId),
          // Sharing never changes settings (no isChannelAdmin): a manage command is refused rather than run again.
          mode: 'command',
        });
        if (outcome.outcome !== 'ok') {
          await respondOrPost(respond, client, channelId, { response_type: 'ephemeral', ...render(outcome.reply) });
          return;
        }
        const shared: Reply = { ...outcome.reply, actions: [], visibility: 'in_channel' };
        await respondOrPost(respond, client, channelId, { response_type: 'in_channel', replace_original: false, ...render(shared) });
      },
      (message) => (respond ? respond({ response_type: 'ephemeral', replace_original: false, ...message }) : Promise.resolve()),
    );
  });

  // "Show full answer" under a condensed thread reply: the full answer, in the same thread.
  app.action(new RegExp(`^${ACTION_ID_PREFIX.show_full}`), async ({ ack, body, client, respond }) => {
    await ack();
    const requestId = newRequestId();
    const payload = blockActionSchema.safeParse(body);
    // Under an ephemeral answer (a slash command's), the full answer replaces it: only its asker sees either.
    if (payload.success && payload.data.container?.is_ephemeral && respond) {
      replaceInPlace(payload.data, respond, requestId);
      return;
    }
    const channelId = payload.success ? (payload.data.channel?.id ?? payload.data.container?.channel_id) : undefined;
    const message = payload.success ? payload.data.message : undefined;
    const threadTs = message?.thread_ts ?? message?.ts ?? (payload.success ? payload.data.container?.thread_ts : undefined);
    const post: PostMessage = (m) => client.chat.postMessage(m);
    afterAck(
      requestId,
      async () => {
        if (!payload.success) throw payload.error;
        if (!channelId) throw new Error('show-full button pressed outside a channel');
        // The button carries a full command (see mentionReply), so it runs as a command: the complete answer.
        const outcome = await run(payload.data.actions[0]!.value ?? '', {
          ...actionOrigin(payload.data, channelId, requestId),
          mode: 'command',
          ...(threadTs ? { threadId: threadTs } : {}),
        });
        await post({ channel: channelId, ...(threadTs ? { thread_ts: threadTs } : {}), ...render({ ...outcome.reply, actions: [] }) });
      },
      (m) => (channelId ? post({ channel: channelId, ...(threadTs ? { thread_ts: threadTs } : {}), ...m }) : Promise.resolve()),
    );
  });

  // A follow-up option under an answer: re-asks the question with that fact added and replaces the answer.
  app.action(new RegExp(`^${ACTION_ID_PREFIX.follow_up}`), async ({ ack, body, respond }) => {
    await ack();
    const requestId = newRequestId();
    const payload = blockActionSchema.safeParse(body);
    if (!payload.success || !respond) {
      services.logger.warn({ requestId, platform: 'slack' }, 'follow-up button without a usable payload or response URL');
      return;
    }
    replaceInPlace(payload.data, respond, requestId);
  });

  /**
   * Runs a button's command and puts the answer in place of the message the button sits on, through the action's
   * response_url (replace_original). Buttons only show answers, so settings commands are refused, whoever presses.
   */
  function replaceInPlace(payload: BlockActionPayload, respond: RespondFn, requestId: string): void {
    afterAck(
      requestId,
      async () => {
        const channelId = payload.channel?.id ?? payload.container?.channel_id ?? 'unknown';
        const text = payload.actions[0]!.value ?? '';
        const outcome = await run(text, { ...actionOrigin(payload, channelId, requestId), mode: 'command' });
        // An ephemeral answer keeps "Share in channel"; one already in a channel or thread has nothing to share.
        const ephemeral = payload.container?.is_ephemeral ?? !payload.message;
        const shown: Reply = ephemeral ? outcome.reply : { ...outcome.reply, actions: outcome.reply.actions.filter((a) => a.kind !== 'share') };
        await respond({ replace_original: true, ...render(shown) });
      },
      (message) => respond({ response_type: 'ephemeral', replace_original: false, ...message }),
    );
  }

  // Thread lookups: a mention is answered in its thread (a new thread under the message when it was in none).
  app.event('app_mention', async ({ event, body, client, context }) => {
    const envelope = eventEnvelopeSchema.parse(body);
    // Slack retries an event it thinks was not delivered; answer each event once.
    if (envelope.event_id && deps.seenEvents.checkAndRemember(envelope.event_id)) return;
    const mention = appMentionSchema.parse(event);
    const threadTs = mention.thread_ts ?? mention.ts;
    const requestId = newRequestId();
    const post: PostMessage = (m) => client.chat.postMessage(m);
    afterAck(
      requestId,
      async () => {
        const text = readUserText(mention.text, context.botUserId);
        const userId = mention.user ?? 'unknown';
        const outcome = await run(text, {
          platform: 'slack',
          workspaceId: envelope.team_id ?? mention.team ?? context.teamId ?? 'unknown',
          channelId: mention.channel,
          threadId: threadTs,
          userId,
          locale: 'en',
          requestId,
          ...isChannelAdmin(userId, client),
          mode: 'mention',
        });
        const shown = outcome.outcome === 'ok' ? mentionReply(outcome, text) : outcome.reply;
        await post({ channel: mention.channel, thread_ts: threadTs, ...render(shown) });
      },
      (m) => post({ channel: mention.channel, thread_ts: threadTs, ...m }),
    );
  });

  const forget = async (body: unknown, why: string) => {
    const envelope = eventEnvelopeSchema.parse(body);
    const log = services.logger.child({ platform: 'slack', teamId: envelope.team_id, enterpriseId: envelope.enterprise_id });
    if (!deps.forgetInstallation) {
      log.info(`${why}; running with a single SLACK_BOT_TOKEN, so nothing is stored to delete`);
      return;
    }
    const deleted = await deps.forgetInstallation({
      teamId: envelope.team_id,
      enterpriseId: envelope.enterprise_id,
      isEnterpriseInstall: envelope.is_enterprise_install ?? false,
    });
    log.info({ deleted }, `${why}; installation deleted`);
  };

  // A failure here (database down) is logged; Slack retries the event, and the next delivery tries again.
  const forgetLogged = (body: unknown, why: string) =>
    forget(body, why).catch((error: unknown) => services.logger.error({ err: error, platform: 'slack' }, `${why}; could not delete the installation`));

  // Votes, the "What was wrong?" modal and "Save as ADR" (feedback-actions.ts).
  registerAnswerActions(app, { services, track: deps.track });
  // "Ask rustvsgo" on a message (message-shortcut.ts).
  registerMessageShortcut(app, { services, commands, track: deps.track });
  // The App Home tab (app-home.ts).
  registerAppHome(app, { services, track: deps.track });
  // Team profile and digest settings through modals, and the App Home's edit buttons (settings-forms.ts).
  registerSettingsForms(app, { services, commands, track: deps.track });

  app.event('app_uninstalled', async ({ body }) => {
    deps.track(forgetLogged(body, 'app uninstalled'));
  });

  app.event('tokens_revoked', async ({ event, body }) => {
    const revoked = tokensRevokedSchema.safeParse(event);
    // Only a revoked bot token makes the installation useless; user tokens are not used.
    if (revoked.success && (revoked.data.tokens.bot?.length ?? 0) > 0) deps.track(forgetLogged(body, 'bot token revoked'));
  });
}

/**
 * User text as the core should see it: the bot's own mention removed, every other mention token made inert (so
 * it can never be echoed live), then Slack's entity escaping undone (the renderer escapes again on the way out).
 */
export function readUserText(raw: string, botUserId?: string): string {
  const withoutBot = botUserId ? raw.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ') : raw;
  return unescapeSlackText(neutralizeMentions(withoutBot)).replace(/[ \t]{2,}/g, ' ').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A mention's answer, short. A handler that already answered briefly for a mention (with its own "show more"
 * button) is kept as it is; otherwise the core condenses it. Either way the button carries a command that gives
 * the complete answer when run as a command: the mention text names no command ("gc pauses?" was read as a
 * lookup), so the command that ran is put in front of it.
 */
export function mentionReply(outcome: DispatchOutcome, text: string): Reply {
  if (outcome.reply.actions.some((a) => a.kind === 'show_full')) {
    // In a thread the answer is already public: "Share in channel" would only repeat it.
    return { ...outcome.reply, actions: outcome.reply.actions.filter((a) => a.kind !== 'share'), visibility: 'in_channel' };
  }
  const namesCommand = (text.split(/\s+/)[0] ?? '').toLowerCase() === outcome.command.split(' ')[0];
  return condenseReply(outcome.reply, namesCommand ? text : `${outcome.command} ${text}`);
}

function actionOrigin(payload: ReturnType<typeof blockActionSchema.parse>, channelId: string, requestId: string) {
  return {
    platform: 'slack' as const,
    workspaceId: payload.team?.id ?? payload.user.team_id ?? 'unknown',
    channelId,
    userId: payload.user.id,
    locale: 'en',
    requestId,
  };
}

/** The response URL when the payload has one (it can post in_channel), else chat.postMessage. */
async function respondOrPost(
  respond: RespondFn | undefined,
  client: WebClient,
  channel: string,
  message: SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean },
): Promise<unknown> {
  if (respond) return respond(message);
  const { text, blocks } = message;
  return client.chat.postMessage({ channel, text, blocks });
}
