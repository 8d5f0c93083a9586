// Renders an Advice as the platform-neutral Reply. By default the condensed answer (condensed-advice.ts); with
// `full`, everything: what was understood, the verdict with score bars, every sourced reason, the trade-off, what
// would flip it, the team note, and the sources, each listed once and cited by number.
import type { ReplyInput, ReplySection } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import type { Advice, Reason } from './advice.ts';
import { followUpActions } from './advice-actions.ts';
import { SourceNumbers, verdictLine, WHAT_I_JUDGE } from './advice-verdict.ts';
import { condensedAdviceReply } from './condensed-advice.ts';
import { LANGUAGE_NAME } from './explain.ts';
import { answerActions } from './feedback-actions.ts';

export interface AdviceReplyOptions {
  /** The whole answer instead of the condensed one (`ask --full`, "Show full answer"). */
  full?: boolean;
}

export function adviceReply(advice: Advice, options: AdviceReplyOptions = {}): ReplyInput {
  return options.full ? fullAdviceReply(advice) : condensedAdviceReply(advice);
}

/** The follow-up question as a section; its options are the reply's follow_up actions. */
function followUpSection(advice: Advice, max = 300): ReplySection | undefined {
  if (!advice.follow_up) return undefined;
  return { heading: 'One answer would settle it', body: neutralizeMentions(truncate(advice.follow_up.question, max)) };
}

function fullAdviceReply(advice: Advice): ReplyInput {
  const numbers = new SourceNumbers();
  const safe = (text: string): string => neutralizeMentions(truncate(text, 300));
  const reasonLine = (r: Reason) =>
    neutralizeMentions(`• **${r.criterion}** → ${LANGUAGE_NAME[r.favours]}: ${r.text.trim()} ${numbers.refs(r.sources)}`);
  const sections: ReplySection[] = [];
  // The decisive reasons come first: a thread mention shows only the first section (condenseReply), and
  // the user has just typed the question, so echoing it back would crowd out the why.
  const split = advice.hybrid ? `• **Rust**: ${safe(advice.hybrid.rust)}\n• **Go**: ${safe(advice.hybrid.go)}` : undefined;
  if (advice.reasons.length > 0) {
    // Hybrid reasons start with "For <component>: " taken from the question; neutralise them like any echo.
    const reasons = advice.reasons.map(reasonLine).join('\n');
    sections.push({ heading: 'Why', body: split ? `${split}\n${reasons}` : reasons });
  } else if (split) {
    sections.push({ heading: 'Split', body: split });
  }
  if (advice.tradeoff) {
    const side = LANGUAGE_NAME[advice.tradeoff.favours];
    const heading = advice.recommendation === 'hybrid' ? `Trade-off (the case for ${side} alone)` : `Trade-off (the case for ${side})`;
    sections.push({ heading, body: reasonLine(advice.tradeoff) });
  }
  if (advice.flip) sections.push({ heading: 'What would flip it', body: neutralizeMentions(advice.flip) });
  if (advice.team_note) sections.push({ heading: 'Team profile', body: advice.team_note });
  const followUp = followUpSection(advice);
  if (followUp) sections.push(followUp);
  else if (advice.recommendation === 'none') {
    sections.push({ heading: 'What I can judge', body: neutralizeMentions(advice.clarifying_question ?? WHAT_I_JUDGE) });
  } else if (advice.clarifying_question) {
    sections.push({ heading: 'Low confidence: one question would settle it', body: neutralizeMentions(advice.clarifying_question) });
  }
  return {
    title: verdictLine(advice, { withScores: false }),
    summary: `Read as: ${neutralizeMentions(advice.read_as)}`,
    // Out of scope: scores of a question the bot did not judge would only mislead.
    scoreBars:
      advice.recommendation === 'none'
        ? []
        : [
            { label: 'Rust', score: advice.scores.rust, max: 100 },
            { label: 'Go', score: advice.scores.go, max: 100 },
          ],
    sections,
    sources: numbers.list(),
    actions: [...followUpActions(advice), ...answerActions(advice)],
    footer: `Knowledge base v${advice.kb_version}, reviewed ${advice.kb_reviewed}`,
    tone: 'answer',
    data: advice,
  };
}
