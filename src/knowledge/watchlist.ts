// The digest's watchlist: which toolchains, crates and Go modules the weekly collection follows and where each
// one's data comes from. The default list is src/knowledge/data/watchlist.yaml; channels may add items by name.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadDataFile } from './load-data-file.ts';

export const languageSchema = z.enum(['rust', 'go']);
export type Language = z.infer<typeof languageSchema>;

const repoSchema = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/repo');
const modulePathSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]+(\/[A-Za-z0-9_.~-]+)*$/, 'a Go module path such as github.com/owner/repo');
const crateNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a crates.io crate name');

export const watchItemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/, 'lowercase id'),
    language: languageSchema,
    kind: z.enum(['toolchain', 'library']),
    name: z.string().min(1),
    crate: crateNameSchema.optional(),
    module: modulePathSchema.optional(),
    github: repoSchema.optional(),
    releases: z.enum(['registry', 'github', 'go.dev']).default('registry'),
    tagPrefix: z.string().optional(),
    osv: z.string().optional(),
  })
  .superRefine((item, ctx) => {
    if (item.crate && item.language !== 'rust') ctx.addIssue({ code: 'custom', path: ['crate'], message: 'crates belong to Rust items' });
    if (item.module && item.language !== 'go') ctx.addIssue({ code: 'custom', path: ['module'], message: 'modules belong to Go items' });
    if (item.releases === 'github' && !item.github) ctx.addIssue({ code: 'custom', path: ['github'], message: 'releases: github needs a github repo' });
    if (item.releases === 'registry' && !item.crate && !item.module) ctx.addIssue({ code: 'custom', path: ['releases'], message: 'releases: registry needs a crate or module' });
  });
export type WatchItem = z.infer<typeof watchItemSchema>;

const watchlistSchema = z.array(watchItemSchema).superRefine((items, ctx) => {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${item.id}` });
    seen.add(item.id);
  });
});

const DEFAULT_WATCHLIST_PATH = fileURLToPath(new URL('./data/watchlist.yaml', import.meta.url));

export function loadWatchlist(path = DEFAULT_WATCHLIST_PATH): WatchItem[] {
  return loadDataFile(path, watchlistSchema);
}

/**
 * A watch item for a name a user typed: a Go module path (has a dot in its first segment) or a crate name.
 * Returns undefined when the name is neither. GitHub repos are inferred for github.com modules only.
 */
export function watchItemForName(name: string): WatchItem | undefined {
  const trimmed = name.trim();
  if (modulePathSchema.safeParse(trimmed).success && trimmed.includes('/')) {
    const github = /^github\.com\/([^/]+\/[^/]+)/.exec(trimmed)?.[1];
    return watchItemSchema.parse({ id: trimmed.toLowerCase(), language: 'go', kind: 'library', name: trimmed, module: trimmed, ...(github ? { github } : {}) });
  }
  if (crateNameSchema.safeParse(trimmed).success) {
    return watchItemSchema.parse({ id: trimmed.toLowerCase(), language: 'rust', kind: 'library', name: trimmed, crate: trimmed });
  }
  return undefined;
}

/** The default list plus extra items, without duplicates (same id, crate or module). */
export function mergeWatchlists(base: WatchItem[], extra: WatchItem[]): WatchItem[] {
  const merged = [...base];
  for (const item of extra) {
    const duplicate = merged.some((existing) => existing.id === item.id || (item.crate && existing.crate === item.crate) || (item.module && existing.module === item.module));
    if (!duplicate) merged.push(item);
  }
  return merged;
}
