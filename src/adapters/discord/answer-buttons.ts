// The buttons under every answer on Discord: thumbs up / thumbs down (custom_id prefixes `feedback_up` /
// `feedback_down`), the optional "What was wrong?" modal a thumbs-down opens (interaction response type 9), and
// "Save as ADR" (`save_adr`), which answers with the decision record as a Markdown attachment. A button carries
// the ask that gave the answer (inline when it fits in a custom_id, else an id in store.discordActions); the
// answer is recomputed from it, never stored. Shared by the HTTP endpoint and the gateway.
import { z } from 'zod';
import { adrMarkdown } from '../../advisor/adr.ts';
import { answerAgain, questionOfCommand } from '../../commands/answer-again.ts';
import { recordVote, voteThanks } from '../../commands/feedback-vote.ts';
import type { ReplyAction } from '../../core/reply.ts';
import type { Services } from '../../core/services.ts';
import { channelKeyOf } from '../../store/channel-key.ts';
import { FEEDBACK_COMMENT_MAX } from '../../store/feedback.ts';
import { CUSTOM_ID_MAX } from './button-ids.ts';
import { discordOrigin, type DiscordAnswerContext, type DiscordFacts } from './discord-answers.ts';
import { noticeMessage, type DiscordMessage } from './message-payload.ts';

export type AnswerButtonKind = Extract<ReplyAction['kind'], 'feedback_up' | 'feedback_down' | 'save_adr'>;
const ANSWER_BUTTON_KINDS: readonly AnswerButtonKind[] = ['feedback_up', 'feedback_down', 'save_adr'];

export function isAnswerButtonKind(kind: ReplyAction['kind']): kind is AnswerButtonKind {
  return (ANSWER_BUTTON_KINDS as readonly string[]).includes(kind);
}

export type AnswerButton = { kind: AnswerButtonKind; command: string } | { kind: AnswerButtonKind; storedId: string };

/** The custom_id for an answer button: `<kind>:q:<command>` when it fits, else `<kind>:ref:<stored id>`. */
export async function answerButtonId(services: Services, kind: AnswerButtonKind, command: string): Promise<string> {
  const inline = `${kind}:q:${command}`;
  if (inline.length <= CUSTOM_ID_MAX) return inline;
  return `${kind}:ref:${await services.store.discordActions.save(command, services.now())}`;
}

const storedIdSchema = z.string().regex(/^[\w-]{1,64}$/);

/** Reads an answer button's custom_id; anything else is undefined. */
export function parseAnswerButtonId(customId: string): AnswerButton | undefined {
  const kind = ANSWER_BUTTON_KINDS.find((k) => customId.startsWith(`${k}:`));
  if (!kind) return undefined;
  const rest = customId.slice(kind.length + 1);
  if (rest.startsWith('q:')) return { kind, command: rest.slice(2) };
  if (rest.startsWith('ref:')) {
    const id = storedIdSchema.safeParse(rest.slice(4));
    return id.success ? { kind, storedId: id.data } : undefined;
  }
  return undefined;
}

const FEEDBACK_MODAL_PREFIX = 'feedback_comment:';
const COMMENT_INPUT_ID = 'comment';

/** The "What was wrong?" modal (type 9 data); the vote it belongs to is in its custom_id. */
function feedbackModal(voteId: string) {
  return {
    custom_id: `${FEEDBACK_MODAL_PREFIX}${voteId}`,
    title: 'What was wrong?',
    components: [
      {
        type: 1,
        components: [
          {
            type: 4,
            custom_id: COMMENT_INPUT_ID,
            style: 2,
            label: 'What was wrong with the answer? (optional)',
            required: false,
            max_length: FEEDBACK_COMMENT_MAX,
            placeholder: 'e.g. it missed that we already run Go services',
          },
        ],
      },
    ],
  };
}

export interface AdrAttachment {
  message: DiscordMessage;
  file: { name: string; data: Buffer };
}

/** What pressing an answer button gives: a notice, the comment modal, or the ADR as an attachment. */
export type AnswerButtonResult =
  | { kind: 'notice'; message: DiscordMessage }
  | { kind: 'modal'; modal: ReturnType<typeof feedbackModal> }
  | { kind: 'adr'; adr: AdrAttachment };

export async function pressAnswerButton(ctx: DiscordAnswerContext, facts: DiscordFacts, button: AnswerButton): Promise<AnswerButtonResult> {
  const { services } = ctx;
  const command = 'command' in button ? button.command : await services.store.discordActions.get(button.storedId, services.now()).catch(() => undefined);
  if (command === undefined) return { kind: 'notice', message: noticeMessage('This button has expired. Ask the question again for a fresh answer.') };
  const channel = channelKeyOf(discordOrigin(facts, services));
  if (button.kind === 'save_adr') {
    const question = questionOfCommand(command);
    if (!question) return { kind: 'notice', message: noticeMessage('This button does not belong to an answer, so there is nothing to save.') };
    const { advice, profile } = await answerAgain(services, channel, question);
    const adr = adrMarkdown({ advice, profile, date: services.now().toISOString().slice(0, 10) });
    return {
      kind: 'adr',
      adr: { message: noticeMessage(`Architecture decision record: **${adr.filename}**`), file: { name: adr.filename, data: Buffer.from(adr.markdown, 'utf8') } },
    };
  }
  const vote = button.kind === 'feedback_up' ? 'up' : 'down';
  const result = await recordVote(services, channel, vote, command);
  if (!result.ok) return { kind: 'notice', message: noticeMessage('This button does not belong to an answer, so there is nothing to vote on.') };
  return vote === 'down' ? { kind: 'modal', modal: feedbackModal(result.id) } : { kind: 'notice', message: noticeMessage(voteThanks(vote)) };
}

const modalSubmitSchema = z.object({
  data: z.object({
    custom_id: z.string().startsWith(FEEDBACK_MODAL_PREFIX),
    components: z
      .array(z.object({ components: z.array(z.object({ custom_id: z.string(), value: z.string().nullish() })).max(5) }))
      .max(5)
      .default([]),
  }),
});

/** The vote id and comment of a "What was wrong?" submission, or undefined for any other modal. */
export function readFeedbackSubmission(raw: unknown): { voteId: string; comment: string } | undefined {
  const parsed = modalSubmitSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const voteId = storedIdSchema.safeParse(parsed.data.data.custom_id.slice(FEEDBACK_MODAL_PREFIX.length));
  if (!voteId.success) return undefined;
  const input = parsed.data.data.components.flatMap((row) => row.components).find((c) => c.custom_id === COMMENT_INPUT_ID);
  return { voteId: voteId.data, comment: (input?.value ?? '').trim() };
}

/** Stores a submitted comment (an empty one changes nothing) and returns the notice for the submitter. */
export async function submitFeedbackComment(services: Services, submission: { voteId: string; comment: string }): Promise<DiscordMessage> {
  if (submission.comment !== '') await services.store.feedback.comment(submission.voteId, submission.comment);
  return noticeMessage('Thanks: this answer is marked for review.');
}
