// The fitted part of the decision: a regularised logistic regression over the Situation's features, fitted
// offline by `npm run fit` (scripts/fit-advisor.ts) into src/knowledge/data/fitted-weights.json, so answering
// is a table lookup. Decisive context (an existing codebase the new part links into, a team with no
// experience in a language plus a deadline) enters as fixed offsets, set by rule, not fitted: the labelled
// decisions rarely state it, and a fitted weight would be shrunk toward zero by the regulariser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Situation } from './situation.ts';

const fittedWeightsSchema = z.object({
  /** What the weights were fitted on, so a stale file is noticed. */
  fitted_on: z.object({ cases: z.number().int(), rust: z.number().int(), go: z.number().int(), files: z.array(z.string()) }),
  lambda: z.number().positive(),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** The hybrid gate: a second regression, hybrid vs one language, over rows a candidate split exists for. */
  hybrid: z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) }).optional(),
  /** Share of rule-free labelled rows with no candidate split that were hybrids anyway. */
  hybrid_base_rate: z.number().min(0).max(1).default(0),
  /**
   * Reliability map fitted on cross-validated answers: raw confidence below `below` -> `confidence`, the bin's
   * observed accuracy (pooled to be non-decreasing); a bin right less than 95% of the time stays below 0.8.
   */
  calibration: z.array(z.object({ below: z.number(), confidence: z.number() })).default([]),
  /** Platt scaling of the logit (fitted on cross-validated logits): P(rust) = sigmoid(a * logit + b). */
  platt: z.object({ a: z.number(), b: z.number() }),
  /** The cross-validated figures at fitting time (eval recomputes them). */
  cv: z.object({ folds: z.number().int(), accuracy: z.number(), high_confidence_precision: z.number().nullable(), ece: z.number() }),
});
export type FittedWeights = z.infer<typeof fittedWeightsSchema>;

export const FITTED_WEIGHTS_PATH = fileURLToPath(new URL('../knowledge/data/fitted-weights.json', import.meta.url));

let cached: FittedWeights | undefined;
export function loadFittedWeights(): FittedWeights {
  cached ??= fittedWeightsSchema.parse(JSON.parse(readFileSync(FITTED_WEIGHTS_PATH, 'utf8')));
  return cached;
}

/** Weeks: a deadline at most this far out makes "no experience in a language" decisive. */
const SHORT_DEADLINE_WEEKS = 16;
/** Offsets in logit units (positive favours Rust). See docs/knowledge.md, "Deciding". */
const DECISIVE_OFFSETS = {
  /** The new part links into existing code: a second language means FFI at that boundary. */
  linksIntoCodebase: 3,
  /** No one knows the language and the deadline is short. */
  noExperienceWithDeadline: 3,
  /**
   * A team strong in one language and with no experience of the other: as heavy as the widest workload
   * difference, so ten Rust engineers with no Go get Rust even for a plain API.
   */
  oneSidedTeam: 4.5,
  /** Neither language known: Go is learned in days, Rust in weeks to months. */
  neitherKnown: 1.5,
  /** A hot loop calling C: Rust calls C at the cost of a function call; each cgo call costs far more. */
  hotCInterop: 2,
} as const;

export type Features = Map<string, number>;

function hasDeadline(s: Situation): boolean {
  return s.constraints.some((c) => c.id === 'deadline' && !c.negated) || (s.numbers.deadlineWeeks !== null && s.numbers.deadlineWeeks <= SHORT_DEADLINE_WEEKS);
}

/** Thresholds that turn the question's numbers into features (a number is a fact, a word a hint). */
const STRICT_LATENCY_MS = 10;
const SMALL_MEMORY_MIB = 128;
const HIGH_THROUGHPUT_PER_SECOND = 100_000;

/**
 * Features the regression weighs. `kbMargin` is the knowledge base's criterion score margin (Rust - Go) without
 * team fit; `roleOf` gives a workload's class (data plane, control plane, any), which pools the evidence of
 * workloads that have few labelled decisions each.
 */
export function featuresOf(s: Situation, kbMargin: number, roleOf?: (workload: string) => string | undefined): Features {
  const f: Features = new Map();
  f.set('kb-margin', kbMargin / 10);
  for (const w of s.workloads) {
    const role = roleOf?.(w);
    if (role) f.set(`role:${role}`, 1);
  }
  const n = s.numbers;
  if (n.latencyMs !== null) f.set(n.latencyMs <= STRICT_LATENCY_MS ? 'num:latency-strict' : 'num:latency-loose', 1);
  if (n.memoryMiB !== null) f.set(n.memoryMiB <= SMALL_MEMORY_MIB ? 'num:memory-small' : 'num:memory-roomy', 1);
  if (n.throughputPerSecond !== null && n.throughputPerSecond >= HIGH_THROUGHPUT_PER_SECOND) f.set('num:throughput-high', 1);
  if (hasDeadline(s)) {
    f.set('deadline', 1);
    // Team x deadline: the language the team would have to learn under time pressure.
    for (const lang of ['rust', 'go'] as const) if (s.team[lang] === 'none' || s.team[lang] === 'some') f.set(`deadline:${lang}-unfamiliar`, 1);
  }
  if (s.codebase.linksIn && s.codebase.language) f.set(`code:${s.codebase.language}:links-in`, 1);
  for (const lang of ['rust', 'go'] as const) {
    const level = s.team[lang];
    if (level) f.set(`team:${lang}:${level}`, 1);
  }
  if (s.codebase.language) f.set(`code:${s.codebase.language}${s.codebase.leaving ? ':leaving' : ''}`, 1);
  if (s.deployment) f.set(`deploy:${s.deployment}`, 1);
  if (s.rules.memorySafe) f.set('rule:memory-safe', 1);
  for (const w of s.workloads) f.set(`w:${w}`, 1);
  for (const c of s.constraints) f.set(`c:${c.id}${c.negated ? ':not' : ''}`, 1);
  return f;
}

/** The language a team is strong in when it has no experience at all of the other, else null. */
export function oneSidedTeam(s: Situation): 'rust' | 'go' | null {
  if (s.team.rust === 'strong' && s.team.go === 'none') return 'rust';
  if (s.team.go === 'strong' && s.team.rust === 'none') return 'go';
  return null;
}

/** The rule-set offsets for this situation, with the note each one adds to the answer. */
export function decisiveOffsets(s: Situation): { logit: number; notes: string[] } {
  let logit = 0;
  const notes: string[] = [];
  const code = s.codebase.language;
  if ((code === 'rust' || code === 'go') && s.codebase.linksIn && !s.codebase.leaving) {
    logit += code === 'rust' ? DECISIVE_OFFSETS.linksIntoCodebase : -DECISIVE_OFFSETS.linksIntoCodebase;
    notes.push(`the new part links into your existing ${code === 'rust' ? 'Rust' : 'Go'} code`);
  }
  if (hasDeadline(s)) {
    // Under a deadline, a language the team is not said to know counts as one it has to learn first.
    const lacks = (l: 'rust' | 'go'): boolean => s.team[l] === 'none' || (s.team[l] === null && s.team[l === 'rust' ? 'go' : 'rust'] === 'strong');
    if (lacks('rust') && !lacks('go')) {
      logit -= DECISIVE_OFFSETS.noExperienceWithDeadline;
      notes.push('the team has no Rust experience and the deadline is short');
    }
    if (lacks('go') && !lacks('rust')) {
      logit += DECISIVE_OFFSETS.noExperienceWithDeadline;
      notes.push('the team has no Go experience and the deadline is short');
    }
  }
  const oneSided = oneSidedTeam(s);
  if (oneSided) logit += oneSided === 'rust' ? DECISIVE_OFFSETS.oneSidedTeam : -DECISIVE_OFFSETS.oneSidedTeam;
  if (s.team.rust === 'none' && s.team.go === 'none') {
    logit -= DECISIVE_OFFSETS.neitherKnown;
    notes.push('nobody knows either language, and Go is learned in days, Rust in weeks to months');
  }
  if (s.hotCInterop) {
    logit += DECISIVE_OFFSETS.hotCInterop;
    notes.push('a hot loop calls into C');
  }
  return { logit, notes };
}

export function linearLogit(bias: number, weights: Readonly<Record<string, number>>, f: Features): number {
  let z = bias;
  for (const [k, v] of f) z += (weights[k] ?? 0) * v;
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** P(rust) after Platt scaling. */
export function probabilityRust(w: FittedWeights, logit: number): number {
  return sigmoid(w.platt.a * logit + w.platt.b);
}
