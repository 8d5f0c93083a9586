// `rustvsgo --version`: the version in package.json, read at run time so the source and the compiled dist/
// (both two levels below the package root) report the same number without a build-time copy.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const packageJsonSchema = z.object({ name: z.string(), version: z.string() });

export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return packageJsonSchema.parse(JSON.parse(text)).version;
}
