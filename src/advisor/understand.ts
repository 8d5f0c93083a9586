// Question understanding: free text -> the signals it carries (workloads, constraints, team context,
// negations) and, when it names two components, which signals belong to which.
import type { CompiledKb } from './compiled-kb.ts';
import { matchPhrases, tokenizeFor, type PhraseMatch } from './lexicon.ts';
import { readNumbers } from './read-numbers.ts';

type SignalKind = 'workload' | 'constraint' | 'team' | 'codebase' | 'migration' | 'shape';

export interface DetectedSignal {
  id: string;
  kind: SignalKind;
  label: string;
  negated: boolean;
  /** Character offset of its first mention in the canonical text. */
  offset: number;
}

export interface Component {
  /** The component as the question names it ("the per-pod sidecar proxy"). */
  text: string;
  workloads: string[];
  /** Constraint ids that apply to this component only. */
  constraints: string[];
  /** True when the question itself separates the components ("versus", "plus", "and its", a list after a colon). */
  explicit: boolean;
  /**
   * How the components were found: a marker in the text, a data-plane/control-plane pair, or (`workloads`)
   * simply several workloads named, which only counts when the question asks for a split or names existing code.
   */
  basis: 'marker' | 'roles' | 'workloads';
}

export interface Understanding {
  question: string;
  signals: DetectedSignal[];
  /** Two components when the question names them; otherwise empty. */
  components: Component[];
}

/** "Which language for which piece?", "one language or two?", "how do we split languages?", "port the whole thing or just part?" */
const SPLIT_QUESTION =
  /\b(which (language|one) (for|goes to|in) (which|each)|(how|where) (do|should|would) (we|i|you) split|split (the )?languages|one language or two|(both|all) (parts |pieces )?(be )?(in )?the same language|same language for (both|all|each)|which (part|piece|component)s? (in|gets|goes to|for) which|(whole thing|everything|all of it|the lot)\b.{0,40}\bor (just|only) (a |one |the |that )?(part|piece|bit|component|hot path)s?|(rewrite|port|replace|move) (just|only) (that|the|one|this) (part|piece|bit|component|service|path|hot path)|except (for )?(one|a single) (component|service|part|piece|path)|what language for each|(language|languages) for each|(what|which) languages (for|should|do|would)|same language (everywhere|throughout|across)|(keep|move) the (existing )?(controller|control plane)|does the (controller|control plane) (move|stay)|or (keep|use|stick (to|with)) (everything |it all |all of it )?(in )?(one|a single|the same) language|(force|mandate|impose|standardi[sz]e on) (a single|one|the same) language|(rewrite|port|replace|redo) the (whole|entire) \w+\W{0,3}(or|vs)\b|(one|a single|only one|just one) (service|component|part|piece|path|endpoint)\b.{0,80}\b(can't|cannot|can not|couldn't|won't|doesn't|does not|too slow|burns|struggles)|(mostly|most of (them|it)|the bulk)\b.{0,60}\bbut (a few|some|one|a handful|a couple)( of (them|these|those))? (are|is|need|needs|have|has))\b|\blanguages?\s*\(s\)/;

const STRONG_MARKERS = /\s(versus|vs\.?|plus|\+|and its|as opposed to)\s/;
const WEAK_MARKERS = /\s(and the|and a|and an|into|along with|together with|as well as)\s/;

export function understandQuestion(compiled: CompiledKb, question: string): Understanding {
  const stream = tokenizeFor(compiled.lexicon, question);
  const phraseMatches: PhraseMatch[] = matchPhrases(compiled.lexicon, stream);
  // An ambiguous word counts only beside a signal that settles its meaning ("operator" next to "Kubernetes").
  const read = new Set(phraseMatches.filter((m) => !m.negated && !m.needs).map((m) => m.signalId));
  const matches = phraseMatches.filter((m) => !m.needs || read.has(m.signalId) || m.needs.some((id) => read.has(id)));
  for (const n of readNumbers(stream.text)) {
    matches.push({ signalId: n.signalId, group: 'constraint', positions: [], negated: false, offset: n.offset });
  }
  const split = SPLIT_QUESTION.exec(stream.text);
  if (split && compiled.constraints.has('split-question')) {
    matches.push({ signalId: 'split-question', group: 'constraint', positions: [], negated: false, offset: split.index });
  }
  // One entry per signal: first mention's offset; negated only when every mention is negated.
  const byId = new Map<string, DetectedSignal>();
  const offsets = new Map<string, number[]>();
  for (const m of matches) {
    const workload = compiled.workloads.get(m.signalId);
    const constraint = compiled.constraints.get(m.signalId);
    const kind: SignalKind = workload ? 'workload' : (constraint?.kind ?? 'constraint');
    // A negated team/codebase phrase ("no Go experience") is handled by its own phrases; drop the bare match.
    if (m.negated && (kind === 'team' || kind === 'codebase' || kind === 'workload')) {
      if (kind !== 'workload') continue;
    }
    const negatable = constraint?.negatable ?? false;
    const negated = m.negated && negatable;
    const label = negated ? (constraint?.negated_label ?? `not ${constraint?.label ?? m.signalId}`) : (workload?.name ?? constraint?.label ?? m.signalId);
    const existing = byId.get(m.signalId);
    offsets.set(m.signalId, [...(offsets.get(m.signalId) ?? []), m.offset]);
    if (!existing) byId.set(m.signalId, { id: m.signalId, kind, label, negated, offset: m.offset });
    else if (existing.negated && !negated) byId.set(m.signalId, { ...existing, negated: false, label: workload?.name ?? constraint?.label ?? m.signalId });
  }
  // Superseded signals give way to the more precise ones ("p99 < 100 ms" is a relaxed budget, not just "latency").
  for (const s of [...byId.values()]) {
    const sup = compiled.constraints.get(s.id)?.superseded_by ?? [];
    if (sup.some((other) => byId.has(other) && !byId.get(other)!.negated)) byId.delete(s.id);
  }
  // A workload that means something else next to another ("sidecar" in a service-mesh question is its proxy).
  for (const s of [...byId.values()]) {
    const readsAs = compiled.workloads.get(s.id)?.reads_as_with ?? {};
    const target = Object.entries(readsAs).find(([named]) => byId.has(named) && !byId.get(named)!.negated)?.[1];
    const profile = target ? compiled.workloads.get(target) : undefined;
    if (!target || !profile) continue;
    byId.delete(s.id);
    if (!byId.has(target)) byId.set(target, { ...s, id: target, label: profile.name });
    offsets.set(target, [...(offsets.get(target) ?? []), ...(offsets.get(s.id) ?? [])]);
  }
  // A catch-all workload ("a service") only counts when nothing more specific was named.
  if ([...byId.values()].some((s) => s.kind === 'workload' && !compiled.workloads.get(s.id)?.generic)) {
    for (const s of [...byId.values()]) if (compiled.workloads.get(s.id)?.generic) byId.delete(s.id);
  }
  const signals = [...byId.values()].sort((a, b) => a.offset - b.offset);
  return { question, signals, components: findComponents(compiled, stream.text, signals, offsets) };
}

function clean(text: string): string {
  return text
    .replace(/^[\s,:;]*(for|to)?\s*/, '')
    .replace(/[?.!\s]+$/, '')
    .replace(/^\s*(plugging|building|writing|using|running|for)\s+/, '')
    .trim();
}

function findComponents(compiled: CompiledKb, text: string, signals: DetectedSignal[], offsets: Map<string, number[]>): Component[] {
  const colon = text.indexOf(':');
  const regionStart = colon >= 0 ? colon + 1 : 0;
  const region = text.slice(regionStart);
  const strong = STRONG_MARKERS.exec(region);
  const weak = strong ? null : WEAK_MARKERS.exec(region);
  const marker = strong ?? weak;
  const workloads = signals.filter((s) => s.kind === 'workload');
  const asksForSplit = signals.some((s) => s.id === 'split-question' && !s.negated);
  if (marker) {
    const aStart = regionStart;
    const aEnd = regionStart + marker.index;
    const bStart = aEnd + marker[0].length;
    const inRange = (id: string, from: number, to: number): boolean => (offsets.get(id) ?? []).some((o) => o >= from && o < to);
    const partWorkloads = (from: number, to: number): string[] => workloads.filter((w) => inRange(w.id, from, to)).map((w) => w.id);
    const prefixWorkloads = colon >= 0 ? partWorkloads(0, regionStart) : [];
    const aOwn = partWorkloads(aStart, aEnd);
    const bOwn = partWorkloads(bStart, text.length);
    const local = (from: number, to: number): string[] =>
      signals.filter((s) => s.kind !== 'workload' && s.kind !== 'team' && s.kind !== 'codebase' && inRange(s.id, from, to) && !inRange(s.id, 0, from) && !inRange(s.id, to, text.length)).map((s) => s.id);
    const explicit = strong !== null || colon >= 0 || asksForSplit;
    const a: Component = { text: clean(text.slice(aStart, aEnd)), workloads: aOwn.length ? aOwn : prefixWorkloads, constraints: local(aStart, aEnd), explicit, basis: 'marker' };
    const b: Component = { text: clean(text.slice(bStart)), workloads: bOwn.length ? bOwn : prefixWorkloads, constraints: local(bStart, text.length), explicit, basis: 'marker' };
    // A workload named in both parts is the whole ("a database with an SQL front end plus a storage engine"):
    // it stays only where it is the part's sole workload.
    for (const [self, other] of [[a, b], [b, a]] as const) {
      const specific = self.workloads.filter((w) => !other.workloads.includes(w));
      if (specific.length > 0) self.workloads = specific;
    }
    const distinct = a.workloads.join() !== b.workloads.join();
    if ((aOwn.length > 0 || bOwn.length > 0) && a.workloads.length > 0 && b.workloads.length > 0 && distinct) return [a, b];
  }
  // No marker: a data-plane workload and a control-plane workload named together are two components.
  const dataPlane = workloads.find((w) => compiled.workloads.get(w.id)?.role === 'data-plane');
  const controlPlane = workloads.find((w) => compiled.workloads.get(w.id)?.role === 'control-plane');
  if (dataPlane && controlPlane) {
    return [
      { text: dataPlane.label, workloads: [dataPlane.id], constraints: [], explicit: asksForSplit, basis: 'roles' },
      { text: controlPlane.label, workloads: [controlPlane.id], constraints: [], explicit: asksForSplit, basis: 'roles' },
    ];
  }
  // Several workloads and no marker: each is a candidate component; the advisor decides whether they pull apart.
  if (workloads.length >= 2) {
    return workloads.map((w) => ({ text: w.label, workloads: [w.id], constraints: [], explicit: asksForSplit, basis: 'workloads' as const }));
  }
  return [];
}
