import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dump as stringify } from 'js-yaml';
import { factsFileSchema } from '../../src/knowledge/fact.ts';
import { loadDataFile } from '../../src/knowledge/load-data-file.ts';
import { rawFactsFile, shippedFacts } from './facts-data.ts';

const facts = shippedFacts();

/** The eleven criterion ids, read from the evaluation README's vocabulary table (a copy kept in the repo). */
function evalCriteria(): string[] {
  const readme = readFileSync(new URL('../fixtures/eval-criteria.md', import.meta.url), 'utf8');
  const vocabulary = readme.split('## Criteria vocabulary')[1]?.split('\n## ')[0] ?? '';
  return [...vocabulary.matchAll(/^\| ([a-z-]+) \|/gm)].map((m) => m[1] as string).filter((id) => id !== 'id');
}

describe('facts.yaml', () => {
  it('given the shipped file then it passes the schema', () => {
    expect(factsFileSchema.safeParse(rawFactsFile()).success).toBe(true);
  });

  it('given the shipped file then it holds at least 80 facts', () => {
    expect(facts.length).toBeGreaterThanOrEqual(80);
  });

  it('given every fact then ids and topics are unique', () => {
    expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    expect(new Set(facts.map((f) => f.topic.toLowerCase())).size).toBe(facts.length);
  });

  it('given every fact then each source has a title, an https URL and a full ISO date not in the future', () => {
    const today = '2026-12-31';
    for (const fact of facts) {
      expect(fact.sources.length, fact.id).toBeGreaterThanOrEqual(1);
      for (const source of fact.sources) {
        expect(source.url, fact.id).toMatch(/^https:\/\/[^\s]+$/);
        expect(source.date, fact.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(Number.isNaN(Date.parse(`${source.date}T00:00:00Z`)), `${fact.id} ${source.date}`).toBe(false);
        expect(source.date <= today, `${fact.id} ${source.date}`).toBe(true);
        expect(source.title.trim().length, fact.id).toBeGreaterThan(3);
      }
    }
  });

  it('given every fact then its criterion is one of the eleven ids of the evaluation vocabulary', () => {
    const criteria = evalCriteria();
    expect(criteria).toHaveLength(11);
    for (const fact of facts) expect(criteria, fact.id).toContain(fact.criterion);
  });

  it('given every fact then its text is one to three sentences', () => {
    for (const fact of facts) {
      const sentences = fact.text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.trim() !== '');
      expect(sentences.length, fact.id).toBeGreaterThanOrEqual(1);
      expect(sentences.length, fact.id).toBeLessThanOrEqual(3);
    }
  });

  it.each([
    'gc pause',
    'GOGC',
    'GOMEMLIMIT',
    'Green Tea',
    'forced GC',
    'preempt',
    'GOMAXPROCS',
    'PGO',
    'work-stealing',
    'spawn_blocking',
    '1.39',
    '1.75',
    '1.85',
    'async-std',
    'tide',
    'binary',
    'static',
    'lambda',
    'compile',
    'axum',
    'gin',
    'Discord',
    'Cloudflare',
    'Dropbox',
    'Linkerd',
    'TiKV',
    'Firecracker',
    'TypeScript',
    'esbuild',
    'Grab',
    'npm',
    'cgo',
    'wasm',
    'CISA',
    'Android',
    'race detector',
    'generics',
    'modules',
    'edition',
    'MSRV',
    'unsafe',
    '11%',
  ])('given the coverage list then some fact covers %s', (term) => {
    const needle = term.toLowerCase();
    const covered = facts.some((f) => `${f.topic} ${f.tags.join(' ')} ${f.text}`.toLowerCase().includes(needle));
    expect(covered).toBe(true);
  });

  it('given a duplicate id then the schema rejects the file and names the id', () => {
    const [first] = facts;
    const result = factsFileSchema.safeParse([first, first]);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(`duplicate fact id \\"${first?.id}\\"`);
  });

  it('given an http source then the schema rejects it', () => {
    const [first] = facts;
    const broken = { ...first, sources: [{ title: 'Plain HTTP', url: 'http://example.com/', date: '2024-01-01' }] };
    expect(factsFileSchema.safeParse([broken]).success).toBe(false);
  });

  it('given a broken entry then loading names the file, the entry and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'facts-'));
    const path = join(dir, 'facts.yaml');
    const entries = rawFactsFile() as Record<string, unknown>[];
    const broken = entries.map((entry, i) => (i === 1 ? { ...entry, sources: [{ title: 'No date', url: 'https://go.dev/' }] } : entry));
    writeFileSync(path, stringify(broken));
    expect(() => loadDataFile(path, factsFileSchema)).toThrow(
      new RegExp(`knowledge file facts\\.yaml, entry "${String(entries[1]?.id)}" \\(#2\\), field sources\\.0\\.date`),
    );
  });
});
