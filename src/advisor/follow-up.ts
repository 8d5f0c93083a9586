// The follow-up a close or under-specified answer offers: one question and 2-4 options, each the full
// question re-asked with one fact added. Options are chosen so that, where the fact is decisive, they lead to
// different answers (checked by re-deciding the changed Situation, and in tests by re-asking the text).
import type { Advice } from './advice.ts';
import type { CompiledKb } from './compiled-kb.ts';
import type { Prepared, TeamProfileInput } from './decide.ts';
import type { FittedWeights } from './fitted-model.ts';
import { modelPRust, teamChange } from './model-flip.ts';
import type { Situation } from './situation.ts';

export type FollowUp = NonNullable<Advice['follow_up']>;

interface Fact {
  label: string;
  sentence: string;
  apply: (s: Situation) => Situation;
}

interface FactQuestion {
  question: string;
  facts: Fact[];
  /** Whether this fact is still open in the situation. */
  open: (s: Situation, profile: TeamProfileInput | undefined) => boolean;
}

const withConstraints = (s: Situation, drop: readonly string[], add: readonly { id: string; negated: boolean }[]): Situation => ({
  ...s,
  constraints: [...s.constraints.filter((c) => !drop.includes(c.id)), ...add],
});

const LATENCY_IDS = ['latency-strict', 'latency-sensitive', 'latency-loose'];

const TEAM_QUESTION: FactQuestion = {
  question: 'Which language does your team already know?',
  facts: [
    { label: 'We know Go, not Rust', sentence: 'Our team knows Go well, not Rust.', apply: (s) => teamChange(s, 'go') },
    { label: 'We know Rust, not Go', sentence: 'Our team knows Rust well, not Go.', apply: (s) => teamChange(s, 'rust') },
  ],
  open: (s, profile) => s.team.rust === null && s.team.go === null && profile === undefined,
};

const CODE_QUESTION: FactQuestion = {
  question: 'Does the new part have to link into existing code?',
  facts: [
    { label: 'Links into Go code', sentence: 'It links into our existing Go services.', apply: (s) => ({ ...s, codebase: { language: 'go', linksIn: true, leaving: false } }) },
    { label: 'Links into Rust code', sentence: 'It links into our existing Rust code.', apply: (s) => ({ ...s, codebase: { language: 'rust', linksIn: true, leaving: false } }) },
  ],
  open: (s) => s.codebase.language === null,
};

const LATENCY_QUESTION: FactQuestion = {
  question: 'Is there a strict tail-latency target, or does time to market matter more?',
  facts: [
    { label: 'Strict p99 < 5 ms', sentence: 'We have a strict p99 latency target under 5 ms.', apply: (s) => withConstraints(s, LATENCY_IDS, [{ id: 'latency-strict', negated: false }]) },
    {
      label: 'Time to market first',
      sentence: 'Latency is not a concern; time to market is.',
      apply: (s) => withConstraints(s, [...LATENCY_IDS, 'deadline'], [{ id: 'latency-sensitive', negated: true }, { id: 'deadline', negated: false }]),
    },
  ],
  open: (s) => !s.constraints.some((c) => LATENCY_IDS.includes(c.id)),
};

/** For a question that names no component: each option names one, so the re-asked question can be judged. */
const COMPONENT_FOLLOW_UP_FACTS: readonly { label: string; sentence: string }[] = [
  { label: 'An internal REST API', sentence: 'It is a REST API for internal tools.' },
  { label: 'A hot-path proxy', sentence: 'It is a proxy on the hot path with a strict p99 latency target under 5 ms.' },
  { label: 'A CLI we ship', sentence: 'It is a CLI tool we ship to users.' },
];

function reAsk(question: string, sentence: string): string {
  const q = question.trim();
  return `${q}${/[.?!]$/.test(q) ? '' : '.'} ${sentence}`;
}

export function componentFollowUp(question: string): FollowUp {
  return { question: 'Which component is it?', options: COMPONENT_FOLLOW_UP_FACTS.map((f) => ({ label: f.label, ask: reAsk(question, f.sentence) })) };
}

/**
 * Whether the team's skills decide this question while unknown: a team that knows Go well and one that knows
 * Rust well (nothing said about the other language) would get different answers. The one-sided teams of the
 * follow-up differ more, so where this holds its options lead to different answers too.
 */
export function teamIsDecisive(compiled: CompiledKb, base: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights): boolean {
  if (!TEAM_QUESTION.open(base.situation, profile)) return false;
  const knows = (lang: 'rust' | 'go'): boolean => {
    const s = { ...base.situation, team: { ...base.situation.team, [lang]: 'strong' as const } };
    return modelPRust(compiled, base, profile, w, s) >= 0.5;
  };
  return knows('rust') !== knows('go');
}

/** Whether the follow-up's two one-sided teams ("knows Go well, not Rust" and the reverse) get different answers. */
export function teamSettlesIt(compiled: CompiledKb, base: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights): boolean {
  if (!TEAM_QUESTION.open(base.situation, profile)) return false;
  const answers = TEAM_QUESTION.facts.map((f) => modelPRust(compiled, base, profile, w, f.apply(base.situation)) >= 0.5);
  return answers[0] !== answers[1];
}

export function followUpFor(compiled: CompiledKb, base: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights, lowConfidence: boolean, teamDecisive: boolean): FollowUp | null {
  const question = base.read.understanding.question;
  const toFollowUp = (fq: FactQuestion): FollowUp => ({ question: fq.question, options: fq.facts.map((f) => ({ label: f.label, ask: reAsk(question, f.sentence) })) });
  if (teamDecisive) return toFollowUp(TEAM_QUESTION);
  if (!lowConfidence) return null;
  const open = [CODE_QUESTION, LATENCY_QUESTION, TEAM_QUESTION].filter((fq) => fq.open(base.situation, profile));
  // The first open question whose options lead to different answers; else the first open one.
  const decisive = open.find((fq) => new Set(fq.facts.map((f) => modelPRust(compiled, base, profile, w, f.apply(base.situation)) >= 0.5)).size > 1);
  const chosen = decisive ?? open[0];
  return chosen ? toFollowUp(chosen) : null;
}
