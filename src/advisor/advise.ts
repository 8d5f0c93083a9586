// The advisor: question (+ the channel's team profile) -> a sourced recommendation in the JSON contract.
// question -> clauses -> Situation -> hard rules -> hybrid check -> fitted model -> calibrated confidence ->
// reasons that fit the situation -> flip and follow-up.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Advice, AdviceSignal, Language, Reason } from './advice.ts';
import { compileKb, type CompiledKb } from './compiled-kb.ts';
import { confidenceOf, LOW_CONFIDENCE, teamLine } from './confidence.ts';
import { decide, hybridChance, prepare, type Decision, type Prepared, type TeamProfileInput } from './decide.ts';
import { LANGUAGE_NAME, reasonsFor, settlingQuestion, teamBasisOf, winnerOf } from './explain.ts';
import { loadFittedWeights, type FittedWeights } from './fitted-model.ts';
import { componentFollowUp, followUpFor, teamIsDecisive, teamSettlesIt } from './follow-up.ts';
import { findModelFlip } from './model-flip.ts';
import { readQuestion } from './read-question.ts';
import { scoreScene } from './score.ts';
import { describeSituation } from './situation.ts';

export type { TeamProfileInput } from './decide.ts';

/** With no recognised workload, the component itself is the question that settles most. */
const WHAT_COMPONENT = 'What is the component (an API, a proxy, a CLI, a storage engine, a stream processor...), and what matters most for it: tail latency, cost, or time to market?';

/** An answer gives at least this many reasons when the knowledge base has them (the criteria that decided it). */
const MIN_REASONS = 2;

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The scores a one-language answer shows: the winner's is 100 x the stated confidence, so "Rust 79 / Go 21" sits
 * beside "confidence 0.79" (the model's raw probability saturates near 0 or 100 and said more than it knows).
 */
function shownScores(winner: Language, confidence: number): { rust: number; go: number } {
  const w = round1(confidence * 100);
  const l = round1(100 - confidence * 100);
  return winner === 'rust' ? { rust: w, go: l } : { rust: l, go: w };
}

function adviceSignals(p: Prepared, profile: TeamProfileInput | undefined): AdviceSignal[] {
  const out: AdviceSignal[] = p.read.understanding.signals.map((s) => ({ id: s.id, kind: s.kind, label: s.label, negated: s.negated }));
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
  const compiled = compileKb(kb);
  const read = readQuestion(compiled, question);
  const prepared = prepare(compiled, read, teamProfile);
  return ordered(adviceFrom(compiled, prepared, teamProfile, loadFittedWeights()));
}

function readAsOf(p: Prepared, profile: TeamProfileInput | undefined): string {
  const signals = p.read.understanding.signals;
  const workloads = signals.filter((s) => s.kind === 'workload').map((s) => s.label);
  const constraints = signals.filter((s) => s.kind !== 'workload' && s.kind !== 'team' && s.kind !== 'codebase').map((s) => s.label);
  constraints.push(...signals.filter((s) => s.kind === 'team' && !s.id.startsWith('team-knows') && !s.id.startsWith('team-new')).map((s) => s.label));
  constraints.push(...signals.filter((s) => s.kind === 'codebase' && !s.id.startsWith('codebase-')).map((s) => s.label));
  const read = describeSituation(p.situation, { workloads, constraints });
  return profile ? `${read}, team profile: Rust ${profile.rust}, Go ${profile.go}` : read;
}

function teamNoteOf(compiled: CompiledKb, p: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights, d: Decision): string | null {
  if (!profile) return null;
  const without = prepare(compiled, p.read, undefined);
  const other = decide(without, w).recommendation;
  const words = `Rust ${p.team.rust ?? 'unknown'}, Go ${p.team.go ?? 'unknown'}`;
  const name = (o: string): string => ({ rust: 'Rust', go: 'Go', hybrid: 'Rust + Go', none: 'no recommendation' })[o] ?? o;
  return other !== d.recommendation
    ? `Your channel's team profile (${words}) moved this close call from ${name(other)} to ${name(d.recommendation)}.`
    : `Your channel's team profile (${words}) is part of the score; it did not change the answer.`;
}

export function adviceFrom(compiled: CompiledKb, p: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights): Advice {
  const kb = compiled.kb;
  const question = p.read.understanding.question;
  const d = decide(p, w);
  const base = {
    question,
    signals: adviceSignals(p, profile),
    kb_version: kb.meta.version,
    kb_reviewed: kb.meta.last_reviewed,
    team_note: teamNoteOf(compiled, p, profile, w, d),
  };
  const readAs = readAsOf(p, profile);

  if (p.rule?.kind === 'out-of-scope') {
    return {
      ...base,
      recommendation: 'none',
      confidence: 0,
      scores: { rust: 0, go: 0 },
      reasons: [],
      tradeoff: null,
      flip: null,
      hybrid: null,
      read_as: `${readAs}. ${p.rule.note}`,
      clarifying_question: p.rule.askFor,
      follow_up: p.situation.outOfScope?.kind === 'nothing-named' ? componentFollowUp(question) : null,
    };
  }

  if (p.rule) {
    const lang: Language = p.rule.recommendation;
    const other: Language = lang === 'rust' ? 'go' : 'rust';
    const weighed = reasonsFor(compiled, p.score, lang, p.team, { limit: 3, min: MIN_REASONS, basis: teamBasisOf(p) });
    // "Only Rust can do this" leads; the knowledge base's reasons that fit the question still follow it (a
    // kernel driver's memory safety), so the answer says why Rust is also a good fit, not only the only one.
    const rule = p.rule;
    const reasons: Reason[] = rule.kind === 'only-one' ? [rule.reason, ...weighed.filter((r) => r.criterion !== rule.reason.criterion)].slice(0, 3) : weighed;
    const ruleConfidence = p.rule.kind === 'one-language' ? 0.9 : 0.95;
    return {
      ...base,
      recommendation: lang,
      confidence: ruleConfidence,
      scores: shownScores(lang, ruleConfidence),
      reasons,
      tradeoff: p.rule.kind === 'only-one' ? null : (reasonsFor(compiled, p.score, other, p.team, { limit: 1, basis: teamBasisOf(p) })[0] ?? null),
      flip: `${p.rule.note} Only a change to that would change the answer.`,
      hybrid: null,
      read_as: readAs,
      clarifying_question: null,
      follow_up: null,
    };
  }

  if (d.by === 'hybrid' && p.hybrid) {
    const score = p.score;
    const whole = winnerOf(score);
    const wholeReasons = reasonsFor(compiled, score, whole, p.team, { limit: 1, min: 1 });
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
      confidence: Math.min(p.hybrid.confidence, 0.75),
      scores: { rust: round1(score.rust), go: round1(score.go) },
      reasons: p.hybrid.reasons,
      tradeoff,
      flip: p.hybrid.flip,
      hybrid: p.hybrid.split,
      read_as: readAs,
      clarifying_question: null,
      follow_up: null,
    };
  }

  const winner: Language = d.recommendation === 'rust' ? 'rust' : 'go';
  const other: Language = winner === 'rust' ? 'go' : 'rust';
  const teamDecisive = teamIsDecisive(compiled, p, profile, w);
  const confidence = confidenceOf(d.pRust, p.situation, teamDecisive, hybridChance(p, w), w.calibration);
  const low = confidence < LOW_CONFIDENCE;
  const reasons = reasonsFor(compiled, p.score, winner, p.team, { limit: 4, min: MIN_REASONS, basis: teamBasisOf(p) });
  const line = teamLine(p, winner);
  if (line && !reasons.some((r) => r.criterion === 'team-fit')) {
    const teamAssessment = scoreScene(compiled, p.scene).criteria.find((c) => c.criterion === 'team-fit')!.assessment;
    reasons.unshift({ criterion: 'team-fit', favours: winner, text: line, sources: teamAssessment.sources });
  }
  const notes = p.offsets.notes.length ? `; weighed heavily: ${p.offsets.notes.join('; ')}` : '';
  return {
    ...base,
    recommendation: winner,
    confidence,
    scores: shownScores(winner, confidence),
    reasons,
    // The case for the other side: on point if it has one, else its strongest criterion.
    tradeoff: reasonsFor(compiled, p.score, other, p.team, { limit: 1, min: 1, basis: teamBasisOf(p) })[0] ?? null,
    // The flip line speaks on the verdict's scale: the confidence the changed question would be answered with.
    flip: findModelFlip(compiled, p, profile, w, d.pRust, (pr, s) => 100 * confidenceOf(pr, s, s.team.rust === null && s.team.go === null && teamDecisive, hybridChance(p, w), w.calibration)),
    hybrid: null,
    read_as: `${readAs}${notes}`,
    clarifying_question: low ? (p.scene.workloads.length === 0 ? WHAT_COMPONENT : settlingQuestion(compiled, p.scene, p.score)) : null,
    // The team is a decisive fact left open when the two one-sided teams would get different answers.
    follow_up: followUpFor(compiled, p, profile, w, low, teamDecisive || teamSettlesIt(compiled, p, profile, w)),
  };
}

;
