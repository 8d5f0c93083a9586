// Renders an Advice as the platform-neutral Reply: what was understood, the verdict with score bars,
// sourced reasons, the trade-off, what would flip it, and the footer with the knowledge base's version.
import type { ReplyInput, Source } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import type { Advice, Reason } from './advice.ts';
import { LANGUAGE_NAME } from './explain.ts';

function sourceLink(s: Source): string {
  return `[${s.title}](${s.url}) (${s.date})`;
}

function reasonLine(r: Reason): string {
  const first = r.sources[0];
  return `• **${r.criterion}** → ${LANGUAGE_NAME[r.favours]}: ${r.text}${first ? ` ${sourceLink(first)}` : ''}`;
}

function confidenceWords(c: number): string {
  return c >= 0.8 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}

export function adviceTitle(advice: Advice): string {
  if (advice.recommendation === 'hybrid') return 'Recommendation: both (Rust + Go, split by component)';
  if (advice.recommendation === 'none') return 'No recommendation: not a Rust-vs-Go choice I can judge';
  return `Recommendation: ${LANGUAGE_NAME[advice.recommendation]}`;
}

export function adviceReply(advice: Advice): ReplyInput {
  const sections: { heading?: string; body: string }[] = [];
  const safe = (text: string): string => neutralizeMentions(truncate(text, 300));
  // The decisive reasons come first: a thread mention shows only the first section (condenseReply), and
  // the user has just typed the question, so echoing it back would crowd out the why.
  const split = advice.hybrid ? `• **Rust**: ${safe(advice.hybrid.rust)}\n• **Go**: ${safe(advice.hybrid.go)}` : undefined;
  if (advice.reasons.length > 0) {
    // Hybrid reasons start with "For <component>: " taken from the question; neutralise them like any echo.
    const reasons = advice.reasons.map((r) => neutralizeMentions(reasonLine(r))).join('\n');
    sections.push({ heading: 'Why', body: split ? `${split}\n${reasons}` : reasons });
  } else if (split) {
    sections.push({ heading: 'Split', body: split });
  }
  if (advice.tradeoff) sections.push({ heading: `Trade-off (the case for ${LANGUAGE_NAME[advice.tradeoff.favours]})`, body: neutralizeMentions(reasonLine(advice.tradeoff)) });
  if (advice.flip) sections.push({ heading: 'What would flip it', body: neutralizeMentions(advice.flip) });
  if (advice.team_note) sections.push({ heading: 'Team profile', body: advice.team_note });
  if (advice.clarifying_question) {
    sections.push({ heading: 'Low confidence: one question would settle it', body: advice.clarifying_question });
  }
  const sources = new Map<string, Source>();
  for (const r of [...advice.reasons, ...(advice.tradeoff ? [advice.tradeoff] : [])]) for (const s of r.sources) sources.set(s.url, s);
  return {
    title: adviceTitle(advice),
    summary: `Read as: ${neutralizeMentions(advice.read_as)}`,
    scoreBars: [
      { label: 'Rust', score: advice.scores.rust, max: 100 },
      { label: 'Go', score: advice.scores.go, max: 100 },
    ],
    fields: [
      { label: 'Confidence', value: `${advice.confidence.toFixed(2)} (${confidenceWords(advice.confidence)})`, inline: true },
      { label: 'Recommendation', value: advice.recommendation === 'hybrid' ? 'Rust + Go' : advice.recommendation === 'none' ? 'none' : LANGUAGE_NAME[advice.recommendation], inline: true },
    ],
    sections,
    sources: [...sources.values()],
    footer: `Knowledge base v${advice.kb_version}, reviewed ${advice.kb_reviewed}`,
    tone: 'answer',
    data: advice,
  };
}
