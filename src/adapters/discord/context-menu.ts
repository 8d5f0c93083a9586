// "Ask rustvsgo" in a message's Apps menu (a message context-menu command, application command type 3): answers
// the message's text as `/rustvsgo ask` would, ephemeral with a Share button, so a discussion gets an answer
// without anyone retyping it. Registered by `npm run discord:deploy` next to /rustvsgo.
import { z } from 'zod';
import { neutralizeMentions, truncate } from '../../core/safe-text.ts';
import { answerCommand, type DiscordAnswerContext, type DiscordFacts } from './discord-answers.ts';
import { noticeMessage, type DiscordMessage } from './message-payload.ts';

export const ASK_MESSAGE_COMMAND_NAME = 'Ask rustvsgo';
/** Application command type 3: a message context-menu command (no description or options allowed). */
const MESSAGE_COMMAND_TYPE = 3;

export const askMessageCommandDefinition = { name: ASK_MESSAGE_COMMAND_NAME, type: MESSAGE_COMMAND_TYPE } as const;

/** What `ask` accepts; a longer message is asked about by its beginning. */
const QUESTION_MAX = 1000;

const messageCommandSchema = z.object({
  data: z.object({
    type: z.literal(MESSAGE_COMMAND_TYPE),
    name: z.literal(ASK_MESSAGE_COMMAND_NAME),
    target_id: z.string().min(1),
    resolved: z.object({ messages: z.record(z.string(), z.object({ content: z.string().default('') })) }),
  }),
});

/** The target message's text when the raw interaction is the "Ask rustvsgo" message command, else undefined. */
export function readMessageCommand(raw: unknown): { content: string } | undefined {
  const parsed = messageCommandSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return { content: parsed.data.data.resolved.messages[parsed.data.data.target_id]?.content ?? '' };
}

/** The answer to a message's text: ephemeral, with Share and the answer's own buttons (votes, Save as ADR). */
export async function answerAboutMessage(ctx: DiscordAnswerContext, facts: DiscordFacts, content: string): Promise<DiscordMessage> {
  // Someone else's text: made inert before it becomes the question, so no echo of it (button ids included) is live.
  const question = truncate(neutralizeMentions(content).replace(/\s+/g, ' ').trim(), QUESTION_MAX);
  if (question.length < 3) return noticeMessage('That message has no text to ask about.');
  return answerCommand(ctx, facts, { path: 'ask', options: { question } });
}
