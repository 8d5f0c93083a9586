// `/rustvsgo compare <criterion>`: Rust and Go side by side on one criterion, in each context that changes it.
import { z } from 'zod';
import { defineCommand } from '../core/command-spec.ts';
import type { ReplyInput } from '../core/reply.ts';
import type { CriterionId } from '../knowledge/criterion.ts';
import { criterionArgSchema } from '../knowledge/criterion-aliases.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

function compareReply(kb: KnowledgeBase, criterion: CriterionId): ReplyInput {
  const info = kb.criteria.find((c) => c.id === criterion)!;
  // Default first, then the contexts that change the verdict, in file order.
  const assessments = kb.assessments.filter((a) => a.criterion === criterion).sort((a, b) => a.when.length - b.when.length);
  const sources = new Map(assessments.flatMap((a) => a.sources).map((s) => [s.url, s]));
  return {
    title: `Rust vs Go: ${info.name} (${criterion})`,
    summary: info.description,
    sections: assessments.map((a) => ({
      heading: a.when.length === 0 ? 'In general' : `When: ${a.when.join(' + ')}`,
      body: [`Rust ${a.rust}/10 · Go ${a.go}/10`, a.text, ...a.sources.map((s) => `• [${s.title}](${s.url}) (${s.label})`)].join('\n'),
    })),
    sources: [...sources.values()],
    footer: `Knowledge base v${kb.meta.version}, reviewed ${kb.meta.last_reviewed}`,
    tone: 'answer',
    data: { criterion, name: info.name, description: info.description, assessments },
  };
}

export const compareCommand = defineCommand({
  name: 'compare',
  description: 'Rust and Go side by side on one criterion, with sources',
  examples: ['compare tail-latency', 'compare build-speed', 'compare interop', 'compare latency'],
  access: 'everyone',
  args: z.object({
    // Synonyms are accepted ("latency" is tail-latency, "compile times" build-speed); the rest of the text is one value.
    criterion: criterionArgSchema.describe('Criterion to compare (an id such as tail-latency, or a word like latency)').meta({ rest: true }),
  }),
  handle: (args, ctx) => compareReply(ctx.services.knowledge, args.criterion),
});
