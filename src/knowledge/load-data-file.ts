// Reads one YAML data file of the knowledge base and validates it; a broken file names the file, entry and field.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

export class KnowledgeFileError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string | undefined,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(
      `knowledge file ${file}` +
        (entry === undefined ? '' : `, entry ${entry}`) +
        (field === undefined || field === '' ? '' : `, field ${field}`) +
        `: ${problem}`,
    );
    this.name = 'KnowledgeFileError';
  }
}

/** Names an entry of a list by its id when it has one, else by its position. */
function describeEntry(list: unknown[], index: number): string {
  const item = list[index];
  const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `"${id}" (#${index + 1})` : `#${index + 1}`;
}

/** Validates already-parsed data; exported so tests and cross-reference checks share the error format. */
export function validateData<S extends z.ZodType>(file: string, data: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new KnowledgeFileError(file, undefined, undefined, 'invalid content');
  const path = [...issue.path];
  // The entry is the item of the first list on the path (top-level list, or e.g. `facts:`); the field is the rest.
  let node: unknown = data;
  let entry: string | undefined;
  let fieldStart = 0;
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number' && Array.isArray(node)) {
      entry = describeEntry(node, key);
      fieldStart = i + 1;
      break;
    }
    node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const field = path.slice(entry === undefined ? 0 : fieldStart).map(String).join('.');
  throw new KnowledgeFileError(file, entry, field, issue.message);
}

/**
 * YAML parsing dominates start-up (the yaml package parses a few MB/s), so parsed content is cached as JSON
 * in the temp directory, keyed by a hash of the file's text: an edited file is always parsed afresh, and
 * validation below runs on every load either way.
 */
const PARSE_CACHE_DIR = join(tmpdir(), 'rustvsgo-kb-parse-cache');

function parseYaml(text: string, useCache: boolean): unknown {
  if (!useCache) return parse(text);
  const key = createHash('sha256').update(text).digest('hex').slice(0, 40);
  const cached = join(PARSE_CACHE_DIR, `${key}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as unknown;
  } catch {
    // Not cached yet (or unreadable): parse below.
  }
  const data: unknown = parse(text);
  try {
    mkdirSync(PARSE_CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(data));
    renameSync(partial, cached);
  } catch {
    // A read-only temp directory only costs speed.
  }
  return data;
}

export interface LoadOptions {
  /** Reuse parsed YAML from the temp-directory cache (default true). */
  parseCache?: boolean;
}

export function loadDataFile<S extends z.ZodType>(path: string, schema: S, options: LoadOptions = {}): z.infer<S> {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KnowledgeFileError(file, undefined, undefined, `cannot read ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, options.parseCache ?? true);
  } catch (err) {
    throw new KnowledgeFileError(file, undefined, undefined, `not valid YAML: ${(err as Error).message}`);
  }
  return validateData(file, data, schema);
}
