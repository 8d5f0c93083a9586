// The advisor's answer: the JSON contract, deterministic weighted scoring, team profiles that move close
// calls (and say so), low-confidence questions, hybrids, and flips computed by re-scoring.
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { adviceSchema } from '../../src/advisor/advice.ts';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { decide, prepare, type TeamProfileInput } from '../../src/advisor/decide.ts';
import { loadFittedWeights } from '../../src/advisor/fitted-model.ts';
import { readQuestion } from '../../src/advisor/read-question.ts';
import { CRITERION_IDS } from '../../src/knowledge/criterion.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();
const compiled = compileKb(kb);
/** The knowledge base's criterion margin (Rust - Go, without team fit): where a constraint adds or damps weight. */
const modelPRust = (q: string, profile?: TeamProfileInput): number =>
  decide(prepare(compiled, readQuestion(compiled, q), profile), loadFittedWeights()).pRust;
const kbMargin = (q: string): number => prepare(compiled, readQuestion(compiled, q), undefined).kbMargin;

describe('the JSON contract', () => {
  it('given a question then the answer has every field of issue 3 and validates', () => {
    const advice = advise('Rust or Go for an edge gateway?', undefined, kb);
    const parsed = adviceSchema.parse(advice);
    for (const key of ['question', 'recommendation', 'confidence', 'scores', 'reasons', 'tradeoff', 'flip', 'hybrid', 'signals', 'kb_version']) {
      expect(parsed, key).toHaveProperty(key);
    }
    expect(parsed.kb_version).toBe(kb.meta.version);
    expect(parsed.scores.rust).toBeGreaterThanOrEqual(0);
    expect(parsed.scores.go).toBeLessThanOrEqual(100);
  });

  it('every reason names a criterion id, the language it favours, a sentence and dated sources', () => {
    const advice = advise('Rust or Go for a multi-tenant sandbox that runs untrusted code, with a small team?', undefined, kb);
    expect(advice.reasons.length).toBeGreaterThan(0);
    for (const r of [...advice.reasons, advice.tradeoff!]) {
      expect(CRITERION_IDS).toContain(r.criterion);
      expect(['rust', 'go']).toContain(r.favours);
      expect(r.text.length).toBeGreaterThan(30);
      for (const s of r.sources) expect(s.date).toMatch(/^\d{4}-\d{2}/);
    }
  });

  it('is deterministic', () => {
    const q = 'Rust or Go for a GraphQL BFF at a startup?';
    expect(advise(q, undefined, kb)).toEqual(advise(q, undefined, kb));
  });

  it('reasons come most decisive first, all for the recommended language, and the trade-off is for the other', () => {
    const advice = advise('Rust or Go for a Kubernetes operator?', undefined, kb);
    expect(advice.recommendation).toBe('go');
    expect(advice.reasons.every((r) => r.favours === 'go')).toBe(true);
    expect(advice.reasons[0]!.criterion).toBe('ecosystem');
    expect(advice.tradeoff?.favours).toBe('rust');
  });
});

describe('context changes the answer where it should', () => {
  it.each([
    ['Rust or Go for a CRUD API for our internal admin tool?', 'go'],
    ['Rust or Go for a Kubernetes operator?', 'go'],
    ['Rust or Go for a CLI tool that must ship as one binary for Windows, macOS and Linux?', 'go'],
    ['Rust or Go for a low-latency matching engine where GC pauses are unacceptable?', 'rust'],
    ['Rust or Go for a Wasm plugin host that runs untrusted user code?', 'rust'],
    ['Rust or Go for a library shared by our iOS and Android apps?', 'rust'],
    ['Rust or Go for a Python extension module for a CPU-bound hot loop?', 'rust'],
    ['Rust or Go for replacing our C++ packet processing firewall?', 'rust'],
  ] as const)('%s -> %s', (question, expected) => {
    expect(advise(question, undefined, kb).recommendation).toBe(expected);
  });

  it('GC matters for a huge live heap with a p999 target, not for CRUD', () => {
    const crud = advise('Rust or Go for a CRUD API?', undefined, kb);
    const heap = advise('Rust or Go for a service holding a 100 GB in-memory heap with a strict p999 target?', undefined, kb);
    const gcWeight = (a: typeof crud): number => a.reasons.concat(a.tradeoff ? [a.tradeoff] : []).filter((r) => r.criterion === 'tail-latency').length;
    expect(crud.recommendation).toBe('go');
    expect(heap.recommendation).toBe('rust');
    expect(heap.reasons[0]!.criterion).toBe('tail-latency');
    expect(gcWeight(crud)).toBe(0);
  });

  it('a negated constraint damps it instead of adding it', () => {
    const doesNot = advise("Rust or Go for a message queue? We don't care about latency.", undefined, kb);
    // The knowledge-base scoring, not the shown scores: those follow the calibrated confidence, which is binned,
    // and the fitted model may weigh the criterion margin differently.
    expect(kbMargin('Rust or Go for a message queue? Tail latency is critical.')).toBeGreaterThan(kbMargin("Rust or Go for a message queue? We don't care about latency."));
    expect(doesNot.signals.find((s) => s.id === 'latency-sensitive')?.negated).toBe(true);
    expect(doesNot.read_as).toContain('latency not a priority');
  });
});

describe('team context', () => {
  const close = 'Rust or Go for a game server?';

  it('given a close call then a Go team profile moves it to Go and the answer says so', () => {
    const neutral = advise(close, undefined, kb);
    // Issue 11: scores are 100 x the fitted probability of each side, so a close call is within 20 points (was 6).
    expect(Math.abs(neutral.scores.rust - neutral.scores.go)).toBeLessThan(20);
    const goTeam = advise(close, { rust: 'none', go: 'strong', priorities: [] }, kb);
    const rustTeam = advise(close, { rust: 'strong', go: 'none', priorities: [] }, kb);
    expect(goTeam.recommendation).toBe('go');
    expect(rustTeam.recommendation).toBe('rust');
    const moved = neutral.recommendation === 'go' ? rustTeam : goTeam;
    expect(moved.team_note).toMatch(/team profile \(Rust \w+, Go \w+\) moved this close call from (Rust|Go) to (Rust|Go)/);
    expect(moved.reasons.some((r) => r.criterion === 'team-fit')).toBe(true);
    expect(moved.read_as).toContain('team profile');
  });

  // Issue 11: a one-sided team now weighs heavily, so the clear call is one only Rust can do (was a VMM).
  it('given a clear call then the team profile is counted but does not flip it, and the answer says that', () => {
    const advice = advise('Rust or Go for a Linux kernel module?', { rust: 'none', go: 'strong', priorities: [] }, kb);
    expect(advice.recommendation).toBe('rust');
    expect(advice.team_note).toMatch(/did not change the answer/);
  });

  // The fitted model, not the shown scores (binned confidence): the question's statement replaces the profile,
  // so the Go-only profile's pull is gone. (On this near tie the fitted weight of "knows Rust well" alone,
  // without a word on Go, is small: the answer itself may stay at a coin toss.)
  it('what the question says about the team beats the channel profile', () => {
    const profile: TeamProfileInput = { rust: 'none', go: 'strong', priorities: [] };
    const stated = `${close} Our team knows Rust well.`;
    expect(modelPRust(stated, profile)).toBeGreaterThan(modelPRust(close, profile) + 0.2);
  });

  it('priorities raise the weight of their criteria', () => {
    // The knowledge-base margin carries the priorities; the shown scores are 100 x the calibrated confidence,
    // a step function of the model's probability, so they may only stay level (both can land in one bin).
    const marginWith = (priorities: TeamProfileInput['priorities']) => prepare(compiled, readQuestion(compiled, close), { rust: 'some', go: 'some', priorities }).score.margin;
    expect(marginWith(['tail-latency', 'performance'])).toBeGreaterThan(marginWith([]));
    const base = advise(close, { rust: 'some', go: 'some', priorities: [] }, kb);
    const prioritised = advise(close, { rust: 'some', go: 'some', priorities: ['tail-latency', 'performance'] }, kb);
    expect(prioritised.scores.rust - prioritised.scores.go).toBeGreaterThanOrEqual(base.scores.rust - base.scores.go);
  });
});

describe('confidence, flips and hybrids', () => {
  // Issue 11: a question that names no component is out of scope ("none"); it asks for the component and
  // offers components as follow-up options (was: a low-confidence guess read as "nothing specific").
  it('a question that names nothing gets no recommendation, one settling question and component options', () => {
    const advice = advise('Rust or Go?', undefined, kb);
    expect(advice.recommendation).toBe('none');
    expect(advice.confidence).toBeLessThan(0.6);
    expect(advice.clarifying_question).toMatch(/\?$/);
    expect(advice.read_as).toContain('no component named');
    expect(advice.follow_up?.options.length).toBeGreaterThanOrEqual(2);
  });

  // Issue 11: confidence is calibrated on cross-validated decisions, so "high" is rarer than before (was >= 0.8).
  it('a clear question gets at least medium confidence and no settling question', () => {
    const advice = advise('Rust or Go for a Kubernetes operator built by a small Go team?', undefined, kb);
    expect(advice.recommendation).toBe('go');
    expect(advice.confidence).toBeGreaterThanOrEqual(0.6);
    expect(advice.clarifying_question).toBeNull();
  });

  // A question answered above a coin toss: a bare "game server" sits at 0.5 after the refit on 292 cases, and
  // its flip line says the change would leave "a toss-up (50 vs 50)" (tests/advisor/presentation.test.ts).
  it('the flip names a change that, applied, really changes the answer', () => {
    const base = advise('Rust or Go for a high-frequency trading engine with a p99 under 50 microseconds?', undefined, kb);
    expect(base.confidence).toBeGreaterThan(0.5);
    // The changed answer either wins outright or lands in the lowest reliability bin, which reads "toss-up".
    expect(base.flip).toMatch(/would win \(\d+(\.\d)? vs \d+(\.\d)?\) if |would be a toss-up \(50 vs 50\) if /);
    const winner = base.recommendation === 'rust' ? 'Go' : 'Rust';
    if (base.flip!.includes('would win')) expect(base.flip!.startsWith(winner)).toBe(true);
  });

  it('a data plane and its control plane become a hybrid with the split named', () => {
    const advice = advise('Rust or Go for our proxy and its control plane?', undefined, kb);
    expect(advice.recommendation).toBe('hybrid');
    expect(advice.hybrid?.rust).toContain('proxy');
    expect(advice.hybrid?.go).toContain('control plane');
    expect(advice.reasons.some((r) => r.favours === 'rust')).toBe(true);
    expect(advice.reasons.some((r) => r.favours === 'go')).toBe(true);
  });

  it('two components that lean the same way are not a hybrid', () => {
    const advice = advise('Rust or Go for a CRUD API plus a batch job?', undefined, kb);
    expect(advice.recommendation).toBe('go');
    expect(advice.hybrid).toBeNull();
  });
});
