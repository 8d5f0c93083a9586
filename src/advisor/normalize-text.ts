// Turns free text into the token stream the lexicon matches: lowercase, light stemming (plurals), clause
// boundaries, and negation scopes ("we don't care about latency", "latency doesn't matter").

/** Words that carry no signal; dropped before matching so "the per-pod proxy" matches "per pod proxy". */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'our', 'my', 'their', 'its', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'that',
  'this', 'these', 'those', 'which', 'who', 'whom', 'it', 'we', 'they', 'i', 'you', 'do', 'does', 'did', 'should',
  'would', 'could', 'can', 'will', 'shall', 'may', 'might', 'must', 'about', 'and', 'or', 'for', 'to', 'so', 'us',
  'what', 'how', 'when', 'where', 'why', 'there', 'here', 'has', 'have', 'had', 'really', 'just', 'also',
  'as', 'at', 'by', 'with', 'up', 'if', 'then', 'than', 'each', 'such', 'some', 'much', 'use', 'using', 'used', 'choose', 'pick', 'better', 'best', 'between',
]);

/** Words that open a negation scope over the next few words of the same clause. */
const NEGATION_CUES = new Set(['not', 'no', 'never', 'without', 'neither', 'nor', 'nothing']);
/** Words that, following a topic, negate it: "latency is irrelevant", "latency does not matter". */
const POST_NEGATION_WORDS = new Set(['irrelevant', 'unimportant', 'negligible']);
const POST_NEGATION_AFTER_NOT = new Set(['matter', 'matters', 'important', 'concern', 'critical', 'priority', 'issue', 'problem', 'needed', 'required', 'relevant', 'care', 'big']);
const NEGATION_REACH = 4;
const NEGATION_FILLERS = new Set(['a', 'an', 'the', 'really', 'very', 'that', 'so', 'much', 'of', 'too', 'at', 'all', 'our', 'big']);

/** Words that end a clause (besides punctuation): negation does not cross them. */
const CLAUSE_WORDS = new Set(['but', 'however', 'versus', 'vs', 'whereas', 'while', 'although', 'though', 'plus']);

export interface TokenStream {
  /** Stemmed tokens after stop-word removal, in order. */
  tokens: string[];
  /** For each token: its index among all words (before stop-word removal), for distance checks. */
  wordIndex: number[];
  /** For each token: the clause it belongs to (negation never crosses a clause). */
  clause: number[];
  /** For each token: the sentence-like span it belongs to (phrases never cross one; commas do not end it). */
  sentence: number[];
  /** For each token: whether a negation scope covers it. */
  negated: boolean[];
  /** For each token: its character offset in the normalised text (used to split components). */
  offset: number[];
  /** The normalised text (lowercase, canonical spellings). */
  text: string;
}

/**
 * The question with invisible format characters (Unicode category Cf: zero-width space and joiners, soft hyphen)
 * removed where they sit inside a word. Text pasted from chat, docs or PDFs carries them: "edge gate\u200bway" read
 * as two unknown words and the question as naming no component. Only inside a word: the adapters defuse a mention
 * by putting a zero-width joiner after its "@" ("@\u200deveryone"), and the question is echoed back, so a Cf next
 * to anything but a letter or digit on both sides stays.
 */
export function withoutInWordFormatCharacters(question: string): string {
  return question.replace(/(?<=[\p{L}\p{N}])\p{Cf}+(?=[\p{L}\p{N}])/gu, '');
}

/** Canonical spellings so "C++", "Node.js", "k8s" and "Golang" match one token each. */
function canonicalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/c\+\+/g, ' cpp ')
    .replace(/c#/g, ' csharp ')
    .replace(/\bnode\.?js\b/g, 'nodejs')
    // "Next.js", "Vue.js": one name, so its "js" never pairs with a nearby word ("core engine" is no JS engine).
    .replace(/\b([a-z0-9]+)\.js\b/g, '$1js')
    .replace(/\bk8s\b/g, 'kubernetes')
    .replace(/\bgolang\b/g, 'go')
    .replace(/\bp99\.9\b/g, 'p999')
    .replace(/\b(\w+)n't\b/g, (_m, w: string) => (w === 'ca' ? 'can not' : w === 'wo' ? 'will not' : `${w} not`))
    .replace(/\bcannot\b/g, 'can not')
    // "Rust or Go", "Go vs. Rust", "Rust/Go" name the choice, not the context: drop them so "Go" in them never
    // reads as "our Go service".
    .replace(/\b(rust|go)\s*(?:,|\/|\bor\b|\bvs\.?|\bversus\b|\band\b)\s*(rust|go)\b/g, (m, a: string, b: string) => (a === b ? m : ' '.repeat(m.length)));
}

/** Plurals of acronyms the "-is"/"-us" rule below would keep whole ("APIs", "CPUs"). */
const ACRONYM_PLURALS = new Set(['apis', 'kpis', 'cpus', 'gpus', 'tpus', 'npus', 'vcpus']);

/** Light plural stemming, applied alike to phrases and questions so only consistency matters. */
function stem(word: string): string {
  if (ACRONYM_PLURALS.has(word)) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('sses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

const WORD = /[a-z0-9]+|[.;:!?,()[\]]/g;

/** Tokenises text for matching; `correct` maps unknown words to known ones (typo tolerance). */
export function tokenize(input: string, correct: (word: string) => string = (w) => w): TokenStream {
  const text = canonicalize(input);
  const words: { word: string; offset: number; clause: number; sentence: number }[] = [];
  let clause = 0;
  let sentence = 0;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    if (!/^[a-z0-9]/.test(w)) {
      clause += 1;
      // A full stop between digits is a decimal point, not the end of a sentence.
      if (w !== ',' && !(w === '.' && /\d/.test(text[m.index - 1] ?? '') && /\d/.test(text[m.index + 1] ?? ''))) sentence += 1;
      continue;
    }
    if (CLAUSE_WORDS.has(w)) clause += 1;
    words.push({ word: w, offset: m.index, clause, sentence });
  }
  // Negation scopes over all words (stop words included, so "do not care about X" reaches X).
  const negatedWord = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (NEGATION_CUES.has(w.word)) {
      for (let j = i + 1; j <= i + NEGATION_REACH && j < words.length && words[j]!.clause === w.clause; j++) negatedWord[j] = true;
    }
    // "not a concern", "not really important": skip filler words after "not".
    let k = i + 1;
    while (k < words.length && k <= i + 3 && NEGATION_FILLERS.has(words[k]!.word)) k++;
    const next = words[k];
    const isPost = POST_NEGATION_WORDS.has(w.word) || (w.word === 'not' && next !== undefined && POST_NEGATION_AFTER_NOT.has(next.word));
    if (isPost) {
      for (let j = i - 1; j >= i - NEGATION_REACH && j >= 0 && words[j]!.clause === w.clause; j--) negatedWord[j] = true;
    }
  }
  const stream: TokenStream = { tokens: [], wordIndex: [], clause: [], sentence: [], negated: [], offset: [], text };
  for (const [i, w] of words.entries()) {
    if (STOPWORDS.has(w.word)) continue;
    stream.tokens.push(correct(stem(w.word)));
    stream.wordIndex.push(i);
    stream.clause.push(w.clause);
    stream.sentence.push(w.sentence);
    stream.negated.push(negatedWord[i]!);
    stream.offset.push(w.offset);
  }
  return stream;
}

/** The stemmed, stop-word-free tokens of a lexicon phrase. */
export function phraseTokens(phrase: string): string[] {
  const text = canonicalize(phrase);
  const out: string[] = [];
  for (const m of text.matchAll(/[a-z0-9]+/g)) {
    if (!STOPWORDS.has(m[0])) out.push(stem(m[0]));
  }
  return out;
}
