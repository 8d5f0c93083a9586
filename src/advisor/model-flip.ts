// "What would flip it" under the fitted model: one change of the Situation at a time (team, a constraint
// dropped or added, code to link into), re-decided without re-reading the question.
import type { CompiledKb } from './compiled-kb.ts';
import { sceneFor, type Prepared, type TeamProfileInput } from './decide.ts';
import { decisiveOffsets, featuresOf, linearLogit, oneSidedTeam, probabilityRust, type FittedWeights } from './fitted-model.ts';
import { scoreScene } from './score.ts';
import type { Situation } from './situation.ts';

interface SituationChange {
  /** Completes "... if <condition>". */
  condition: string;
  situation: Situation;
}

function clone(s: Situation): Situation {
  return { ...s, team: { ...s.team }, codebase: { ...s.codebase }, constraints: s.constraints.map((c) => ({ ...c })) };
}

function constraintsKey(s: Situation): string {
  return s.constraints.map((c) => `${c.id}${c.negated ? '!' : ''}`).join(',');
}

export function teamChange(s: Situation, strong: 'rust' | 'go'): Situation {
  const next = clone(s);
  next.team[strong] = 'strong';
  next.team[strong === 'rust' ? 'go' : 'rust'] = 'none';
  return next;
}

function candidateSituationChanges(compiled: CompiledKb, s: Situation): SituationChange[] {
  const out: SituationChange[] = [];
  if (oneSidedTeam(s) !== 'go') out.push({ condition: 'the team knew Go well and not Rust', situation: teamChange(s, 'go') });
  if (oneSidedTeam(s) !== 'rust') out.push({ condition: 'the team knew Rust well and not Go', situation: teamChange(s, 'rust') });
  for (const c of s.constraints) {
    const signal = compiled.constraints.get(c.id);
    if (!signal || signal.kind === 'team' || signal.kind === 'codebase') continue;
    const next = clone(s);
    if (c.negated) {
      next.constraints = next.constraints.map((x) => (x.id === c.id ? { id: c.id, negated: false } : x));
      out.push({ condition: `${signal.label} mattered after all`, situation: next });
    } else {
      next.constraints = next.constraints.filter((x) => x.id !== c.id);
      out.push({ condition: `"${signal.label}" were not a factor`, situation: next });
    }
  }
  const present = new Set(s.constraints.map((c) => c.id));
  for (const signal of compiled.askable) {
    if (present.has(signal.id) || signal.team !== undefined) continue;
    const next = clone(s);
    next.constraints = [...next.constraints, { id: signal.id, negated: false }];
    out.push({ condition: signal.askable!.if_present, situation: next });
  }
  for (const lang of ['go', 'rust'] as const) {
    if (s.codebase.language === lang && s.codebase.linksIn) continue;
    const next = clone(s);
    next.codebase = { language: lang, linksIn: true, leaving: false };
    out.push({ condition: `it had to link into existing ${lang === 'go' ? 'Go' : 'Rust'} code`, situation: next });
  }
  return out;
}

/** Whole points, or one decimal where whole points would look like a tie. */
function pair(a: number, b: number): string {
  return Math.round(a) === Math.round(b) ? `${a.toFixed(1)} vs ${b.toFixed(1)}` : `${Math.round(a)} vs ${Math.round(b)}`;
}

/**
 * P(rust) of the model alone (no rule, no hybrid) for a changed situation: only what the model reads is
 * recomputed (one knowledge-base score, features, offsets), since flips and follow-ups try many changes.
 */
export function modelPRust(compiled: CompiledKb, base: Prepared, profile: TeamProfileInput | undefined, w: FittedWeights, s: Situation): number {
  const questionSpeaks = s.team.rust !== null || s.team.go !== null;
  const situation: Situation = profile && !questionSpeaks ? { ...s, team: { ...s.team, rust: profile.rust, go: profile.go } } : s;
  // The knowledge-base margin depends on workloads and constraints only: team and code changes reuse it.
  const same = s.workloads === base.situation.workloads && constraintsKey(s) === constraintsKey(base.situation);
  const kbMargin = same ? base.kbMargin : scoreScene(compiled, sceneFor(situation, {}, profile?.priorities ?? [])).margin;
  const logit = linearLogit(w.bias, w.weights, featuresOf(situation, kbMargin, (id) => compiled.workloads.get(id)?.role)) + decisiveOffsets(situation).logit;
  return probabilityRust(w, logit);
}

/**
 * `shownScore` turns a changed situation's P(rust) into the score its answer would show for its winner (100 x its
 * stated confidence), so the flip line speaks on the same scale as the verdict line's scores.
 */
export function findModelFlip(
  compiled: CompiledKb,
  base: Prepared,
  profile: TeamProfileInput | undefined,
  w: FittedWeights,
  pRust: number,
  shownScore: (pRust: number, s: Situation) => number,
): string {
  const rustNow = pRust >= 0.5;
  // The smallest change that makes the other language win outright; failing that, the smallest that makes it a
  // coin toss (a changed answer stated at 0.5 is a toss-up, not a win).
  let win: { condition: string; p: number; shown: number } | undefined;
  let toss: { condition: string; p: number } | undefined;
  for (const change of candidateSituationChanges(compiled, base.situation)) {
    const p = modelPRust(compiled, base, profile, w, change.situation);
    if (p >= 0.5 === rustNow) continue;
    const shown = shownScore(p, change.situation);
    if (Math.round(shown) > 50) {
      if (!win || Math.abs(p - 0.5) < Math.abs(win.p - 0.5)) win = { condition: change.condition, p, shown };
    } else if (!toss || Math.abs(p - 0.5) < Math.abs(toss.p - 0.5)) toss = { condition: change.condition, p };
  }
  if (win) return `${win.p >= 0.5 ? 'Rust' : 'Go'} would win (${pair(win.shown, 100 - win.shown)}) if ${win.condition}.`;
  // A toss-up now is not changed by a change that leaves a toss-up.
  const tossUpNow = Math.round(shownScore(pRust, base.situation)) <= 50;
  if (toss && !tossUpNow) return `It would be a toss-up (50 vs 50) if ${toss.condition}.`;
  return `No single change of context flips this: the case for ${rustNow ? 'Rust' : 'Go'} rests on several facts of the question.`;
}
