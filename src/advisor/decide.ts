// The decision, in order: hard rules (scope, only-one-can, policy, "no second language"), then a hybrid when
// components pull apart, then the fitted model (knowledge-base margin + situation features + decisive
// offsets). Pure over a read question, so flips and follow-ups re-decide a changed Situation without
// re-reading text.
import type { CriterionId } from '../knowledge/criterion.ts';
import type { SkillLevel } from '../knowledge/constraint-signal.ts';
import type { CompiledKb } from './compiled-kb.ts';
import { decisiveOffsets, featuresOf, linearLogit, oneSidedTeam, probabilityRust, sigmoid, type Features, type FittedWeights } from './fitted-model.ts';
import { hardRule, type RuleDecision } from './hard-rules.ts';
import { hybridFromCodebase, hybridFromComponents, hybridFromLibrary, hybridFromRoles, hybridFromShape, type HybridPlan } from './hybrid.ts';
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
  /** The split the answer would give: the strict plan, else a loose candidate (see hybrid.ts). */
  hybrid: HybridPlan | undefined;
  /** Features of the fitted hybrid gate: whether a strict or only a loose plan exists, plus the situation's. */
  hybridFeatures: Features;
}

/** Team skills: the question's statements, then existing code ("our platform is Go"), then the channel profile. */
function teamOf(s: Situation, profile: TeamProfileInput | undefined): TeamSkills {
  const questionSpeaks = s.team.rust !== null || s.team.go !== null;
  const team: TeamSkills = profile && !questionSpeaks ? { rust: profile.rust, go: profile.go } : {};
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
export function prepare(compiled: CompiledKb, read: ReadQuestion, profile: TeamProfileInput | undefined, asked: Situation = read.situation): Prepared {
  const team = teamOf(asked, profile);
  // The channel's team profile stands in when the question says nothing about the team's skills; when it does,
  // the question describes the team for this component and the profile is left out.
  const questionSpeaks = asked.team.rust !== null || asked.team.go !== null;
  const situation: Situation = profile && !questionSpeaks ? { ...asked, team: { ...asked.team, rust: profile.rust, go: profile.go } } : asked;
  const priorities = profile?.priorities ?? [];
  const scene = sceneFor(situation, team, priorities);
  const score = scoreScene(compiled, scene);
  const kbScore = scoreScene(compiled, { ...scene, team: {} });
  const kbMargin = kbScore.margin;
  const rule = hardRule(situation);
  const u = read.understanding;
  // A rule, "no second language" even when it names no language, or a part that links into existing Rust or Go
  // code (a second language would sit behind an FFI boundary) rules out splitting languages.
  const linksIn = situation.codebase.linksIn && !situation.codebase.leaving && situation.codebase.language !== 'other';
  // A team strong in one language that has never written the other cannot staff a split.
  const blocked = rule !== undefined || situation.rules.noSecondLanguage || linksIn || oneSidedTeam(situation) !== null;
  const strict = blocked ? undefined : (hybridFromComponents(compiled, u, team, priorities) ?? hybridFromShape(compiled, u, score, team));
  const loose = blocked || strict ? undefined : (hybridFromComponents(compiled, u, team, priorities, true) ?? hybridFromShape(compiled, u, score, team, true));
  // Existing Rust or Go code and a question about one part of it that leans the other way.
  const code = situation.codebase.language;
  const byCode = blocked || strict || loose || (code !== 'rust' && code !== 'go') ? undefined : hybridFromCodebase(compiled, u, code, kbScore, team);
  // Parts with different roles named together: a hot data path and a control side.
  const byRoles = blocked || strict || loose || byCode ? undefined : hybridFromRoles(compiled, u, kbScore, team);
  // The part needs a library that lives in one language and the rest is in the other.
  const byLibrary = blocked || strict || loose || byCode || byRoles ? undefined : hybridFromLibrary(compiled, u, kbScore, team);
  const features = featuresOf(situation, kbMargin, (id) => compiled.workloads.get(id)?.role);
  const hybridFeatures: Features = new Map([...features].filter(([k]) => k !== 'kb-margin'));
  if (strict) hybridFeatures.set('plan:strict', 1);
  if (loose) hybridFeatures.set('plan:loose', 1);
  if (byCode) hybridFeatures.set('plan:code', 1);
  if (byRoles) hybridFeatures.set('plan:roles', 1);
  if (byLibrary) hybridFeatures.set('plan:library', 1);
  if (u.components.length >= 2) hybridFeatures.set('components:2+', 1);
  hybridFeatures.set('kb-margin:abs', Math.abs(kbMargin) / 10);
  return { read, situation, team, score, scene, kbMargin, features, offsets: decisiveOffsets(situation), rule, hybrid: strict ?? loose ?? byCode ?? byRoles ?? byLibrary, hybridFeatures };
}

function hybridGate(p: Prepared, w: FittedWeights): boolean {
  if (!p.hybrid) return false;
  if (!w.hybrid) return p.hybridFeatures.has('plan:strict');
  return linearLogit(w.hybrid.bias, w.hybrid.weights, p.hybridFeatures) >= 0;
}

/** The chance the right answer is a split after all: the gate's probability, or the base rate without a candidate. */
export function hybridChance(p: Prepared, w: FittedWeights): number {
  if (!p.hybrid || !w.hybrid) return w.hybrid_base_rate;
  return sigmoid(linearLogit(w.hybrid.bias, w.hybrid.weights, p.hybridFeatures));
}

function modelLogit(p: Prepared, w: FittedWeights): number {
  return linearLogit(w.bias, w.weights, p.features) + p.offsets.logit;
}

type Outcome = 'rust' | 'go' | 'hybrid' | 'none';

export interface Decision {
  recommendation: Outcome;
  /** 'model' answers carry the fitted P(rust). */
  by: 'rule' | 'hybrid' | 'model';
  pRust: number;
}

export function decide(p: Prepared, w: FittedWeights): Decision {
  if (p.rule) return { recommendation: p.rule.kind === 'out-of-scope' ? 'none' : p.rule.recommendation, by: 'rule', pRust: p.rule.kind === 'out-of-scope' ? 0.5 : p.rule.recommendation === 'rust' ? 1 : 0 };
  // The fitted gate decides whether a candidate split is the answer (with no gate fitted, strict plans are).
  if (p.hybrid && hybridGate(p, w)) return { recommendation: 'hybrid', by: 'hybrid', pRust: 0.5 };
  // Platt scaling has no offset (b = 0), so the probability's side is the logit's side.
  const pRust = probabilityRust(w, modelLogit(p, w));
  return { recommendation: pRust >= 0.5 ? 'rust' : 'go', by: 'model', pRust };
}
