// A vote on an answer, as every adapter records it: the answer is recomputed from the question (so the vote stores
// what the answer said: situation read, recommendation, confidence, KB version) and counted on /metrics.
import type { Services } from '../core/services.ts';
import type { ChannelKey } from '../store/channel-key.ts';
import type { Vote } from '../store/feedback.ts';
import { answerAgain, questionOfCommand } from './answer-again.ts';

export type VoteResult = { ok: true; id: string } | { ok: false; reason: 'not_an_answer' };

export async function recordVote(services: Services, channel: ChannelKey, vote: Vote, command: string): Promise<VoteResult> {
  const question = questionOfCommand(command);
  if (!question) return { ok: false, reason: 'not_an_answer' };
  const { advice } = await answerAgain(services, channel, question);
  const id = await services.store.feedback.record(
    channel,
    { vote, question, readAs: advice.read_as, recommendation: advice.recommendation, confidence: advice.confidence, kbVersion: advice.kb_version },
    services.now(),
  );
  services.observer?.feedbackVoted?.(vote);
  return { ok: true, id };
}

/** The short notice a voter sees. */
export function voteThanks(vote: Vote): string {
  return vote === 'up' ? 'Thanks for the feedback.' : 'Thanks: this answer is marked for review.';
}
