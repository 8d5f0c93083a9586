// The short form of a Reply for thread lookups: the gist and its sources, with a button for the full answer.
import type { Reply } from './reply.ts';

export function condenseReply(full: Reply, fullCommand: string): Reply {
  const firstSection = full.sections[0];
  return {
    ...full,
    sections: firstSection ? [firstSection] : [],
    fields: full.fields.slice(0, 3),
    sources: full.sources.slice(0, 3),
    actions: full.sections.length > 1 || full.sources.length > 3 ? [{ kind: 'show_full', label: 'Show full answer', command: fullCommand }] : [],
    visibility: 'in_channel',
  };
}
