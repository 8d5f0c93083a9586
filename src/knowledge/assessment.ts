// How Rust and Go fare on one criterion in one context, graded 0-10, with the evidence and its sources.
import { z } from 'zod';
import { criterionIdSchema } from './criterion.ts';
import { sourceSchema } from './source.ts';

const gradeSchema = z.number().min(0).max(10);

const assessmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]+$/, 'an id like tail-latency.gc-sensitive'),
  criterion: criterionIdSchema,
  /** Context tags that must all be present for this assessment to apply; [] is the default for the criterion. */
  when: z.array(z.string().min(2)).default([]),
  rust: gradeSchema,
  go: gradeSchema,
  /** One sentence comparing the two languages in this context: what the bot says as a reason. */
  text: z.string().min(30),
  /** Why the grades are what they are (for reviewers; not shown in answers). */
  evidence: z.string().min(20),
  sources: z.array(sourceSchema).min(1),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const assessmentsFileSchema = z.array(assessmentSchema);
