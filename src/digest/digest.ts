// The weekly digest as data: what `digest preview --json` prints and what every renderer turns into a message.
import { z } from 'zod';
import { languageSchema } from '../knowledge/watchlist.ts';
import { sourceStatusSchema } from '../store/snapshot.ts';

const releaseItemSchema = z.object({
  kind: z.literal('release'),
  language: languageSchema,
  name: z.string(),
  version: z.string(),
  url: z.url(),
  /** Publication date (ISO); absent for go.dev toolchain releases, which the source does not date. */
  date: z.string().optional(),
  toolchain: z.boolean(),
  /** The first line or two of the release notes, or the security fixes a Go release carries: plain, inert text. */
  whyItMatters: z.string().optional(),
});

const trendItemSchema = z.object({
  kind: z.literal('trend'),
  language: languageSchema,
  name: z.string(),
  metric: z.enum(['downloads_7d', 'stars']),
  previous: z.number(),
  current: z.number(),
  /** Percent change from previous to current, one decimal (2.5 means +2.5 %). */
  change: z.number(),
  version: z.string().optional(),
  url: z.url(),
  /** Text sparkline over the stored weeks, oldest first, when there are at least three (flat series draw flat). */
  sparkline: z.string().optional(),
});

const advisoryItemSchema = z.object({
  kind: z.literal('advisory'),
  language: languageSchema,
  name: z.string(),
  id: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  url: z.url(),
  published: z.string().optional(),
  /** RustSec informational kind ("unmaintained", "unsound"): a notice, not a vulnerability. */
  informational: z.string().optional(),
});

const postItemSchema = z.object({
  kind: z.literal('post'),
  language: languageSchema,
  name: z.string(),
  title: z.string(),
  url: z.url(),
  date: z.string(),
});

const digestItemSchema = z.discriminatedUnion('kind', [releaseItemSchema, trendItemSchema, advisoryItemSchema, postItemSchema]);
export type DigestItem = z.infer<typeof digestItemSchema>;
export type ReleaseItem = z.infer<typeof releaseItemSchema>;
export type TrendItem = z.infer<typeof trendItemSchema>;
export type AdvisoryItem = z.infer<typeof advisoryItemSchema>;
export type PostItem = z.infer<typeof postItemSchema>;

const languageSignalSchema = z.object({
  language: languageSchema,
  /** The popularity signals used for this language, in words. */
  signals: z.array(z.string()),
});

export const digestSchema = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** The week compared against; null on the first (baseline) week. */
  previousWeek: z.string().nullable(),
  baseline: z.boolean(),
  generatedAt: z.string(),
  window: z.object({ start: z.string(), end: z.string() }),
  headline: z.string(),
  signals: z.array(languageSignalSchema),
  /** Why the two languages' popularity numbers must not be compared. */
  fairnessNote: z.string(),
  sources: z.array(sourceStatusSchema),
  items: z.array(digestItemSchema),
  counts: z.object({
    releases: z.number().int(),
    newAdvisories: z.number().int(),
    /** New advisories that are vulnerabilities (informational notices excluded). */
    newVulnerabilities: z.number().int(),
    posts: z.number().int(),
  }),
});
export type Digest = z.infer<typeof digestSchema>;
