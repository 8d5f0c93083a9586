// The held-out evaluation set (tests/fixtures/holdout-cases.jsonl) stays well-formed and honest: same fields and
// criteria vocabulary as the tuning set, sourced, and paraphrases that really reword. It never gates on the
// advisor's agreement: that figure is measured with `npm run eval -- --cases tests/fixtures/holdout-cases.jsonl`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readCases } from '../../scripts/evaluate-advisor.ts';
import { criterionIdSchema } from '../../src/knowledge/criterion.ts';

const HOLDOUT = fileURLToPath(new URL('../fixtures/holdout-cases.jsonl', import.meta.url));
const TUNING = fileURLToPath(new URL('../fixtures/eval-cases.jsonl', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const holdoutCaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  org: z.string().min(1),
  component: z.string().min(1),
  question: z.string().min(10),
  answer: z.enum(['rust', 'go', 'hybrid']),
  hybrid_split: z.string().nullable(),
  criteria: z.array(criterionIdSchema).min(1),
  reasons: z.array(z.string().min(1)).min(1),
  tags: z.array(z.string()).min(1),
  source: z.string().url(),
  year: z.number().int().min(2007).max(2030),
  confidence: z.enum(['high', 'medium']),
  holdout_kind: z.enum(['new-decision', 'paraphrase']),
  paraphrase_of: z.string().optional(),
});
type HoldoutCase = z.infer<typeof holdoutCaseSchema>;

function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

/** Word 4-grams: a shared 4-gram means a paraphrase copied a phrase instead of rewording it. */
function fourGrams(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const grams = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i += 1) grams.add(words.slice(i, i + 4).join(' '));
  return grams;
}

// "rust or go for ..." / "go or rust ..." is how everyone asks; it is not a distinctive phrase.
const GENERIC_GRAM = /^(rust or go|go or rust)\b|\b(rust or go|go or rust)$/;

const holdout: HoldoutCase[] = readJsonLines(HOLDOUT).map((row) => holdoutCaseSchema.parse(row));
const tuning = readCases(TUNING);
const tuningById = new Map(tuning.map((c) => [c.id, c]));

describe('held-out cases', () => {
  it('given the file then every line validates and ids are unique', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(70);
    expect(new Set(holdout.map((c) => c.id)).size).toBe(holdout.length);
  });

  it('given a new decision then it is not one of the tuning cases and a hybrid says which part went where', () => {
    const fresh = holdout.filter((c) => c.holdout_kind === 'new-decision');
    expect(fresh.length).toBeGreaterThanOrEqual(20);
    for (const c of fresh) {
      expect(tuningById.has(c.id), c.id).toBe(false);
      expect(tuning.some((t) => t.question === c.question), c.id).toBe(false);
      expect(c.answer === 'hybrid' ? c.hybrid_split : null, c.id).toEqual(c.answer === 'hybrid' ? expect.any(String) : null);
    }
    // Each language and the hybrid shape are represented, so a one-sided advisor cannot look good.
    for (const answer of ['rust', 'go', 'hybrid'] as const) expect(fresh.filter((c) => c.answer === answer).length, answer).toBeGreaterThanOrEqual(3);
  });

  it('given the tuning set then each case has exactly two paraphrases with its answer and criteria', () => {
    for (const original of tuning) {
      const paraphrases = holdout.filter((c) => c.paraphrase_of === original.id);
      expect(paraphrases.map((c) => c.id).sort(), original.id).toEqual([`${original.id}-p1`, `${original.id}-p2`]);
      for (const p of paraphrases) {
        expect(p.holdout_kind).toBe('paraphrase');
        expect(p.answer, p.id).toBe(original.answer);
        expect(p.criteria, p.id).toEqual(original.criteria);
      }
    }
  });

  it('given a paraphrase then it shares no distinctive four-word phrase with its original and differs from its twin', () => {
    for (const p of holdout.filter((c) => c.holdout_kind === 'paraphrase')) {
      const original = tuningById.get(p.paraphrase_of ?? '');
      expect(original, p.id).toBeDefined();
      const theirs = fourGrams(original!.question);
      const copied = [...fourGrams(p.question)].filter((g) => theirs.has(g) && !GENERIC_GRAM.test(g));
      expect(copied, p.id).toEqual([]);
      expect(p.question.toLowerCase(), p.id).not.toBe(original!.question.toLowerCase());
    }
    for (const original of tuning) {
      const [p1, p2] = holdout.filter((c) => c.paraphrase_of === original.id);
      expect(p1!.question, original.id).not.toBe(p2!.question);
    }
  });

  it('given any held-out question then it does not name the organisation it came from', () => {
    for (const c of holdout) {
      const orgWords = c.org.toLowerCase().match(/[a-z0-9]{4,}/g) ?? [];
      const question = c.question.toLowerCase();
      // Names that are also ordinary words (e.g. "Stream", "Vector", "Docker" as a format) are allowed.
      const distinctive = orgWords.filter((w) => !['stream', 'google', 'cncf', 'openinfra', 'datadog', 'dragonfly', 'containers', 'games', 'express', 'academy'].includes(w));
      for (const word of distinctive) expect(question.includes(word), `${c.id} names ${word}`).toBe(false);
    }
  });
});

describe('npm run eval -- --cases FILE', () => {
  it('given --cases then it scores that file instead of the default set, prints the gates and exits 0', () => {
    // execFileSync throws on a non-zero exit: a printed report is a successful run, whatever the figures.
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--cases', TUNING], { cwd: ROOT, encoding: 'utf8' });
    expect(stdout).toMatch(/=== gates \(issue 11\)\n(met {4}|NOT MET) {2}agreement >= 90%/);
    expect(stdout).toContain(`eval set: ${TUNING}`);
    expect(stdout).toContain(`cases: ${tuning.length}`);
    expect(stdout).toMatch(/agreement: \d+\.\d%/);
    expect(stdout).toContain('confusion matrix');
  });

  it('given no arguments then it prints the cross-validated figure and says which in-sample gate is not chased', () => {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(stdout).toMatch(/5-fold CV agreement +\d+\.\d%/);
    expect(stdout).toMatch(/=== summary \(the weights are fitted on all 3 labelled sets/);
    // The documented decisions are the fitting set: when their in-sample bar is unmet, the reason is printed with it.
    const decisions = /(met {4}|NOT MET) {2}documented decisions: [^\n]*\n( {9}in-sample, on the bulk of the data)?/.exec(stdout);
    expect(decisions).not.toBeNull();
    expect(decisions![1] === 'NOT MET').toBe(decisions![2] !== undefined);
  }, 120_000);

  it('given --strict and a set below a gate then it exits 1 after printing the report', () => {
    const below = join(mkdtempSync(join(tmpdir(), 'eval-strict-')), 'wrong.jsonl');
    // Every answer labelled the opposite of a plain reading, so agreement is far below 90%.
    writeFileSync(below, [1, 2, 3].map((i) => JSON.stringify({ id: `w${i}`, question: 'Rust or Go for a Linux kernel module?', answer: 'go', criteria: ['safety'] })).join('\n'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--cases', below, '--strict'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toMatch(/NOT MET {2}agreement >= 90%/);
    expect(run.status).toBe(1);
  });
});
