// Every claim the knowledge base makes is sourced, dated and primary; none of the article's wrong claims
// (../shared/knowledge/facts.md Part B) appears in the knowledge base or in any answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { CRITERION_IDS } from '../../src/knowledge/criterion.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { allSources } from '../../src/commands/sources.ts';
import { readCases } from '../../scripts/evaluate-advisor.ts';
import { generateQuestions } from '../../bench/advisor.ts';

const kb = loadKnowledgeBase();

/** The wrong claims of facts.md Part B, as patterns that would catch them however they are phrased. */
export const WRONG_CLAIMS: { claim: string; pattern: RegExp }[] = [
  { claim: 'Rust 1.72 stabilized async runtime interoperability', pattern: /rust 1\.72[^.]*(async|runtime interop)/i },
  { claim: 'Go 1.22 GC incremental scheduling cut pauses up to 40%', pattern: /(go 1\.22[^.]*(pause|40 ?%|incremental))|incremental scheduling/i },
  { claim: 'Tokio 1.10 improved task scheduling', pattern: /tokio 1\.10\b/i },
  { claim: 'CNCF: ~35% of backend developers use Go, ~20% Rust', pattern: /(cncf[^.]*\d+ ?%)|(35 ?%[^.]*\bgo\b)|(20 ?%[^.]*\brust\b)/i },
  { claim: "Rust's static linking makes compact binaries, Go's larger", pattern: /(static linking produces compact)|(go binaries tend to be larger)|(rust'?s static linking)/i },
  { claim: 'Go GC pauses are in the low milliseconds', pattern: /(low[- ]milliseconds?)|(pauses?[^.]{0,40}\bmilliseconds range)/i },
  { claim: 'Tide is a popular Rust framework', pattern: /(tide[^.]{0,30}popular)|(popular[^.]{0,30}tide)/i },
];

function kbTexts(): string[] {
  return [
    ...kb.criteria.flatMap((c) => [c.name, c.description]),
    ...kb.assessments.flatMap((a) => [a.text, a.evidence, ...a.sources.map((s) => s.title)]),
    ...kb.workloads.flatMap((w) => [w.name, ...w.precedents.map((p) => p.text)]),
    ...kb.constraints.flatMap((c) => [c.label, c.negated_label ?? '', c.askable?.question ?? '', c.askable?.if_present ?? '', c.hybrid?.rust ?? '', c.hybrid?.go ?? '']),
    kb.meta.provenance,
  ];
}

const SECONDARY_HOSTS = /(wikipedia\.org|sobyte\.net|bytebytego|medium\.com\/@|quora|reddit|stackoverflow|dev\.to|hackernoon)/;

describe('sources', () => {
  it('every source of an assessment or precedent is https, titled and dated', () => {
    const sources = [...kb.assessments.flatMap((a) => a.sources), ...kb.workloads.flatMap((w) => w.precedents.flatMap((p) => p.sources))];
    expect(sources.length).toBeGreaterThan(40);
    for (const s of sources) {
      expect(s.url, s.title).toMatch(/^https:\/\//);
      expect(s.date, s.url).toMatch(/^(19|20)\d{2}-(0[1-9]|1[0-2])(-\d{2})?$/);
      expect(s.title.length, s.url).toBeGreaterThan(3);
    }
  });

  it('no source is a secondary aggregator', () => {
    for (const s of allSources(kb)) expect(s.url, s.title).not.toMatch(SECONDARY_HOSTS);
  });

  it('every assessment cites at least one source and reads as a full sentence', () => {
    for (const a of kb.assessments) {
      expect(a.sources.length, a.id).toBeGreaterThan(0);
      expect(a.text.trim(), a.id).toMatch(/[.]$/);
    }
  });
});

describe('the knowledge base vocabulary', () => {
  it('has exactly the eleven criteria of the evaluation README, each described', () => {
    // The evaluation README's vocabulary table, copied into the repo so the check runs in any clone.
    const readme = readFileSync(new URL('../fixtures/eval-criteria.md', import.meta.url), 'utf8');
    const fromReadme = [...readme.matchAll(/^\| ([a-z-]+) \| /gm)].map((m) => m[1]).filter((id) => id !== 'id' && (CRITERION_IDS as readonly string[]).includes(id!));
    expect(new Set(fromReadme)).toEqual(new Set(CRITERION_IDS));
    expect(kb.criteria.map((c) => c.id).sort()).toEqual([...CRITERION_IDS].sort());
    for (const c of kb.criteria) expect(c.description.length, c.id).toBeGreaterThan(40);
  });

  it('has at least 25 workload profiles, each with phrases and weights', () => {
    expect(kb.workloads.length).toBeGreaterThanOrEqual(25);
    for (const w of kb.workloads) {
      expect(w.phrases.length, w.id).toBeGreaterThanOrEqual(2);
      expect(Object.keys(w.weights).length, w.id).toBeGreaterThanOrEqual(5);
    }
  });

  it('has contextual assessments for both languages on every criterion', () => {
    for (const id of CRITERION_IDS) expect(kb.assessments.some((a) => a.criterion === id && a.when.length === 0), id).toBe(true);
    expect(kb.assessments.filter((a) => a.when.length > 0).length).toBeGreaterThanOrEqual(20);
  });
});

describe('wrong claims (facts.md Part B)', () => {
  it('the patterns catch the claims as the article states them', () => {
    const article = [
      'Rust 1.72 stabilized enhancements in async runtime interoperability',
      'Go 1.22 improved its GC with incremental scheduling, reducing pause times by up to 40%',
      'Tokio 1.10 with improved task scheduling',
      'CNCF survey: 35% of backend developers use Go and 20% Rust',
      "Rust's static linking produces compact binaries while Go binaries tend to be larger",
      'Go GC pauses are typically in the low milliseconds range',
      'Tide is a popular Rust framework',
    ];
    for (const [i, sentence] of article.entries()) expect(sentence).toMatch(WRONG_CLAIMS[i]!.pattern);
  });

  it('none appears anywhere in the knowledge base', () => {
    for (const text of kbTexts()) {
      for (const { claim, pattern } of WRONG_CLAIMS) expect(text, claim).not.toMatch(pattern);
    }
  });

  it('none appears in any answer to the evaluation questions or to varied questions', () => {
    const questions = [
      ...readCases().map((c) => c.question),
      'Rust or Go for an edge gateway?',
      'Which has smaller binaries, Rust or Go, for a CLI?',
      'Rust or Go for a low-latency trading engine with GC concerns?',
      'Is Tokio or goroutines better for a websocket server?',
      'Rust or Go for a web API with a popular framework?',
      ...generateQuestions(kb, 150, 99),
    ];
    for (const q of questions) {
      const text = JSON.stringify(advise(q, undefined, kb));
      for (const { claim, pattern } of WRONG_CLAIMS) expect(text, `${claim} in answer to: ${q}`).not.toMatch(pattern);
    }
  });
});
