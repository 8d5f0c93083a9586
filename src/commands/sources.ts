// `/rustvsgo sources`: where the knowledge comes from, how much of it there is, and when it was reviewed.
import { z } from 'zod';
import { defineCommand } from '../core/command-spec.ts';
import type { ReplyInput } from '../core/reply.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { Source } from '../knowledge/source.ts';

/**
 * Every cited source once. The data files give one URL one date (tests/knowledge/source-dates.test.ts), so
 * keeping the first occurrence loses nothing.
 */
export function allSources(kb: KnowledgeBase): Source[] {
  const all = [
    ...kb.assessments.flatMap((a) => a.sources),
    ...kb.workloads.flatMap((w) => w.precedents.flatMap((p) => p.sources)),
    ...kb.facts.flatMap((f) => f.sources),
  ];
  return [...new Map(all.map((s) => [s.url, s])).values()];
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

export function sourcesReply(kb: KnowledgeBase): ReplyInput {
  const sources = allSources(kb);
  const byHost = new Map<string, number>();
  for (const s of sources) byHost.set(hostOf(s.url), (byHost.get(hostOf(s.url)) ?? 0) + 1);
  const hosts = [...byHost.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    title: 'Where the answers come from',
    summary: kb.meta.provenance,
    fields: [
      { label: 'Version', value: kb.meta.version, inline: true },
      { label: 'Last reviewed', value: kb.meta.last_reviewed, inline: true },
      { label: 'Criteria', value: String(kb.criteria.length), inline: true },
      { label: 'Assessments', value: String(kb.assessments.length), inline: true },
      { label: 'Workload profiles', value: String(kb.workloads.length), inline: true },
      { label: 'Facts', value: String(kb.facts.length), inline: true },
    ],
    sections: [
      { heading: `Primary sources by site (${sources.length} distinct)`, body: hosts.slice(0, 15).map(([h, n]) => `• ${h}: ${n}`).join('\n') },
      {
        // Articles show their publication date; living pages what they were checked against and when.
        heading: 'Every source with its date',
        body: [...sources]
          .sort((a, b) => hostOf(a.url).localeCompare(hostOf(b.url)) || a.title.localeCompare(b.title))
          .map((s) => `• [${s.title}](${s.url}) (${s.label})`)
          .join('\n'),
      },
    ],
    footer: `Knowledge base v${kb.meta.version}, reviewed ${kb.meta.last_reviewed}`,
    tone: 'info',
    data: { version: kb.meta.version, last_reviewed: kb.meta.last_reviewed, provenance: kb.meta.provenance, sources },
  };
}

export const sourcesCommand = defineCommand({
  name: 'sources',
  description: 'Where the knowledge comes from, and its review date',
  examples: ['sources'],
  access: 'everyone',
  args: z.object({}),
  handle: (_args, ctx) => sourcesReply(ctx.services.knowledge),
});
