// The newest stable Go and Rust releases the digest collector has stored, for `kb check`: Go from the go.dev/dl
// snapshot (stable toolchains only), Rust from rust-lang/rust GitHub releases (prereleases dropped) or, when
// those are missing, the Rust blog's "Announcing Rust X.Y.Z" posts. Reads the store only, never the network.
import type { LatestToolchains } from '../knowledge/kb-freshness.ts';
import { majorMinor } from '../knowledge/kb-freshness.ts';
import type { DigestSnapshotRepository } from '../store/digest-snapshots.ts';
import type { Collection } from '../store/snapshot.ts';

/** How many stored weeks to look through: a week whose source failed still keeps the newest version elsewhere. */
const WEEKS_SCANNED = 8;
const FAR_FUTURE_WEEK = '9999-W99';

/** "go1.27.1" -> "1.27.1"; "1.99.0" stays. */
function bareVersion(version: string): string {
  return version.replace(/^go/, '').replace(/^v/, '');
}

function compareVersions(a: string, b: string): number {
  const pa = bareVersion(a).split('.').map((part) => Number.parseInt(part, 10) || 0);
  const pb = bareVersion(b).split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function newest(versions: readonly string[]): string | null {
  const valid = versions.filter((version) => majorMinor(version) !== undefined && /^(go|v)?\d+\.\d+(\.\d+)?$/.test(version));
  if (valid.length === 0) return null;
  return bareVersion([...valid].sort(compareVersions).at(-1) as string);
}

function versionsOf(collection: Collection, itemId: string): string[] {
  const item = collection.items.find((candidate) => candidate.itemId === itemId);
  if (!item) return [];
  return [item.latestVersion, ...(item.knownVersions ?? []), ...item.releases.map((release) => release.version)].filter((v): v is string => v !== undefined);
}

/** "Announcing Rust 1.88.0" and "Announcing Rust 1.87.0 and ten years of Rust!" -> the version. */
function rustBlogVersions(collection: Collection): string[] {
  const feed = collection.feeds.find((candidate) => candidate.feedId === 'rust-blog');
  return (feed?.posts ?? []).flatMap((post) => {
    const match = /^Announcing Rust (\d+\.\d+\.\d+)\b/.exec(post.title);
    return match ? [match[1] as string] : [];
  });
}

export function latestToolchainsIn(collections: readonly Collection[]): LatestToolchains {
  const go = newest(collections.flatMap((collection) => versionsOf(collection, 'go')));
  const rustFromGithub = newest(collections.flatMap((collection) => versionsOf(collection, 'rust')));
  const rustFromBlog = newest(collections.flatMap(rustBlogVersions));
  const rust = rustFromGithub && rustFromBlog ? newest([rustFromGithub, rustFromBlog]) : (rustFromGithub ?? rustFromBlog);
  return { go, rust };
}

export async function latestStoredToolchains(snapshots: DigestSnapshotRepository): Promise<LatestToolchains> {
  const weeks = await snapshots.weeksBefore(FAR_FUTURE_WEEK, WEEKS_SCANNED);
  const collections = (await Promise.all(weeks.map((week) => snapshots.get(week)))).filter((c): c is Collection => c !== undefined);
  return latestToolchainsIn(collections);
}
