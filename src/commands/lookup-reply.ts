// The lookup answer: the best-matching sourced facts for a query, or the closest topics when nothing matches.
// Its own module so that the fact index (MiniSearch) loads with the first lookup, not with the bot (lookup.ts).
import type { ReplyInput } from '../core/reply.ts';
import { neutralizeMentions, truncate } from '../core/safe-text.ts';
import type { Fact } from '../knowledge/fact.ts';
import type { Source } from '../knowledge/source.ts';
import { searchFacts, suggestTopics, type FactIndex } from '../knowledge/fact-search.ts';

/** How many facts one lookup shows; a thread mention gets the single best one (answers there are condensed). */
export const lookupResultCount = 3;
export const mentionResultCount = 1;

const languageLabel: Record<Fact['language'], string> = { rust: 'Rust', go: 'Go', both: 'Rust and Go' };

/** Which knowledge base answered, for the footer every answer carries. */
export interface KbStamp {
  version: string;
  reviewed: string;
}

function kbFooter(kb: KbStamp): string {
  return `Knowledge base v${kb.version}, reviewed ${kb.reviewed}`;
}

/** The lookup answer for a query, as a pure function of the fact index. */
export function lookupReply(index: FactIndex, query: string, kb?: KbStamp, limit = lookupResultCount): ReplyInput {
  const shown = neutralizeMentions(truncate(query.trim(), 100));
  const footer = kb ? { footer: kbFooter(kb) } : {};
  const hits = searchFacts(index, query, limit);
  if (hits.length === 0) {
    const close = suggestTopics(index, query);
    return {
      title: `Lookup: ${shown}`,
      summary: `No fact matches ${shown}. Close topics: ${close.join(', ')}`,
      tone: 'info',
      ...footer,
      data: { query, results: [], suggestions: close },
    };
  }
  // The same page often backs several facts: each page is listed once, numbered in order of first citation (every
  // renderer numbers the list), and a fact cites its pages by number, as the condensed advice does.
  const sources = [...new Map(hits.flatMap(({ fact }) => fact.sources).map((source) => [source.url, source])).values()];
  const refs = (cited: readonly Source[]): string => [...new Set(cited.map((c) => sources.findIndex((s) => s.url === c.url) + 1))].map((n) => `[${n}]`).join('');
  return {
    title: `Lookup: ${shown}`,
    summary: `${hits.length === 1 ? 'One fact' : `${hits.length} facts`} for ${shown}, best match first.`,
    sections: hits.map(({ fact }) => ({
      heading: `${fact.topic} (${languageLabel[fact.language]}, ${fact.criterion})`,
      body: fact.sources.length ? `${fact.text} ${refs(fact.sources)}` : fact.text,
    })),
    sources,
    tone: 'answer',
    ...footer,
    data: {
      query,
      results: hits.map(({ fact }) => ({ id: fact.id, topic: fact.topic, text: fact.text, sources: fact.sources })),
    },
  };
}
