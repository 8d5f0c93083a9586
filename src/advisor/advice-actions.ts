// The buttons under an answer that come from the advice itself: "Show full answer" and one per follow-up option.
import type { ReplyAction } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import type { Advice } from './advice.ts';

/** Text of the command that gives the full answer to the same question. */
export function fullAnswerCommand(advice: Advice): string {
  return `ask --full ${advice.question}`;
}

/**
 * One button per follow-up option; each re-asks the whole question with that fact added (condensed again).
 * Labels and commands are user-derived text, so they are neutralized like any echo.
 */
export function followUpActions(advice: Advice, labelMax = 75): ReplyAction[] {
  return (advice.follow_up?.options ?? []).map((o) => ({
    kind: 'follow_up' as const,
    label: neutralizeMentions(truncate(o.label, labelMax)),
    command: `ask ${neutralizeMentions(o.ask)}`,
  }));
}
