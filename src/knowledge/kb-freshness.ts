// Which knowledge-base entries have gone stale: a living page checked against a Go or Rust release one minor
// release or more behind the newest stable one, or a page whose last check is more than twelve months old.
// Pure: the newest releases come from the digest store (src/digest/latest-toolchains.ts), the clock from the caller.
import { z } from 'zod';
import type { KnowledgeBase } from './knowledge-base.ts';
import { releaseLabel, type Source } from './source.ts';

/** Newest stable releases known, as "1.27.1" / "1.99.0"; null when the store has none. */
const latestToolchainsSchema = z.object({ go: z.string().nullable(), rust: z.string().nullable() });
export type LatestToolchains = z.infer<typeof latestToolchainsSchema>;

const staleEntrySchema = z.object({
  id: z.string(),
  file: z.enum(['assessments.yaml', 'workloads.yaml', 'facts.yaml']),
  checked_against: z.string().nullable(),
  reason: z.string(),
  url: z.url(),
});
type StaleEntry = z.infer<typeof staleEntrySchema>;

export const kbCheckReportSchema = z.object({ latest: latestToolchainsSchema, stale: z.array(staleEntrySchema) });
export type KbCheckReport = z.infer<typeof kbCheckReportSchema>;

/** A review older than this many months needs a fresh look, whatever it was checked against. */
const REVIEW_MAX_AGE_MONTHS = 12;

/** "go1.27" -> { product: "go", major: 1, minor: 27 }; "tokio1.x" or unknown products -> undefined. */
function versionedRelease(checkedAgainst: string): { product: 'go' | 'rust'; major: number; minor: number } | undefined {
  const match = /^(go|rust)(\d+)\.(\d+)/.exec(checkedAgainst);
  if (!match) return undefined;
  return { product: match[1] as 'go' | 'rust', major: Number(match[2]), minor: Number(match[3]) };
}

/** "1.27.1", "go1.27.1", "v1.99.0" -> [1, 27]; undefined for anything else. */
export function majorMinor(version: string): [number, number] | undefined {
  const match = /^(?:go|v)?(\d+)\.(\d+)/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** First day of the month `months` before `now` (UTC), as YYYY-MM-DD: reviews before it are too old. */
function reviewCutoff(now: Date, months: number): string {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return cutoff.toISOString().slice(0, 10);
}

interface CitingEntry {
  id: string;
  file: StaleEntry['file'];
  sources: readonly Source[];
}

function citingEntries(kb: KnowledgeBase): CitingEntry[] {
  return [
    ...kb.assessments.map((a) => ({ id: a.id, file: 'assessments.yaml' as const, sources: a.sources })),
    ...kb.workloads.map((w) => ({ id: w.id, file: 'workloads.yaml' as const, sources: w.precedents.flatMap((p) => p.sources) })),
    ...kb.facts.map((f) => ({ id: f.id, file: 'facts.yaml' as const, sources: f.sources })),
  ];
}

/** Why one living source is stale, or undefined when it is fresh. */
function staleReason(source: Source, latest: LatestToolchains, cutoff: string): string | undefined {
  if (source.checked === undefined) return undefined;
  const reasons: string[] = [];
  const checked = source.checked_against ? versionedRelease(source.checked_against) : undefined;
  const newest = checked ? latest[checked.product] : null;
  const newestMM = newest ? majorMinor(newest) : undefined;
  if (checked && newest && newestMM) {
    const [major, minor] = newestMM;
    if (major > checked.major || (major === checked.major && minor - checked.minor >= 1)) {
      const name = checked.product === 'go' ? 'Go' : 'Rust';
      reasons.push(`checked against ${releaseLabel(source.checked_against as string)}; ${name} ${major}.${minor} is the newest stable release`);
    }
  }
  // A month-only check date counts from the first of that month.
  const checkedDay = source.checked.length === 7 ? `${source.checked}-01` : source.checked;
  if (checkedDay < cutoff) reasons.push(`last checked ${source.checked}, more than ${REVIEW_MAX_AGE_MONTHS} months ago`);
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/** Every (entry, living source) pair that needs a new check, in file order. */
export function checkKnowledgeFreshness(kb: KnowledgeBase, latest: LatestToolchains, now: Date): KbCheckReport {
  const cutoff = reviewCutoff(now, REVIEW_MAX_AGE_MONTHS);
  const stale: StaleEntry[] = [];
  for (const entry of citingEntries(kb)) {
    const seen = new Set<string>();
    for (const source of entry.sources) {
      if (seen.has(source.url)) continue;
      seen.add(source.url);
      const reason = staleReason(source, latest, cutoff);
      if (reason) stale.push({ id: entry.id, file: entry.file, checked_against: source.checked_against ?? null, reason: `${reason} (${source.title})`, url: source.url });
    }
  }
  return { latest, stale };
}

/** Distinct entries (file + id) with at least one stale source: what operators see as a count. */
export function staleEntryCount(report: KbCheckReport): number {
  return new Set(report.stale.map((row) => `${row.file}#${row.id}`)).size;
}
