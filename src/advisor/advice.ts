// The advisor's answer as a JSON contract (issue 3): what `ask --json` prints and what every renderer reads.
import { z } from 'zod';
import { criterionIdSchema } from '../knowledge/criterion.ts';
import { sourceSchema } from '../knowledge/source.ts';

const languageSchema = z.enum(['rust', 'go']);
export type Language = z.infer<typeof languageSchema>;

const reasonSchema = z.object({
  criterion: criterionIdSchema,
  favours: languageSchema,
  text: z.string().min(1),
  sources: z.array(sourceSchema).min(1),
});
export type Reason = z.infer<typeof reasonSchema>;

const adviceSignalSchema = z.object({
  id: z.string(),
  kind: z.enum(['workload', 'constraint', 'team', 'codebase', 'migration', 'shape', 'team-profile']),
  label: z.string(),
  negated: z.boolean(),
});
export type AdviceSignal = z.infer<typeof adviceSignalSchema>;

export const adviceSchema = z.object({
  question: z.string(),
  recommendation: z.enum(['rust', 'go', 'hybrid', 'none']),
  /** 0-1: low when the margin is thin or the question says little. */
  confidence: z.number().min(0).max(1),
  scores: z.object({ rust: z.number().min(0).max(100), go: z.number().min(0).max(100) }),
  /** Most decisive first. */
  reasons: z.array(reasonSchema),
  /** The strongest point for the other side. */
  tradeoff: reasonSchema.nullable(),
  /** The smallest change of context that changes the answer, in words. */
  flip: z.string().nullable(),
  hybrid: z.object({ rust: z.string(), go: z.string() }).nullable(),
  signals: z.array(adviceSignalSchema),
  kb_version: z.string(),
  /** Beyond the minimum: what a reader needs to trust or correct the answer. */
  kb_reviewed: z.string(),
  read_as: z.string(),
  /** Asked when confidence is low: the one question that would settle it. */
  clarifying_question: z.string().nullable(),
  /** Set when the channel's team profile took part, saying whether it moved the answer. */
  team_note: z.string().nullable(),
  /** When a decisive fact is unknown or confidence < 0.6: each option re-asks the full question with that fact added. */
  follow_up: z.object({
    question: z.string(),
    options: z.array(z.object({ label: z.string(), ask: z.string() })).min(2).max(4),
  }).nullable(),
});
export type Advice = z.infer<typeof adviceSchema>;
