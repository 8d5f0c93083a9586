// Deterministic weighted scoring: workload profile weights + constraint adjustments + team profile, each
// criterion graded by the assessment that fits the context. Pure: the same scene always scores the same.
import type { Assessment } from '../knowledge/assessment.ts';
import type { SkillLevel } from '../knowledge/constraint-signal.ts';
import { CRITERION_IDS, type CriterionId } from '../knowledge/criterion.ts';
import { assessmentFor, type CompiledKb } from './compiled-kb.ts';

export interface TeamSkills {
  rust?: SkillLevel;
  go?: SkillLevel;
}

/** Everything scoring needs: which workloads, which constraints (and whether negated), the team. */
export interface Scene {
  workloads: readonly string[];
  constraints: readonly { id: string; negated: boolean }[];
  team: TeamSkills;
  priorities: readonly CriterionId[];
}

export interface CriterionScore {
  criterion: CriterionId;
  weight: number;
  rust: number;
  go: number;
  /** Points this criterion moves the Rust-minus-Go margin (positive favours Rust). */
  contribution: number;
  assessment: Assessment;
}

export interface SceneScore {
  rust: number;
  go: number;
  /** rust - go, in points of 100. */
  margin: number;
  criteria: CriterionScore[];
  contexts: ReadonlySet<string>;
  /** The scene scored, so reasons can be chosen by what it states (reason-fit.ts). */
  scene: Scene;
}

/** How strongly a negated constraint ("we don't care about latency") damps its criteria. */
const NEGATED_DAMPING = 0.3;
/** Weight of a criterion a workload profile leaves out: FFI and embedding rarely matter unless named. */
const DEFAULT_WEIGHT = 1;
const DEFAULT_INTEROP_WEIGHT = 0.3;
const TEAM_FIT_WEIGHT = 2.5;

/** Team-fit grades: Go is learned in days, so not knowing it costs less than not knowing Rust. */
const TEAM_GRADE: Record<'rust' | 'go', Record<SkillLevel | 'unknown', number>> = {
  rust: { none: 2, unknown: 5, some: 6, strong: 9 },
  go: { none: 4, unknown: 5, some: 6, strong: 9 },
};

export function scoreScene(compiled: CompiledKb, scene: Scene): SceneScore {
  const weights = new Map<CriterionId, number>();
  const contexts = new Set<string>();
  const profiles = scene.workloads.map((id) => compiled.workloads.get(id)).filter((w) => w !== undefined);
  for (const c of CRITERION_IDS) {
    if (c === 'team-fit') {
      weights.set(c, scene.team.rust !== undefined || scene.team.go !== undefined ? TEAM_FIT_WEIGHT : 0);
      continue;
    }
    const fallback = c === 'interop' ? DEFAULT_INTEROP_WEIGHT : DEFAULT_WEIGHT;
    if (profiles.length === 0) {
      weights.set(c, fallback);
      continue;
    }
    let sum = 0;
    for (const p of profiles) sum += p.weights[c] ?? fallback;
    weights.set(c, sum / profiles.length);
  }
  for (const p of profiles) for (const t of p.contexts) contexts.add(t);
  // A channel profile can say "Rust: strong" without any phrase in the question.
  if (scene.team.rust === 'strong') contexts.add('rust-fluent');
  const damped = new Set<CriterionId>();
  for (const { id, negated } of scene.constraints) {
    const signal = compiled.constraints.get(id);
    if (!signal) continue;
    for (const [criterion, delta] of compiled.constraintDeltas.get(id) ?? []) {
      if (negated) {
        if (delta > 0) damped.add(criterion);
      } else if (criterion !== 'team-fit' || weights.get('team-fit')! > 0) {
        weights.set(criterion, weights.get(criterion)! + delta);
      }
    }
    if (!negated) for (const t of signal.contexts) contexts.add(t);
  }
  for (const c of damped) weights.set(c, weights.get(c)! * NEGATED_DAMPING);
  for (const c of scene.priorities) weights.set(c, weights.get(c)! * 1.5 + 1);

  let total = 0;
  for (const c of CRITERION_IDS) {
    const w = Math.max(0, weights.get(c)!);
    weights.set(c, w);
    total += w;
  }
  const criteria: CriterionScore[] = [];
  let rust = 0;
  let go = 0;
  for (const c of CRITERION_IDS) {
    const weight = weights.get(c)!;
    const assessment = assessmentFor(compiled, c, contexts);
    let rustGrade = assessment.rust;
    let goGrade = assessment.go;
    if (c === 'team-fit') {
      rustGrade = TEAM_GRADE.rust[scene.team.rust ?? 'unknown'];
      goGrade = TEAM_GRADE.go[scene.team.go ?? 'unknown'];
    }
    const share = total > 0 ? weight / total : 0;
    rust += share * rustGrade * 10;
    go += share * goGrade * 10;
    criteria.push({ criterion: c, weight, rust: rustGrade, go: goGrade, contribution: share * (rustGrade - goGrade) * 10, assessment });
  }
  return { rust, go, margin: rust - go, criteria, contexts, scene };
}
