// Recorded collections (three consecutive weeks) shipped with the repository so `digest preview --demo` works offline. They were produced
// by running the real collector against a local server replaying the sample source responses
// (scripts/record-digest-demo.ts); the values are illustrative, not real-world figures.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { collectionSchema, type Collection } from '../../store/snapshot.ts';

const DEMO_FILE = new URL('./collections.json', import.meta.url);

export function loadDemoCollections(): Collection[] {
  return z.array(collectionSchema).parse(JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
}
