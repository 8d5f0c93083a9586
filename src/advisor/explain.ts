// Turns scores into words: the decisive reasons, the trade-off, what would flip the answer, and the one
// question that would settle a close call. Flips are computed by re-scoring with one signal toggled.
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
