// Which criteria a question touches, so a reason appears only for one of them: a criterion its workload
// weighs (weight >= TOUCH_WEIGHT), one a stated constraint raises, or team fit when the team is known.
// Interop, embedding and similar low-default criteria never speak for a question that does not raise them.
import { CRITERION_IDS, type CriterionId } from '../knowledge/criterion.ts';
import type { Reason } from './advice.ts';
import type { CompiledKb } from './compiled-kb.ts';
import type { Scene } from './score.ts';

/** A workload weight at or above this marks the criterion as part of the workload's trade-off. */
const TOUCH_WEIGHT = 1.5;

export function touchedCriteria(compiled: CompiledKb, scene: Scene): Set<CriterionId> {
  const touched = new Set<CriterionId>();
  for (const id of scene.workloads) {
    const profile = compiled.workloads.get(id);
    if (!profile) continue;
    for (const c of CRITERION_IDS) if ((profile.weights[c] ?? 0) >= TOUCH_WEIGHT) touched.add(c);
  }
  for (const { id, negated } of scene.constraints) {
    if (negated) continue;
    for (const [criterion, delta] of compiled.constraintDeltas.get(id) ?? []) if (delta > 0) touched.add(criterion);
  }
  if (scene.team.rust !== undefined || scene.team.go !== undefined) touched.add('team-fit');
  return touched;
}

export function onPoint(reasons: readonly Reason[], touched: ReadonlySet<CriterionId>): Reason[] {
  return reasons.filter((r) => touched.has(r.criterion));
}
