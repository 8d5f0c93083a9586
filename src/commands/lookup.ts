// `/rustvsgo lookup <topic>`: the best-matching sourced facts, or the closest topics when nothing matches.
import { z } from 'zod';
import { defineCommand } from '../core/command-spec.ts';
import { neutralizeMentions } from '../core/safe-text.ts';

// The fact index and its search (MiniSearch) load with the first lookup or autocomplete, not with the bot.
const factSearch = () => import('../knowledge/fact-search.ts');

export const lookupCommand = defineCommand({
  name: 'lookup',
  description: 'Sourced facts on a topic (GC pauses, Tokio, binary size, case studies...)',
  examples: ['lookup gc pauses', 'lookup tokio vs goroutines', 'lookup binary size'],
  access: 'everyone',
  args: z.object({
    topic: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('Topic or keywords to look up')
      .meta({ rest: true, autocomplete: true }),
  }),
  handle: async (args, ctx) => {
    const [{ factIndexFor, searchFacts }, { lookupReply, lookupResultCount, mentionResultCount }] = await Promise.all([factSearch(), import('./lookup-reply.ts')]);
    const kb = ctx.services.knowledge;
    const index = factIndexFor(kb.facts);
    if (ctx.invocation?.mode !== 'mention') return lookupReply(index, args.topic, kb);
    const condensed = lookupReply(index, args.topic, kb, mentionResultCount);
    const more = searchFacts(index, args.topic, lookupResultCount).length > mentionResultCount;
    const command = `lookup ${neutralizeMentions(args.topic)}`;
    return more ? { ...condensed, actions: [{ kind: 'show_full', label: 'Show more facts', command }] } : condensed;
  },
  autocomplete: async (_option, partial, ctx) => {
    const { completeTopic, factIndexFor } = await factSearch();
    return completeTopic(factIndexFor(ctx.services.knowledge.facts), partial);
  },
});
