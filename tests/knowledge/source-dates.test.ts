// One date per source: an article carries its publication date, a living page the day (and release) it was
// checked against. The same URL with two dates across the data files would make `sources` and answers disagree.
import { describe, expect, it } from 'vitest';
import { allSources, sourcesReply } from '../../src/commands/sources.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { sourceSchema, type Source } from '../../src/knowledge/source.ts';

const kb = loadKnowledgeBase();

/** Every source occurrence in the knowledge base, with where it was cited. */
function citedSources(): { where: string; source: Source }[] {
  return [
    ...kb.assessments.flatMap((a) => a.sources.map((source) => ({ where: `assessments.yaml ${a.id}`, source }))),
    ...kb.workloads.flatMap((w) => w.precedents.flatMap((p) => p.sources.map((source) => ({ where: `workloads.yaml ${w.id}`, source })))),
    ...kb.facts.flatMap((f) => f.sources.map((source) => ({ where: `facts.yaml ${f.id}`, source }))),
  ];
}

/** URLs cited with more than one date (or one as an article and once as a living page), with the dates. */
function urlsWithTwoDates(cited: readonly { where: string; source: Source }[]): Map<string, string[]> {
  const byUrl = new Map<string, Set<string>>();
  for (const { where, source } of cited) {
    const key = `${source.label}`;
    const seen = byUrl.get(source.url) ?? new Set<string>();
    seen.add(`${key} (${where})`);
    byUrl.set(source.url, seen);
  }
  const conflicts = new Map<string, string[]>();
  for (const [url, entries] of byUrl) {
    const labels = new Set([...entries].map((entry) => entry.replace(/ \(.*\)$/, '')));
    if (labels.size > 1) conflicts.set(url, [...entries]);
  }
  return conflicts;
}

describe('one date per source', () => {
  it('no URL carries two dates across the data files', () => {
    expect(Object.fromEntries(urlsWithTwoDates(citedSources()))).toEqual({});
  });

  it('the check finds a URL cited with two dates', () => {
    const a = sourceSchema.parse({ title: 'GC guide', url: 'https://go.dev/doc/gc-guide', date: '2026-02' });
    const b = sourceSchema.parse({ title: 'GC guide', url: 'https://go.dev/doc/gc-guide', date: '2026-02-10' });
    expect([...urlsWithTwoDates([{ where: 'x', source: a }, { where: 'y', source: b }]).keys()]).toEqual(['https://go.dev/doc/gc-guide']);
  });

  it('a living page is shown with the release and month it was checked against, not as a publication date', () => {
    const living = sourceSchema.parse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq', checked: '2026-11-27', checked_against: 'go1.27' });
    expect(living).toMatchObject({ date: '2026-11-27', label: 'checked against Go 1.27, 2026-11', checked_against: 'go1.27' });
    const article = sourceSchema.parse({ title: 'Go 1.22 Release Notes', url: 'https://go.dev/doc/go1.22', date: '2024-02-06' });
    expect(article).toEqual({ title: 'Go 1.22 Release Notes', url: 'https://go.dev/doc/go1.22', date: '2024-02-06', label: '2024-02-06' });
    expect(sourceSchema.parse({ title: 'tokio docs', url: 'https://docs.rs/tokio', checked: '2026-11-27', checked_against: 'tokio1.x' }).label).toBe('checked against Tokio 1.x, 2026-11');
  });

  it('a source with both a publication date and a check date, or neither, is rejected', () => {
    expect(sourceSchema.safeParse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq', date: '2026-02', checked: '2026-11-27' }).success).toBe(false);
    expect(sourceSchema.safeParse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq' }).success).toBe(false);
    expect(sourceSchema.safeParse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq', date: '2026-02', checked_against: 'go1.27' }).success).toBe(false);
  });

  it('sources lists each source once, with its date or what it was checked against', () => {
    const reply = sourcesReply(kb);
    const listed = allSources(kb);
    expect(new Set(listed.map((s) => s.url)).size).toBe(listed.length);
    const body = (reply.sections ?? []).map((s) => s.body).join('\n');
    expect(body).toContain('(checked against Go 1.27, 2026-12)');
    expect(body).toMatch(/Counter Service: How we rewrote it in Rust.*\(2025-06-20\)/);
  });
});

describe('parsed sources', () => {
  it('a parsed source parses again to the same value (the advice JSON contract re-validates reasons)', () => {
    const living = sourceSchema.parse({ title: 'Go FAQ', url: 'https://go.dev/doc/faq', checked: '2026-11-27', checked_against: 'go1.27' });
    expect(sourceSchema.parse(living)).toEqual(living);
    const article = sourceSchema.parse({ title: 'Go 1.22 Release Notes', url: 'https://go.dev/doc/go1.22', date: '2024-02-06' });
    expect(sourceSchema.parse(article)).toEqual(article);
  });
});
