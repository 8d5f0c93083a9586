// One lookup fact of the knowledge base (src/knowledge/data/facts.yaml) and the file that holds them.
import { z } from 'zod';
import { criterionIdSchema } from './criterion.ts';
import { sourceSchema } from './source.ts';

const factSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
  /** A short label a user could type (and Discord autocomplete shows), e.g. "GOMEMLIMIT soft memory limit". */
  topic: z.string().min(3).max(100),
  tags: z.array(z.string().min(1)).min(1),
  criterion: criterionIdSchema,
  language: z.enum(['rust', 'go', 'both']).default('both'),
  /** One to three sentences in our own words; every claim in it is backed by `sources`. */
  text: z.string().min(20).max(600),
  sources: z.array(sourceSchema).min(1),
});
export type Fact = z.infer<typeof factSchema>;

/**
 * facts.yaml is a top-level list (so a validation error names the entry by id); parsing yields `{ facts }`.
 */
export const factsFileSchema = z
  .array(factSchema)
  .superRefine((facts, ctx) => {
    const seen = new Set<string>();
    facts.forEach((fact, index) => {
      if (seen.has(fact.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate fact id "${fact.id}"`, path: [index, 'id'] });
      }
      seen.add(fact.id);
    });
  })
  .transform((facts) => ({ facts }));
