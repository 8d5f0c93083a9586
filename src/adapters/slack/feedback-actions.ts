// The buttons under every answer on Slack: thumbs up / thumbs down (`feedback_up` / `feedback_down`), the
// optional "What was wrong?" modal a thumbs-down opens (views.open), and "Save as ADR" (`save_adr`), which
// uploads the answer as a Markdown decision record into the channel or thread (the files.uploadV2 flow). Each
// button carries the ask that gave the answer; the answer is recomputed, never stored.
import type { App, RespondFn } from '@slack/bolt';
import { z } from 'zod';
import { adrMarkdown } from '../../advisor/adr.ts';
import { answerAgain, questionOfCommand } from '../../commands/answer-again.ts';
import { recordVote, voteThanks } from '../../commands/feedback-vote.ts';
import { newRequestId } from '../../core/request-id.ts';
import type { Services } from '../../core/services.ts';
import { FEEDBACK_COMMENT_MAX, type Vote } from '../../store/feedback.ts';
import type { ChannelKey } from '../../store/channel-key.ts';
import { blockActionSchema, type BlockActionPayload } from './payloads.ts';
import { ACTION_ID_PREFIX } from './render-block-kit.ts';

const FEEDBACK_MODAL_CALLBACK_ID = 'feedback_comment';
const COMMENT_BLOCK_ID = 'comment';
const COMMENT_ACTION_ID = 'comment';

type WebClient = App['client'];

export interface AnswerActionDeps {
  services: Services;
  /** Registers work still running after the ack, so stop() can wait for it. */
  track: (work: Promise<unknown>) => void;
}

/** What a button handler gets once its body is read: the payload, where it was pressed, and how to answer. */
interface ButtonPress<P extends BlockActionPayload> {
  payload: P;
  channelId: string;
  key: ChannelKey;
  /** An ephemeral note to the presser. */
  note: (text: string) => Promise<unknown>;
  client: WebClient;
  requestId: string;
}

/** The parts of Bolt's action arguments a button handler reads. */
interface ButtonActionArgs {
  ack: () => Promise<void>;
  body: unknown;
  respond?: RespondFn;
  client: WebClient;
}

const buttonPayloadSchema = blockActionSchema.extend({ trigger_id: z.string().optional() });

const modalMetadataSchema = z.object({ voteId: z.string().regex(/^[\w-]{1,64}$/) });

const commentSubmissionSchema = z.object({
  view: z.object({
    callback_id: z.literal(FEEDBACK_MODAL_CALLBACK_ID),
    private_metadata: z.string(),
    state: z.object({
      values: z.object({
        [COMMENT_BLOCK_ID]: z.object({ [COMMENT_ACTION_ID]: z.object({ value: z.string().nullish() }) }).optional(),
      }),
    }),
  }),
});

const uploadTicketSchema = z.object({ upload_url: z.url(), file_id: z.string().min(1) });

/** The "What was wrong?" modal; the vote it belongs to travels in private_metadata. */
function feedbackModal(voteId: string) {
  return {
    type: 'modal' as const,
    callback_id: FEEDBACK_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ voteId }),
    title: { type: 'plain_text' as const, text: 'What was wrong?' },
    submit: { type: 'plain_text' as const, text: 'Send' },
    close: { type: 'plain_text' as const, text: 'Skip' },
    blocks: [
      {
        type: 'input' as const,
        block_id: COMMENT_BLOCK_ID,
        optional: true,
        label: { type: 'plain_text' as const, text: 'What was wrong with the answer? (optional)' },
        element: {
          type: 'plain_text_input' as const,
          action_id: COMMENT_ACTION_ID,
          multiline: true,
          max_length: FEEDBACK_COMMENT_MAX,
          placeholder: { type: 'plain_text' as const, text: 'e.g. it missed that we already run Go services' },
        },
      },
    ],
  };
}

export function registerAnswerActions(app: App, deps: AnswerActionDeps): void {
  const { services } = deps;

  /** Runs after the ack; a failure is logged and the presser told, never a crash. */
  const afterAck = (requestId: string, work: () => Promise<void>, tell: (text: string) => Promise<unknown>) => {
    const log = services.logger.child({ requestId, platform: 'slack' });
    deps.track(
      work().catch(async (error: unknown) => {
        log.error({ err: error }, 'slack answer button failed');
        await Promise.resolve()
          .then(() => tell(`Sorry, something went wrong on our side. If it keeps happening, quote error id \`${requestId}\`.`))
          .catch((e: unknown) => log.warn({ err: e }, 'could not tell the user'));
      }),
    );
  };

  const channelOf = (payload: BlockActionPayload) => payload.channel?.id ?? payload.container?.channel_id;
  const keyOf = (payload: BlockActionPayload, channelId: string) => ({
    platform: 'slack' as const,
    workspaceId: payload.team?.id ?? payload.user.team_id ?? 'unknown',
    channelId,
  });

  /** An ephemeral note to the presser: through the response URL when there is one, else chat.postEphemeral. */
  const noteTo = (payload: BlockActionPayload, respond: RespondFn | undefined, client: WebClient) => (text: string) =>
    respond
      ? respond({ response_type: 'ephemeral', replace_original: false, text })
      : client.chat.postEphemeral({ channel: channelOf(payload) ?? '', user: payload.user.id, text });

  /**
   * The preamble every answer button shares: ack within Slack's 3 s, read the body with `schema` (a body that does
   * not fit is logged and dropped: there is no one to tell), then run `work` after the ack with the channel it was
   * pressed in and a way to tell the presser; `label` names the button in the logs.
   */
  const buttonAction =
    <P extends BlockActionPayload>(schema: z.ZodType<P>, label: string, work: (press: ButtonPress<P>) => Promise<void>) =>
    async ({ ack, body, respond, client }: ButtonActionArgs) => {
      await ack();
      const requestId = newRequestId();
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        services.logger.warn({ requestId, platform: 'slack' }, `${label} without a usable payload`);
        return;
      }
      const payload = parsed.data;
      const note = noteTo(payload, respond, client);
      afterAck(
        requestId,
        async () => {
          const channelId = channelOf(payload);
          if (!channelId) throw new Error(`${label} pressed outside a channel`);
          await work({ payload, channelId, key: keyOf(payload, channelId), note, client, requestId });
        },
        note,
      );
    };

  for (const vote of ['up', 'down'] as const satisfies readonly Vote[]) {
    app.action(
      ACTION_ID_PREFIX[vote === 'up' ? 'feedback_up' : 'feedback_down'],
      buttonAction(buttonPayloadSchema, 'feedback button', async ({ payload, key, note, client, requestId }) => {
        const result = await recordVote(services, key, vote, payload.actions[0]!.value ?? '');
        if (!result.ok) {
          await note('This button does not belong to an answer, so there is nothing to vote on.');
          return;
        }
        // A thumbs-down asks what was wrong; the modal is optional, so closing it keeps the vote as it is.
        if (vote === 'down' && payload.trigger_id) {
          try {
            await client.views.open({ trigger_id: payload.trigger_id, view: feedbackModal(result.id) });
            return;
          } catch (error) {
            // The trigger lasts 3 s; a late or refused modal still leaves the vote recorded.
            services.logger.warn({ err: error, requestId }, 'could not open the feedback modal');
          }
        }
        await note(voteThanks(vote));
      }),
    );
  }

  app.view(FEEDBACK_MODAL_CALLBACK_ID, async ({ ack, body }) => {
    await ack();
    const requestId = newRequestId();
    const submission = commentSubmissionSchema.safeParse(body);
    const metadata = submission.success ? safeJson(submission.data.view.private_metadata, modalMetadataSchema) : undefined;
    if (!submission.success || !metadata) {
      services.logger.warn({ requestId, platform: 'slack' }, 'feedback modal submission without a usable payload');
      return;
    }
    const comment = submission.data.view.state.values[COMMENT_BLOCK_ID]?.[COMMENT_ACTION_ID]?.value?.trim() ?? '';
    if (comment === '') return;
    deps.track(
      services.store.feedback
        .comment(metadata.voteId, comment)
        .catch((error: unknown) => services.logger.error({ err: error, requestId, platform: 'slack' }, 'could not store a feedback comment')),
    );
  });

  app.action(
    ACTION_ID_PREFIX.save_adr,
    buttonAction(blockActionSchema, 'save-adr button', async ({ payload, channelId, key, note, client }) => {
      const question = questionOfCommand(payload.actions[0]!.value ?? '');
      if (!question) {
        await note('This button does not belong to an answer, so there is nothing to save.');
        return;
      }
      const { advice, profile } = await answerAgain(services, key, question);
      const adr = adrMarkdown({ advice, profile, date: services.now().toISOString().slice(0, 10) });
      // Under a thread answer the file goes into that thread; under an ephemeral answer, into the channel.
      const threadTs = payload.message?.thread_ts ?? payload.message?.ts;
      const bytes = Buffer.from(adr.markdown, 'utf8');
      const ticket = uploadTicketSchema.parse(await client.files.getUploadURLExternal({ filename: adr.filename, length: bytes.length }));
      const uploaded = await fetch(ticket.upload_url, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
        signal: AbortSignal.timeout(15_000),
      });
      if (!uploaded.ok) throw new Error(`Slack file upload answered HTTP ${uploaded.status}`);
      try {
        await client.files.completeUploadExternal({
          files: [{ id: ticket.file_id, title: adr.title }],
          channel_id: channelId,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      } catch (error) {
        const code = slackErrorCode(error);
        if (code !== 'not_in_channel' && code !== 'channel_not_found') throw error;
        await note('I cannot post files in this channel. Invite @rustvsgo to the channel (`/invite @rustvsgo`) and press Save as ADR again.');
      }
    }),
  );
}

function safeJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
