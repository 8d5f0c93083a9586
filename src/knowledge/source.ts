// A primary source behind a knowledge-base claim: who said it, where, and when. Same shape as the Reply's
// source (src/core/reply.ts), stricter: knowledge-base sources must be https and carry at least a month.
import { z } from 'zod';

export const sourceSchema = z.object({
  title: z.string().min(3),
  url: z.url().startsWith('https://', 'an https:// URL'),
  /** YYYY-MM-DD, or YYYY-MM when the publisher gives no day (living docs name the release they reflect). */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date like 2024-03-21 or 2024-03'),
});
export type Source = z.infer<typeof sourceSchema>;
