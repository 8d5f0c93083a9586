// GitHub REST client for the digest: releases (drafts and prereleases dropped, tag-prefix filter for monorepos
// such as tokio's "tokio-*" tags) and a repository's star count. Conditional requests keep the hourly budget.
import { z } from 'zod';
import { STORED_NOTES_MAX } from '../release-notes.ts';
import { HttpClient, SourceError, type SourceClock, type SourceFetchObserver } from './http-client.ts';
import type { ValidatorStore } from '../../store/source-validators.ts';

export const GITHUB_SOURCE = 'github';

const releaseSchema = z.object({
  tag_name: z.string(),
  name: z.string().nullable().optional(),
  html_url: z.string(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  created_at: z.string().optional(),
  published_at: z.string().nullable().optional(),
  /** Markdown release notes (CRLF line endings); the digest shows its first lines as "why it matters". */
  body: z.string().nullable().optional(),
});
const releasesSchema = z.array(releaseSchema);

const repoSchema = z.object({
  full_name: z.string(),
  html_url: z.string(),
  stargazers_count: z.number().int().nonnegative(),
  archived: z.boolean().optional(),
});

export interface GithubRelease {
  tag: string;
  /** Version text with the tag prefix (and a leading "v") removed. */
  version: string;
  name: string;
  url: string;
  publishedAt: string;
  /** The start of the release notes, when the release has any. */
  notes?: string;
}

export interface GithubRepoStats {
  fullName: string;
  url: string;
  stars: number;
}

export interface GithubClientOptions {
  baseUrl: string;
  token?: string;
  clock?: SourceClock;
  validators?: ValidatorStore;
  maxRateLimitWaitMs?: number;
  timeoutMs?: number;
  deadline?: AbortSignal;
  observer?: SourceFetchObserver;
}

export function createGithubClient(options: GithubClientOptions): HttpClient {
  return new HttpClient({
    source: GITHUB_SOURCE,
    baseUrl: options.baseUrl,
    clock: options.clock,
    validators: options.validators,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs,
    timeoutMs: options.timeoutMs,
    deadline: options.deadline,
    observer: options.observer,
    headers: {
      'x-github-api-version': '2022-11-28',
      // Only authenticated 304s are free of the primary limit, so the token matters for conditional requests.
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
  });
}

/** "owner/repo" -> URL path segment, refusing anything that is not exactly two plain segments. */
function repoPath(repo: string): string {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) throw new SourceError(GITHUB_SOURCE, 'malformed', `bad repository name ${repo}`);
  return `/repos/${repo}`;
}

export function versionFromTag(tag: string, tagPrefix = ''): string {
  const rest = tag.startsWith(tagPrefix) ? tag.slice(tagPrefix.length) : tag;
  return rest.replace(/^v(?=\d)/, '');
}

/**
 * Published, non-draft, non-prerelease releases whose tag starts with `tagPrefix`, newest first.
 * A tag-prefix like "tokio-" keeps tokio-util-* and tokio-macros-* releases of the same monorepo out.
 */
export async function githubReleases(client: HttpClient, repo: string, options: { tagPrefix?: string; perPage?: number } = {}): Promise<GithubRelease[]> {
  const prefix = options.tagPrefix ?? '';
  const { data } = await client.getJson(`${repoPath(repo)}/releases?per_page=${options.perPage ?? 30}`, releasesSchema, {
    accept: 'application/vnd.github+json',
    conditional: true,
  });
  return data
    .filter((release) => !release.draft && !release.prerelease)
    .filter((release) => release.tag_name.startsWith(prefix))
    // With a prefix, the rest must look like a version: "tokio-1.46.1" yes, "tokio-util-0.7.15" no.
    .filter((release) => /^v?\d/.test(release.tag_name.slice(prefix.length)))
    .map((release) => ({
      tag: release.tag_name,
      version: versionFromTag(release.tag_name, prefix),
      name: release.name ?? release.tag_name,
      url: release.html_url,
      publishedAt: release.published_at ?? release.created_at ?? '',
      ...(release.body ? { notes: release.body.slice(0, STORED_NOTES_MAX) } : {}),
    }))
    .filter((release) => release.publishedAt !== '')
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
}

export async function githubRepoStats(client: HttpClient, repo: string): Promise<GithubRepoStats> {
  const { data } = await client.getJson(repoPath(repo), repoSchema, { accept: 'application/vnd.github+json', conditional: true });
  return { fullName: data.full_name, url: data.html_url, stars: data.stargazers_count };
}
