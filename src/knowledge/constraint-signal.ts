// A piece of context a question can carry besides its workload: a constraint (latency target, memory limit,
// deadline), team context (skills, existing codebase, the language being moved off) or a shape (fleet of services).
import { z } from 'zod';
import { criterionIdSchema } from './criterion.ts';
import { hybridSplitSchema } from './workload-profile.ts';

const skillLevelSchema = z.enum(['none', 'some', 'strong']);

const constraintSignalSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a kebab-case id'),
  /** Shown in "Read as: ..." (e.g. "memory-constrained", "team knows Go"). */
  label: z.string().min(3),
  kind: z.enum(['constraint', 'team', 'codebase', 'migration', 'shape']),
  phrases: z.array(z.string().min(2)).default([]),
  /** Added to the workload's criterion weights (may be negative); the sum is floored at 0. */
  weights: z.partialRecord(criterionIdSchema, z.number().min(-5).max(5)).default({}),
  contexts: z.array(z.string().min(2)).default([]),
  /** Team skills this signal implies ("our service is written in Go" -> go: strong). */
  team: z.object({ rust: skillLevelSchema.optional(), go: skillLevelSchema.optional() }).optional(),
  /** Whether "we don't care about X" can switch this signal off; it then damps these criteria instead. */
  negatable: z.boolean().default(false),
  negated_label: z.string().min(3).optional(),
  /** A portfolio shape that splits by component (e.g. thousands of services: Go for most, Rust for the hot few). */
  hybrid: hybridSplitSchema.optional(),
  /**
   * Signals a low-confidence answer may ask about, and the flip finder may toggle.
   * `question` asks whether it holds; `if_present` completes "the answer would change if ...".
   */
  askable: z.object({ question: z.string().min(10), if_present: z.string().min(5) }).optional(),
  /**
   * Context that makes one language for everything the better advice (onboarding, deadlines, small teams):
   * it stops a fleet shape or an implicit two-component reading from becoming a hybrid answer.
   */
  prefers_one_language: z.boolean().default(false),
  /** Signals that make this one redundant when both match (e.g. latency-strict beats latency-sensitive). */
  superseded_by: z.array(z.string()).default([]),
});
export type ConstraintSignal = z.infer<typeof constraintSignalSchema>;
export type SkillLevel = z.infer<typeof skillLevelSchema>;
;

export const constraintsFileSchema = z.array(constraintSignalSchema);
