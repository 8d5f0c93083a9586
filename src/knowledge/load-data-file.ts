// Reads one YAML data file of the knowledge base and validates it; a broken file names the file, entry and field.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type * as JsYaml from 'js-yaml';
import type { z } from 'zod';

// Loaded on the first YAML file read, synchronously like the rest of this loader: the built bot starts from the
// knowledge-base snapshot (kb-snapshot.ts), so answering `help` needs no YAML parser (scripts/build.mjs keeps js-yaml
// out of the bundle).
let yaml: typeof JsYaml | undefined;
const loadYaml = (): typeof JsYaml => (yaml ??= createRequire(import.meta.url)('js-yaml') as typeof JsYaml);

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
function validateData<S extends z.ZodType>(file: string, data: unknown, schema: S): z.infer<S> {
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

export function loadDataFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  const file = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KnowledgeFileError(file, undefined, undefined, `cannot read ${path}: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    // js-yaml, not the `yaml` package: about five times faster here, which keeps start-up within budget.
    data = loadYaml().load(text);
  } catch (err) {
    throw new KnowledgeFileError(file, undefined, undefined, `not valid YAML: ${(err as Error).message}`);
  }
  return validateData(file, data, schema);
}
