// A split along a library (issue 11, third pass): the part a question adds needs a library that lives in one
// language while the rest of the system is in the other ("the best library for it is a Rust crate, nothing
// comparable in Go"). Keeping the rest and writing that part in the library's language is a candidate for the
// fitted hybrid gate, never an answer on its own.
import { describe, expect, it } from 'vitest';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { prepare } from '../../src/advisor/decide.ts';
import { readQuestion } from '../../src/advisor/read-question.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const compiled = compileKb(loadKnowledgeBase());
const prepared = (q: string) => prepare(compiled, readQuestion(compiled, q), undefined);

describe('a split along a library', () => {
  it.each([
    ['Our services are all Go. We need PDF rendering and the best library for it is a Rust crate. What now?', 'rust'],
    ['Our chains run on a Go framework and we want to add scripting; the good interpreter engines are not in Go.', 'rust'],
    ['Our node software is Go. For the new proof system the best proving libraries are in another language.', 'rust'],
    ['The desktop client is Rust, but the mature tunnel implementation is in Go. What language for the daemon?', 'go'],
  ] as const)('%s -> the part in %s', (question, side) => {
    const p = prepared(question);
    expect(p.hybridFeatures.get('plan:library')).toBe(1);
    expect(p.hybrid?.split[side]).toContain('the part built around that library');
  });

  it.each([
    'Rust or Go for a new PDF rendering service?',
    'Our services are all Go and the best library is in the standard library. Rust or Go for the new API?',
    'The best libraries are in another language. Rust or Go for the API?',
  ])('no library in one language only: no library split (%s)', (question) => {
    expect(prepared(question).hybridFeatures.has('plan:library')).toBe(false);
  });

  it('"no second language" rules it out', () => {
    expect(prepared('Our services are all Go. We need PDF rendering and the best library for it is a Rust crate. No second language.').hybrid).toBeUndefined();
  });
});
