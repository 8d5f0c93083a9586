// Stated needs keep the knowledge base's direction in the fitted model: a projected gradient step never lets a
// constrained weight cross zero, the signs come from the knowledge base itself, and the shipped weights obey them.
import { describe, expect, it } from 'vitest';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { loadFittedWeights } from '../../src/advisor/fitted-model.ts';
import { fitLogistic, type Example } from '../../src/advisor/logistic-fit.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { knowledgeSigns } from '../../scripts/advisor-model.ts';

const compiled = compileKb(loadKnowledgeBase());

/** Ten Go decisions that all state a strict latency need, ten Rust decisions that do not: the confounded data. */
function confounded(): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < 10; i++) out.push({ id: `go${i}`, features: new Map([['c:latency-strict', 1], ['w:api-gateway', 1]]), offset: 0, y: 0 });
  for (let i = 0; i < 10; i++) out.push({ id: `rust${i}`, features: new Map([['w:api-gateway', 1]]), offset: 0, y: 1 });
  return out;
}

describe('sign-constrained fit', () => {
  it('given data that pairs a stated need with the other language then the free fit learns it and the constrained one holds at zero', () => {
    const free = fitLogistic(confounded(), 0.01);
    expect(free.weights['c:latency-strict']).toBeLessThan(-0.5);
    const held = fitLogistic(confounded(), 0.01, new Map([['c:latency-strict', 1]]));
    expect(held.weights['c:latency-strict'] ?? 0).toBe(0);
  });

  it('takes each constraint\'s direction from the knowledge base', () => {
    const signs = knowledgeSigns(compiled);
    expect(signs.get('c:latency-strict')).toBe(1);
    expect(signs.get('c:safety-critical')).toBe(1);
    expect(signs.get('c:deadline')).toBe(-1);
    expect(signs.get('num:latency-strict')).toBe(1);
    // A roomy memory budget never argues for Rust (a misread VPS size had taught the free fit that it did).
    expect(signs.get('num:memory-roomy')).toBe(-1);
    // Stated skills and the code a part links into point by logic.
    expect(signs.get('team:rust:none')).toBe(-1);
    expect(signs.get('team:go:strong')).toBe(-1);
    expect(signs.get('code:go:links-in')).toBe(-1);
    // Workloads are what the labelled decisions are for: left free.
    expect([...signs.keys()].some((k) => k.startsWith('w:'))).toBe(false);
  });

  it('the shipped weights obey every sign (npm run fit was run with them)', () => {
    const weights = loadFittedWeights().weights;
    for (const [feature, sign] of knowledgeSigns(compiled)) {
      const w = weights[feature] ?? 0;
      expect(w * sign, `${feature} = ${w}`).toBeGreaterThanOrEqual(0);
    }
  });
});
