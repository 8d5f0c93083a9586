// Turns scores into words: the decisive reasons, the trade-off, what would flip the answer, and the one
// question that would settle a close call. Flips are computed by re-scoring with one signal toggled.
import type { CriterionId } from '../knowledge/criterion.ts';
import type { Language, Reason } from './advice.ts';
import type { CompiledKb } from './compiled-kb.ts';
import { scoreScene, type CriterionScore, type Scene, type SceneScore, type TeamSkills } from './score.ts';

/** Contributions smaller than this (points of 100) are noise, not reasons. */
const MIN_REASON_POINTS = 0.15;

export const LANGUAGE_NAME: Record<Language, string> = { rust: 'Rust', go: 'Go' };

export function winnerOf(score: SceneScore): Language {
  return score.margin > 0 ? 'rust' : 'go';
}

function favours(c: CriterionScore): Language {
  return c.contribution > 0 ? 'rust' : 'go';
}

const LEVEL_WORDS = { strong: 'knows {L} well', some: 'has some {L} experience', none: 'has no {L} experience' } as const;

export function teamFitText(team: TeamSkills, favoured: Language): string {
  const parts: string[] = [];
  for (const lang of ['go', 'rust'] as const) {
    const level = team[lang];
    if (level) parts.push(LEVEL_WORDS[level].replace('{L}', LANGUAGE_NAME[lang]));
  }
  const other: Language = favoured === 'rust' ? 'go' : 'rust';
  const cost = other === 'rust' ? 'Rust would cost weeks to months of learning curve' : 'Go would still need its (short) learning period';
  return `The team ${parts.join(' and ')}; building on that favours ${LANGUAGE_NAME[favoured]}, while ${cost} and any existing code would need rewriting.`;
}

function reasonOf(c: CriterionScore, team: TeamSkills, prefix = ''): Reason {
  const favoured = favours(c);
  const text = c.criterion === 'team-fit' ? teamFitText(team, favoured) : c.assessment.text;
  return { criterion: c.criterion, favours: favoured, text: `${prefix}${text}`, sources: c.assessment.sources };
}

/** Reasons for one side, most decisive first. */
export function reasonsFor(score: SceneScore, side: Language, team: TeamSkills, limit: number, prefix = ''): Reason[] {
  return score.criteria
    .filter((c) => Math.abs(c.contribution) >= MIN_REASON_POINTS && favours(c) === side)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, limit)
    .map((c) => reasonOf(c, team, prefix));
}

export function topCriteria(score: SceneScore, side: Language, limit: number): CriterionId[] {
  return score.criteria
    .filter((c) => Math.abs(c.contribution) >= MIN_REASON_POINTS && favours(c) === side)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, limit)
    .map((c) => c.criterion);
}

interface SceneChange {
  /** Completes "... if <condition>". */
  condition: string;
  scene: Scene;
}

/** Single changes of context worth trying: drop a present constraint, add an askable one, change team skills. */
export function candidateChanges(compiled: CompiledKb, scene: Scene): SceneChange[] {
  const changes: SceneChange[] = [];
  const present = new Set(scene.constraints.map((c) => c.id));
  for (const c of scene.constraints) {
    const signal = compiled.constraints.get(c.id);
    if (!signal || Object.keys(signal.weights).length + signal.contexts.length === 0) continue;
    const rest = scene.constraints.filter((x) => x !== c);
    if (c.negated) {
      changes.push({ condition: `${signal.label} mattered after all`, scene: { ...scene, constraints: [...rest, { id: c.id, negated: false }] } });
    } else {
      changes.push({ condition: `"${signal.label}" were not a factor`, scene: { ...scene, constraints: rest } });
    }
  }
  for (const signal of compiled.askable) {
    if (present.has(signal.id) || signal.team !== undefined) continue;
    changes.push({ condition: signal.askable!.if_present, scene: { ...scene, constraints: [...scene.constraints, { id: signal.id, negated: false }] } });
  }
  if (scene.team.rust !== 'strong') changes.push({ condition: 'the team already knew Rust well', scene: { ...scene, team: { ...scene.team, rust: 'strong' } } });
  if (scene.team.go !== 'strong') changes.push({ condition: 'the team already knew Go well', scene: { ...scene, team: { ...scene.team, go: 'strong' } } });
  return changes;
}

/** Two scores for display: whole points, or one decimal when whole points would look like a tie. */
function pair(a: number, b: number): string {
  return Math.round(a) === Math.round(b) ? `${a.toFixed(1)} vs ${b.toFixed(1)}` : `${Math.round(a)} vs ${Math.round(b)}`;
}

/** The smallest single change (then pair of changes) that makes the other language win, in words. */
export function findFlip(compiled: CompiledKb, scene: Scene, score: SceneScore): string {
  const winner = winnerOf(score);
  const changes = candidateChanges(compiled, scene).map((change) => ({ change, score: scoreScene(compiled, change.scene) }));
  const flipping = changes.filter((c) => winnerOf(c.score) !== winner).sort((a, b) => Math.abs(a.score.margin) - Math.abs(b.score.margin));
  const describe = (s: SceneScore): string => {
    const w = winnerOf(s);
    const l = w === 'rust' ? 'go' : 'rust';
    return `${LANGUAGE_NAME[w]} would win (${pair(s[w], s[l])})`;
  };
  const first = flipping[0];
  if (first) return `${describe(first.score)} if ${first.change.condition}.`;
  // No single change: try pairs among the changes that move the margin furthest toward the other side.
  const toward = changes
    .filter((c) => (winner === 'rust' ? c.score.margin < score.margin : c.score.margin > score.margin))
    .sort((a, b) => (winner === 'rust' ? a.score.margin - b.score.margin : b.score.margin - a.score.margin))
    .slice(0, 4);
  for (let i = 0; i < toward.length; i++) {
    for (let j = i + 1; j < toward.length; j++) {
      const a = toward[i]!.change;
      const b = toward[j]!.change;
      const merged: Scene = mergeScenes(scene, a.scene, b.scene);
      const s = scoreScene(compiled, merged);
      if (winnerOf(s) !== winner) return `${describe(s)} only if two things changed: ${a.condition}, and ${b.condition}.`;
    }
  }
  return `No single change of context flips this: the case for ${LANGUAGE_NAME[winner]} rests on several independent criteria.`;
}

function mergeScenes(base: Scene, a: Scene, b: Scene): Scene {
  const removed = new Set(base.constraints.map((c) => c.id).filter((id) => !a.constraints.some((c) => c.id === id) || !b.constraints.some((c) => c.id === id)));
  const byId = new Map<string, { id: string; negated: boolean }>();
  for (const c of [...a.constraints, ...b.constraints]) if (!removed.has(c.id)) byId.set(c.id, c);
  return { ...base, constraints: [...byId.values()], team: { ...a.team, ...b.team } };
}

/** For a close call: the askable question whose answer would move the margin most. */
export function settlingQuestion(compiled: CompiledKb, scene: Scene, score: SceneScore): string {
  const present = new Set(scene.constraints.map((c) => c.id));
  let best: { question: string; shift: number } | undefined;
  for (const signal of compiled.askable) {
    if (present.has(signal.id)) continue;
    let shift: number;
    if (signal.team) {
      // Team questions: how far the answer swings between "knows Go well" and "knows Rust well".
      const goTeam = scoreScene(compiled, { ...scene, team: { ...scene.team, go: 'strong' } }).margin;
      const rustTeam = scoreScene(compiled, { ...scene, team: { ...scene.team, rust: 'strong' } }).margin;
      shift = Math.abs(rustTeam - goTeam) / 2;
      if (scene.team.rust !== undefined || scene.team.go !== undefined) continue;
    } else {
      shift = Math.abs(scoreScene(compiled, { ...scene, constraints: [...scene.constraints, { id: signal.id, negated: false }] }).margin - score.margin);
    }
    if (!best || shift > best.shift) best = { question: signal.askable!.question, shift };
  }
  return best?.question ?? 'What matters most for this component: tail latency, cost, or time to market?';
}
