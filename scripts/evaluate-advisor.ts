// Scores the advisor against documented real-world decisions (../shared/eval/cases.jsonl): agreement,
// reasons on point (a top-3 reason names one of the team's own criteria), misses and a confusion matrix.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { advise } from '../src/advisor/advise.ts';
import type { Advice } from '../src/advisor/advice.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

export const evalCaseSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.enum(['rust', 'go', 'hybrid']),
  criteria: z.array(z.string()),
  hybrid_split: z.string().nullable().optional(),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

const SHARED_CASES = fileURLToPath(new URL('../../shared/eval/cases.jsonl', import.meta.url));
const LOCAL_CASES = fileURLToPath(new URL('../tests/fixtures/eval-cases.jsonl', import.meta.url));

/** Prefers the shared, current cases; falls back to the copy kept with the tests. */
export function defaultCasesPath(): string {
  return existsSync(SHARED_CASES) ? SHARED_CASES : LOCAL_CASES;
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

export function evaluate(kb: KnowledgeBase, cases: readonly EvalCase[]): EvalReport {
  const labels = ['rust', 'go', 'hybrid'] as const;
  const confusion: Record<string, Record<string, number>> = {};
  for (const e of labels) confusion[e] = Object.fromEntries(labels.map((g) => [g, 0]));
  const results = cases.map((c): CaseResult => {
    const advice = advise(c.question, undefined, kb);
    const topCriteria = advice.reasons.slice(0, 3).map((r) => r.criterion);
    confusion[c.answer]![advice.recommendation]! += 1;
    return {
      id: c.id,
      expected: c.answer,
      got: advice.recommendation,
      agree: advice.recommendation === c.answer,
      reasonsOnPoint: topCriteria.some((t) => c.criteria.includes(t)),
      topCriteria,
      expectedCriteria: c.criteria,
      confidence: advice.confidence,
    };
  });
  const share = (f: (r: CaseResult) => boolean): number => (results.length ? results.filter(f).length / results.length : 0);
  return { cases: results, agreement: share((r) => r.agree), reasonsOnPoint: share((r) => r.reasonsOnPoint), confusion };
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `cases: ${report.cases.length}`,
    `agreement: ${pct(report.agreement)}`,
    `reasons on point: ${pct(report.reasonsOnPoint)}`,
    '',
    'misses:',
  ];
  for (const r of report.cases) {
    if (r.agree && r.reasonsOnPoint) continue;
    const what = [!r.agree ? `answered ${r.got}, team chose ${r.expected}` : '', !r.reasonsOnPoint ? `top reasons [${r.topCriteria.join(', ')}] vs team's [${r.expectedCriteria.join(', ')}]` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(`  ${r.id}: ${what} (confidence ${r.confidence})`);
  }
  if (lines[lines.length - 1] === 'misses:') lines.push('  none');
  lines.push('', 'confusion matrix (rows: team chose, columns: advisor said):', '          rust    go  hybrid');
  for (const e of ['rust', 'go', 'hybrid']) {
    const row = report.confusion[e]!;
    lines.push(`  ${e.padEnd(7)} ${String(row.rust).padStart(5)} ${String(row.go).padStart(5)} ${String(row.hybrid).padStart(7)}`);
  }
  return lines.join('\n');
}
