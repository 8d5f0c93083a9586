// A split along the existing code (issue 11, second pass: hybrids were rarely produced): when the question asks
// about one part of existing Rust or Go code and that part leans the other way, the split "keep the code, write
// the part in the other language" is a candidate for the fitted hybrid gate. It is proposed only when the
// question asks about a part, never for a plain "should we rewrite it?".
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { prepare } from '../../src/advisor/decide.ts';
import { readQuestion } from '../../src/advisor/read-question.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();
const compiled = compileKb(kb);
const candidate = (q: string) => prepare(compiled, readQuestion(compiled, q), undefined).hybrid;

describe('a split along the existing code', () => {
  it('"works fine except one component" that burns CPU: the part goes Rust, the Go code stays', () => {
    const a = advise('Our edge proxy is written in Go and works fine, except one component: a regex-heavy filtering engine that pegs the CPU at 300k rps.', undefined, kb);
    expect(a.recommendation).toBe('hybrid');
    expect(a.hybrid?.go).toBe('the existing Go code');
    expect(a.hybrid?.rust).toContain('the part in question');
  });

  it('"rewrite only that part" of a Go agent is asked as a split', () => {
    const plan = candidate('Our host agent is Go. Its metrics intake eats too much CPU and memory at high volume: rewrite only that part, or all of it?');
    expect(plan?.split.go).toBe('the existing Go code');
  });

  it('no part asked about: no split along the code is proposed', () => {
    expect(candidate('Our edge proxy is written in Go and pegs the CPU at 300k rps. Should we rewrite it in Rust?')).toBeUndefined();
  });

  it('the part leans the same way as the code: no split', () => {
    expect(candidate('Our admin API is written in Go; rewrite only that part that serves CRUD forms, or all of it?')).toBeUndefined();
  });
});
