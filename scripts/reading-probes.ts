// Reading probes (tests/fixtures/probes.jsonl): short questions that test negation, stated teams, existing
// code, policies, deployment targets and scope. Each names the answer a careful reader would give.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { advise } from '../src/advisor/advise.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

export const probeSchema = z.object({
  id: z.string(),
  question: z.string(),
  expected: z.enum(['rust', 'go', 'hybrid', 'none']),
  kind: z.string(),
  why: z.string().optional(),
});
export type Probe = z.infer<typeof probeSchema>;

export const PROBES_PATH = fileURLToPath(new URL('../tests/fixtures/probes.jsonl', import.meta.url));

export function readProbes(path: string = PROBES_PATH): Probe[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => probeSchema.parse(JSON.parse(l)));
}

export interface ProbeReport {
  results: { probe: Probe; got: string; confidence: number; pass: boolean }[];
  passRate: number;
}

export function runProbes(kb: KnowledgeBase, probes: readonly Probe[] = readProbes()): ProbeReport {
  const results = probes.map((probe) => {
    const a = advise(probe.question, undefined, kb);
    return { probe, got: a.recommendation, confidence: a.confidence, pass: a.recommendation === probe.expected };
  });
  return { results, passRate: results.length ? results.filter((r) => r.pass).length / results.length : 0 };
}

export function formatProbeReport(r: ProbeReport): string {
  const kinds = [...new Set(r.results.map((x) => x.probe.kind))];
  const lines = kinds.map((k) => {
    const of = r.results.filter((x) => x.probe.kind === k);
    return `  ${k.padEnd(10)} ${of.filter((x) => x.pass).length}/${of.length}`;
  });
  lines.unshift(`passing: ${r.results.filter((x) => x.pass).length}/${r.results.length} (${(r.passRate * 100).toFixed(1)}%)`);
  const misses = r.results.filter((x) => !x.pass);
  if (misses.length) lines.push('misses:', ...misses.map((x) => `  ${x.probe.id}: answered ${x.got} (${x.confidence}), expected ${x.probe.expected}`));
  return lines.join('\n');
}
