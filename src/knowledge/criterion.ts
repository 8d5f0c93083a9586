// The eleven decision criteria every reason is named by (../shared/eval/README.md), with finer sub-criteria.
import { z } from 'zod';

export const CRITERION_IDS = [
  'tail-latency',
  'performance',
  'memory-efficiency',
  'safety',
  'concurrency',
  'productivity',
  'build-speed',
  'deployment',
  'ecosystem',
  'interop',
  'team-fit',
] as const;

export const criterionIdSchema = z.enum(CRITERION_IDS);
export type CriterionId = z.infer<typeof criterionIdSchema>;

const subCriterionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'a kebab-case id'),
  name: z.string().min(2),
});

const criterionSchema = z.object({
  id: criterionIdSchema,
  name: z.string().min(2),
  description: z.string().min(20),
  /** What a user would ask to settle a close call on this criterion (shown in low-confidence answers). */
  sub_criteria: z.array(subCriterionSchema).default([]),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const criteriaFileSchema = z.array(criterionSchema);
