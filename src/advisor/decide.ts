// The decision, in order: hard rules (scope, only-one-can, policy, "no second language"), then a hybrid when
// components pull apart, then the fitted model (knowledge-base margin + situation features + decisive
// offsets). Pure over a read question, so flips and follow-ups re-decide a changed Situation without
// re-reading text.
import type { CriterionId } from '../knowledge/criterion.ts';
import type { SkillLevel } from '../knowledge/constraint-signal.ts';
import type { CompiledKb } from './compiled-kb.ts';
import { decisiveOffsets, featuresOf, linearLogit, probabilityRust, type Features, type FittedWeights } from './fitted-model.ts';
import { hardRule, type RuleDecision } from './hard-rules.ts';
import { hybridFromComponents, hybridFromShape, type HybridPlan } from './hybrid.ts';
import type { ReadQuestion } from './read-question.ts';
import { scoreScene, type Scene, type SceneScore, type TeamSkills } from './score.ts';
import type { Situation } from './situation.ts';

/** The channel's team profile, as the store keeps it. */
export interface TeamProfileInput {
  rust: SkillLevel;
  go: SkillLevel;
  priorities?: readonly CriterionId[];
}

export interface Prepared {
  read: ReadQuestion;
  situation: Situation;
  team: TeamSkills;
  /** Knowledge-base scoring with team fit (reasons, hybrids) and the margin without it (a model feature). */
  score: SceneScore;
  scene: Scene;
  kbMargin: number;
  features: Features;
  offsets: { logit: number; notes: string[] };
  rule: RuleDecision | undefined;
  hybrid: HybridPlan | undefined;
}

/** Team skills: the question's statements, then existing code ("our platform is Go"), then the channel profile. */
export function teamOf(s: Situation, profile: TeamProfileInput | undefined): TeamSkills {
  const team: TeamSkills = profile ? { rust: profile.rust, go: profile.go } : {};
  const code = s.codebase.language;
  if ((code === 'go' || code === 'rust') && !s.codebase.leaving) team[code] = 'strong';
  if (s.team.rust) team.rust = s.team.rust;
  if (s.team.go) team.go = s.team.go;
  return team;
}

export function sceneFor(s: Situation, team: TeamSkills, priorities: readonly CriterionId[]): Scene {
  return { workloads: s.workloads, constraints: s.constraints, team, priorities };
}

/** Everything the decision needs for a situation; `situation` may be a changed copy of `read.situation`. */
export function prepare(compiled: CompiledKb, read: ReadQuestion, profile: TeamProfileInput | undefined, situation: Situation = read.situation): Prepared {
  const team = teamOf(situation, profile);
  const priorities = profile?.priorities ?? [];
  const scene = sceneFor(situation, team, priorities);
  const score = scoreScene(compiled, scene);
  const kbMargin = scoreScene(compiled, { ...scene, team: {} }).margin;
  const rule = hardRule(situation);
  const u = read.understanding;
  // A rule, or "no second language" even when it names no language, rules out splitting languages.
  const hybrid = rule || situation.rules.noSecondLanguage ? undefined : (hybridFromComponents(compiled, u, team, priorities) ?? hybridFromShape(compiled, u, score, team));
  return { read, situation, team, score, scene, kbMargin, features: featuresOf(situation, kbMargin), offsets: decisiveOffsets(situation), rule, hybrid };
}

export function modelLogit(p: Prepared, w: FittedWeights): number {
  return linearLogit(w.bias, w.weights, p.features) + p.offsets.logit;
}

export type Outcome = 'rust' | 'go' | 'hybrid' | 'none';

export interface Decision {
  recommendation: Outcome;
  /** 'model' answers carry the fitted P(rust). */
  by: 'rule' | 'hybrid' | 'model';
  pRust: number;
}

export function decide(p: Prepared, w: FittedWeights): Decision {
  if (p.rule) return { recommendation: p.rule.kind === 'out-of-scope' ? 'none' : p.rule.recommendation, by: 'rule', pRust: p.rule.kind === 'out-of-scope' ? 0.5 : p.rule.recommendation === 'rust' ? 1 : 0 };
  if (p.hybrid) return { recommendation: 'hybrid', by: 'hybrid', pRust: 0.5 };
  // Platt scaling has no offset (b = 0), so the probability's side is the logit's side.
  const pRust = probabilityRust(w, modelLogit(p, w));
  return { recommendation: pRust >= 0.5 ? 'rust' : 'go', by: 'model', pRust };
}
