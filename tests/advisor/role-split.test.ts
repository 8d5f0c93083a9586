// A split by role (issue 11, third pass: most missed hybrids had no candidate split at all): when a question
// names a hot data path and a control-side part (control plane, operator, orchestrator) and asks how to split,
// "Rust on the data path, Go on the control side" is a candidate for the fitted hybrid gate, even when the
// knowledge base scores both parts the same way.
import { describe, expect, it } from 'vitest';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { prepare } from '../../src/advisor/decide.ts';
import { readQuestion } from '../../src/advisor/read-question.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const compiled = compileKb(loadKnowledgeBase());
const prepared = (q: string) => prepare(compiled, readQuestion(compiled, q), undefined);

const INGRESS = 'Kubernetes ingress product: the controller is Go and the proxies are Envoy. We want a purpose-built proxy for AI agent traffic. Language for the proxy, and do we keep the controller as is?';

describe('a split by role', () => {
  it('a new proxy next to an existing controller, asked as a split: the proxy is the Rust side', () => {
    const p = prepared(INGRESS);
    expect(p.hybridFeatures.get('plan:roles')).toBe(1);
    expect(p.hybrid?.split.rust).toMatch(/proxy/i);
    expect(p.hybrid?.split.go).toMatch(/operator|controller/i);
  });

  it('no split asked and one part named: no role split', () => {
    const p = prepared('Rust or Go for a reverse proxy in front of our Kubernetes cluster?');
    expect(p.hybridFeatures.has('plan:roles')).toBe(false);
  });

  it('"no second language" rules the role split out', () => {
    expect(prepared(`${INGRESS} We allow no second language.`).hybrid).toBeUndefined();
  });

  it('a team strong in one language that has never written the other gets no split to staff', () => {
    const q = 'we all came from an HFT shop and write rust daily; none of us has written go. we need a boring REST admin API for our trading platform. rust or go';
    const p = prepared(q);
    expect(p.hybrid).toBeUndefined();
    expect(prepared(`${INGRESS} The team writes Rust daily and none of us has written Go.`).hybrid).toBeUndefined();
  });
});

describe('how a split names its parts', () => {
  // The reader works on lower-cased text: the parts were shown as "should we write the public rest api".
  it('in the asker\'s casing, without the question\'s opening or the language the asker proposed', () => {
    const p = prepared('Should we write the public REST API in Go and the image-processing pipeline in Rust, or keep one language?');
    expect(p.hybrid?.split).toEqual({ rust: 'image-processing pipeline', go: 'the public REST API' });
  });

  it('a CPU-bound media worker next to a CRUD API is a split candidate when a split is asked', () => {
    const p = prepared('We need a video transcoding worker that is CPU-bound and a CRUD API for job submission. Same language for both?');
    expect(p.hybrid?.split.rust).toMatch(/transcoding worker/);
    expect(p.hybrid?.split.go).toMatch(/CRUD API/);
  });
});
