// The buttons every answer carries besides its own: thumbs up / thumbs down (a vote that feeds the evaluation) and
// "Save as ADR". Each carries the ask that gave the answer: answers are deterministic, so the adapter recomputes
// the same advice when a button is pressed rather than storing it.
import type { ReplyAction } from '../core/reply.ts';
import { neutralizeMentions } from '../core/safe-text.ts';
import type { Advice } from './advice.ts';

export function answerActions(advice: Advice): ReplyAction[] {
  const command = `ask ${neutralizeMentions(advice.question)}`;
  return [
    { kind: 'feedback_up', label: '👍', command },
    { kind: 'feedback_down', label: '👎', command },
    { kind: 'save_adr', label: 'Save as ADR', command },
  ];
}
