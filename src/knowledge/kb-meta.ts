// The knowledge base's version and review date, shown in every answer's footer.
import { z } from 'zod';

export const kbMetaSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version like 1.2.0'),
  last_reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-27'),
  reviewed_by: z.string().min(2),
  /** Where the knowledge comes from, in a sentence or two (the `sources` command shows it). */
  provenance: z.string().min(20),
});
export type KbMeta = z.infer<typeof kbMetaSchema>;
