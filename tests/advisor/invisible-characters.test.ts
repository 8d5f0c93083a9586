// A question pasted from chat, a doc or a PDF carries invisible format characters (zero-width space, soft hyphen,
// bidi controls). Found at first contact: "Rust or Go for an edge gate<U+200B>way?" was answered "not a Rust-vs-Go
// question I can judge" (no component named). Invisible characters now change nothing about the answer.
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();

describe('invisible characters in a question', () => {
  it.each([
    ['zero-width space inside a word', 'Rust or Go for an edge gate\u200Bway?'],
    ['soft hyphen and zero-width joiner', 'Rust or Go for an edge gate\u00ADway\u200D?'],
    ['bidi override around a word, BOM in front', '\uFEFFRust or Go for an \u202Eedge\u202C gateway?'],
  ])('%s: answered as the plain question', (_label, pasted) => {
    const plain = advise('Rust or Go for an edge gateway?', undefined, kb);
    const answer = advise(pasted, undefined, kb);
    expect(answer.recommendation).toBe(plain.recommendation);
    expect(answer.confidence).toBe(plain.confidence);
    expect(answer.reasons.map((r) => r.criterion)).toEqual(plain.reasons.map((r) => r.criterion));
    expect(answer.read_as).toBe(plain.read_as);
  });

  // The adapters defuse "@everyone" as "@<U+200D>everyone" before the advisor sees it, and the question is echoed.
  it('keeps the joiner that defuses a mention, so the echoed question never pings', () => {
    const answer = advise('Rust or Go for an edge gateway? @\u200Deveryone', undefined, kb);
    expect(answer.question).toContain('@\u200Deveryone');
    expect(containsLivePing(JSON.stringify(answer))).toBe(false);
  });
});
