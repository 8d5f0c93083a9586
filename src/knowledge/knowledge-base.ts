// First version by the lead so the foundation compiles; helper H1 owns and replaces this file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { factsFileSchema, type Fact } from './fact.ts';

export interface KnowledgeBase {
  version: string;
  reviewed: string;
  facts: Fact[];
}

export const DEFAULT_DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));

export function loadKnowledgeBase(dir: string = DEFAULT_DATA_DIR): KnowledgeBase {
  let facts: Fact[] = [];
  try {
    facts = factsFileSchema.parse(parse(readFileSync(`${dir}/facts.yaml`, 'utf8'))).facts;
  } catch {
    facts = [];
  }
  return { version: '0.0.0', reviewed: '2026-11-27', facts };
}
