// How closely each criterion speaks to the question, so reasons are chosen and ordered by fit, not by points
// alone (issue 11, item 6): a reason about something the asker stated (a constraint, the team's skills) comes
// first, then evidence the knowledge base has for exactly this context (an assessment whose `when` tags the
// question switched on), then a criterion the workload weighs heavily. A criterion the question does not
// touch speaks only when nothing that fits does, and never one the scene weighs below the default: interop
// and embedding evidence for a plain service is worse than no reason.
import { CRITERION_IDS, type CriterionId } from '../knowledge/criterion.ts';
import type { CompiledKb } from './compiled-kb.ts';
import type { CriterionScore, Scene } from './score.ts';

/** A workload weight at or above this marks the criterion as part of the workload's trade-off. */
const TOUCH_WEIGHT = 1.5;
/** A constraint that adds at least this to a criterion's weight is about that criterion (smaller deltas are side effects). */
const STATED_DELTA = 1;
/** A criterion weighed below the default (1) is not part of the question's trade-off, even as a fallback. */
const FALLBACK_MIN_WEIGHT = 1;

/** From best fit to none: what the asker stated, context-specific evidence, what the workload weighs, the rest. */
export const FIT = { stated: 3, context: 2, workload: 1, none: 0 } as const;
export type FitRank = (typeof FIT)[keyof typeof FIT];

export interface ReasonFit {
  /** Criteria that something the asker stated raises: a constraint, or the team's skills. */
  stated: ReadonlySet<CriterionId>;
  /** Criteria the question's workloads weigh heavily. */
  workload: ReadonlySet<CriterionId>;
}

export function reasonFit(compiled: CompiledKb, scene: Scene): ReasonFit {
  const stated = new Set<CriterionId>();
  const workload = new Set<CriterionId>();
  for (const id of scene.workloads) {
    const profile = compiled.workloads.get(id);
    if (!profile) continue;
    for (const c of CRITERION_IDS) if ((profile.weights[c] ?? 0) >= TOUCH_WEIGHT) workload.add(c);
  }
  for (const { id, negated } of scene.constraints) {
    if (negated) continue;
    for (const [criterion, delta] of compiled.constraintDeltas.get(id) ?? []) {
      if (delta >= STATED_DELTA) stated.add(criterion);
      else if (delta > 0) workload.add(criterion);
    }
  }
  for (const c of scene.priorities) stated.add(c);
  if (scene.team.rust !== undefined || scene.team.go !== undefined) stated.add('team-fit');
  return { stated, workload };
}

/** How closely one scored criterion fits the question. */
export function fitRank(c: CriterionScore, fit: ReasonFit): FitRank {
  if (fit.stated.has(c.criterion)) return FIT.stated;
  // assessmentFor picks a `when` entry only when the question switched all its tags on; a criterion weighed below
  // the default is still no part of the trade-off (a Kubernetes operator's Go-interop evidence for a plain operator).
  if (c.assessment.when.length > 0 && c.weight >= FALLBACK_MIN_WEIGHT) return FIT.context;
  if (fit.workload.has(c.criterion)) return FIT.workload;
  return FIT.none;
}

/** Whether a criterion that does not fit may still speak when nothing that fits does. */
export function mayFallBack(c: CriterionScore): boolean {
  return c.weight >= FALLBACK_MIN_WEIGHT;
}
