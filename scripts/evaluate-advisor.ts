// Scores the advisor against documented real-world decisions kept in the repository (tests/fixtures):
// agreement, reasons on point (a top-3 reason names one of the team's own criteria), misses and a confusion
// matrix per set. Reads only in-repo files, so `npm run eval` means the same on every checkout.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { advise } from '../src/advisor/advise.ts';
import type { Advice } from '../src/advisor/advice.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

export const evalCaseSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.enum(['rust', 'go', 'hybrid', 'none']),
  criteria: z.array(z.string()).default([]),
  hybrid_split: z.string().nullable().optional(),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

const LOCAL_CASES = fileURLToPath(new URL('../tests/fixtures/eval-cases.jsonl', import.meta.url));

/** The tuning set kept with the tests (never a file outside the repository). */
export function defaultCasesPath(): string {
  return LOCAL_CASES;
}

export function readCases(path: string = defaultCasesPath()): EvalCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => evalCaseSchema.parse(JSON.parse(line)));
}

export interface CaseResult {
  id: string;
  expected: EvalCase['answer'];
  got: Advice['recommendation'];
  agree: boolean;
  reasonsOnPoint: boolean;
  topCriteria: string[];
  expectedCriteria: string[];
  confidence: number;
}

export interface EvalReport {
  cases: CaseResult[];
  agreement: number;
  reasonsOnPoint: number;
  /** confusion[expected][got] = count */
  confusion: Record<string, Record<string, number>>;
}

const LABELS = ['rust', 'go', 'hybrid', 'none'] as const;

/** A "none" answer has no reasons: it is on point when "none" was expected. */
export function reasonsOnPointOf(advice: Advice, expected: EvalCase): boolean {
  if (expected.answer === 'none' || advice.recommendation === 'none') return advice.recommendation === expected.answer;
  const top = advice.reasons.slice(0, 3).map((r) => r.criterion);
  return top.some((t) => expected.criteria.includes(t));
}

export function reportOf(cases: readonly EvalCase[], answers: readonly Advice[]): EvalReport {
  const confusion: Record<string, Record<string, number>> = {};
  for (const e of LABELS) confusion[e] = Object.fromEntries(LABELS.map((g) => [g, 0]));
  const results = cases.map((c, i): CaseResult => {
    const advice = answers[i]!;
    confusion[c.answer]![advice.recommendation]! += 1;
    return {
      id: c.id,
      expected: c.answer,
      got: advice.recommendation,
      agree: advice.recommendation === c.answer,
      reasonsOnPoint: reasonsOnPointOf(advice, c),
      topCriteria: advice.reasons.slice(0, 3).map((r) => r.criterion),
      expectedCriteria: c.criteria,
      confidence: advice.confidence,
    };
  });
  const share = (f: (r: CaseResult) => boolean): number => (results.length ? results.filter(f).length / results.length : 0);
  return { cases: results, agreement: share((r) => r.agree), reasonsOnPoint: share((r) => r.reasonsOnPoint), confusion };
}

export function evaluate(kb: KnowledgeBase, cases: readonly EvalCase[]): EvalReport {
  return reportOf(cases, cases.map((c) => advise(c.question, undefined, kb)));
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [`cases: ${report.cases.length}`, `agreement: ${pct(report.agreement)}`, `reasons on point: ${pct(report.reasonsOnPoint)}`, '', 'misses:'];
  for (const r of report.cases) {
    if (r.agree && r.reasonsOnPoint) continue;
    const what = [!r.agree ? `answered ${r.got}, team chose ${r.expected}` : '', !r.reasonsOnPoint ? `top reasons [${r.topCriteria.join(', ')}] vs team's [${r.expectedCriteria.join(', ')}]` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${r.id}: ${what} (confidence ${r.confidence})`);
  }
  if (lines[lines.length - 1] === 'misses:') lines.push('  none');
  const used = LABELS.filter((l) => LABELS.some((g) => (report.confusion[l]?.[g] ?? 0) + (report.confusion[g]?.[l] ?? 0) > 0));
  lines.push('', 'confusion matrix (rows: team chose, columns: advisor said):', `         ${used.map((l) => l.padStart(7)).join('')}`);
  for (const e of used) lines.push(`  ${e.padEnd(7)}${used.map((g) => String(report.confusion[e]![g]).padStart(7)).join('')}`);
  return lines.join('\n');
}
