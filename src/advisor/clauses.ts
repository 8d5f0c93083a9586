// Splits a question into clauses with wink-nlp (sentences, tokens, parts of speech), so negation and team
// statements are read one clause at a time. wink-nlp was picked over compromise: it parses a question in well
// under a millisecond (compromise took ~6 ms here, over the advisor's 5 ms p99 budget) and tags parts of speech,
// which tells "Go" the language from "go" the verb. See docs/knowledge.md.
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';
import type { ItemSentence } from 'wink-nlp';
import type model from 'wink-eng-lite-web-model';

// Required on first use, not imported: the model is megabytes of data, and a process that never reads a question
// (`help`, a digest run) should not load it.
const require = createRequire(import.meta.url);

export interface ClauseToken {
  text: string;
  lower: string;
  pos: string;
  /** Whether the token opens a sentence (a capital there says nothing about proper nouns). */
  sentenceStart: boolean;
}

export interface Clause {
  /** The clause as written (tokens joined with their original spacing). */
  text: string;
  tokens: ClauseToken[];
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

/** Loaded on first use: the model costs a few hundred ms, paid once per process, not per question. */
function getNlp(): Nlp {
  nlp ??= (require('wink-nlp') as typeof winkNLP)(require('wink-eng-lite-web-model') as typeof model);
  return nlp;
}

let vocabularyDoc: ReturnType<Nlp['readDoc']> | undefined;
/**
 * Whether the English model knows the word ("liner", "compiled", "caching"): a real word is what the asker meant,
 * so typo correction leaves it alone ("few-liners" must not become "linter").
 */
export function isEnglishWord(word: string): boolean {
  vocabularyDoc ??= getNlp().readDoc('');
  return !vocabularyDoc.isOOV(word);
}

/** Contrast words end a clause: negation and team statements rarely cross them (NegEx termination terms). */
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'whereas', 'except', 'yet', ';']);

export function splitClauses(question: string): Clause[] {
  const n = getNlp();
  const its = n.its;
  const doc = n.readDoc(question);
  const clauses: Clause[] = [];
  let current: ClauseToken[] = [];
  let text = '';
  const flush = (): void => {
    if (current.length > 0) clauses.push({ text: text.trim(), tokens: current });
    current = [];
    text = '';
  };
  let first = true;
  doc.sentences().each((sentence: ItemSentence) => {
    const texts = sentence.tokens().out(its.value) as string[];
    const pos = sentence.tokens().out(its.pos) as string[];
    const spaces = sentence.tokens().out(its.precedingSpaces) as string[];
    // A "sentence" that starts with no space before it is a dotted name cut in two ("Node.js", "Vue.js"): the
    // clause goes on.
    const continues = !first && spaces[0] === '';
    if (!continues) flush();
    first = false;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      const lower = t.toLowerCase();
      if (CONTRAST.has(lower)) {
        flush();
        if (lower === ';') continue;
      }
      current.push({ text: t, lower, pos: pos[i] ?? 'X', sentenceStart: i === 0 && !continues });
      text += (current.length === 1 ? '' : (spaces[i] ?? ' ')) + t;
    }
  });
  flush();
  return clauses;
}

/** Warms the model (start-up, benchmarks), so the first question is not the one that pays for loading it. */
export function warmClauses(): void {
  splitClauses('Rust or Go?');
}
