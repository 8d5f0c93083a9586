// The question read as an engineer would: a zod-typed Situation (component, numbers, team, existing code,
// hard rules, deployment target, what does not matter, what is out of scope). Reading is clause by clause
// (clauses.ts); negation is scoped inside a clause NegEx-style: a trigger ("no", "not", "nobody", "never",
// "without", "n't") negates what follows it up to the clause end or a termination word, a post-trigger
// ("does not matter", "is irrelevant") negates what precedes it, and pseudo-triggers ("not only") do nothing.
import { z } from 'zod';
import { splitClauses, type Clause, type ClauseToken } from './clauses.ts';

const skillSchema = z.enum(['none', 'some', 'strong']);
const situationLanguageSchema = z.enum(['rust', 'go']);
type Lang = z.infer<typeof situationLanguageSchema>;

const outOfScopeSchema = z.object({
  kind: z.enum(['other-language', 'front-end', 'nothing-named']),
  /** In the asker's words: what was named instead ("Zig", "the iOS app's UI"). */
  detail: z.string(),
});

const situationSchema = z.object({
  /** Workload profile ids (workloads.yaml) and how the question named the component(s). */
  workloads: z.array(z.string()),
  /** Constraint ids (constraints.yaml) that hold, and those the question negates. */
  constraints: z.array(z.object({ id: z.string(), negated: z.boolean() })),
  numbers: z.object({
    memoryMiB: z.number().nullable(),
    latencyMs: z.number().nullable(),
    percentile: z.string().nullable(),
    throughputPerSecond: z.number().nullable(),
    deadlineWeeks: z.number().nullable(),
  }),
  team: z.object({
    rust: skillSchema.nullable(),
    go: skillSchema.nullable(),
    size: z.number().int().positive().nullable(),
    seniority: z.enum(['junior', 'senior', 'mixed']).nullable(),
  }),
  codebase: z.object({
    language: z.enum(['rust', 'go', 'other']).nullable(),
    /** The new part links into (is called in-process by, embeds into) the existing code. */
    linksIn: z.boolean(),
    /** The existing code is being left (rewrite, port, migration away from it). */
    leaving: z.boolean(),
  }),
  rules: z.object({
    mandates: situationLanguageSchema.nullable(),
    excludes: z.array(situationLanguageSchema),
    noSecondLanguage: z.boolean(),
    memorySafe: z.boolean(),
  }),
  deployment: z.enum(['kernel', 'bare-metal', 'browser-wasm', 'mobile', 'serverless', 'edge']).nullable(),
  /** A hot loop calling into C (cgo's per-call cost matters; Rust calls C directly). */
  hotCInterop: z.boolean(),
  /** What the asker says does not matter, in their words. */
  doesNotMatter: z.array(z.string()),
  outOfScope: outOfScopeSchema.nullable(),
});
export type Situation = z.infer<typeof situationSchema>;
type Skill = z.infer<typeof skillSchema>;

/** A clause with its negated and affirmed parts, for re-reading signals (advise.ts) and team statements. */
export interface ReadClause {
  clause: Clause;
  /** Text under a negation scope (trigger words removed). */
  negatedText: string;
  /** The rest of the clause. */
  affirmedText: string;
  /** Text before a post-trigger ("latency does not matter"): said not to matter. */
  notMatterText: string;
  /** Per token: inside a negation scope. */
  negated: boolean[];
}

const TRIGGERS = new Set(['no', 'not', "n't", 'never', 'nobody', 'none', 'neither', 'nor', 'without', 'lack', 'lacks', 'zero', 'nothing', 'cannot', 'noone']);
/** "not only", "not just", "no doubt", "not sure", "no matter": look negative, negate nothing. */
const PSEUDO_NEXT: Record<string, Set<string>> = {
  not: new Set(['only', 'just', 'necessarily', 'sure', 'yet']),
  "n't": new Set(['only', 'just', 'necessarily', 'sure']),
  // "no longer" is a negation about now ("we are no longer a Go shop"), not a pseudo-trigger.
  no: new Set(['doubt', 'matter', 'later', 'more']),
};
/** People a negation counts ("nobody", "not anyone"), whose relative clause it also negates. */
const NEGATED_QUANTIFIER = new Set(['anyone', 'anybody', 'one', 'someone', 'somebody', 'people', 'engineers', 'developers', 'devs', 'folks', 'person', 'nobody', 'none']);
/** Words that end a negation scope inside a clause. */
const TERMINATORS = new Set(['which', 'who', 'whose', 'because', 'since', 'so', 'and', ',', '.', '?', '!', 'while', 'then', 'instead', '—', '–', '-', '--', ':']);
/**
 * A negation of a *problem* ("without the segfaults", "we don't want memory-safety bugs", "we'd rather not pay
 * for a GC", "not unsafe C++ again") states a need, not its absence: the problem's signal holds. Team and code
 * readers still see the tokens as negated ("without Rust experience" stays a team with none).
 */
const PROBLEM = /^(?:bugs?|crash(?:es)?|segfaults?|seg faults?|races?|data races?|vulnerabilit(?:y|ies)|cves?|leaks?|memory leaks?|pauses?|gc|garbage|collector|spikes?|jitter|stalls?|outages?|unsafe|undefined|use-after-free|overflows?|memory-safety|memory|corruption|footguns?|stop-the-world|hiccups?|hitches?|freezes?)$/i;
/** Words between an aversion trigger and the problem it names ("rather not pay for a GC", "don't want any ..."). */
const AVERSION_GAP = new Set(['the', 'a', 'an', 'any', 'more', 'another', 'to', 'pay', 'for', 'deal', 'with', 'have', 'having', 'get', 'getting', 'risk', 'ship', 'shipping', 'again', 'c', 'c++', 'cpp', 'memory', 'safety', 'memory-safety', 'of', 'those', 'these', 'random', 'production', 'prod', 'in', 'our', 'latency', 'tail', 'long', 'occasional']);
const POST_TRIGGER =
  /\b(?:(?:does|do|did|is|are|was|were|would|will)\s*(?:not|n't)|doesn't|don't|isn't|aren't|won't)\s+(?:really\s+|that\s+|much\s+|too\s+)?(?:matter|an?\s+(?:issue|concern|problem|priority|factor|requirement|constraint)|important|critical|relevant|a\s+big\s+deal|needed|required)\b|\b(?:irrelevant|unimportant|is\s+a\s+non-?issue|is\s+not\s+a\s+(?:concern|priority|factor|problem|issue))\b|\b(?:is|are|was|were)\s*(?:not|n't)\s+(?:something|anything|a thing)\s+(?:we|i|you|anyone)\s+(?:really\s+)?(?:care|worry|think)s?\s+(?:much\s+)?about\b/i;
/** Words left between the subject and "does not matter" ("raw performance really", "speed is"): not the subject. */
const NOT_MATTER_TAIL = /(?:[,\s]+(?:is|are|was|were|really|just|totally|completely|honestly|simply|pretty much|here))*[,\s]*$/i;
const DONT_CARE = /\b(?:do|does)\s*(?:not|n't)\s+(?:really\s+)?care\s+(?:about|much about)\s+([^,.;]+)/i;

/** Is this token "Go" the language, not the verb ("go live", "ready to go", "let's go with")? */
function isGoLanguage(tokens: readonly ClauseToken[], i: number): boolean {
  const t = tokens[i]!;
  if (t.lower === 'golang') return true;
  if (t.lower !== 'go' && t.lower !== "go's") return false;
  if (t.lower === "go's") return true;
  const prev = tokens[i - 1]?.lower ?? '';
  const next = tokens[i + 1]?.lower ?? '';
  const VERB_NEXT = new Set(['live', 'ahead', 'fast', 'faster', 'through', 'into', 'back', 'down', 'up', 'out', 'over', 'away', 'wrong', 'beyond', 'public', 'to', 'far', 'further', 'for', 'get', 'and', 'from', 'on']);
  const VERB_PREV = new Set(['to', 'ready', "let's", 'lets', "'ll", 'will', 'can', 'must', 'gotta', 'good', 'we', 'i', 'you', 'they', 'should', 'could', 'would', 'might', 'may', 'did', "n't", 'not', 'on', 'the']);
  const LANG_NEXT = new Set(['service', 'services', 'code', 'codebase', 'engineers', 'engineer', 'developers', 'developer', 'devs', 'dev', 'experience', 'team', 'shop', "'s", 'monolith', 'stack', 'backend', 'binary', 'binaries', 'library', 'libraries', 'program', 'programs', 'runtime', 'gc', 'module', 'modules', 'version', 'or', 'vs', 'vs.', 'versus', ',', '?', '.', '/', 'is', 'has', 'was', 'programmers', 'folks', 'people', 'skills', 'knowledge', 'apps', 'app', 'microservices', 'tooling', 'toolchain', 'ecosystem', 'well', 'only', 'everywhere', 'all', 'mostly', 'expertise', 'background', 'too', 'either', 'already', 'instead', 'though', 'then', 'the', 'because', 'since', 'would', 'will', 'in', 'at', 'as', 'cli', 'api', 'server', 'platform', 'repo', 'repos']);
  const LANG_PREV = new Set(['in', 'or', 'and', 'vs', 'vs.', 'versus', 'know', 'knows', 'knew', 'learn', 'learning', 'written', 'using', 'use', 'than', 'of', 'our', 'with', 'to', 'about', 'like', 'prefer', 'choose', 'pick', 'picked', 'chose', 'write', 'writes', 'wrote', 'touched', 'is', 'are', 'all', 'mostly', 'only', ',', '/', 'new', 'both', 'either', 'a', 'experienced', 'fluent', 'strong', 'senior', 'junior', 'some', 'no', 'any', 'adopt', 'adopting', 'from']);
  // Capitalised mid-sentence, it is the name, unless an idiom follows ("Go live").
  if (t.text === 'Go' && !t.sentenceStart) return !(next === 'live' || next === 'ahead');
  if (t.sentenceStart && t.text === 'Go') return LANG_NEXT.has(next) || t.pos === 'PROPN';
  if (VERB_NEXT.has(next) && !LANG_PREV.has(prev)) return false;
  if (next === 'to' && (prev === 'to' || prev === 'ready')) return false;
  // "good to go", "ready to go", "set to go", "all systems go": idioms, whatever follows.
  if (prev === 'to' && ['good', 'ready', 'set', 'raring', 'way'].includes(tokens[i - 2]?.lower ?? '')) return false;
  if (prev === 'systems') return false;
  if (LANG_NEXT.has(next) && !VERB_PREV.has(prev)) return true;
  if (LANG_PREV.has(prev) && !VERB_NEXT.has(next)) return true;
  return t.pos === 'PROPN';
}

function languageAt(tokens: readonly ClauseToken[], i: number): Lang | undefined {
  const l = tokens[i]!.lower;
  if (l === 'rust' || l === "rust's" || l === 'rustaceans') return 'rust';
  if (isGoLanguage(tokens, i)) return 'go';
  return undefined;
}

/** "Rust or Go", "Go vs Rust", "Rust/Go": the choice itself, not a statement about the team or code. */
function choiceIndexes(tokens: readonly ClauseToken[]): Set<number> {
  const out = new Set<number>();
  const JOIN = new Set(['or', 'vs', 'vs.', 'versus', '/', 'and', ',']);
  for (let i = 0; i < tokens.length; i++) {
    const a = languageAt(tokens, i);
    if (!a) continue;
    for (let j = i + 2; j <= i + 3 && j < tokens.length; j++) {
      if (!tokens.slice(i + 1, j).every((t) => JOIN.has(t.lower))) break;
      const b = languageAt(tokens, j);
      if (b && b !== a && !tokens.slice(i + 1, j).some((t) => t.lower === 'and' || t.lower === ',')) {
        out.add(i);
        out.add(j);
      } else if (b && b !== a && (tokens[j + 1]?.lower === '?' || tokens[j + 1]?.lower === 'for' || tokens[i - 1]?.lower === 'between')) {
        out.add(i);
        out.add(j);
      }
    }
  }
  return out;
}

const LIST_JOINERS = new Set([',', 'and', ':', '-', '•', '*', '+']);
/** Words that make "no X" a report of the past ("no GC hiccups so far", "none yet", "since launch"). */
const HISTORY = new Set(['yet', 'ever', 'since', 'before', 'lately', 'recently', 'previously']);
/** After "not": "that nobody", "true that none", "the case that no one" (a negated negation affirms). */
const DOUBLE_NEGATION = /^(?:(?:true|the case|so) )?that (?:nobody|none|no|never|noone|no one)\b/;
const WISH_BEFORE_NO = new Set(['want', 'wants', 'need', 'needs', 'expect', 'require', 'requires', 'with', 'demand', 'demands', 'tolerate']);

/** Is the trigger at `i` an aversion to a problem ("without the segfaults", "don't want ... bugs")? */
function aversionAt(tokens: readonly ClauseToken[], i: number): boolean {
  const w = tokens[i]!.lower;
  const next = tokens[i + 1]?.lower ?? '';
  let from: number;
  if (w === 'without') from = i + 1;
  else if (w === 'no' && next === 'more') from = i + 2;
  else if (w === 'never' && next === 'again') from = i + 2;
  else if ((w === 'not' || w === "n't") && ['want', 'wanna', 'need'].includes(next)) from = i + 2;
  else if (w === 'not' && (tokens[i - 1]?.lower === 'rather' || next === 'unsafe')) from = i + 1;
  // "we want no GC hiccups", "a service with no pauses": a wish or a requirement, not a report of none so far.
  else if ((w === 'no' || w === 'zero') && WISH_BEFORE_NO.has(tokens[i - 1]?.lower ?? '')) from = i + 1;
  // "all cores, pipelined networking, no GC hiccups": an item of a list of needs, unless it reports a history.
  else if (w === 'no' && LIST_JOINERS.has(tokens[i - 1]?.lower ?? '') && !tokens.slice(i + 1).some((t, k, rest) => HISTORY.has(t.lower) || (t.lower === 'so' && rest[k + 1]?.lower === 'far'))) from = i + 1;
  else return false;
  for (let k = from; k < Math.min(tokens.length, from + 6); k++) {
    const l = tokens[k]!.lower;
    // "memory" is a problem only when one follows ("memory-safety bugs", "memory leaks").
    const isProblem = PROBLEM.test(l) && !((l === 'memory' || l === 'memory-safety') && !PROBLEM.test(tokens[k + 1]?.lower ?? ''));
    if (isProblem) return true;
    if (!AVERSION_GAP.has(l)) return false;
  }
  return false;
}

function negationOf(tokens: readonly ClauseToken[]): { negated: boolean[]; averse: boolean[] } {
  const negated = new Array<boolean>(tokens.length).fill(false);
  const averse = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.lower;
    const isTrigger = TRIGGERS.has(w) || (w === 'one' && tokens[i - 1]?.lower === 'no');
    if (!isTrigger) continue;
    if (PSEUDO_NEXT[w]?.has(tokens[i + 1]?.lower ?? '')) continue;
    // "It's not that nobody knows Rust": a negated negation affirms; skip both triggers.
    const negatedNegation = DOUBLE_NEGATION.exec(tokens.slice(i + 1, i + 5).map((t) => t.lower).join(' '));
    if ((w === 'not' || w === "n't") && negatedNegation) {
      i += negatedNegation[0].split(' ').length;
      continue;
    }
    const aversion = aversionAt(tokens, i);
    for (let j = i + 1; j < tokens.length; j++) {
      const l = tokens[j]!.lower;
      // "and" only ends the scope when a new statement follows ("no Go, and we ..."), not in "Rust and Go".
      // "no longer have anyone who writes Rust": the relative clause belongs to the negated "anyone".
      const relative = (l === 'who' || l === 'that') && NEGATED_QUANTIFIER.has(tokens[j - 1]?.lower ?? '');
      if (TERMINATORS.has(l) && !relative && !(l === 'and' && (languageAt(tokens, j + 1) !== undefined || tokens[j + 1]?.lower === 'no'))) break;
      if (l === 'with' && j > i + 1 && !aversion) break;
      negated[j] = true;
      if (aversion) averse[j] = true;
    }
  }
  return { negated, averse };
}

export function readClauses(question: string): ReadClause[] {
  return splitClauses(question).map((clause) => {
    const { negated, averse } = negationOf(clause.tokens);
    const post = POST_TRIGGER.exec(clause.text);
    const notMatterText = post ? clause.text.slice(0, post.index) : '';
    let negatedText = '';
    let affirmedText = '';
    for (const [i, t] of clause.tokens.entries()) {
      if (TRIGGERS.has(t.lower)) continue;
      // An aversion's problem holds ("without the segfaults" needs safety): its words are affirmed for signals.
      if (negated[i] && !averse[i]) negatedText += ` ${t.text}`;
      else affirmedText += ` ${t.text}`;
    }
    if (post) {
      // The words before "does not matter" are said not to matter; nothing else in the clause is affirmed.
      negatedText += ` ${notMatterText}`;
      affirmedText = clause.text.slice(post.index + post[0].length);
    }
    return { clause, negatedText: negatedText.trim(), affirmedText: affirmedText.trim(), notMatterText: notMatterText.trim(), negated };
  });
}

// ---- team ----------------------------------------------------------------------------------------------

const TEAM_SUBJECT = /\b(team|teams|we|we're|we've|us|our|engineers?|developers?|devs?|people|nobody|everyone|everybody|no one|none|i|i'm|i've|me|folks|staff|hires|programmers|rustaceans|gophers|crew|colleagues|members?)\b/i;
const KNOW_WORDS = /\b(dabbled|tinkered|played with|know|knows|knew|known|written|wrote|write|writes|writing|experience|experienced|fluent|proficient|familiar|comfortable|expert|experts|expertise|skilled|skills|shipped|touched|background|programmers|engineers?|developers?|devs|senior|juniors?|learning|learn|learned|new to|strong|stronger|strongest|best|shop|house|used|worked|work in|speak|speaks|gophers|rustaceans|people|hires|coded|code in|know-how|trained)\b/i;
const SOME_WORDS = /\b(some|a bit|a little|a few|few|basic|junior|juniors|beginners?|learning|dabbled|one of us|two of us|a couple|limited|partly|half|side projects?|toy|tinkered|played with|hobby|a handful|only one|just one|passing)\b/i;
const NONE_WORDS = /\b(new to|never|no one|nobody|none|zero|not one|lacks?|unfamiliar|no experience|without)\b/i;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100, dozen: 12 };
const SIZE = /\b(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|dozen)\s+(?:(?:senior|junior|experienced|backend|rust|go|golang|full-?stack|platform|infra|staff|mid-level|strong)\s+){0,3}(engineers|developers|devs|people|programmers|folks|members|hires)\b|\bteam of\s+(\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)\b/i;

/** People the product serves, not the team: "give developers who don't write Rust a framework", "for users who know Go". */
const USERS_NOT_TEAM = /\b(?:for|give|giving|let|lets|letting|help|helps|helping|enable|enables|allow|allows|serve|serves|target|targets|targeting)\s+(?:\w+\s+){0,2}?(?:developers?|devs|engineers?|people|users|customers|teams|programmers)\s+(?:who|that)\b/i;

/** A head count per language, as in a list: "Go people on the team: 0", "Rust devs = 4", "0 Go engineers". */
const COUNT_AFTER = /\b(rust|go|golang)\s+(?:people|devs?|developers?|engineers?|programmers?|folks|experience)(?:\s+on (?:the|our) team)?\s*[:=]\s*(\d{1,4}|zero|none|nobody|no one)\b/gi;
const COUNT_BEFORE = /\b(\d{1,4}|zero|no)\s+(rust|go|golang)\s+(?:people|devs?|developers?|engineers?|programmers?)\b/gi;

/** "Team is all Go", "we're 100% Rust", "our devs are mostly Go people": the whole team in one language. */
// "We're all go" is also "we're ready": only a team noun as the subject.
const TEAM_IS_ALL = /\b(?:team|devs|developers|engineers|everyone|everybody)\s+(?:is|are)?\s*(?:all|mostly|entirely|100%|fully)\s+(rust|go|golang)\b(?!\s+(?:code|services?|codebase|stack|platform|monolith|binaries))/gi;

/** Skill from a head count: nobody is none, one person is some, two or more is a team that knows it. */
function countedSkills(full: string): Partial<Record<'rust' | 'go', Skill>> {
  const out: Partial<Record<'rust' | 'go', Skill>> = {};
  const langOf = (name: string): 'rust' | 'go' => (name.toLowerCase() === 'rust' ? 'rust' : 'go');
  const put = (name: string, raw: string): void => {
    const n = /^\d+$/.test(raw) ? Number(raw) : 0;
    out[langOf(name)] = n === 0 ? 'none' : n === 1 ? 'some' : 'strong';
  };
  for (const m of full.matchAll(COUNT_AFTER)) put(m[1]!, m[2]!.toLowerCase());
  for (const m of full.matchAll(TEAM_IS_ALL)) out[langOf(m[1]!)] = 'strong';
  for (const m of full.matchAll(COUNT_BEFORE)) put(m[2]!, m[1]!.toLowerCase());
  return out;
}

/** The team as the subject of writing code: "our team writes the rest of the platform in Rust", "we write all our services in Go". */
const TEAM_WRITES = /(?<!\b(?:should|could|would|shall|can|will|might|must|do|to|if|let's|lets)\s+)\b(?:we|we've|team|engineers|developers|devs)\s+(?:(?:mostly|mainly|already|all|only|also|currently|usually|have|has)\s+)?(?:write|writes|wrote|written|code|codes|coded|program)\b/i;
/** "The team's language is Go", "our house language is Rust": the language the team works in. */
const TEAM_LANGUAGE = /\b(?:team'?s|our|house|main|primary|everyday)\s+(?:(?:main|primary|default|house|everyday)\s+)?language(?:\s+of choice)?\s+(?:is|has always been|has been)\b/i;
/** "Go for the admin backend, Rust for the agent": a language assigned to a part, which is a proposal. */
const assignsPart = (tokens: readonly ClauseToken[], i: number): boolean =>
  tokens[i + 1]?.lower === 'for' && ['the', 'our', 'a', 'an', 'each', 'every', 'that', 'this', 'its'].includes(tokens[i + 2]?.lower ?? '');
const PROPOSAL = /\b(?:should|could|shall|would|can|might) we\b|\bwe(?: 'd| would| could| should| might| will| 'll| plan to| want to| are going to| 're going to)\b/;
/** Verbs after which "it" stands for a language: "few of us know it well", "none of us has used it". */
const KNOW_IT_VERBS = new Set(['know', 'knows', 'knew', 'used', 'written', 'write', 'touched', 'learned', 'learnt', 'speak', 'speaks', 'shipped', 'ship', 'use']);
const isKnowIt = (tokens: readonly ClauseToken[], i: number): boolean => tokens[i]!.lower === 'it' && KNOW_IT_VERBS.has(tokens[i - 1]?.lower ?? '');

/** The one language named outside the choice pair in these tokens, if exactly one is. */
function soleLanguage(tokens: readonly ClauseToken[]): Lang | undefined {
  const choice = choiceIndexes(tokens);
  const named = new Set<Lang>();
  for (let i = 0; i < tokens.length; i++) {
    const lang = choice.has(i) ? undefined : languageAt(tokens, i);
    if (lang) named.add(lang);
  }
  return named.size === 1 ? [...named][0] : undefined;
}

function readTeam(clauses: readonly ReadClause[], full: string): Situation['team'] {
  const team: Situation['team'] = { rust: null, go: null, size: null, seniority: null };
  const counted = countedSkills(full);
  for (const [c, rc] of clauses.entries()) {
    const { tokens } = rc.clause;
    const choice = choiceIndexes(tokens);
    const isTeamClause = TEAM_LANGUAGE.test(rc.clause.text) || (TEAM_SUBJECT.test(rc.clause.text) && (KNOW_WORDS.test(rc.clause.text) || /\b(?:rust|go|golang) (?:team|teams|shop|folks|crew|house)\b/i.test(rc.clause.text)));
    if (!isTeamClause || USERS_NOT_TEAM.test(rc.clause.text)) continue;
    const writes = TEAM_WRITES.test(rc.clause.text);
    // "Go would be the obvious pick, but few of us know it well": "it" is the language of the clause before.
    const pronoun = tokens.some((_, i) => isKnowIt(tokens, i));
    const antecedent = pronoun ? (soleLanguage(tokens) ?? soleLanguage(clauses[c - 1]?.clause.tokens ?? [])) : undefined;
    for (let i = 0; i < tokens.length; i++) {
      const lang = antecedent && isKnowIt(tokens, i) ? antecedent : languageAt(tokens, i);
      if (!lang || choice.has(i)) continue;
      // A code statement ("our platform is Go") is read by readCodebase; a team statement needs a knowledge word
      // on the language's side of the clause, or the team as the one who writes the code.
      const window = tokens.slice(Math.max(0, i - 6), i + 5).map((t) => t.lower).join(' ');
      if (!KNOW_WORDS.test(window) && !/\b(team|we|us|nobody|no one|language)\b/.test(window) && !writes) continue;
      if (!writes && /\b(written in|code|codebase|service|services|platform|stack|monolith|libraries|library)\b/.test(window) && !/\b(know|knows|experience|engineers?|developers?|devs|fluent|familiar|learn|new to|comfortable|skills?|expert|shop|programmers|people)\b/.test(window)) continue;
      // "Should we write the API in Go?", "we'd write it in Rust": a proposal, not what the team knows.
      if (PROPOSAL.test(tokens.slice(0, i).map((t) => t.lower).join(' ')) || assignsPart(tokens, i)) continue;
      let level: Skill;
      const near = tokens.slice(Math.max(0, i - 5), i + 4).map((t) => t.lower).join(' ');
      if (rc.negated[i] || /\bnew to\b/.test(tokens.slice(Math.max(0, i - 3), i).map((t) => t.lower).join(' '))) level = 'none';
      else if (SOME_WORDS.test(near)) level = 'some';
      else level = 'strong';
      // "None" wins (a team that never wrote it cannot staff it); otherwise people who know it well are the team's
      // skill even when others are learning ("two senior Go devs plus juniors learning Go").
      const prev = team[lang];
      if (prev === null || level === 'none' || (prev === 'some' && level === 'strong')) team[lang] = level;
    }
  }
  // "nobody knows either", "none of us know Rust or Go": the choice pair inside a negated team clause.
  for (const rc of clauses) {
    const { tokens } = rc.clause;
    if (!TEAM_SUBJECT.test(rc.clause.text) || !KNOW_WORDS.test(rc.clause.text) || !NONE_WORDS.test(rc.clause.text)) continue;
    for (const i of choiceIndexes(tokens)) {
      const lang = languageAt(tokens, i);
      if (lang && rc.negated[i] && team[lang] === null) team[lang] = 'none';
    }
  }
  // A count is the plainest statement there is; it overrides what the clauses suggested.
  if (counted.rust) team.rust = counted.rust;
  if (counted.go) team.go = counted.go;
  const size = SIZE.exec(full);
  if (size) {
    const raw = (size[1] ?? size[3] ?? '').toLowerCase();
    const n = NUMBER_WORDS[raw] ?? Number(raw);
    if (Number.isFinite(n) && n > 0) team.size = Math.round(n);
  } else if (/\b(solo|just me|only me|one-person|one person|by myself|i am the only)\b/i.test(full)) team.size = 1;
  const senior = /\bsenior|experienced|veterans?|staff engineers?\b/i.test(full);
  const junior = /\bjunior|juniors|graduates?|new grads?|bootcamp|interns?\b/i.test(full);
  team.seniority = senior && junior ? 'mixed' : senior ? 'senior' : junior ? 'junior' : null;
  return team;
}

// ---- existing code --------------------------------------------------------------------------------------

const CODE_WORDS = /\b(everything|agent|daemon|proxy|gateway|server|database|cli|packages|software|host|node|engine|firmware|tools|platform|codebase|code base|code|stack|services|service|monolith|backend|libraries|library|repo|repos|monorepo|systems?|infrastructure|tooling|microservices|shop|written|apps?|binaries|sdk|modules?)\b/i;
const OWN_WORDS = /\b(everything|our|existing|current|currently|already|today|whole|every|all|legacy|we have|we run|we (?:use|call|maintain|own|depend on|rely on)|written|is in|are in|is all|are all|mostly|entirely|shop)\b/i;
const LEAVING = /\b(rewrit\w*|port(?:ing|ed)?|migrat\w*|replac\w*|mov(?:e|ing) (?:away )?(?:off|from)|moving off|leav\w*|sunset\w*|retir(?:e|ed|ing)|decommission\w*|phas(?:e|ed|ing) out|no longer)\b/i;
const LINKS_IN = /\b((?:services|programs|apps|applications|code|binaries) (?:can|could|would|will) (?:embed|import|link)|embeddable (?:in|into|by)|links? (?:in)?to|links? (?:our|the|its|their)|linked (?:in)?to|link(?:ed)? against|embed(?:ded|s)? (?:in|into)|called (?:in-process )?(?:from|by)|call(?:ed)? it from|in-process|in process|ffi|cgo|native (?:extension|module|addon)|plugin (?:for|into|to)|loaded (?:by|into)|same (?:binary|process)|import(?:ed)? (?:by|from|into)|library (?:for (?:our|all|every|other|the rest)|used by|inside|that our)|as a library|sdk for|bindings|(?:module|plugin|extension) (?:of|for|inside) (?:an? |the |our )?(?:existing )?(?:rust|go|golang)\b|(?:uses?|using|calls?|calling|imports?|importing|depends on|built with) (?:the |our )?(?:(?:rust|go|golang|existing|shared|internal) )?(?:services'? |platform'?s? )?(?:client )?(?:librar(?:y|ies)|sdks?|packages|crates|modules))\b/i;
// "Node" is Node.js only when written so, or beside a code noun or another language ("node service", "node and
// python"); otherwise it is a machine or a program (a light node, a validator node, a worker node).
const NODE_JS = String.raw`node(?:js|\.js)|node(?=\s+(?:services?|apps?|backends?|monolith|microservices?|codebase|code|stack|team|devs|developers|apis?)\b)|(?<=\b(?:python|ruby|php|java|typescript|javascript|go|golang)\s*(?:,|\/|and|or)\s*)node|node(?=\s*(?:,|\/|and|or)\s*(?:python|ruby|php|java|typescript|javascript)\b)`;
const OTHER_CODE = new RegExp(String.raw`\b(java|kotlin|scala|python|ruby|php|${NODE_JS}|typescript|javascript|c\+\+|cpp|c#|\.net|elixir|erlang|perl)\b`, 'i');

/** A language offered as an option: "... be in", "or the crypto daemon in", "rewrite it in". */
const OPTION_IN = /\b(?:be|or|either|rewrite|rewriting|port|porting|using)\b(?:\s+\S+){0,4}\s+in$/;

/** Is the language at `i` an option asked about ("... be in Go", "or the daemon in Rust", "Go for the admin UI")? */
const offeredAt = (tokens: readonly ClauseToken[], i: number): boolean =>
  assignsPart(tokens, i) || OPTION_IN.test(tokens.slice(Math.max(0, i - 6), i).map((t) => t.lower).join(' '));

/**
 * Languages the question names only as options ("should it be in Go, or the daemon in Rust?", "Go for the admin
 * backend"): the lexicon's looser code phrases ("go ... daemon") must not turn them into existing code.
 */
export function languagesOffered(clauses: readonly ReadClause[]): Set<Lang> {
  const offered = new Set<Lang>();
  for (const rc of clauses) {
    const { tokens } = rc.clause;
    for (let i = 0; i < tokens.length; i++) {
      const lang = languageAt(tokens, i);
      if (lang && offeredAt(tokens, i)) offered.add(lang);
    }
  }
  return offered;
}

/** Somebody else's code: "a competitor's client is written in Go", "a vendor's SDK". */
const NOT_OURS = /\b(?:competitors?'?s?|rivals?'?s?|someone else'?s|another company'?s|other compan(?:y|ies)'?s?|third[- ]party|vendors?'?s?)\b/i;
export const namesOthersCode = (text: string): boolean => NOT_OURS.test(text);
/** Words that make code someone's own ("our", "existing", "written in", "today"...). */
export const saysCodeIsTheirs = (text: string): boolean => OWN_WORDS.test(text) || /\b(?:monorepo|in-house|internal|\d+% (?:go|golang|rust))\b/i.test(text);

/** "Our whole platform is Go", "every shared library we have is Go": a statement about code that exists. */
export function describesExistingCode(clause: Clause): boolean {
  if (!CODE_WORDS.test(clause.text) || !OWN_WORDS.test(clause.text)) return false;
  if (!/\b(we have|is|are|was|were|written|runs?|today|existing|already)\b/i.test(clause.text)) return false;
  const choice = choiceIndexes(clause.tokens);
  return clause.tokens.some((_, i) => languageAt(clause.tokens, i) !== undefined && !choice.has(i)) && !/\b(new|rewrite|build|building|write|writing|need|want|should|which|choose|pick)\b/i.test(clause.text);
}

const BUILDS_ON = /\b(?:build(?:ing)?|built|based|sits?) on(?: top of)?\b|\bon top of\b|\bextend(?:s|ing)? (?:the|an?|its|their|our)\b|\bwe (?:plan to |will |would |'d |are going to |intend to )?use\b/i;
const FRAMEWORK_WORDS = /\b(frameworks?|sdks?|engines?|librar(?:y|ies)|client|fork|runtime|toolkit|codebase)\b/i;

const EMBEDDED_BY = /\b(go|golang|rust)\s+(?:services|programs|apps|applications|code|binaries)\s+(?:can|could|would|will)\s+(?:embed|import|link)\b/i;

/** Existing libraries the new part would use ("every shared library we have is Go"). */
const OWN_LIBRARIES = /\b(?:shared|internal|common|in-house|our) (?:(?:db|database|api|service|grpc|kafka|storage) )?(?:librar(?:y|ies)|packages|sdks?|modules|clients)\b/i;

function readCodebase(clauses: readonly ReadClause[], full: string): Situation['codebase'] {
  let language: Situation['codebase']['language'] = null;
  for (const rc of clauses) {
    const { tokens } = rc.clause;
    const choice = choiceIndexes(tokens);
    if (!CODE_WORDS.test(rc.clause.text) || !OWN_WORDS.test(rc.clause.text) || NOT_OURS.test(rc.clause.text)) continue;
    for (let i = 0; i < tokens.length; i++) {
      const lang = languageAt(tokens, i);
      if (!lang || choice.has(i) || rc.negated[i] || offeredAt(tokens, i)) continue;
      const window = tokens.slice(Math.max(0, i - 6), i + 4).map((t) => t.lower).join(' ');
      if (!CODE_WORDS.test(window)) continue;
      // "engineers who know Go" is a team statement, not code.
      if (/\b(engineers?|developers?|devs|know|knows|experience|fluent|familiar)\b/.test(window) && !/\b(code|codebase|platform|stack|services?|monolith|libraries|library|written|repo|backend|shop)\b/.test(window)) continue;
      language ??= lang;
    }
  }
  if (language === null) {
    const other = clauses.find((rc) => CODE_WORDS.test(rc.clause.text) && OWN_WORDS.test(rc.clause.text) && OTHER_CODE.test(rc.clause.text));
    if (other) language = 'other';
  }
  // "the consensus framework we'd build on is Go", "building on top of a Go SDK": the new part links into it.
  let buildsOn = false;
  for (const rc of clauses) {
    if (!BUILDS_ON.test(rc.clause.text) || !FRAMEWORK_WORDS.test(rc.clause.text)) continue;
    const { tokens } = rc.clause;
    const choice = choiceIndexes(tokens);
    const at = tokens.findIndex((_, i) => languageAt(tokens, i) !== undefined && !choice.has(i) && !rc.negated[i]);
    if (at < 0) continue;
    language ??= languageAt(tokens, at)!;
    buildsOn = true;
  }
  // "a runtime that Go services can embed": the code it links into is named by what embeds it.
  const embeddedBy = EMBEDDED_BY.exec(full);
  if (language === null && embeddedBy) language = /^rust$/i.test(embeddedBy[1]!) ? 'rust' : 'go';
  return codeFacts(language, clauses, full, buildsOn);
}

/** The existing code's links and leaving, once its language is known (here, or from the lexicon's code phrases). */
export function codeFacts(language: Situation['codebase']['language'], clauses: readonly ReadClause[], full: string, buildsOn = false): Situation['codebase'] {
  // "The shim is not linked into the Go host": a negated link is none.
  const saysLinksIn = clauses.some((rc) => LINKS_IN.test(rc.clause.text) && (!rc.negated.some(Boolean) || LINKS_IN.test(rc.affirmedText)));
  const linksIn = buildsOn || saysLinksIn || clauses.some((rc) => describesExistingCode(rc.clause) && OWN_LIBRARIES.test(rc.clause.text));
  return { language, linksIn: language !== null && linksIn, leaving: language !== null && LEAVING.test(full) };
}

// ---- hard rules ----------------------------------------------------------------------------------------

// "policy" alone is also a product's subject ("a policy language", "RBAC policies", "a policy engine"): only a
// policy that governs the team's choice counts.
const POLICY = /\b(bans?|(?:company|our|security|engineering|org|organisation|organization|corporate|internal|house|language|team|it|compliance) polic(?:y|ies)(?! (?:language|engine|rules?|files?|evaluation|agent|as code|decisions?))|policy (?:says|requires|mandates|is that|bans|forbids|allows|only)|mandate[sd]?|mandatory|standardi[sz]ed on|our standard|company standard|only (?:allowed|approved|permitted|sanctioned)|approved languages?|allow-?list|banned|forbid(?:s|den)?|not allowed|not permitted|prohibit\w*|required to use|must (?:be (?:written )?in|use)|has to be (?:written )?in|have to (?:be (?:written )?in|use)|compliance requires|security team requires|cto (?:says|requires|mandates)|(?:handbook|guidelines?|charter|playbook|tech radar) (?:allows?|permits?|says|requires|mandates|lists)|allows? (?:exactly|only) one (?:backend |programming |server )?language|(?:architecture|review|tech(?:nical)?|design|governance) (?:board|council|committee|group) (?:decision|decided|says|requires|mandates|picked|chose)|one language:? (?:rust|go|golang)\b)\b/i;
const NO_SECOND = /\b(no (?:second|other|new|additional|extra|third) (?:programming )?language|(?:one|a single|single) language (?:only|for everything|across)|(?:allows?|permits?) (?:exactly|only) one (?:backend |programming |server )?language|only one language|do(?:n't| not) want (?:a |to add (?:a )?)?(?:second|another|new) language|(?:can(?:'t|not)|won't) (?:add|introduce|support|afford) (?:a )?(?:second|another|new) language|stick (?:to|with) (?:one|a single|our) language|not (?:adding|introduce|introducing) (?:a )?(?:second|another|new) language|avoid (?:a |adding a )?(?:second|another) language|(?:consolidat|standardi[sz]|unif)\w* (?:\w+ ){0,10}?(?:on|onto|into|to|under) (?:one|a single|the same) language)\b/i;
const MEMORY_SAFE = /\b(must|has to|needs? to|required to|have to) be memory[- ]safe|\b(?:requires?|mandates?|demands?) memory[- ]safety\b|\bonly (?:want|allow|accept|use) memory[- ]safe\b|memory[- ]safe language (?:is )?(?:required|mandated)|memory[- ]safety (?:is )?(?:required|mandated|a requirement)\b/i;

/** A rule that no longer holds. */
const FORMER_RULE = /\b(?:used to|no longer|was (?:dropped|lifted|removed|relaxed|retired|abolished|scrapped)|(?:dropped|lifted|scrapped|removed|relaxed) (?:the|that) (?:rule|policy|mandate)|formerly|previously had)\b/i;

/** A clause that asks rather than states: "should we ...?", "one language or split it?". */
const ASKS = /\?\s*$|^\W*(?:should|shall|can|could|would|do|does|is|are|must)\s+(?:we|i|it|you|they|there)\b|\bor (?:split|two|several|more|separate|keep)\b/i;

/** A garbage collector ruled out: Go is. */
const NO_GC = /\b(no (?:garbage[- ]collected|gc'?d?) languages?|(?:garbage[- ]collected|gc'?d?) languages? (?:are |is )?(?:not allowed|banned|forbidden|ruled out)|(?:can(?:'t|not)|cannot) (?:have|afford|use) (?:a |any )?(?:garbage collector|gc)\b|no garbage collector (?:allowed|at all|anywhere))/i;
/** "No cgo": a part that links into Go code must be Go. */
const NO_CGO = /\b(no cgo|without cgo|cgo (?:is )?(?:not allowed|banned|forbidden|ruled out)|cgo-free|pure go)\b/i;

function readRules(clauses: readonly ReadClause[], full: string, codebase: Situation['codebase']): Situation['rules'] {
  // "Should we use one language for everything?" asks; "we want one language for everything" rules.
  const noSecondLanguage = clauses.some((rc) => NO_SECOND.test(rc.clause.text) && !ASKS.test(rc.clause.text));
  const rules: Situation['rules'] = { mandates: null, excludes: [], noSecondLanguage, memorySafe: MEMORY_SAFE.test(full) };
  if (NO_GC.test(full)) rules.excludes.push('go');
  if (NO_CGO.test(full) && codebase.language === 'go') rules.mandates = 'go';
  for (const [c, rc] of clauses.entries()) {
    if (!POLICY.test(rc.clause.text)) continue;
    // "We used to have a rule that every service must be Go, but it was dropped": no longer a rule.
    if (FORMER_RULE.test(rc.clause.text) || FORMER_RULE.test(clauses[c + 1]?.clause.text ?? '')) continue;
    const { tokens } = rc.clause;
    const choice = choiceIndexes(tokens);
    const excluding = /\b(bans?|banned|forbid(?:s|den)?|not allowed|not permitted|prohibit\w*|excludes?|rules? out|no)\b/i;
    for (let i = 0; i < tokens.length; i++) {
      const lang = languageAt(tokens, i);
      if (!lang || choice.has(i)) continue;
      const near = tokens.slice(Math.max(0, i - 4), i + 4).map((t) => t.lower).join(' ').replace(/ n't/g, " not");
      if (rc.negated[i] || excluding.test(near)) {
        if (!rules.excludes.includes(lang)) rules.excludes.push(lang);
      } else rules.mandates ??= lang;
    }
  }
  if (rules.mandates && rules.excludes.includes(rules.mandates)) rules.mandates = null;
  return rules;
}

// ---- deployment, numbers, scope ------------------------------------------------------------------------

// "A Linux kernel plus a tiny userland", "loads eBPF programs": code around the kernel, not in it. Only code that
// runs in the kernel counts: a module or driver, "in the kernel", or eBPF programs being written.
const KERNEL = /\b(kernel[- ](?:module|driver|space|code|subsystem)|linux (?:kernel (?:module|driver|code|subsystem)|driver)|(?:in|for|into|inside) the (?:linux )?kernel\b(?! (?:plus|and|with|\+))|in-kernel|kernel-mode|loadable (?:kernel )?module|(?:in-tree|out-of-tree|linux|block|storage|nvme|pcie?|char(?:acter)?) (?:\w+ )?driver|(?:write|writing|build|building|author|authoring) (?:the |our |an? )?(?:ebpf|bpf) programs?(?! (?:manager|loader|management|operator|registry))|(?:drm|gpu|nic|usb|network) driver|device driver for linux|(?:write|writing|build|building) a (?:linux )?driver)\b/i;
// "Bare metal" alone means servers without virtualisation ("bare metal hosts", "bare-metal Kubernetes"); it
// names a microcontroller target only next to embedded words.
const BARE_METAL = /\b(uefi|bootloader|boot loader|bare[- ]metal (?:firmware|embedded|microcontrollers?|mcus?|targets?|boards?|devices?)|embedded bare[- ]metal|no os\b|without an? (?:os|operating system)|microcontrollers?|\bmcu\b|cortex-m|stm32|esp32|nrf52|rp2040|arduino|no_std|firmware for (?:a|an|the|our) (?:mcu|microcontroller|sensor|board))/i;
const WASM = /\b(webassembly|wasm|in the browser|browser extension|runs? in (?:a|the) browser|client-side in the browser)\b/i;
const WASM_TARGET = /\b(?:in the browser|browser extension|runs? in (?:a|the) browser|client-side|compiles? (?:it )?to (?:wasm|webassembly)|(?:as|into) (?:a )?(?:wasm|webassembly) module|wasm32|front-?end)\b/i;
const MOBILE = /\b(ios|android|mobile (?:app|apps|client|sdk)|on (?:the )?phones?|react native|flutter)\b/i;
const SERVERLESS = /\b(serverless|lambda|cloud functions?|cloud run|faas|azure functions?)\b/i;
const EDGE = /\b(edge (?:box|boxes|device|devices|node|nodes|location|locations|servers?|workers?)|at the edge|cdn edge|on-?prem(?:ise)? boxes|edge computing)\b/i;

/** A driver or tool in user space (DPDK, FUSE, libusb) runs outside the kernel, unless the kernel is named outright. */
const USER_SPACE = /\b(?:user[- ]?space|userland)\b/i;
const KERNEL_OUTRIGHT = /\bkernel[- ](?:space|module|mode)\b|\bin-kernel\b/i;

function readDeployment(full: string): Situation['deployment'] {
  if (KERNEL.test(full) && !(USER_SPACE.test(full) && !KERNEL_OUTRIGHT.test(full))) return 'kernel';
  if (BARE_METAL.test(full)) return 'bare-metal';
  // Wasm named without a target ("wasm support is mature", "a wasm runtime", "wasm plugins") says nothing about
  // where this part runs: a Wasm host runs modules, it is not deployed as one.
  if (WASM.test(full) && WASM_TARGET.test(full)) return 'browser-wasm';
  if (MOBILE.test(full)) return 'mobile';
  if (SERVERLESS.test(full)) return 'serverless';
  if (EDGE.test(full)) return 'edge';
  return null;
}

const LATENCY = /\b(p\d{2,3}(?:\.\d)?|median|average|mean|tail)?[^.;!?\d]{0,40}?(?:latency|response time|respond|budget|under|below|within|<|≤)\s*(?:of|in|at|is|under|below|<|≤|~)?\s*(\d+(?:\.\d+)?)\s*(µs|us|microseconds?|ms|milliseconds?|s|secs?|seconds?)\b/i;
const PERCENTILE = /\b(p\d{2,3}(?:\.\d)?)\b/i;
const MEMORY = /(\d+(?:\.\d+)?)\s*(kb|kib|mb|mib|gb|gib)\b[^.;!?]{0,30}?\b(memory|ram|budget|limit|per (?:pod|vm|instance|device|container|host)|footprint|overhead)|\b(memory|ram|budget|limit|footprint)\b[^.;!?]{0,25}?(\d+(?:\.\d+)?)\s*(kb|kib|mb|mib|gb|gib)\b/i;
const THROUGHPUT = /(\d+(?:[.,]\d+)?)\s*(k|m|thousand|million|billion|b)?\s*(?:req(?:uest)?s?|messages?|events?|queries|ops|operations|transactions|calls|rps|qps)\s*(?:\/|per|a|an|each)\s*(s\b|sec|second|minute|min\b|day|hour)|(\d+(?:[.,]\d+)?)\s*(k|m)?\s*(rps|qps)\b/i;
const DEADLINE = /\b(?:in|within|by|next|of|under|about)\s+(\d+|a|one|two|three|four|five|six|eight|ten|twelve)\s+(weeks?|months?|days?|quarters?|sprints?)\b/i;

/** "the binary is 11MB", "a 40 MB image": a size on disk, not a memory budget. */
const BINARY_SIZE = /\b(?:binar(?:y|ies)|executable|image|download|artifact|package|bundle)\b[^.;!?\d]{0,12}\d/i;

function toMs(v: number, unit: string): number {
  const u = unit.toLowerCase();
  if (u === 'µs' || u === 'us' || u.startsWith('micro')) return v / 1000;
  if (u.startsWith('ms') || u.startsWith('milli')) return v;
  return v * 1000;
}
function toMiB(v: number, unit: string): number {
  const u = unit.toLowerCase();
  return u.startsWith('k') ? v / 1024 : u.startsWith('m') ? v : v * 1024;
}
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, billion: 1e9 };
const PER: Record<string, number> = { s: 1, sec: 1, second: 1, min: 1 / 60, minute: 1 / 60, hour: 1 / 3600, day: 1 / 86400 };

function readNumbersOf(full: string): Situation['numbers'] {
  const lat = LATENCY.exec(full);
  const pct = PERCENTILE.exec(full);
  const mem = MEMORY.exec(full);
  const thr = THROUGHPUT.exec(full);
  const dl = DEADLINE.exec(full);
  let throughput: number | null = null;
  if (thr) {
    // Groups: 1-3 "<n> <scale> <unit> per <period>", 4-5 "<n> <scale> rps".
    const value = Number((thr[1] ?? thr[4] ?? '0').replace(',', '.'));
    const scale = SCALE[(thr[2] ?? thr[5] ?? '').toLowerCase()] ?? 1;
    const per = thr[3] ? (PER[thr[3].toLowerCase()] ?? 1) : 1;
    throughput = Math.round(value * scale * per);
    if (!Number.isFinite(throughput) || throughput <= 0) throughput = null;
  }
  let deadlineWeeks: number | null = null;
  if (dl) {
    const n = NUMBER_WORDS[dl[1]!.toLowerCase()] ?? (dl[1]!.toLowerCase() === 'a' ? 1 : Number(dl[1]));
    const unit = dl[2]!.toLowerCase();
    deadlineWeeks = unit.startsWith('day') ? n / 7 : unit.startsWith('month') ? n * 4.3 : unit.startsWith('quarter') ? n * 13 : unit.startsWith('sprint') ? n * 2 : n;
    deadlineWeeks = Math.round(deadlineWeeks * 10) / 10;
  }
  const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
  if (!finite(deadlineWeeks)) deadlineWeeks = null;
  return {
    memoryMiB: mem && !BINARY_SIZE.test(full.slice(Math.max(0, mem.index - 25), mem.index + mem[0].length)) ? Math.round(toMiB(Number(mem[1] ?? mem[5]), (mem[2] ?? mem[6])!) * 100) / 100 : null,
    latencyMs: lat ? finite(toMs(Number(lat[2]), lat[3]!)) : null,
    percentile: pct ? pct[1]!.toLowerCase() : null,
    throughputPerSecond: throughput,
    deadlineWeeks,
  };
}

const OTHER_LANGUAGES = 'zig|java|kotlin|scala|python|ruby|php|node(?:\\.?js)?|typescript|javascript|c\\+\\+|cpp|c#|\\.net|dotnet|elixir|erlang|swift|haskell|ocaml|nim|crystal|dart|julia|c|carbon|mojo|v|odin|d|clojure|f#|deno|bun';
const OTHER_CHOICE = new RegExp(`\\b(?:rust|go|golang)\\s*(?:/|\\bor\\b|\\bvs\\.?|\\bversus\\b)\\s*(${OTHER_LANGUAGES})(?![\\w+#])|(?<![\\w.])(${OTHER_LANGUAGES})\\s*(?:/|\\bor\\b|\\bvs\\.?|\\bversus\\b)\\s*(?:rust|go|golang)\\b|\\bbetween (?:rust|go|golang) and (${OTHER_LANGUAGES})(?![\\w+#])|\\bbetween (${OTHER_LANGUAGES}) and (?:rust|go|golang)\\b`, 'i');
/** Two other languages or products weighed and neither Rust nor Go named ("Elixir or Erlang?", "Postgres or MongoDB?"). */
const OTHER_TECH = `${OTHER_LANGUAGES}|postgres(?:ql)?|mysql|mongo(?:db)?|redis|kafka|rabbitmq|nats|cassandra|dynamodb|sqlite|elasticsearch|react|vue|angular|svelte|aws|gcp|azure|kubernetes|nomad|spark|flink|polars|pandas|django|rails|spring|flutter|react native`;
// Only "or"/"vs" make two other technologies the choice: a slash list ("Java/C++/Node", "no Python/Ruby/JVM
// deps") is background, and a question that names neither Rust nor Go is still asked of a Rust-or-Go advisor.
// A qualifier may sit between a name and the "or" ("Kotlin Multiplatform or Swift", "Spark (Scala) or Polars").
const OTHER_PAIR = new RegExp(`(?<![\\w.])(${OTHER_TECH})(?:\\W+[a-z]+){0,2}?\\W*\\s(?:or|vs\\.?|versus)\\s+(?:[a-z]+\\W+){0,2}?(${OTHER_TECH})(?![\\w+#])`, 'i');
/** "How does Go's garbage collector decide when to run?", "What is a goroutine?": about a language, not about a part of theirs. */
const ABOUT_A_LANGUAGE = /^\s*(?:how|what|why|when|explain|is it true)\b/i;
const LANGUAGE_CONCEPT = /\b(?:goroutines?|borrow checker|ownership|lifetimes?|traits?|generics|cargo|crates?|tokio|async\/await|channels?|garbage collector|gc)\b/i;
const ABOUT_THEIRS = /\b(?:we|we're|we've|our|us|i|i'm|my|should|which|better)\b/i;
/** A question about how the languages work, not about a component: "what's the difference between X and Y?". */
const CONCEPT_QUESTION = /^\s*(?:(?:i have an interview|for an interview|quick question)[^.?!]*[.?!:]\s*)?(?:what(?:'s| is| are) the differences? between|explain (?:the )?(?:difference|how)|how (?:does|do) (?:rust|go|golang)(?:'s)? \w+ (?:work|compare))/i;
/** A how-to question ("how do I set up ...") that names neither language asks for no choice. */
const HOW_TO = /^\s*(?:how (?:do|can|should) (?:i|we|you)|how to)\b/i;
/** "Rust" in any case, "golang", or "Go" capitalised (lower-case "go" is usually the verb). */
const NAMES_RUST_OR_GO = /\b(?:[Rr]ust|RUST|[Gg]olang)\b|\bGo\b/;
const BOTH_CHOICE = /\b(rust\s*(?:,|\/|\bor\b|\bvs\.?|\bversus\b|\band\b)\s*(?:go|golang)|(?:go|golang)\s*(?:,|\/|\bor\b|\bvs\.?|\bversus\b|\band\b)\s*rust)\b/i;
const FRONT_END = /\b((?:react|vue|angular|svelte|next\.?js) (?:front[- ]?end|app|ui|components?)|state management|(?:web |website |dashboard |browser )?front[- ]?end (?:of|for) (?:our|the|a) (?:web|site|website|dashboard|app|admin|portal)\w*|web front[- ]?end|front[- ]?end (?:app|code|ui|framework)|user interface|\bui\b|ui layer|web page|landing page|single[- ]page app|spa\b|react app|css|(?:ios|android|mobile) app(?:'s)? (?:ui|screens?|interface|front ?end)|(?:ios|android|mobile)(?: and (?:ios|android))? (?:screens|views|ui)|app's ui|(?:ios|android|iphone) app\b|mobile app\b|game ui|desktop gui|gui)\b/i;
const BACKEND_WORDS = /\b(back[- ]?end|server|service|services|api|apis|daemon|proxy|gateway|engine|database|storage|sync|core library|shared core|cli|pipeline|worker|queue|broker|runtime|infrastructure|infra|agent|cache|scheduler|compiler|tool|tools|library|node|nodes|client|clients|validator|firmware|driver|plugin|sdk|parser|bot|system|platform)\b/i;
/** A UI that comes with a backend part ("an internal HTTPS service with a web UI") leaves the question in scope. */
const FRONT_END_ATTACHED = /\b(?:with|plus|and|has|have|behind|including)\s+(?:a|an|its|the|some)?\s*(?:small\s+|simple\s+|basic\s+|tiny\s+)?(?:web\s+|admin\s+)?(?:ui|gui|dashboard|front[- ]?end|user interface)\b/i;

const FILLER = new Set(['rust', 'go', 'golang', 'or', 'vs', 'versus', 'which', 'one', 'should', 'we', 'i', 'use', 'pick', 'choose', 'for', 'our', 'a', 'an', 'the', 'new', 'what', 'is', 'better', 'language', 'do', 'you', 'recommend', 'thing', 'project', 'something', 'it', 'this', 'to', 'me', 'us', 'and', 'in', 'with', 'go?', 'hey', 'hi', 'please', 'best', 'between', 'general', 'generally', 'overall', 'curious', 'just', 'wondering', 'opinion', 'thoughts', 'think', 'honestly', 'really', 'has', 'have', 'are', 'more', 'which', 'would', 'if', 'out', 'of', 'two', 'languages']);
/** Words that could name a component or context, beyond the choice itself and filler. */
function contentWords(full: string): number {
  return full.toLowerCase().split(/[^a-z0-9+#.-]+/).filter((w) => w.length > 1 && !FILLER.has(w)).length;
}

/** Content words up to which a question with no component word names nothing ("which is better in general?"). */
const SHORT_QUESTION_WORDS = 6;

/** The sentence of `text` that holds the character at `index`. */
function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index), text.lastIndexOf('?', index), text.lastIndexOf('!', index), text.lastIndexOf(';', index)) + 1;
  const ends = ['.', '?', '!', ';'].map((p) => text.indexOf(p, index)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) + 1 : text.length);
}

function readScope(full: string, workloads: readonly string[], anythingElse: boolean): Situation['outOfScope'] {
  const other = OTHER_CHOICE.exec(full);
  // "new services must be in Rust or Kotlin": a policy's list of languages, not the choice being asked.
  const inPolicy = other !== null && POLICY.test(sentenceAround(full, other.index));
  if (other && !inPolicy && !BOTH_CHOICE.test(full)) return { kind: 'other-language', detail: (other[1] ?? other[2] ?? other[3] ?? other[4] ?? '').trim() };
  if (other && BOTH_CHOICE.test(full)) {
    // "Rust, Go or Zig?": a third option in the choice itself is still another language being weighed.
    const three = new RegExp(`\\b(?:rust|go|golang)\\s*,\\s*(?:rust|go|golang)\\s*(?:,|\\bor\\b)\\s*(${OTHER_LANGUAGES})\\b`, 'i').exec(full);
    if (three) return { kind: 'other-language', detail: three[1]! };
  }
  const pairOfOthers = OTHER_PAIR.exec(full);
  if (pairOfOthers && !NAMES_RUST_OR_GO.test(full)) return { kind: 'other-language', detail: `${pairOfOthers[1]} / ${pairOfOthers[2]}` };
  if (HOW_TO.test(full) && !NAMES_RUST_OR_GO.test(full)) return { kind: 'nothing-named', detail: '' };
  // A concept question names no component; a lookup answers it ("@rustvsgo what is the difference between ...").
  if (CONCEPT_QUESTION.test(full) && !BACKEND_WORDS.test(full)) return { kind: 'nothing-named', detail: '' };
  if (ABOUT_A_LANGUAGE.test(full) && (NAMES_RUST_OR_GO.test(full) || LANGUAGE_CONCEPT.test(full)) && !ABOUT_THEIRS.test(full) && !BOTH_CHOICE.test(full) && workloads.length === 0) return { kind: 'nothing-named', detail: '' };
  const fe = FRONT_END.exec(full);
  if (fe) {
    const rest = full.replace(FRONT_END, ' ');
    // A UI, or an app named with no backend part ("the backend of our mobile app" is in scope).
    const attached = FRONT_END_ATTACHED.test(full) && BACKEND_WORDS.test(rest);
    if (!attached && (/\b(ui|user interface|front[- ]?end|screens?|gui|web page|landing page|css|spa|react app)\b/i.test(fe[0]) || !BACKEND_WORDS.test(rest))) return { kind: 'front-end', detail: fe[0] };
  }
  // Nothing to judge: no workload, no constraint, team or code fact, and no word that could name a component
  // ("which has the cuter mascot?", "which is better in general?").
  // A long question names something even in words this reader does not know ("our L2 rollup nodes ...").
  const words = contentWords(full);
  if (workloads.length === 0 && !anythingElse && (words < 2 || (!BACKEND_WORDS.test(full) && words <= SHORT_QUESTION_WORDS))) return { kind: 'nothing-named', detail: '' };
  return null;
}

const HOT_C = /\b(?:c|c\+\+|cpp)\b[^.;!?]{0,40}\b(?:librar(?:y|ies)|lib|code|functions?|api)\b[^.;!?]{0,80}\b(?:hot (?:loop|path)|millions? of times|tight loop|per (?:request|packet|message|call)|every (?:request|packet|message))|\b(?:hot (?:loop|path)|tight loop)\b[^.;!?]{0,60}\b(?:call|calls|calling)\b[^.;!?]{0,30}\b(?:c|c\+\+|cpp)\b/i;

export interface SignalRead {
  workloads: string[];
  constraints: { id: string; negated: boolean }[];
}

/** `signals` are the knowledge-base signals already read clause by clause (advise.ts). */
export function readSituation(question: string, clauses: readonly ReadClause[], signals: SignalRead): Situation {
  const full = question.replace(/[\u2018\u2019\u02bc]/g, "'");
  const team = readTeam(clauses, full);
  const codebase = readCodebase(clauses, full);
  const rules = readRules(clauses, full, codebase);
  const deployment = readDeployment(full);
  const numbers = readNumbersOf(full);
  const doesNotMatter: string[] = [];
  for (const rc of clauses) {
    if (rc.notMatterText) doesNotMatter.push(rc.notMatterText.replace(/^(?:and|but|so|also|honestly|frankly)\s+/i, '').replace(NOT_MATTER_TAIL, ''));
    const care = DONT_CARE.exec(rc.clause.text);
    if (care) doesNotMatter.push(care[1]!.trim());
  }
  const anythingElse =
    signals.constraints.length > 0 || team.rust !== null || team.go !== null || codebase.language !== null || rules.mandates !== null || rules.excludes.length > 0 || deployment !== null;
  return situationSchema.parse({
    workloads: signals.workloads,
    constraints: signals.constraints,
    numbers,
    team,
    codebase,
    rules,
    deployment,
    hotCInterop: HOT_C.test(full),
    doesNotMatter: doesNotMatter.filter((d) => d.length > 0),
    outOfScope: readScope(full, signals.workloads, anythingElse),
  });
}

const SKILL_WORDS: Record<Skill, string> = { strong: 'knows {L} well', some: 'knows some {L}', none: 'has no {L} experience' };

/** The situation in plain words, for the "Read as" line. */
export function describeSituation(s: Situation, labels: { workloads: string[]; constraints: string[] }): string {
  const parts: string[] = [];
  if (s.outOfScope) {
    parts.push(
      s.outOfScope.kind === 'other-language'
        ? `a choice involving ${s.outOfScope.detail}, not Rust vs Go`
        : s.outOfScope.kind === 'front-end'
          ? `a front end / UI (${s.outOfScope.detail}), not a backend or systems component`
          : 'no component named',
    );
  }
  if (labels.workloads.length) parts.push(labels.workloads.join(' + '));
  if (s.deployment) parts.push(`runs ${{ kernel: 'in the Linux kernel', 'bare-metal': 'on a microcontroller without an OS', 'browser-wasm': 'in the browser / WebAssembly', mobile: 'on mobile', serverless: 'serverless', edge: 'on edge boxes' }[s.deployment]}`);
  const n = s.numbers;
  if (n.latencyMs !== null) parts.push(`${n.percentile ?? 'latency'} target ${n.latencyMs} ms`);
  if (n.memoryMiB !== null) parts.push(`memory budget ${n.memoryMiB} MiB`);
  if (n.throughputPerSecond !== null) parts.push(`about ${n.throughputPerSecond.toLocaleString('en-US')} per second`);
  if (n.deadlineWeeks !== null) parts.push(`deadline ~${n.deadlineWeeks} weeks`);
  parts.push(...labels.constraints);
  const team: string[] = [];
  for (const lang of ['rust', 'go'] as const) {
    const level = s.team[lang];
    if (level) team.push(SKILL_WORDS[level].replace('{L}', lang === 'rust' ? 'Rust' : 'Go'));
  }
  if (team.length || s.team.size !== null || s.team.seniority) {
    const who = [s.team.size !== null ? `${s.team.size}` : '', s.team.seniority ?? ''].filter(Boolean).join(' ');
    parts.push(`team${who ? ` (${who})` : ''}${team.length ? ` ${team.join(' and ')}` : ''}`);
  }
  if (s.codebase.language) {
    const lang = { rust: 'Rust', go: 'Go', other: 'another language' }[s.codebase.language];
    parts.push(`existing code in ${lang}${s.codebase.linksIn ? ' (the new part links into it)' : ''}${s.codebase.leaving ? ' (being moved off)' : ''}`);
  }
  if (s.rules.mandates) parts.push(`policy: ${s.rules.mandates === 'rust' ? 'Rust' : 'Go'} required`);
  for (const x of s.rules.excludes) parts.push(`policy: no ${x === 'rust' ? 'Rust' : 'Go'}`);
  if (s.rules.noSecondLanguage) parts.push('no second language');
  if (s.rules.memorySafe) parts.push('must be memory safe');
  if (s.hotCInterop) parts.push('calls C in a hot loop');
  if (s.doesNotMatter.length) parts.push(`does not matter: ${s.doesNotMatter.join('; ')}`);
  return parts.length ? parts.join(', ') : 'nothing specific (a general backend service)';
}
