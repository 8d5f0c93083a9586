// The condensed answer, the default everywhere (issue 11, item 7): at most 1,000 visible characters. The verdict
// with confidence and scores in one line (the title), what was read, three reasons one line each citing numbered
// sources, the case for the other side, what would flip it, and the follow-up, with the sources listed once.
// "Show full answer" / `ask --full` give the rest.
import type { ReplyAction, ReplyInput, ReplySection } from '../core/reply.ts';
import { neutralizeMentions } from '../core/safe-text.ts';
import { visibleLength } from '../core/visible-text.ts';
import type { Advice, Reason } from './advice.ts';
import { followUpActions, fullAnswerCommand } from './advice-actions.ts';
import { shortened, SourceNumbers, verdictLine, WHAT_I_JUDGE } from './advice-verdict.ts';
import { LANGUAGE_NAME } from './explain.ts';
import { askedClause, reasonPoint } from './reason-line.ts';
import { answerActions } from './feedback-actions.ts';

/** The promise to readers, measured through every renderer's output by the tests. */
export const CONDENSED_MAX_VISIBLE = 1000;
/**
 * What the reply itself may use: renderers add headings ("Sources"), numbering, dates in brackets, a
 * "Share in channel" button and the like, which this leaves room for.
 */
const REPLY_BUDGET = 850;
const REASONS_SHOWN = 3;

/** Per-line character caps (shrunk together until the whole answer fits the budget), and how many reasons show. */
interface Caps {
  line: number;
  /** The asker's clause a reason answers, quoted whole or not at all (reason-line.ts). */
  asked: number;
  split: number;
  sourceTitle: number;
  /** The question asked back (follow-up or clarifying): cut last, since a cut question cannot be answered. */
  question: number;
  reasons: number;
  /** Whether the flip line shows; the last thing given up, after all but one reason. */
  flip: boolean;
}

const START: Caps = { line: 160, asked: 44, split: 90, sourceTitle: 70, question: 240, reasons: REASONS_SHOWN, flip: true };
const FLOOR = { line: 50, asked: 0, split: 36, sourceTitle: 30, question: 120 };

export function condensedAdviceReply(advice: Advice): ReplyInput {
  let caps = START;
  for (;;) {
    const candidate = build(advice, caps);
    if (estimatedVisible(candidate) <= REPLY_BUDGET) return candidate;
    if (caps.line > FLOOR.line) {
      caps = {
        ...caps,
        line: Math.max(FLOOR.line, Math.floor(caps.line * 0.85)),
        split: Math.max(FLOOR.split, Math.floor(caps.split * 0.85)),
        sourceTitle: Math.max(FLOOR.sourceTitle, Math.floor(caps.sourceTitle * 0.85)),
      };
    } else if (caps.asked > FLOOR.asked) {
      // Lines at their shortest: the asker's words go before a whole reason does.
      caps = { ...caps, asked: FLOOR.asked };
    } else if (caps.reasons > 1) {
      // Lines at their shortest and still too long (very long follow-up options, say): fewer reasons.
      caps = { ...caps, reasons: caps.reasons - 1 };
    } else if (caps.flip) {
      caps = { ...caps, flip: false };
    } else if (caps.question > FLOOR.question) {
      caps = { ...caps, question: Math.max(FLOOR.question, Math.floor(caps.question * 0.85)) };
    } else {
      return candidate;
    }
  }
}

function build(advice: Advice, caps: Caps): ReplyInput {
  const numbers = new SourceNumbers();
  // A line shows the part of the reason that speaks for its side and fits the question, citing the sources that
  // say that part (reason-line.ts); the full answer shows and cites everything.
  const point = (r: Reason, text: string): string => {
    const p = reasonPoint(text, r.sources, r.favours, advice.question, caps.line);
    return `${neutralizeMentions(p.text)}${p.sources.length ? ` ${numbers.refs(p.sources)}` : ''}`;
  };
  const quoted = (r: Reason, text: string): string => {
    const clause = caps.asked > 0 ? askedClause(advice.question, r.criterion, text, caps.asked) : undefined;
    return clause ? ` (“${neutralizeMentions(clause)}”)` : '';
  };
  const short = (text: string) => neutralizeMentions(shortened(text, caps.line));
  const hybrid = advice.recommendation === 'hybrid';

  const why: string[] = [];
  if (advice.hybrid) {
    why.push(`• **Rust**: ${neutralizeMentions(shortened(advice.hybrid.rust, caps.split))}`);
    why.push(`• **Go**: ${neutralizeMentions(shortened(advice.hybrid.go, caps.split))}`);
  }
  for (const r of advice.reasons.slice(0, caps.reasons)) {
    // In a hybrid the reasons pull both ways, so each says which side it is for.
    const side = hybrid ? ` → ${LANGUAGE_NAME[r.favours]}` : '';
    // A hybrid reason opens with "For <component>: "; the split above already says which part is which.
    const text = hybrid ? r.text.replace(/^For [^:]{1,200}: /, '') : r.text;
    why.push(`• **${r.criterion}**${side}${quoted(r, text)}: ${point(r, text)}`);
  }

  const sections: ReplySection[] = [];
  if (why.length > 0) sections.push({ heading: 'Why', body: why.join('\n') });
  const more: string[] = [];
  if (advice.tradeoff) {
    const side = LANGUAGE_NAME[advice.tradeoff.favours];
    more.push(`**Case for ${side}${hybrid ? ' alone' : ''}:** ${point(advice.tradeoff, advice.tradeoff.text)}`);
  }
  if (advice.flip && caps.flip) more.push(`**Would flip it:** ${short(advice.flip)}`);
  const asked = (text: string) => neutralizeMentions(shortened(text, caps.question));
  if (advice.follow_up) more.push(`**One answer would settle it:** ${asked(advice.follow_up.question)}`);
  else if (advice.recommendation === 'none') more.push(`**What I can judge:** ${asked(advice.clarifying_question ?? WHAT_I_JUDGE)}`);
  else if (advice.clarifying_question) more.push(`**To settle it:** ${asked(advice.clarifying_question)}`);
  if (more.length > 0) sections.push({ body: more.join('\n') });

  const actions: ReplyAction[] = [
    { kind: 'show_full', label: 'Show full answer', command: fullAnswerCommand(advice) },
    ...followUpActions(advice, Math.min(75, caps.split)),
    // Inside the budget: the vote and ADR buttons are visible text too.
    ...answerActions(advice),
  ];
  return {
    title: verdictLine(advice, { withScores: true }),
    summary: `Read as: ${neutralizeMentions(shortened(advice.read_as, caps.line))}`,
    sections,
    sources: numbers.list().map((s) => ({ ...s, title: shortened(s.title, caps.sourceTitle) })),
    actions,
    footer: `Knowledge base v${advice.kb_version}, reviewed ${advice.kb_reviewed}`,
    tone: 'answer',
    data: advice,
  };
}

/** Visible characters of the reply's own text (renderer decorations are what REPLY_BUDGET leaves room for). */
function estimatedVisible(r: ReplyInput): number {
  const texts = [
    r.title,
    r.summary ?? '',
    ...(r.sections ?? []).flatMap((s) => [s.heading ?? '', s.body]),
    ...(r.sources ?? []).map((s) => `${s.title} (${s.date})`),
    ...(r.actions ?? []).map((a) => a.label),
    r.footer ?? '',
  ];
  return texts.reduce((n, t) => n + visibleLength(t), 0);
}
