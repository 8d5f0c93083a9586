// Reply -> embeds always lands within Discord's limits, however large the reply, and keeps what matters.
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { cutText, discordLimits, embedLength, renderEmbeds } from '../../src/adapters/discord/render-embeds.ts';
import { reply, type ReplyInput } from '../../src/core/reply.ts';

function expectWithinLimits(embeds: APIEmbed[]) {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(discordLimits.embeds);
  expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(discordLimits.embedTotal);
  for (const e of embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(discordLimits.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(discordLimits.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(discordLimits.footer);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(discordLimits.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(discordLimits.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
    }
  }
}

const source = (i: number) => ({ title: `Source number ${i}`, url: `https://example.org/articles/${i}`, date: '2026-01-15' });

describe('an ordinary answer', () => {
  const embeds = renderEmbeds(
    reply({
      title: 'Rust or Go for an edge gateway: **Rust**',
      summary: 'Rust, by a clear margin on tail latency.',
      scoreBars: [
        { label: 'Rust', score: 78 },
        { label: 'Go', score: 61 },
      ],
      sections: [{ heading: 'Why', body: '• Reason one [link](https://example.org)\n• Reason two' }],
      fields: [{ label: 'Team fit', value: 'Go skills: strong' }],
      sources: [source(1), source(2)],
      footer: 'Knowledge base 2026-11',
      tone: 'answer',
    }),
  ).embeds;

  it('puts the answer in one embed and the sources in a second, footer last', () => {
    expect(embeds).toHaveLength(2);
    expect(embeds[0]!.title).toBe('Rust or Go for an edge gateway: **Rust**');
    expect(embeds[0]!.description).toContain('Rust, by a clear margin');
    expect(embeds[0]!.description).toMatch(/```\nRust {2}█+░* 78\nGo {4}█+░* 61\n```/);
    expect(embeds[0]!.description).toContain('**Why**\n• Reason one [link](https://example.org)');
    expect(embeds[0]!.fields).toEqual([{ name: 'Team fit', value: 'Go skills: strong', inline: true }]);
    expect(embeds[1]).toMatchObject({ title: 'Sources', description: '1. [Source number 1](https://example.org/articles/1) (2026-01-15)\n2. [Source number 2](https://example.org/articles/2) (2026-01-15)' });
    expect(embeds[1]!.footer).toEqual({ text: 'Knowledge base 2026-11' });
  });

  it('keeps titles free of link markup (titles do not render links)', () => {
    const [first] = renderEmbeds(reply({ title: 'See [the doc](https://example.org)' })).embeds;
    expect(first!.title).toBe('See the doc');
  });
});

describe('oversized replies are trimmed or split, never rejected', () => {
  const huge: [string, ReplyInput][] = [
    ['a very long title and footer', { title: 'T'.repeat(1000), footer: 'F'.repeat(5000) }],
    ['one 5000-character section', { title: 't', sections: [{ body: 'word '.repeat(1000) }] }],
    ['200 sections of 500 characters', { title: 't', sections: Array.from({ length: 200 }, (_v, i) => ({ heading: `H${i}`, body: 'x'.repeat(500) })) }],
    ['40 fields of 2000 characters with 400-character labels', { title: 't', fields: Array.from({ length: 40 }, () => ({ label: 'L'.repeat(400), value: 'v'.repeat(2000) })) }],
    ['60 sources', { title: 't', sources: Array.from({ length: 60 }, (_v, i) => source(i)) }],
    [
      'everything at once',
      {
        title: 'T'.repeat(300),
        summary: 's'.repeat(5000),
        scoreBars: Array.from({ length: 50 }, (_v, i) => ({ label: `criterion-${i}`, score: i * 2 })),
        sections: Array.from({ length: 30 }, () => ({ heading: 'h'.repeat(300), body: 'line\n'.repeat(400) })),
        fields: Array.from({ length: 30 }, () => ({ label: 'l', value: 'v'.repeat(1500) })),
        sources: Array.from({ length: 40 }, (_v, i) => source(i)),
        footer: 'f'.repeat(3000),
      },
    ],
    ['empty strings everywhere', { title: '', summary: '', sections: [{ body: '' }], fields: [{ label: '', value: '' }] }],
  ];

  it.each(huge)('%s', (_name, input) => {
    expectWithinLimits(renderEmbeds(reply(input)).embeds);
  });

  it('splits a long description across embeds rather than dropping it', () => {
    const text = Array.from({ length: 100 }, (_v, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    const embeds = renderEmbeds(reply({ title: 't', sections: [{ body: text }] })).embeds;
    expect(embeds.length).toBe(2);
    expect(embeds.map((e) => e.description).join('\n')).toBe(text);
  });

  it('keeps the first sources and says how many more there were', () => {
    const embeds = renderEmbeds(reply({ title: 't', sections: [{ body: 'y'.repeat(9000) }], sources: Array.from({ length: 60 }, (_v, i) => source(i)) })).embeds;
    const sources = embeds.find((e) => e.title === 'Sources')!;
    expect(sources.description).toMatch(/^1\. \[Source number 0\]/);
    expect(sources.description).toMatch(/… and \d+ more$/);
  });

  it('marks the cut with an ellipsis and closes a code fence it cut open', () => {
    const cut = cutText('intro\n```\n' + 'code line\n'.repeat(100) + '```', 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toMatch(/…\n```$/);
  });
});
