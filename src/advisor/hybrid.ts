// Hybrid answers: when two named components pull opposite ways, or a workload/fleet is inherently two-part,
// the answer splits languages by component (moved from advise.ts unchanged, apart from exports).
import type { CriterionId } from '../knowledge/criterion.ts';
import type { Language, Reason } from './advice.ts';
import type { CompiledKb } from './compiled-kb.ts';
import { LANGUAGE_NAME, reasonsFor, winnerOf } from './explain.ts';
import { scoreScene, type Scene, type SceneScore, type TeamSkills } from './score.ts';
import type { Component, Understanding } from './understand.ts';

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

function sceneOf(compiled: CompiledKb, u: Understanding, team: TeamSkills, priorities: readonly CriterionId[], only?: Component, localElsewhere?: Set<string>): Scene {
  const workloads = only ? only.workloads : u.signals.filter((s) => s.kind === 'workload').map((s) => s.id);
  const constraints = u.signals
    .filter((s) => s.kind !== 'workload' && compiled.constraints.has(s.id))
    .filter((s) => !only || only.constraints.includes(s.id) || !localElsewhere?.has(s.id))
    .map((s) => ({ id: s.id, negated: s.negated }));
  return { workloads, constraints, team, priorities };
}

/** "we need a high-throughput edge proxy" -> "a high-throughput edge proxy": the asker's preamble is not the part's name. */
const PREAMBLE = /^(?:so\s+|and\s+|but\s+)?(?:we|i)(?:'re|'ll| are| will| would| also)?\s+(?:need|want|have|build|building|plan to build|are building|write|writing|run|running)\s+(?:to\s+(?:build|write|run)\s+)?/i;

/** "should we write the public REST API", "can we build": a question's opening is not the part's name either. */
const ASKING = /^(?:should|shall|could|can|do|would)\s+(?:we|i)\s+(?:(?:write|build|use|keep|put|do|make|implement)\s+)?/i;
/** "... in Rust", "... in Go, or keep one language": the asker's proposed language and the rest of the question. */
const PROPOSED_TAIL = /\s+(?:in|with|using)\s+(?:rust|go|golang)\b.*$|,\s*(?:or|and)\s+.*$/i;

/**
 * A component as the answer names it ("For <part>: ..."): the question's words up to the end of their sentence
 * ("control plane that talks to Kubernetes. which language for which piece?" stops at "Kubernetes"), without the
 * asker's preamble, question opening or proposed language, in the asker's own casing.
 */
function partName(text: string, question: string): string {
  const sentence = text.split(/[.?!;]\s|[.?!;]$/)[0]!.trim();
  const named = sentence.replace(PREAMBLE, '').replace(ASKING, '').replace(PROPOSED_TAIL, '').trim();
  const name = named.length >= 3 ? named : text.trim();
  // The reader works on lower-cased text; show the asker's own casing ("REST API", not "rest api").
  const at = question.toLowerCase().indexOf(name.toLowerCase());
  return at >= 0 ? question.slice(at, at + name.length) : name;
}

function interleave(a: Reason[], b: Reason[]): Reason[] {
  const out: Reason[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) out.push(a[i]!);
    if (b[i]) out.push(b[i]!);
  }
  return out;
}

export interface HybridPlan {
  split: { rust: string; go: string };
  reasons: Reason[];
  confidence: number;
  flip: string;
}

/**
 * `loose` plans drop the gates (explicit split, margins, one-language context): they are candidates the fitted
 * hybrid gate (decide.ts) may accept, never answers on their own.
 */
export function hybridFromComponents(compiled: CompiledKb, u: Understanding, team: TeamSkills, priorities: readonly CriterionId[], loose = false): HybridPlan | undefined {
  if (u.components.length < 2) return undefined;
  const first = u.components[0]!;
  // Workloads merely named together are two components only when the question asks for a split or names
  // existing code (keep the codebase, move the part that pulls the other way).
  const namesCode = u.signals.some((s) => (s.kind === 'codebase' || s.id === 'split-question') && !s.negated);
  if (first.basis === 'workloads' && !namesCode && !loose) return undefined;
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
  if (Math.min(rustSide.s.margin, -goSide.s.margin) < (loose ? 0.5 : COMPONENT_MARGIN)) return undefined;
  const role = (c: Component): string => compiled.workloads.get(c.workloads[0] ?? '')?.role ?? 'any';
  const rolesDiffer = role(rustSide.c) !== role(goSide.c) && role(rustSide.c) !== 'any' && role(goSide.c) !== 'any';
  const explicit = first.explicit || (first.basis === 'workloads' && namesCode);
  if (!loose && !explicit && (!rolesDiffer || prefersOneLanguage(compiled, u))) return undefined;
  const rustPart = { ...rustSide.c, text: partName(rustSide.c.text, u.question) };
  const goPart = { ...goSide.c, text: partName(goSide.c.text, u.question) };
  const rustReasons = reasonsFor(compiled, rustSide.s, 'rust', team, { limit: 3, min: 3, prefix: `For ${rustPart.text}: ` });
  const goReasons = reasonsFor(compiled, goSide.s, 'go', team, { limit: 3, min: 3, prefix: `For ${goPart.text}: ` });
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

export function hybridFromShape(compiled: CompiledKb, u: Understanding, score: SceneScore, team: TeamSkills, loose = false): HybridPlan | undefined {
  if (prefersOneLanguage(compiled, u) && !loose) return undefined;
  const live = u.signals.filter((s) => !s.negated);
  const shapedByWorkload = live.map((s) => compiled.workloads.get(s.id)?.hybrid).find((h) => h !== undefined);
  const shaped = shapedByWorkload ?? live.map((s) => compiled.constraints.get(s.id)?.hybrid).find((h) => h !== undefined);
  if (!shaped) return undefined;
  const names = (id: string): boolean => live.some((s) => s.id === id);
  // A fleet that says some of its services are hot is split along exactly that line, however the blend of
  // the whole question scores; otherwise a lopsided blend means one language fits the whole.
  const fleetWithHotPart = !shapedByWorkload && HOT_SIGNALS.some(names);
  if (Math.abs(score.margin) >= SHAPE_HYBRID_MARGIN && !fleetWithHotPart && !loose) return undefined;
  // "The control plane of a service mesh" asks about one plane of a two-part system: answer for that plane.
  const namesControlPlane = names(CONTROL_PLANE);
  const namesDataPlane = names(DATA_PLANE) || names(MESH_DATA_PLANE);
  if (shapedByWorkload && namesControlPlane !== namesDataPlane) return undefined;
  // One library embedded in many services is one implementation, not a fleet to split between languages.
  if (!shapedByWorkload && (names(NATIVE_EXTENSION) || names(SHARED_CORE))) return undefined;
  return {
    split: shaped,
    reasons: interleave(reasonsFor(compiled, score, 'rust', team, { limit: 3, min: 3, prefix: `For ${shaped.rust}: ` }), reasonsFor(compiled, score, 'go', team, { limit: 3, min: 3, prefix: `For ${shaped.go}: ` })),
    confidence: 0.6,
    flip: `One language would do if a single part dominated: on the whole question ${LANGUAGE_NAME[winnerOf(score)]} scores higher (${Math.round(Math.max(score.rust, score.go))} vs ${Math.round(Math.min(score.rust, score.go))}).`,
  };
}


/** The new part must lean away from the existing code's language by at least this (points of 100). */
const CODE_SPLIT_MARGIN = 1.5;

/**
 * A candidate split along the existing code, when the question asks about one part of it ("rewrite only that
 * part", "except one component"): the codebase stays in its language and the part, which leans the other way,
 * is written in the other. Only a candidate: the fitted hybrid gate decides (decide.ts). `score` is the
 * knowledge-base score of the question without team fit.
 */
export function hybridFromCodebase(compiled: CompiledKb, u: Understanding, code: 'rust' | 'go', score: SceneScore, team: TeamSkills): HybridPlan | undefined {
  if (!u.signals.some((s) => s.id === 'split-question' && !s.negated)) return undefined;
  const leans: Language = score.margin > 0 ? 'rust' : 'go';
  if (leans === code || Math.abs(score.margin) < CODE_SPLIT_MARGIN) return undefined;
  const names = u.signals.filter((s) => s.kind === 'workload' && !s.negated).map((s) => compiled.workloads.get(s.id)?.name ?? s.label);
  const part = names.length ? `the part in question (${names.join(' + ')})` : 'the part in question';
  const existing = `the existing ${LANGUAGE_NAME[code]} code`;
  return {
    split: leans === 'rust' ? { rust: part, go: existing } : { rust: existing, go: part },
    reasons: reasonsFor(compiled, score, leans, team, { limit: 3, min: 3, prefix: `For ${part}: ` }),
    confidence: 0.6,
    flip: `One language would do if ${part} did not pull away from ${existing}: it leans ${LANGUAGE_NAME[leans]} by ${Math.round(Math.abs(score.margin))} points.`,
  };
}

/**
 * A candidate split by role, when the question names parts or asks how to split: one named workload is a hot
 * data path (role data-plane) and another a control plane, orchestrator or runtime integration (role
 * control-plane). The usual pattern is Rust on the data path and Go on the control side, whatever the blend
 * of the whole question scores; only a candidate, the fitted hybrid gate decides (decide.ts).
 */
export function hybridFromRoles(compiled: CompiledKb, u: Understanding, score: SceneScore, team: TeamSkills): HybridPlan | undefined {
  // The question must name the parts itself (asks for a split, or joins two parts with "plus", "versus", "and
  // the"...): components inferred from workload roles alone also come from a part merely mentioned as what the
  // component talks to ("a control plane that pushes config to every proxy").
  const asks = u.signals.some((s) => s.id === 'split-question' && !s.negated);
  if (!asks && u.components[0]?.basis !== 'marker') return undefined;
  const live = u.signals.filter((s) => s.kind === 'workload' && !s.negated).map((s) => compiled.workloads.get(s.id)).filter((w) => w !== undefined);
  const data = live.find((w) => w.role === 'data-plane');
  const control = live.find((w) => w.role === 'control-plane');
  if (!data || !control) return undefined;
  return {
    split: { rust: data.name, go: control.name },
    reasons: interleave(reasonsFor(compiled, score, 'rust', team, { limit: 3, min: 3, prefix: `For ${data.name}: ` }), reasonsFor(compiled, score, 'go', team, { limit: 3, min: 3, prefix: `For ${control.name}: ` })),
    confidence: 0.6,
    flip: `One language would do if ${data.name} and ${control.name} did not need different things: on the whole question ${LANGUAGE_NAME[winnerOf(score)]} scores higher (${Math.round(Math.max(score.rust, score.go))} vs ${Math.round(Math.min(score.rust, score.go))}).`,
  };
}

const LIBRARY_WORD = '(?:librar(?:y|ies)|crates?|implementations?|engines?|stacks?|sdks?|toolkits?|one)';
/** "the best proving libraries are in another language", "the mature one is in Go", "the good wasm engines are not in go". */
const LIBRARY_LIVES_IN = new RegExp(`\\b(?:best|mature|good|only|proven|leading|fastest|reference|de facto)\\b[^.;?]{0,40}?\\b${LIBRARY_WORD}\\b[^.;?]{0,20}?\\b(?:is|are)\\s+(not\\s+)?(?:(?:written|implemented|available)\\s+)?in\\s+(rust|go|golang|another language)\\b`, 'i');
/** "the best library for it is a rust crate": a crate is a Rust library. */
const RUST_CRATE = /\b(?:a|the) rust (?:crate|library)\b/i;
const NAMES_RUST = /\brust\b/i;
const NAMES_GO = /\b(?:go|golang)\b(?!\s+(?:live|fast|with|for it|ahead|back|through|to))/i;

/** The language the part's library lives in, when the question says it does not live in the other one. */
function libraryLanguage(question: string): Language | undefined {
  if (RUST_CRATE.test(question)) return 'rust';
  const m = LIBRARY_LIVES_IN.exec(question);
  if (!m) return undefined;
  const named = m[2]!.toLowerCase();
  if (named !== 'another language') {
    const lang: Language = named === 'rust' ? 'rust' : 'go';
    return m[1] ? (lang === 'rust' ? 'go' : 'rust') : lang;
  }
  // "in another language": another than the one the rest is written in, named elsewhere in the question.
  const rest = question.slice(0, m.index) + question.slice(m.index + m[0].length);
  const rust = NAMES_RUST.test(rest);
  const go = NAMES_GO.test(rest);
  return rust === go ? undefined : rust ? 'go' : 'rust';
}

/**
 * The reason a library split gives first: the question says where the library lives; the cost of reaching it from
 * the other language is the knowledge base's interop evidence (cgo's per-call cost, FFI), whose sources it cites.
 */
function libraryReason(compiled: CompiledKb, lib: Language, part: string): Reason {
  const other = LANGUAGE_NAME[lib === 'rust' ? 'go' : 'rust'];
  const interop = compiled.assessments.get('interop')!;
  const evidence = interop[interop.length - 1]!;
  return {
    criterion: 'ecosystem',
    favours: lib,
    text: `For ${part}: the library it needs is in ${LANGUAGE_NAME[lib]}, as the question says, so written in ${LANGUAGE_NAME[lib]} the part calls it directly; from ${other} every call would cross an FFI boundary (cgo on the Go side) or a process boundary.`,
    sources: evidence.sources,
  };
}

/**
 * A candidate split along a library: the part the question adds needs a library that lives in one language
 * ("the best library for it is a Rust crate", "the good Wasm engines are not in Go") while the rest of the
 * system is in the other. The usual answer keeps the rest and writes the part, around that library, in the
 * library's language. Only a candidate: the fitted hybrid gate decides (decide.ts).
 */
export function hybridFromLibrary(compiled: CompiledKb, u: Understanding, score: SceneScore, team: TeamSkills): HybridPlan | undefined {
  const lib = libraryLanguage(u.question);
  if (!lib) return undefined;
  const names = u.signals.filter((s) => s.kind === 'workload' && !s.negated).map((s) => compiled.workloads.get(s.id)?.name ?? s.label);
  const part = names.length ? `the part built around that library (${names.join(' + ')})` : 'the part built around that library';
  const rest = `the rest of the system`;
  return {
    split: lib === 'rust' ? { rust: part, go: rest } : { rust: rest, go: part },
    // The library is what decided the split, so it leads; the knowledge base's reasons for that side follow.
    reasons: [libraryReason(compiled, lib, part), ...reasonsFor(compiled, score, lib, team, { limit: 2, min: 2, prefix: `For ${part}: ` })],
    confidence: 0.6,
    flip: `One language would do if the library ${part.slice(4)} needs existed in ${LANGUAGE_NAME[lib === 'rust' ? 'go' : 'rust']} too.`,
  };
}
