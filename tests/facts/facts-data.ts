// Test helper: the shipped facts file, parsed and validated the way the loader does it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load as parse } from 'js-yaml';
import { factsFileSchema, type Fact } from '../../src/knowledge/fact.ts';

const factsPath = fileURLToPath(new URL('../../src/knowledge/data/facts.yaml', import.meta.url));

export function rawFactsFile(): unknown {
  return parse(readFileSync(factsPath, 'utf8'));
}

export function shippedFacts(): Fact[] {
  return factsFileSchema.parse(rawFactsFile()).facts;
}
