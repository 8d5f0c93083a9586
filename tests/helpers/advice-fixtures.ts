// Hand-built Advice objects (zod-parsed), so rendering and button tests do not depend on the engine's answers,
// and a test `ask` command that answers with them through the real ask reply (askReply).
import { z } from 'zod';
import { adviceSchema, type Advice } from '../../src/advisor/advice.ts';
import { askReply } from '../../src/commands/ask.ts';
import { defineCommand } from '../../src/core/command-spec.ts';
import type { CriterionId } from '../../src/knowledge/criterion.ts';

const source = (n: number, title = `Source number ${n} on the matter`) => ({ title, url: `https://example.org/source/${n}`, date: '2025-06-01' });

const reason = (criterion: CriterionId, favours: 'rust' | 'go', text: string, ...sources: number[]) => ({
  criterion,
  favours,
  text,
  sources: sources.map((n) => source(n)),
});

export function makeAdvice(overrides: Partial<z.input<typeof adviceSchema>> = {}): Advice {
  return adviceSchema.parse({
    question: 'Rust or Go for a rate limiter?',
    recommendation: 'go',
    confidence: 0.82,
    scores: { rust: 61, go: 78 },
    reasons: [
      reason('productivity', 'go', 'Go is small and deliberately simple, so newcomers are productive in days.', 1),
      reason('build-speed', 'go', 'Go builds large programs in seconds and its test loop is fast.', 2, 1),
      reason('concurrency', 'go', 'Goroutines and channels are built in and preemptively scheduled.', 3),
      reason('ecosystem', 'go', 'Most cloud-native tooling is Go-first.', 4),
    ],
    tradeoff: reason('tail-latency', 'rust', 'Rust has no collector, so GC is never a source of jitter.', 5),
    flip: 'Rust would win (75 vs 70) if the p99 budget were under a millisecond.',
    hybrid: null,
    signals: [],
    kb_version: '1.1.0',
    kb_reviewed: '2026-11-27',
    read_as: 'rate limiter, small team',
    clarifying_question: null,
    team_note: null,
    follow_up: null,
    ...overrides,
  });
}

/** Every text field as long as it could plausibly get: the condensed answer must still fit 1,000 characters. */
export function longestAdvice(recommendation: 'rust' | 'go' | 'hybrid' | 'none'): Advice {
  const long = (what: string) => `${what} ${'and a very long clause that keeps going, naming one thing after another; '.repeat(8)}`.trim();
  const many = Array.from({ length: 8 }, (_, i) => ({
    ...reason('performance', i % 2 ? 'go' : 'rust', long(`For a component with a long name ${i}:`), 10 + i, 20 + i),
    sources: [source(10 + i, long(`A source title ${i}`).slice(0, 300)), source(20 + i, long(`Another title ${i}`).slice(0, 300))],
  }));
  return makeAdvice({
    question: long('Rust or Go for'),
    recommendation,
    confidence: 0.55,
    reasons: many,
    tradeoff: many[1]!,
    flip: long('Go would win if'),
    hybrid: recommendation === 'hybrid' ? { rust: long('the data path'), go: long('the control plane') } : null,
    read_as: long('read as'),
    clarifying_question: long('Which matters more'),
    team_note: long('Your channel'),
    follow_up: {
      question: long('Does the team already know one of the two?'),
      options: [1, 2, 3, 4].map((i) => ({ label: long(`Option ${i}`).slice(0, 200), ask: `${long('Rust or Go for').slice(0, 900)} option ${i}` })),
    },
  });
}

export const SETTLING_FACT = { rust: 'The team knows Rust well.', go: 'The team knows Go well.' } as const;

/**
 * The advice the test `ask` gives: a question that states the team's language gets a confident answer for it;
 * any other gets a low-confidence one whose follow-up asks which language the team knows.
 */
function adviceFor(question: string): Advice {
  if (question.includes(SETTLING_FACT.rust)) {
    return makeAdvice({ question, recommendation: 'rust', confidence: 0.86, scores: { rust: 80, go: 64 }, reasons: [reason('team-fit', 'rust', 'The team already writes Rust.', 6)], read_as: 'team knows Rust' });
  }
  if (question.includes(SETTLING_FACT.go)) {
    return makeAdvice({ question, confidence: 0.88, read_as: 'team knows Go' });
  }
  return makeAdvice({
    question,
    confidence: 0.52,
    scores: { rust: 70, go: 71 },
    follow_up: {
      question: 'Which language does the team already know?',
      options: [
        { label: 'Rust', ask: `${question} ${SETTLING_FACT.rust}` },
        { label: 'Go', ask: `${question} ${SETTLING_FACT.go}` },
      ],
    },
  });
}

/** Stands in for `ask`: the real ask reply (condensed, --full, buttons) over the hand-built advice above. */
export const fixtureAskCommand = defineCommand({
  name: 'ask',
  description: 'A recommendation (hand-built advice)',
  examples: ['ask Rust or Go for a CLI?'],
  access: 'everyone',
  args: z.object({
    question: z.string().trim().min(3).max(1000).describe('Your question').meta({ rest: true }),
    full: z.boolean().default(false).describe('The full answer'),
  }),
  handle: (args) => askReply(adviceFor(args.question), args.full),
});
