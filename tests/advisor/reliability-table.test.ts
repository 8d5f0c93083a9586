// The reliability map (scripts/advisor-model.ts) turns a raw confidence into the observed accuracy of its bin of
// cross-validated answers. "High" (>= 0.8) must rest on evidence: a handful of lucky answers in the top bin
// once let the model say 0.97 on a paraphrase it got wrong.
import { describe, expect, it } from 'vitest';
import type { Advice } from '../../src/advisor/advice.ts';
import { reliabilityTable, type CvResult } from '../../scripts/advisor-model.ts';

const result = (confidence: number, right: boolean): CvResult => ({
  id: 'x',
  expected: 'rust',
  advice: { recommendation: right ? 'rust' : 'go', confidence } as Advice,
});
const topBin = (table: ReturnType<typeof reliabilityTable>) => table[table.length - 1]!.confidence;

describe('the reliability map says "high" only on evidence', () => {
  it('five answers at raw 0.95, all right, stay below 0.8', () => {
    const rows = [...Array.from({ length: 40 }, (_, i) => result(0.7, i % 4 !== 0)), ...Array.from({ length: 5 }, () => result(0.95, true))];
    expect(topBin(reliabilityTable(rows))).toBeLessThan(0.8);
  });

  it('a hundred answers at raw 0.95, all right, are high', () => {
    const rows = [...Array.from({ length: 40 }, (_, i) => result(0.7, i % 4 !== 0)), ...Array.from({ length: 100 }, () => result(0.95, true))];
    expect(topBin(reliabilityTable(rows))).toBeGreaterThanOrEqual(0.95);
  });
});
