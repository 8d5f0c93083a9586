// The evaluation gate of issue 3: agreement with real teams' documented decisions and reasons on point.
import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { evaluate, formatReport, readCases } from '../../scripts/evaluate-advisor.ts';

describe('evaluation against documented decisions', () => {
  const cases = readCases();
  const report = evaluate(loadKnowledgeBase(), cases);

  it('covers every case of the evaluation set', () => {
    expect(cases.length).toBeGreaterThanOrEqual(27);
    expect(report.cases).toHaveLength(cases.length);
  });

  it('agrees with at least 85% of the decisions', () => {
    expect(report.agreement, formatReport(report)).toBeGreaterThanOrEqual(0.85);
  });

  it('gives reasons on point (a top-3 reason names one of the team\'s criteria) for at least 80%', () => {
    expect(report.reasonsOnPoint, formatReport(report)).toBeGreaterThanOrEqual(0.8);
  });

  it('the report lists misses and a confusion matrix that adds up', () => {
    const text = formatReport(report);
    expect(text).toMatch(/agreement: \d+\.\d%/);
    expect(text).toContain('confusion matrix');
    const total = Object.values(report.confusion).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(total).toBe(cases.length);
  });
});
