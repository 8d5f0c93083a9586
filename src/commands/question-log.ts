// Remembers who asked what on Slack and Discord (for the Slack App Home's "your last questions"). Best effort: a
// database that fails or stalls costs the history one row, never the answer, and the answer does not wait for it.
import type { Advice } from '../advisor/advice.ts';
import { verdictLine } from '../advisor/advice-verdict.ts';
import type { CommandContext } from '../core/command-spec.ts';
import { channelKeyOf } from '../store/channel-key.ts';

export function rememberQuestion(ctx: CommandContext, advice: Advice): void {
  const { invocation, services } = ctx;
  if (invocation.platform !== 'slack' && invocation.platform !== 'discord') return;
  void services.store.askedQuestions
    .record(channelKeyOf(invocation), invocation.userId, advice.question, verdictLine(advice, { withScores: false }), services.now())
    .catch((error: unknown) => services.logger.warn({ err: error, requestId: invocation.requestId }, 'could not remember the question'));
}
