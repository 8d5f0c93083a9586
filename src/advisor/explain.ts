// Turns scores into words: the decisive reasons, the trade-off, what would flip the answer, and the one
// question that would settle a close call. Flips are computed by re-scoring with one signal toggled.
import type { Language, Reason } from './advice.ts';
import type { CompiledKb } from './compiled-kb.ts';
import type { Prepared } from './decide.ts';
import { FIT, fitRank, mayFallBack, reasonFit } from './reason-fit.ts';
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

/** Where the team skills scored come from, so the team reason says what the asker said and no more. */
export interface TeamBasis {
  /** Existing code in this language stands in for a team skill the question did not state. */
  fromCode?: Language;
  /** The skills are implied by a C/C++ background (the question said nothing about Rust or Go). */
  cppBackground?: boolean;
}

/** C or C++ named in the question. */
const CPP = /\bc\+\+|\bcpp\b|\bc (?:developers|engineers|programmers|background)\b/i;

export function teamBasisOf(p: Prepared): TeamBasis {
  const s = p.situation;
  const code = s.codebase.language;
  const basis: TeamBasis = {};
  if ((code === 'rust' || code === 'go') && !s.codebase.leaving && s.team[code] === null) basis.fromCode = code;
  // read-question.ts sets "some Rust, no Go" for a C/C++ team and keeps no signal saying so; the question does.
  if (s.team.rust === 'some' && s.team.go === 'none' && CPP.test(p.read.understanding.question)) basis.cppBackground = true;
  return basis;
}

export function teamFitText(team: TeamSkills, favoured: Language, basis: TeamBasis = {}): string {
  const parts: string[] = basis.cppBackground ? ['has a C/C++ background'] : [];
  const other: Language = favoured === 'rust' ? 'go' : 'rust';
  // The favoured language first: "knows Rust well and has no Go experience" leads with what decided it.
  for (const lang of [favoured, other]) {
    const level = team[lang];
    if (level && !basis.cppBackground && basis.fromCode !== lang) parts.push(LEVEL_WORDS[level].replace('{L}', LANGUAGE_NAME[lang]));
  }
  const said = [parts.length ? `the team ${parts.join(' and ')}` : '', basis.fromCode ? `the existing code is in ${LANGUAGE_NAME[basis.fromCode]}` : ''].filter(Boolean).join('; ') || "the team's skills";
  const cost =
    basis.fromCode === favoured
      ? `${LANGUAGE_NAME[other]} would sit beside it behind an FFI or service boundary`
      : // Nothing about rewriting code: the question may have none, and saying so would claim more than it said.
        other === 'rust'
        ? 'Rust would cost weeks to months of learning curve'
        : 'Go would still need its (short) learning period';
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}; building on that favours ${LANGUAGE_NAME[favoured]}, while ${cost}.`;
}

function reasonOf(c: CriterionScore, team: TeamSkills, prefix = '', basis: TeamBasis = {}): Reason {
  const favoured = favours(c);
  const text = c.criterion === 'team-fit' ? teamFitText(team, favoured, basis) : c.assessment.text;
  return { criterion: c.criterion, favours: favoured, text: `${prefix}${text}`, sources: c.assessment.sources };
}

/**
 * Reasons for one side, best fit first (reason-fit.ts): what the asker stated, then evidence for this context,
 * then what the workload weighs, each group most decisive first. A criterion that fits nothing in the question
 * fills in only up to `min` reasons, so an answer always gives the criteria that decided it, never an empty why.
 */
export function reasonsFor(
  compiled: CompiledKb,
  score: SceneScore,
  side: Language,
  team: TeamSkills,
  choice: { limit: number; min?: number; prefix?: string; basis?: TeamBasis },
): Reason[] {
  const fit = reasonFit(compiled, score.scene);
  const points = (c: CriterionScore): number => Math.abs(c.contribution);
  const forSide = score.criteria.filter((c) => points(c) >= MIN_REASON_POINTS && favours(c) === side).map((c) => ({ c, rank: fitRank(c, fit) }));
  const fitting = forSide.filter((x) => x.rank > FIT.none).sort((a, b) => b.rank - a.rank || points(b.c) - points(a.c));
  const fallback = forSide.filter((x) => x.rank === FIT.none && mayFallBack(x.c)).sort((a, b) => points(b.c) - points(a.c));
  const filled = [...fitting, ...fallback.slice(0, Math.max(0, (choice.min ?? 0) - fitting.length))];
  return filled.slice(0, choice.limit).map(({ c }) => reasonOf(c, team, choice.prefix, choice.basis));
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
