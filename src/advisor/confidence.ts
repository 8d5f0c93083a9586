// Confidence that estimates the chance the answer is right: the Platt-scaled probability of the fitted model's
// side, capped when a decisive fact is unknown (the team's skills would flip it) or when little of the
// question was read (no workload recognised, or a single fact). Caps are checked on cross-validated
// predictions by `npm run eval` (reliability table, ECE, precision at >= 0.8).
import type { Language } from './advice.ts';
import type { Prepared } from './decide.ts';
import { teamBasisOf, teamFitText } from './explain.ts';
import type { FittedWeights } from './fitted-model.ts';
import type { Situation } from './situation.ts';

export const LOW_CONFIDENCE = 0.6;
/** A decisive fact unknown: never "high". */
const UNKNOWN_DECISIVE_CAP = 0.7;
/** No component recognised: the answer is about a general service at best. */
const NO_WORKLOAD_CAP = 0.65;
/** Only one fact read (a workload and nothing else): a good guess, not a settled call. */
const ONE_FACT_CAP = 0.79;

function factsRead(s: Situation): number {
  let n = s.workloads.length + s.constraints.length;
  if (s.team.rust !== null || s.team.go !== null) n += 1;
  if (s.codebase.language !== null) n += 1;
  if (s.deployment !== null) n += 1;
  if (s.hotCInterop) n += 1;
  return n;
}

function capped(c: number, s: Situation, decisiveUnknown: boolean): number {
  let out = c;
  if (decisiveUnknown) out = Math.min(out, UNKNOWN_DECISIVE_CAP);
  if (s.workloads.length === 0) out = Math.min(out, NO_WORKLOAD_CAP);
  else if (factsRead(s) <= 1) out = Math.min(out, ONE_FACT_CAP);
  return out;
}

/** The fitted reliability map: the observed cross-validated accuracy of the bin a raw confidence falls in. */
function calibrated(raw: number, table: FittedWeights['calibration']): number {
  for (const bin of table) if (raw < bin.below) return bin.confidence;
  return table.length ? table[table.length - 1]!.confidence : raw;
}

/**
 * `hybridChance`: how likely a split is the right answer instead (the fitted gate), which a one-language
 * answer cannot be. The raw value is capped, mapped through the fitted reliability table, and capped again,
 * so an unknown decisive fact or a thin reading never comes out "high".
 */
export function confidenceOf(pRust: number, s: Situation, decisiveUnknown: boolean, hybridChance = 0, table: FittedWeights['calibration'] = []): number {
  const raw = capped(Math.max(pRust, 1 - pRust) * (1 - hybridChance), s, decisiveUnknown);
  const c = capped(calibrated(raw, table), s, decisiveUnknown);
  return Math.round(Math.max(0.5, Math.min(0.97, c)) * 100) / 100;
}

/** The team reason, when what the question says about the team or its code weighed toward the winner. */
export function teamLine(p: Prepared, winner: Language): string | null {
  const { team } = p;
  if (team.rust === undefined && team.go === undefined) return null;
  const other: Language = winner === 'rust' ? 'go' : 'rust';
  const favoursWinner = team[winner] === 'strong' && team[other] !== 'strong';
  if (!favoursWinner && p.offsets.notes.length === 0) return null;
  const text = teamFitText(team, winner, teamBasisOf(p));
  return p.offsets.notes.length ? `${text} Weighed heavily: ${p.offsets.notes.join('; ')}.` : text;
}
