// The advisor: question (+ the channel's team profile) -> a sourced recommendation in the JSON contract.
import type { CriterionId } from '../knowledge/criterion.ts';
import type { SkillLevel } from '../knowledge/constraint-signal.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Advice, AdviceSignal, Language, Reason } from './advice.ts';
import { compileKb, type CompiledKb } from './compiled-kb.ts';
import { findFlip, LANGUAGE_NAME, reasonsFor, settlingQuestion, winnerOf } from './explain.ts';
import { scoreScene, type Scene, type SceneScore, type TeamSkills } from './score.ts';
import { understandQuestion, type Component, type Understanding } from './understand.ts';

/** The channel's team profile, as the store keeps it. */
export interface TeamProfileInput {
  rust: SkillLevel;
  go: SkillLevel;
  priorities?: readonly CriterionId[];
}

const LOW_CONFIDENCE = 0.6;
/** With no recognised workload, the component itself is the question that settles most. */
const WHAT_COMPONENT = 'What is the component (an API, a proxy, a CLI, a storage engine, a stream processor...), and what matters most for it: tail latency, cost, or time to market?';
/** Below this margin (points) an inherent two-part workload or a fleet of services is answered as a hybrid. */
const SHAPE_HYBRID_MARGIN = 20;
/** Each component of a hybrid must lean its way by at least this much. */
const COMPONENT_MARGIN = 1.5;
/** The workload profile of a hot data path (workloads.yaml). */
const DATA_PLANE = 'data-plane';
/** The two planes a two-part workload (a service mesh) splits into (workloads.yaml). */
const CONTROL_PLANE = 'control-plane';
const MESH_DATA_PLANE = 'mesh-data-plane';
/** A library linked into other programs (workloads.yaml) and one core shared across them (constraints.yaml). */
const NATIVE_EXTENSION = 'native-extension';
const SHARED_CORE = 'shared-core';
/** Signals that some of a fleet's services sit on a hot path (workloads.yaml / constraints.yaml). */
const HOT_SIGNALS = ['data-plane', 'performance-critical', 'cpu-bound', 'latency-strict'];

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function teamFromQuestion(compiled: CompiledKb, u: Understanding): TeamSkills {
  const team: TeamSkills = {};
  for (const s of u.signals) {
    const implied = compiled.constraints.get(s.id)?.team;
    if (!implied || s.negated) continue;
    // Strongest statement wins ("written in Go" beats "new to Go" only if both appear; rare).
    if (implied.rust) team.rust = implied.rust;
    if (implied.go) team.go = implied.go;
  }
  return team;
}

function sceneOf(compiled: CompiledKb, u: Understanding, team: TeamSkills, priorities: readonly CriterionId[], only?: Component, localElsewhere?: Set<string>): Scene {
  const workloads = only ? only.workloads : u.signals.filter((s) => s.kind === 'workload').map((s) => s.id);
  const constraints = u.signals
    .filter((s) => s.kind !== 'workload' && compiled.constraints.has(s.id))
    .filter((s) => !only || only.constraints.includes(s.id) || !localElsewhere?.has(s.id))
    .map((s) => ({ id: s.id, negated: s.negated }));
  return { workloads, constraints, team, priorities };
}

function confidenceOf(margin: number, u: Understanding): number {
  let c = 0.45 + 0.45 * Math.min(Math.abs(margin) / 10, 1);
  if (!u.signals.some((s) => s.kind === 'workload')) c -= 0.15;
  if (!u.signals.some((s) => s.kind !== 'workload')) c -= 0.05;
  return Math.round(Math.max(0.2, Math.min(0.95, c)) * 100) / 100;
}

function skillWords(team: TeamSkills): string {
  return `Rust ${team.rust ?? 'unknown'}, Go ${team.go ?? 'unknown'}`;
}

function interleave(a: Reason[], b: Reason[]): Reason[] {
  const out: Reason[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i]!);
    if (b[i]) out.push(b[i]!);
  }
  return out;
}

interface HybridPlan {
  split: { rust: string; go: string };
  reasons: Reason[];
  confidence: number;
  flip: string;
}

function hybridFromComponents(compiled: CompiledKb, u: Understanding, team: TeamSkills, priorities: readonly CriterionId[]): HybridPlan | undefined {
  if (u.components.length < 2) return undefined;
  const first = u.components[0]!;
  // Workloads merely named together are two components only when the question asks for a split or names
  // existing code (keep the codebase, move the part that pulls the other way).
  const namesCode = u.signals.some((s) => (s.kind === 'codebase' || s.id === 'split-question') && !s.negated);
  if (first.basis === 'workloads' && !namesCode) return undefined;
  const local = new Set(u.components.flatMap((c) => c.constraints));
  // Next to a control plane, the other part is the data path (the hybrid pattern: Rust on the data path,
  // Go on the control plane), so it is scored as one.
  const roleOf = (id: string): string => compiled.workloads.get(id)?.role ?? 'any';
  const hasControlPlane = u.components.some((c) => c.workloads.some((w) => roleOf(w) === 'control-plane'));
  const components = u.components.map((c) =>
    hasControlPlane && compiled.workloads.has(DATA_PLANE) && !c.workloads.some((w) => roleOf(w) === 'control-plane') && !c.workloads.includes(DATA_PLANE)
      ? { ...c, workloads: [...c.workloads, DATA_PLANE] }
      : c,
  );
  const scored = components.map((c) => ({ c, s: scoreScene(compiled, sceneOf(compiled, u, team, priorities, c, local)) }));
  const rustSide = scored.filter((x) => x.s.margin > 0).sort((x, y) => y.s.margin - x.s.margin)[0];
  const goSide = scored.filter((x) => x.s.margin < 0).sort((x, y) => x.s.margin - y.s.margin)[0];
  if (!rustSide || !goSide) return undefined;
  if (Math.min(rustSide.s.margin, -goSide.s.margin) < COMPONENT_MARGIN) return undefined;
  const role = (c: Component): string => compiled.workloads.get(c.workloads[0] ?? '')?.role ?? 'any';
  const rolesDiffer = role(rustSide.c) !== role(goSide.c) && role(rustSide.c) !== 'any' && role(goSide.c) !== 'any';
  const explicit = first.explicit || (first.basis === 'workloads' && namesCode);
  if (!explicit && (!rolesDiffer || prefersOneLanguage(compiled, u))) return undefined;
  const rustPart = rustSide.c;
  const goPart = goSide.c;
  const rustReasons = reasonsFor(rustSide.s, 'rust', team, 3, `For ${rustPart.text}: `);
  const goReasons = reasonsFor(goSide.s, 'go', team, 3, `For ${goPart.text}: `);
  const weaker = Math.min(rustSide.s.margin, -goSide.s.margin);
  return {
    split: { rust: rustPart.text, go: goPart.text },
    reasons: interleave(rustReasons, goReasons),
    confidence: Math.round((0.5 + 0.4 * Math.min(weaker / 8, 1)) * 100) / 100,
    flip: `One language would do if the two parts did not pull apart: ${rustPart.text} leans Rust by ${Math.round(rustSide.s.margin)} points and ${goPart.text} leans Go by ${Math.round(-goSide.s.margin)}.`,
  };
}

/** Onboarding, deadlines or a small team: one language for everything beats the best fit per part. */
function prefersOneLanguage(compiled: CompiledKb, u: Understanding): boolean {
  return u.signals.some((s) => !s.negated && compiled.constraints.get(s.id)?.prefers_one_language === true);
}

function hybridFromShape(compiled: CompiledKb, u: Understanding, score: SceneScore, team: TeamSkills): HybridPlan | undefined {
  if (prefersOneLanguage(compiled, u)) return undefined;
  const live = u.signals.filter((s) => !s.negated);
  const shapedByWorkload = live.map((s) => compiled.workloads.get(s.id)?.hybrid).find((h) => h !== undefined);
  const shaped = shapedByWorkload ?? live.map((s) => compiled.constraints.get(s.id)?.hybrid).find((h) => h !== undefined);
  if (!shaped) return undefined;
  const names = (id: string): boolean => live.some((s) => s.id === id);
  // A fleet that says some of its services are hot is split along exactly that line, however the blend of
  // the whole question scores; otherwise a lopsided blend means one language fits the whole.
  const fleetWithHotPart = !shapedByWorkload && HOT_SIGNALS.some(names);
  if (Math.abs(score.margin) >= SHAPE_HYBRID_MARGIN && !fleetWithHotPart) return undefined;
  // "The control plane of a service mesh" asks about one plane of a two-part system: answer for that plane.
  const namesControlPlane = names(CONTROL_PLANE);
  const namesDataPlane = names(DATA_PLANE) || names(MESH_DATA_PLANE);
  if (shapedByWorkload && namesControlPlane !== namesDataPlane) return undefined;
  // One library embedded in many services is one implementation, not a fleet to split between languages.
  if (!shapedByWorkload && (names(NATIVE_EXTENSION) || names(SHARED_CORE))) return undefined;
  return {
    split: shaped,
    reasons: interleave(reasonsFor(score, 'rust', team, 3, `For ${shaped.rust}: `), reasonsFor(score, 'go', team, 3, `For ${shaped.go}: `)),
    confidence: 0.6,
    flip: `One language would do if a single part dominated: on the whole question ${LANGUAGE_NAME[winnerOf(score)]} scores higher (${Math.round(Math.max(score.rust, score.go))} vs ${Math.round(Math.min(score.rust, score.go))}).`,
  };
}

function adviceSignals(u: Understanding, profile: TeamProfileInput | undefined): AdviceSignal[] {
  const out: AdviceSignal[] = u.signals.map((s) => ({ id: s.id, kind: s.kind, label: s.label, negated: s.negated }));
  if (profile) out.push({ id: 'team-profile', kind: 'team-profile', label: `team profile: Rust ${profile.rust}, Go ${profile.go}`, negated: false });
  return out;
}

/** The contract's fields in the order, so `ask --json` reads top-down. */
function ordered(a: Advice): Advice {
  return {
    question: a.question,
    recommendation: a.recommendation,
    confidence: a.confidence,
    scores: a.scores,
    reasons: a.reasons,
    tradeoff: a.tradeoff,
    flip: a.flip,
    hybrid: a.hybrid,
    signals: a.signals,
    kb_version: a.kb_version,
    kb_reviewed: a.kb_reviewed,
    read_as: a.read_as,
    clarifying_question: a.clarifying_question,
    team_note: a.team_note,
    follow_up: a.follow_up,
  };
}

export function advise(question: string, teamProfile: TeamProfileInput | undefined, kb: KnowledgeBase): Advice {
  return ordered(adviseUnordered(question, teamProfile, kb));
}

function adviseUnordered(question: string, teamProfile: TeamProfileInput | undefined, kb: KnowledgeBase): Advice {
  const compiled = compileKb(kb);
  const u = understandQuestion(compiled, question);
  const questionTeam = teamFromQuestion(compiled, u);
  // What the question says about the team overrides the channel profile, language by language.
  const team: TeamSkills = { ...(teamProfile ? { rust: teamProfile.rust, go: teamProfile.go } : {}), ...questionTeam };
  const priorities = teamProfile?.priorities ?? [];
  const scene = sceneOf(compiled, u, team, priorities);
  const score = scoreScene(compiled, scene);
  const signals = adviceSignals(u, teamProfile);
  const readAs = signals.length ? signals.map((s) => s.label).join(', ') : 'nothing specific (scored as a general backend service)';

  let teamNote: string | null = null;
  if (teamProfile) {
    const without = scoreScene(compiled, sceneOf(compiled, u, questionTeam, []));
    const moved = winnerOf(without) !== winnerOf(score);
    teamNote = moved
      ? `Your channel's team profile (${skillWords(team)}) moved this close call from ${LANGUAGE_NAME[winnerOf(without)]} to ${LANGUAGE_NAME[winnerOf(score)]}.`
      : `Your channel's team profile (${skillWords(team)}) is part of the score; it did not change the answer.`;
  }

  const base = {
    question,
    scores: { rust: round1(score.rust), go: round1(score.go) },
    signals,
    kb_version: kb.meta.version,
    kb_reviewed: kb.meta.last_reviewed,
    read_as: readAs,
    team_note: teamNote,
    // The engine that names the decisive missing fact (issue 11, item 5) fills this; until then no options.
    follow_up: null,
  };

  const hybrid = hybridFromComponents(compiled, u, team, priorities) ?? hybridFromShape(compiled, u, score, team);
  if (hybrid) {
    const whole = winnerOf(score);
    const wholeReasons = reasonsFor(score, whole, team, 1);
    const tradeoff: Reason | null = wholeReasons[0]
      ? {
          ...wholeReasons[0],
          // One sentence naming the criterion, not the whole reason glued on (issue 11: answers ran to 4.4k).
          text: `Two languages cost two toolchains, two hiring pools and an API or FFI boundary; if one language for everything matters more, ${LANGUAGE_NAME[whole]} fits the whole better (${Math.round(score[whole])} vs ${Math.round(score[whole === 'rust' ? 'go' : 'rust'])}), mainly on ${wholeReasons[0].criterion}.`,
        }
      : null;
    return {
      ...base,
      recommendation: 'hybrid',
      confidence: hybrid.confidence,
      reasons: hybrid.reasons,
      tradeoff,
      flip: hybrid.flip,
      hybrid: hybrid.split,
      clarifying_question: null,
    };
  }

  const winner: Language = winnerOf(score);
  const other: Language = winner === 'rust' ? 'go' : 'rust';
  const confidence = confidenceOf(score.margin, u);
  return {
    ...base,
    recommendation: winner,
    confidence,
    reasons: reasonsFor(score, winner, team, 4),
    tradeoff: reasonsFor(score, other, team, 1)[0] ?? null,
    flip: findFlip(compiled, scene, score),
    hybrid: null,
    clarifying_question: confidence < LOW_CONFIDENCE ? (scene.workloads.length === 0 ? WHAT_COMPONENT : settlingQuestion(compiled, scene, score)) : null,
  };
}

export { LOW_CONFIDENCE };
