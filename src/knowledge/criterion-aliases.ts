// The words people use for a criterion ("latency", "security", "compile times") mapped to its id, so
// `compare latency` means tail-latency instead of an error. Sub-criterion ids (gc-pauses, ffi...) resolve to the
// criterion that owns them (tests/knowledge/criterion-aliases.test.ts keeps the two lists in step).
import { z } from 'zod';
import { CRITERION_IDS, criterionIdSchema, type CriterionId } from './criterion.ts';

const ALIASES: Record<CriterionId, readonly string[]> = {
  'tail-latency': ['latency', 'tail', 'p99', 'p999', 'tail-latencies', 'jitter', 'gc', 'gc-pauses', 'pauses', 'gc-pause', 'fan-out-latency', 'response-time'],
  performance: ['perf', 'speed', 'throughput', 'cpu', 'cpu-efficiency', 'cost', 'infra-cost', 'infrastructure-cost', 'efficiency', 'runtime-performance'],
  'memory-efficiency': ['memory', 'ram', 'footprint', 'memory-usage', 'memory-footprint', 'allocation', 'allocation-control', 'heap'],
  safety: ['security', 'memory-safety', 'correctness', 'data-races', 'data-race-freedom', 'compile-time-correctness', 'safe'],
  concurrency: ['async', 'parallelism', 'threads', 'threading', 'goroutines', 'scheduling', 'scheduling-model', 'concurrent'],
  productivity: ['dev-speed', 'developer-productivity', 'learning-curve', 'learning', 'onboarding', 'time-to-market', 'hiring', 'simplicity', 'ergonomics'],
  'build-speed': ['build', 'builds', 'build-time', 'build-times', 'compile', 'compile-time', 'compile-times', 'compilation', 'compile-speed'],
  deployment: ['deploy', 'deploys', 'distribution', 'binaries', 'binary-size', 'cold-start', 'startup', 'cross-compilation', 'packaging'],
  ecosystem: ['libraries', 'library', 'crates', 'packages', 'frameworks', 'tooling', 'cloud-native', 'web-networking', 'data-libraries'],
  interop: ['ffi', 'interoperability', 'c-interop', 'embedding', 'wasm', 'webassembly', 'shared-core', 'cgo'],
  'team-fit': ['team', 'skills', 'existing-skills', 'existing-codebase', 'existing-code', 'fit'],
};

const byAlias = new Map<string, CriterionId>();
for (const id of CRITERION_IDS) {
  byAlias.set(id, id);
  for (const alias of ALIASES[id]) byAlias.set(alias, id);
}

/** "Tail latency", "tail_latency", " LATENCY " -> the words joined by hyphens, lower case. */
function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** The criterion id a user's word names, or undefined when none does. */
export function criterionFromAlias(text: string): CriterionId | undefined {
  return byAlias.get(normalise(text));
}

/** Every alias, for tests and help text. */
export function criterionAliases(): ReadonlyMap<string, CriterionId> {
  return byAlias;
}

/**
 * A criterion argument that accepts ids and their synonyms. The enum stays the schema's output (so Discord still
 * offers the eleven ids as choices); unknown words pass through unchanged and fail the enum with its usual message.
 */
export const criterionArgSchema = z.preprocess((value) => (typeof value === 'string' ? (criterionFromAlias(value) ?? value) : value), criterionIdSchema);
