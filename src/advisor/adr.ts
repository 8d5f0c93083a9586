// An answer as a Markdown Architecture Decision Record in the MADR layout ("Save as ADR", `ask --adr`): title,
// status, context (the question, what was read, the channel's team profile), decision, consequences (the
// trade-off, what would flip it), the options considered with their scores, and the sources with their dates.
// Pure: the same advice, profile and date give the same file.
import { neutralizeMentions } from '../core/safe-text.ts';
import type { TeamProfile } from '../store/team-profiles.ts';
import type { Advice, Language, Reason } from './advice.ts';
import { SourceNumbers, confidenceWords, WHAT_I_JUDGE } from './advice-verdict.ts';
import { LANGUAGE_NAME } from './explain.ts';

export interface AdrInput {
  advice: Advice;
  /** The channel's team profile when it has one. */
  profile?: TeamProfile | undefined;
  /** The day the record is written, YYYY-MM-DD. */
  date: string;
}

export interface AdrFile {
  filename: string;
  /** The file's title (Slack shows it above the file). */
  title: string;
  markdown: string;
}

const DECISION_TITLE: Record<Advice['recommendation'], string> = {
  rust: 'Use Rust',
  go: 'Use Go',
  hybrid: 'Use Rust and Go, split by component',
  none: 'Rust or Go: not decided',
};

/** The question on one line, as typed but inert: no mention pings, no Markdown line structure. */
function oneLine(text: string, max: number): string {
  const flat = neutralizeMentions(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** Text inside Markdown: mentions made inert and characters that would start a heading or list escaped. */
function inline(text: string): string {
  return neutralizeMentions(text).replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

function adrTitle(advice: Advice): string {
  return `${DECISION_TITLE[advice.recommendation]}: ${oneLine(advice.question, 120)}`;
}

/** A file name people can keep: adr-YYYY-MM-DD-<verdict>-<question words>.md, ASCII only. */
export function adrFilename(advice: Advice, date: string): string {
  const slug = `${advice.recommendation}-${advice.question}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `adr-${date}-${slug || 'decision'}.md`;
}

function profileLine(profile: TeamProfile | undefined): string {
  if (!profile) return 'No team profile is set for this channel.';
  const priorities = profile.priorities.length > 0 ? `; priorities: ${profile.priorities.join(', ')}` : '';
  return `Rust skill: ${profile.rust}; Go skill: ${profile.go}${priorities}.`;
}

export function adrMarkdown({ advice, profile, date }: AdrInput): AdrFile {
  const numbers = new SourceNumbers();
  const reasonLine = (lead: string, r: Reason) => `* ${lead} ${inline(r.text)} ${numbers.refs(r.sources)}`.trimEnd();
  const lines: string[] = [];
  const title = adrTitle(advice);
  lines.push(`# ${inline(title)}`, '', '* Status: proposed', `* Date: ${date}`, '');

  lines.push('## Context and Problem Statement', '');
  lines.push(...advice.question.split(/\r?\n/).map((l) => `> ${inline(l)}`), '');
  lines.push(`* Read as: ${inline(advice.read_as)}`);
  lines.push(`* Team profile: ${profileLine(profile)}`);
  if (advice.team_note) lines.push(`* Team note: ${inline(advice.team_note)}`);
  lines.push('');

  lines.push('## Decision Outcome', '');
  if (advice.recommendation === 'none') {
    lines.push(`No option chosen: the question is not one the advisor can judge. ${inline(advice.clarifying_question ?? WHAT_I_JUDGE)}`, '');
  } else {
    const chosen = advice.recommendation === 'hybrid' ? 'Rust and Go, split by component' : LANGUAGE_NAME[advice.recommendation];
    lines.push(`Chosen option: "${chosen}".`, '');
    // The reason is a sentence of its own (it starts with a capital), so it follows the choice rather than a "because".
    if (advice.reasons[0]) lines.push(`Decisive reason: ${inline(advice.reasons[0].text)} ${numbers.refs(advice.reasons[0].sources)}`, '');
    lines.push(`Confidence: ${advice.confidence.toFixed(2)} (${confidenceWords(advice.confidence)}).`, '');
    if (advice.hybrid) lines.push(`* Rust: ${inline(advice.hybrid.rust)}`, `* Go: ${inline(advice.hybrid.go)}`, '');
    if (advice.clarifying_question) lines.push(`Open question: ${inline(advice.clarifying_question)}`, '');
  }

  lines.push('### Consequences', '');
  const good = advice.recommendation === 'none' ? [] : advice.reasons.slice(1);
  for (const r of good) lines.push(reasonLine('Good, because', r));
  if (advice.tradeoff) lines.push(reasonLine(`Bad, because the case for ${LANGUAGE_NAME[advice.tradeoff.favours]} remains:`, advice.tradeoff));
  if (advice.flip) lines.push(`* What would flip it: ${inline(advice.flip)}`);
  if (good.length === 0 && !advice.tradeoff && !advice.flip) lines.push('* None recorded.');
  lines.push('');

  lines.push('## Considered Options', '');
  for (const language of ['rust', 'go'] as const satisfies readonly Language[]) {
    const score = advice.recommendation === 'none' ? 'not scored' : `score ${Math.round(advice.scores[language])}/100`;
    const chosen = advice.recommendation === language || advice.recommendation === 'hybrid' ? ' (chosen)' : '';
    lines.push(`* ${LANGUAGE_NAME[language]}: ${score}${chosen}`);
  }
  lines.push('');

  const sources = numbers.list();
  lines.push('## Links', '');
  if (sources.length === 0) lines.push('* No sources were cited.');
  for (const [i, s] of sources.entries()) lines.push(`${i + 1}. [${inline(s.title)}](${s.url}) (${s.label ?? s.date})`);
  lines.push('', '---', '', `Written by rustvsgo from knowledge base v${advice.kb_version} (reviewed ${advice.kb_reviewed}).`, '');

  return { filename: adrFilename(advice, date), title: oneLine(title, 250), markdown: lines.join('\n') };
}
