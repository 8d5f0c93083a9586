// What one weekly collection stores: a snapshot per watched item and per feed, plus each source's status.
// The digest builder compares two of these; the store keeps one per ISO week.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { languageSchema } from '../knowledge/watchlist.ts';

export const sourceStatusSchema = z.object({
  source: z.string(),
  status: z.enum(['ok', 'stale', 'rate_limited']),
  /** Why the source is not ok, in words a reader understands. */
  detail: z.string().optional(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

const releaseRecordSchema = z.object({
  version: z.string(),
  /** ISO timestamp; absent when the source has no dates (go.dev). */
  publishedAt: z.string().optional(),
  url: z.url(),
  /** The start of the release notes (GitHub release body), when the source has them. */
  notes: z.string().optional(),
});
export type ReleaseRecord = z.infer<typeof releaseRecordSchema>;

const advisoryRecordSchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()).default([]),
  summary: z.string(),
  published: z.string().optional(),
  informational: z.string().optional(),
  url: z.url(),
});
export type AdvisoryRecord = z.infer<typeof advisoryRecordSchema>;

export const itemSnapshotSchema = z.object({
  itemId: z.string(),
  language: languageSchema,
  kind: z.enum(['toolchain', 'library']),
  name: z.string(),
  latestVersion: z.string().optional(),
  /** Releases the sources reported as recent; the builder keeps those inside the digest window. */
  releases: z.array(releaseRecordSchema).default([]),
  /** Every version the registry lists, for sources without dates: a version not known last week is new. */
  knownVersions: z.array(z.string()).optional(),
  /** crates.io downloads over the 7 days before collection (Rust only: Go has no public download counts). */
  downloads7d: z.number().int().nonnegative().optional(),
  downloadsTotal: z.number().int().nonnegative().optional(),
  stars: z.number().int().nonnegative().optional(),
  repoUrl: z.url().optional(),
  /** Absent when OSV could not be asked; [] when it was asked and had none. */
  advisories: z.array(advisoryRecordSchema).optional(),
  /** Sources that failed for this item this week. */
  stale: z.array(z.string()).default([]),
});
export type ItemSnapshot = z.infer<typeof itemSnapshotSchema>;

const feedPostRecordSchema = z.object({ id: z.string(), title: z.string(), url: z.url(), published: z.string() });

export const feedSnapshotSchema = z.object({
  feedId: z.string(),
  language: languageSchema,
  name: z.string(),
  posts: z.array(feedPostRecordSchema).default([]),
  stale: z.boolean().default(false),
});
export type FeedSnapshot = z.infer<typeof feedSnapshotSchema>;

export const collectionSchema = z.object({
  /** ISO week, e.g. "2025-W28". */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  collectedAt: z.string(),
  sources: z.array(sourceStatusSchema),
  items: z.array(itemSnapshotSchema),
  feeds: z.array(feedSnapshotSchema),
});
export type Collection = z.infer<typeof collectionSchema>;

/** ISO-8601 week of a UTC instant, e.g. 2025-07-07 -> "2025-W28". */
export function isoWeek(date: Date): string {
  return isoWeekOf(DateTime.fromJSDate(date, { zone: 'utc' }));
}

/** ISO week ("2026-W10") of a luxon date-time, in its own zone: the week-numbering year, not the calendar year. */
export function isoWeekOf(dateTime: DateTime): string {
  return dateTime.toFormat("kkkk-'W'WW");
}
