// What the advisor precomputes once per knowledge base: the lexicon, signals by id, and assessments ordered
// for context lookup, so answering a question allocates little.
import type { Assessment } from '../knowledge/assessment.ts';
import type { ConstraintSignal } from '../knowledge/constraint-signal.ts';
import { CRITERION_IDS, type CriterionId } from '../knowledge/criterion.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { WorkloadProfile } from '../knowledge/workload-profile.ts';
import { compileLexicon, type Lexicon } from './lexicon.ts';

export interface CompiledKb {
  kb: KnowledgeBase;
  lexicon: Lexicon;
  workloads: Map<string, WorkloadProfile>;
  constraints: Map<string, ConstraintSignal>;
  /** Per criterion, assessments most specific first (then file order); the last is the default. */
  assessments: Map<CriterionId, Assessment[]>;
  askable: ConstraintSignal[];
  /** Each constraint's weight deltas as pairs, so scoring does not rebuild them per call. */
  constraintDeltas: Map<string, [CriterionId, number][]>;
}

const cache = new WeakMap<KnowledgeBase, CompiledKb>();

export function compileKb(kb: KnowledgeBase): CompiledKb {
  const cached = cache.get(kb);
  if (cached) return cached;
  const assessments = new Map<CriterionId, Assessment[]>();
  for (const id of CRITERION_IDS) {
    const list = kb.assessments
      .map((a, index) => ({ a, index }))
      .filter(({ a }) => a.criterion === id)
      .sort((x, y) => y.a.when.length - x.a.when.length || x.index - y.index)
      .map(({ a }) => a);
    assessments.set(id, list);
  }
  const compiled: CompiledKb = {
    kb,
    lexicon: compileLexicon(kb),
    workloads: new Map(kb.workloads.map((w) => [w.id, w])),
    constraints: new Map(kb.constraints.map((c) => [c.id, c])),
    assessments,
    askable: kb.constraints.filter((c) => c.askable !== undefined),
    constraintDeltas: new Map(kb.constraints.map((c) => [c.id, Object.entries(c.weights) as [CriterionId, number][]])),
  };
  cache.set(kb, compiled);
  return compiled;
}

/** The assessment that applies to a criterion in a context: the most specific whose tags are all present. */
export function assessmentFor(compiled: CompiledKb, criterion: CriterionId, contexts: ReadonlySet<string>): Assessment {
  const list = compiled.assessments.get(criterion)!;
  for (const a of list) if (a.when.every((t) => contexts.has(t))) return a;
  return list[list.length - 1]!;
}
