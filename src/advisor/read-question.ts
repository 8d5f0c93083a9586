// Question -> knowledge-base signals + typed Situation. The lexicon (understand.ts) still finds workloads and
// constraints and splits components, but whether a signal is negated is decided clause by clause here
// (situation.ts), and team skills and existing code come from the Situation's readers, not from phrases
// ("nobody on the team knows Rust" contains the phrase "knows Rust").
import type { SkillLevel } from '../knowledge/constraint-signal.ts';
import type { CompiledKb } from './compiled-kb.ts';
import { codeFacts, describesExistingCode, languagesOffered, namesOthersCode, saysCodeIsTheirs, readClauses, readSituation, type Situation } from './situation.ts';
import { understandQuestion, type DetectedSignal, type Understanding } from './understand.ts';
import { withoutInWordFormatCharacters } from './normalize-text.ts';

export interface ReadQuestion {
  understanding: Understanding;
  situation: Situation;
}

/** Signal ids the Situation owns: team skills and the existing code's language. */
const TEAM_SKILL_IDS = new Set(['team-knows-go', 'team-knows-rust', 'team-new-to-rust', 'team-new-to-go', 'team-cpp', 'codebase-go', 'codebase-rust']);

function idsIn(compiled: CompiledKb, text: string, memo: Map<string, Set<string>>): Set<string> {
  if (text.trim() === '') return new Set();
  let ids = memo.get(text);
  if (!ids) {
    ids = new Set(understandQuestion(compiled, text).signals.map((s) => s.id));
    memo.set(text, ids);
  }
  return ids;
}

function teamSignal(compiled: CompiledKb, id: string, offset: number): DetectedSignal | undefined {
  const c = compiled.constraints.get(id);
  return c ? { id, kind: c.kind === 'constraint' ? 'constraint' : c.kind, label: c.label, negated: false, offset } : undefined;
}

/** "X read that ...", "people say ...", "I heard ...": what follows is someone's claim about a language. */
const HEARSAY = /\b(?:read|heard|hears|says?|said|claims?|claimed|told (?:me|us|them)|keeps? saying|thinks?)\s+(?:that\s+)?(?:rust|go|golang)(?:'s)?\s+(?:is|are|was|would be|will be|gets?|makes?|has)\b/i;

/** Below these, a stated number contradicts the word that raised the constraint. */
const LOW_THROUGHPUT_PER_SECOND = 1000;
const ROOMY_MEMORY_MIB = 1024;
const LOW_CPU_PERCENT = 20;
const CPU_PERCENT = /\b(\d{1,2}(?:\.\d)?)\s*%\s*(?:of\s+(?:a|one|the)\s+)?(?:cpu|of cpu|cpu usage|core)\b|\b(?:cpu|cpu usage)\s+(?:at|of|is|around|about)?\s*(\d{1,2}(?:\.\d)?)\s*%/i;

function contradictedByNumbers(s: Situation, question: string): string[] {
  const out: string[] = [];
  if (s.numbers.throughputPerSecond !== null && s.numbers.throughputPerSecond < LOW_THROUGHPUT_PER_SECOND) out.push('high-throughput');
  if (s.numbers.memoryMiB !== null && s.numbers.memoryMiB >= ROOMY_MEMORY_MIB) out.push('memory-tight');
  const cpu = CPU_PERCENT.exec(question);
  if (cpu && Number(cpu[1] ?? cpu[2]) < LOW_CPU_PERCENT) out.push('cpu-bound');
  return out;
}

export function readQuestion(compiled: CompiledKb, pasted: string): ReadQuestion {
  const question = withoutInWordFormatCharacters(pasted);
  const whole = understandQuestion(compiled, question);
  const clauses = readClauses(question);
  // Clause texts are matched more than once (negated/affirmed parts, code clauses): match each text once.
  const memo = new Map<string, Set<string>>();
  const negatedIds = new Set<string>();
  const affirmedIds = new Set<string>();
  // Without any negation in the question nothing is negated, and the parts need not be matched again.
  if (clauses.some((rc) => rc.negatedText !== '')) {
    for (const rc of clauses) {
      for (const id of idsIn(compiled, rc.negatedText, memo)) negatedIds.add(id);
      for (const id of idsIn(compiled, rc.affirmedText, memo)) affirmedIds.add(id);
    }
  }
  // A workload named only where the question describes its existing code ("every shared library we have is
  // Go") is background, not the component being chosen.
  const codeClauses = clauses.filter((rc) => describesExistingCode(rc.clause));
  const elsewhere = new Set<string>();
  const inCode = new Set<string>();
  if (codeClauses.length > 0) for (const rc of clauses) for (const id of idsIn(compiled, rc.clause.text, memo)) (codeClauses.includes(rc) ? inCode : elsewhere).add(id);
  const backgroundOnly = (id: string): boolean => inCode.has(id) && !elsewhere.has(id);
  // Reported speech about a language ("my manager read that Rust is faster") is a claim, not a requirement of
  // the component: a signal named only there is not read.
  const hearsay = clauses.filter((rc) => HEARSAY.test(rc.clause.text));
  const hearsayIds = new Set<string>();
  const outsideHearsay = new Set<string>();
  if (hearsay.length > 0) for (const rc of clauses) for (const id of idsIn(compiled, rc.clause.text, memo)) (hearsay.includes(rc) ? hearsayIds : outsideHearsay).add(id);
  const signals: DetectedSignal[] = [];
  for (const s of whole.signals) {
    if (TEAM_SKILL_IDS.has(s.id)) continue;
    if (s.kind === 'workload' && backgroundOnly(s.id)) continue;
    if (hearsayIds.has(s.id) && !outsideHearsay.has(s.id)) continue;
    // Negated when every clause that names it negates it; the lexicon's own word-window guess is dropped.
    const negated = negatedIds.has(s.id) && !affirmedIds.has(s.id);
    const constraint = compiled.constraints.get(s.id);
    if (negated && !(constraint?.negatable ?? false)) continue;
    const label = negated ? (constraint?.negated_label ?? `not ${constraint?.label ?? s.id}`) : (compiled.workloads.get(s.id)?.name ?? constraint?.label ?? s.label);
    signals.push({ ...s, negated, label });
  }
  // Dropping a background workload can leave none, where the lexicon had let a generic one ("a service")
  // give way to it: read the generic ones from the rest of the question.
  if (!signals.some((s) => s.kind === 'workload') && codeClauses.length > 0) {
    const rest = clauses.filter((rc) => !codeClauses.includes(rc)).map((rc) => rc.clause.text).join(' ');
    for (const s of understandQuestion(compiled, rest).signals) if (s.kind === 'workload') signals.push(s);
  }
  const constraintSignals = signals.filter((s) => s.kind !== 'workload');
  const situation = readSituation(question, clauses, {
    workloads: signals.filter((s) => s.kind === 'workload').map((s) => s.id),
    constraints: constraintSignals.map((s) => ({ id: s.id, negated: s.negated })),
  });
  // A stated number outranks a loose word: "50 rps" is not high throughput, a 1 GB budget is not tight memory,
  // "2% CPU" is not CPU-bound.
  for (const id of contradictedByNumbers(situation, question)) {
    situation.constraints = situation.constraints.filter((c) => c.id !== id || c.negated);
    const i = signals.findIndex((s) => s.id === id && !s.negated);
    if (i >= 0) signals.splice(i, 1);
  }
  // The lexicon still knows code phrasings the Situation reader does not: used only when the clause-level
  // reading said nothing, and never when the phrase sits under a negation.
  const lexTeam = (id: string): boolean => whole.signals.some((s) => s.id === id) && !negatedIds.has(id);
  // Skill phrases are read by the clause reader only: the lexicon's gapped matching pairs "new" and "Rust"
  // across a sentence ("Zig or Rust for the new proxy"). A C++ background is the exception it does not read.
  // A mixed background ("Java/C++/Node") is not a C++ shop.
  const otherThanCpp = /(?:\b[a-z#.]+\s*\/\s*)+c\+\+|c\+\+(?:\s*\/\s*[a-z#.]+\b)+/i.test(question);
  if (situation.team.rust === null && situation.team.go === null && lexTeam('team-cpp') && !otherThanCpp) {
    situation.team.rust = 'some';
    situation.team.go = 'none';
  }
  // Nor when the code it names is somebody else's ("a competitor's client is written in Go").
  const othersCode = namesOthersCode(question);
  if (situation.codebase.language === null && !othersCode) {
    const lexLanguage = lexTeam('codebase-go') ? 'go' : lexTeam('codebase-rust') ? 'rust' : null;
    // ... and only when something says the code is theirs ("our", "existing", "written", "today"...): "dotnet or go
    // for the orders service?" has no code at all.
    if (lexLanguage && !languagesOffered(clauses).has(lexLanguage) && saysCodeIsTheirs(question)) situation.codebase = codeFacts(lexLanguage, clauses, question);
  }
  // Team and code facts become signals again, so hybrids, flips and "Read as" see them.
  const extra: string[] = [];
  if (situation.codebase.language === 'go') extra.push('codebase-go');
  if (situation.codebase.language === 'rust') extra.push('codebase-rust');
  const skillId: Record<'rust' | 'go', Partial<Record<SkillLevel, string>>> = {
    rust: { strong: 'team-knows-rust', none: 'team-new-to-rust' },
    go: { strong: 'team-knows-go', none: 'team-new-to-go' },
  };
  for (const lang of ['rust', 'go'] as const) {
    const level = situation.team[lang];
    const id = level ? skillId[lang][level] : undefined;
    if (id) extra.push(id);
  }
  for (const id of extra) {
    const s = teamSignal(compiled, id, question.length);
    if (s) signals.push(s);
  }
  return { understanding: { ...whole, signals }, situation };
}
