// The knowledge base as the build validated it: `npm run build` loads the YAML (every schema and cross-reference
// check of knowledge-base.ts) and writes the result as JSON beside it, so the compiled bot starts by reading one
// JSON file instead of parsing ~200 KB of YAML and running zod over it (most of its start-up time before).
// A snapshot is only trusted when it was written by the same build as the code reading it (same format and build
// id); anything else (a stale file, a hand edit, running from src/ with tsx) falls back to the YAML.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { KnowledgeBase } from './knowledge-base.ts';

/** Where the shipped data files (and the build's snapshot) are: knowledge-base.ts's DEFAULT_DATA_DIR, this folder. */
const SHIPPED_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

/** Bump when the snapshot's layout changes (not its content: the build id covers the schemas and the data). */
const KB_SNAPSHOT_FORMAT = 1;

const KB_SNAPSHOT_FILE = 'kb-snapshot.json';

/**
 * The build id scripts/build.mjs defines in the bundle (a hash of src/, data and schemas included). Undefined when
 * running the TypeScript sources, where no snapshot is used.
 */
const CURRENT_BUILD_ID: string | undefined = process.env.RUSTVSGO_BUILD_ID;

// Only the header is checked here: the content was validated by the same schemas at build time, and re-running zod
// over it is the cost the snapshot exists to avoid.
const snapshotHeaderSchema = z.object({ format: z.number(), build: z.string(), kb: z.object({ version: z.string() }).loose() });

/** The snapshot's knowledge base when it matches this code's format and build, else undefined. */
export function readKbSnapshot(path: string, buildId: string | undefined = CURRENT_BUILD_ID): KnowledgeBase | undefined {
  if (buildId === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const header = snapshotHeaderSchema.safeParse(data);
  if (!header.success || header.data.format !== KB_SNAPSHOT_FORMAT || header.data.build !== buildId) return undefined;
  return header.data.kb as unknown as KnowledgeBase;
}

/** Writes a knowledge base loaded (so validated) from `dir` as that folder's snapshot for `buildId`. */
export function writeKbSnapshot(dir: string, buildId: string, kb: KnowledgeBase): void {
  writeFileSync(join(dir, KB_SNAPSHOT_FILE), JSON.stringify({ format: KB_SNAPSHOT_FORMAT, build: buildId, kb }));
}

/**
 * The knowledge base the bot ships with: the build's snapshot when it matches, else the YAML (validated). The YAML
 * loader and its schemas are imported only for that fallback: constructing them was part of every start.
 */
export async function loadShippedKnowledgeBase(): Promise<KnowledgeBase> {
  return readKbSnapshot(join(SHIPPED_DATA_DIR, KB_SNAPSHOT_FILE)) ?? (await import('./knowledge-base.ts')).loadKnowledgeBase(SHIPPED_DATA_DIR);
}
