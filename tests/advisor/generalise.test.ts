// Reading questions phrased in ways the tuning set never used: words side by side beat words gathered across
// the matching window, "port" alone is a rewrite (not a faithful port), one plane of a two-part system is
// answered for that plane, and a "whole thing or just part" question asks for a split.
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { understandQuestion } from '../../src/advisor/understand.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();
const compiled = compileKb(kb);
const ids = (q: string): string[] => understandQuestion(compiled, q).signals.filter((s) => !s.negated).map((s) => s.id);

describe('matching', () => {
  it('given two readings of equal length then the adjacent words win ("iterate fast" is a deadline)', () => {
    const read = ids('we need to iterate fast on a new inventory web app');
    expect(read).toContain('deadline');
    expect(read).not.toContain('performance-critical');
  });

  it('given "should we port X to Rust" then it is not read as a faithful port', () => {
    expect(ids('should we port our node image resizer to rust?')).not.toContain('port');
    expect(ids('we want a mechanical port that keeps the structure of the existing code')).toContain('port');
  });

  it('given synonyms of GC trouble, CPU saturation and fan-out then each is read', () => {
    expect(ids('is a garbage collected language ok here?')).toContain('gc-pauses-hurt');
    expect(ids('the report renderer pegs the cpu every night')).toContain('cpu-bound');
    expect(ids('each read waits for the slowest replica')).toContain('fan-out');
  });

  // The split is proposed (a strict plan); since issue 11 a gate fitted on labelled decisions decides whether to
  // answer with it, and it sits near even here (P(hybrid) ~0.5). What must hold: never a confident single language.
  // The question asks for one standard, so one language is a fair answer; the 397-case refit (session 4) puts it
  // in the 0.6-0.7 reliability bin (cross-validated answers there are right ~64% of the time), below "high".
  it('given a fleet of mostly CRUD services with a few hot ones then it is split, or one language at low confidence', () => {
    const advice = advise('We have thousands of internal microservices, mostly plain CRUD, but a few of them are performance critical. Which language should our platform standardize on?', undefined, kb);
    if (advice.recommendation !== 'hybrid') expect(advice.confidence).toBeLessThan(0.7);
  });

  it('given one library embedded across many services then it is not split like a fleet of services', () => {
    const advice = advise('Rust or Go for a rate-limit library that is embeddable in many services written in many languages?', undefined, kb);
    expect(advice.recommendation).not.toBe('hybrid');
  });

  it('given a coordination store or a desktop sync engine then a workload is recognised', () => {
    expect(ids('a leader election and config store for our cluster')).toContain('coordination-service');
    expect(ids('the sync engine inside our desktop client')).toContain('client-engine');
  });
});

describe('words that name a dependency or another sense', () => {
  it('given a database the service only talks to then no database engine is read', () => {
    expect(ids('a thin billing api in front of the database')).not.toContain('database-engine');
    expect(ids('we are building a new database for time series')).toContain('database-engine');
  });

  it('given a video streaming site or a plugin system then neither stream processing nor a Wasm host is read', () => {
    expect(ids('backend for a video streaming site with many viewers')).not.toContain('stream-processor');
    expect(ids('a wiki server with a plugin system')).not.toContain('wasm-host');
  });
});

describe('hybrids', () => {
  it('given only the control plane of a service mesh then one language answers, not a split', () => {
    const advice = advise("Which language for our service mesh's control plane: it watches the Kubernetes API and pushes config out to every Envoy proxy in the cluster.", undefined, kb);
    expect(advice.recommendation).toBe('go');
  });

  it('given both planes of a service mesh then it stays a split', () => {
    const advice = advise('service mesh for kubernetes: a tiny per-pod sidecar proxy plus a control plane. which language for which piece?', undefined, kb);
    expect(advice.recommendation).toBe('hybrid');
  });

  it('given "rewrite the whole thing or just part" then the question asks for a split', () => {
    expect(ids('our ingestion agent is in go and the parser eats cpu; rewrite the whole thing in rust or just the hot path?')).toContain('split-question');
  });

  it('given a coordination store then it is read as control-plane state (Go), not a storage engine or half a hybrid', () => {
    const advice = advise('Rust or Go for a consensus-backed key value store that does leader election and config for our platform, easy to run as one binary?', undefined, kb);
    expect(advice.recommendation).toBe('go');
  });
});
