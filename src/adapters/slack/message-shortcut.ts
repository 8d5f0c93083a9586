// "Ask rustvsgo" on a message (message shortcut, callback_id `ask_about_message`): answers the message's text in
// that message's thread, as a mention would, so a discussion gets an answer without anyone typing a mention or
// leaving the thread. Where the bot cannot post (not in the channel), the answer goes to the presser alone through
// the shortcut's response URL, with "Share in channel".
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { CommandSpec } from '../../core/command-spec.ts';
import { apologyReply, dispatchText } from '../../core/dispatch.ts';
import { reply, type Reply } from '../../core/reply.ts';
import { newRequestId } from '../../core/request-id.ts';
import { truncate } from '../../core/safe-text.ts';
import type { Services } from '../../core/services.ts';
import { mentionReply, readUserText } from './listeners.ts';
import { renderBlockKit } from './render-block-kit.ts';

export const MESSAGE_SHORTCUT_CALLBACK_ID = 'ask_about_message';
/** What `ask` accepts; a longer message is asked about by its beginning. */
const QUESTION_MAX = 1000;

const messageActionSchema = z.object({
  type: z.literal('message_action'),
  callback_id: z.literal(MESSAGE_SHORTCUT_CALLBACK_ID),
  team: z.object({ id: z.string().min(1) }).nullable().optional(),
  channel: z.object({ id: z.string().min(1) }),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  message: z.object({ ts: z.string().min(1), thread_ts: z.string().optional(), text: z.string().default('') }),
  response_url: z.url().optional(),
});

export interface MessageShortcutDeps {
  services: Services;
  commands: readonly CommandSpec[];
  track: (work: Promise<unknown>) => void;
}

export function registerMessageShortcut(app: App, deps: MessageShortcutDeps): void {
  const { services } = deps;
  const render = (reply: Reply) => renderBlockKit(reply, { kbVersion: services.knowledge.version });
  app.shortcut({ callback_id: MESSAGE_SHORTCUT_CALLBACK_ID, type: 'message_action' }, async ({ ack, body, client, respond, context }) => {
    await ack();
    const requestId = newRequestId();
    const log = services.logger.child({ requestId, platform: 'slack' });
    const parsed = messageActionSchema.safeParse(body);
    if (!parsed.success) {
      log.warn('message shortcut without a usable payload');
      return;
    }
    const action = parsed.data;
    const threadTs = action.message.thread_ts ?? action.message.ts;
    const privately = (answer: Reply): Promise<unknown> =>
      respond
        ? respond({ response_type: 'ephemeral', ...render(answer) })
        : client.chat.postEphemeral({ channel: action.channel.id, user: action.user.id, ...render(answer) });
    deps.track(
      (async () => {
        const text = truncate(readUserText(action.message.text, context.botUserId), QUESTION_MAX);
        if (text.length < 3) {
          await privately(reply({ title: 'That message has no text to ask about.' }));
          return;
        }
        const outcome = await dispatchText(`ask ${text}`, {
          platform: 'slack',
          workspaceId: action.team?.id ?? action.user.team_id ?? 'unknown',
          channelId: action.channel.id,
          threadId: threadTs,
          userId: action.user.id,
          locale: 'en',
          requestId,
          mode: 'mention',
        }, services, deps.commands);
        const shown = outcome.outcome === 'ok' ? mentionReply(outcome, `ask ${text}`) : outcome.reply;
        try {
          await client.chat.postMessage({ channel: action.channel.id, thread_ts: threadTs, ...render(shown) });
        } catch (error) {
          const code = (error as { data?: { error?: unknown } }).data?.error;
          if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
          // Not a member: only the presser sees the answer, and may share it once the bot is invited.
          await privately({ ...shown, visibility: 'ephemeral', actions: [{ kind: 'share', label: 'Share in channel', command: `ask ${text}` }, ...shown.actions] });
        }
      })().catch(async (error: unknown) => {
        log.error({ err: error }, 'message shortcut failed');
        await Promise.resolve()
          .then(() => privately(apologyReply(requestId)))
          .catch((e: unknown) => log.warn({ err: e }, 'could not send the apology'));
      }),
    );
  });
}
