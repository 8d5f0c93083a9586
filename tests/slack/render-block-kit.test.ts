// The Block Kit renderer: neutral markup becomes mrkdwn safely, every part of a Reply is shown, and oversized
// replies are split or trimmed within Block Kit's limits instead of being rejected.
import { describe, expect, it } from 'vitest';
import { escapeSlackText, toMrkdwn, toPlainText, unescapeSlackText } from '../../src/adapters/slack/mrkdwn.ts';
import { renderBlockKit } from '../../src/adapters/slack/render-block-kit.ts';
import { reply, type ReplyInput } from '../../src/core/reply.ts';
import { blockKitViolations } from './support/block-kit-limits.ts';

const source = (i: number) => ({ title: `Source number ${i}`, url: `https://example.org/articles/${i}?a=1&b=2`, date: '2026-11-01' });
const render = (input: ReplyInput) => renderBlockKit(reply(input), { kbVersion: '1.0.0' });
const allText = (m: ReturnType<typeof render>) => JSON.stringify(m.blocks);

describe('toMrkdwn', () => {
  it.each([
    ['**bold** text', '*bold* text'],
    ['see [Go 1.24 release notes](https://go.dev/doc/go1.24)', 'see <https://go.dev/doc/go1.24|Go 1.24 release notes>'],
    ['`code **not bold**` and **bold**', '`code **not bold**` and *bold*'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['[a|b](https://example.org/x)', '<https://example.org/x|a¦b>'],
    ['[l](https://example.org/x|y)', '[l](https://example.org/x|y)'],
    ['<!channel> and <@U123ABC>', '‹!channel› and ‹@U123ABC›'],
  ])('%s -> %s', (input, expected) => {
    expect(toMrkdwn(input)).toBe(expected);
  });

  it('escapes before linking, so a link label cannot carry a control token', () => {
    expect(toMrkdwn('[<!here>](https://example.org)')).toBe('<https://example.org|‹!here›>');
    expect(toMrkdwn('[&lt;!here&gt;](https://example.org)')).toBe('<https://example.org|&amp;lt;!here&amp;gt;>');
  });

  it('plain text drops markup and stays inert', () => {
    expect(toPlainText('**Rust** or [Go](https://go.dev) `now` <!everyone>')).toBe('Rust or Go now ‹!everyone›');
  });

  it('escape and unescape are inverse for Slack’s three entities', () => {
    const text = 'a & b < c > d &amp;';
    expect(unescapeSlackText(escapeSlackText(text))).toBe(text);
  });
});

describe('renderBlockKit', () => {
  it('shows header, summary, score bars, sections, fields, linked sources, footer with KB version and buttons', () => {
    const message = render({
      title: 'Go for this edge gateway',
      summary: 'Go wins on **delivery speed**.',
      scoreBars: [
        { label: 'Rust', score: 64 },
        { label: 'Go', score: 78 },
      ],
      sections: [{ heading: 'Why', body: '• Tail latency: see [GC guide](https://go.dev/doc/gc-guide)' }],
      fields: [{ label: 'Team', value: 'Go: strong' }],
      sources: [source(1)],
      footer: 'Answers are advice, not a verdict.',
      actions: [{ kind: 'share', label: 'Share in channel', command: 'Rust or Go for an edge gateway?' }],
      tone: 'answer',
    });
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Go for this edge gateway', emoji: true } });
    const json = allText(message);
    expect(json).toContain('Go wins on *delivery speed*.');
    expect(json).toContain('█');
    expect(json).toContain('*Why*\\n• Tail latency: see <https://go.dev/doc/gc-guide|GC guide>');
    expect(json).toContain('1. <https://example.org/articles/1?a=1&amp;b=2|Source number 1> (2026-11-01)');
    expect(json).toContain('knowledge base v1.0.0');
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ action_id: 'rustvsgo_share_0', value: 'Rust or Go for an edge gateway?' }] });
    expect(message.text).toBe('Go for this edge gateway: Go wins on *delivery speed*.');
    expect(blockKitViolations(message)).toEqual([]);
  });

  it('does not repeat the KB version when the footer already names it', () => {
    const json = allText(render({ title: 't', footer: 'Knowledge base v1.0.0, reviewed 2026-11-27' }));
    expect(json.match(/1\.0\.0/g)).toHaveLength(1);
  });

  it('marks warnings and errors in the header', () => {
    expect(allText(render({ title: 'Careful', tone: 'warning' }))).toContain('⚠️ Careful');
    expect(allText(render({ title: 'Broken', tone: 'error' }))).toContain('❌ Broken');
  });

  const oversized: [string, ReplyInput][] = [
    ['1000 sections', { title: 'Many sections', sections: Array.from({ length: 1000 }, (_, i) => ({ heading: `Part ${i}`, body: `Body of part ${i}. `.repeat(20) })) }],
    ['100 KB of summary', { title: 'Long', summary: 'word '.repeat(20_000) }],
    ['100 KB without spaces', { title: 'Dense', sections: [{ body: 'x'.repeat(100_000) }] }],
    ['500 sources', { title: 'Sourced', sources: Array.from({ length: 500 }, (_, i) => source(i)) }],
    ['60 fields of 5000 characters', { title: 'Fields', fields: Array.from({ length: 60 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(5000) })) }],
    ['a 1000-character title', { title: 'T'.repeat(1000) }],
    ['30 buttons with 5000-character commands', { title: 'Buttons', actions: Array.from({ length: 30 }, () => ({ kind: 'share' as const, label: 'L'.repeat(200), command: 'c'.repeat(5000) })) }],
    ['escaping-heavy text (every character grows)', { title: '&', summary: '&<>'.repeat(10_000), footer: '&'.repeat(5000) }],
  ];

  it.each(oversized)('keeps %s within Block Kit limits', (_name, input) => {
    const message = render(input);
    expect(blockKitViolations(message)).toEqual([]);
    expect(message.blocks[0]?.type).toBe('header');
  });

  it('says when it trimmed, and keeps the footer and buttons', () => {
    const message = render({
      title: 'Many sections',
      sections: Array.from({ length: 1000 }, (_, i) => ({ body: `Section ${i}` })),
      footer: 'the footer',
      actions: [{ kind: 'share', label: 'Share in channel', command: 'x' }],
    });
    const json = allText(message);
    expect(json).toContain('Trimmed to fit');
    expect(json).toContain('the footer');
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('splits a long section across several sections rather than cutting it at 3000', () => {
    const body = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const message = render({ title: 't', sections: [{ body }] });
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    expect(allText(message)).toContain('line 199');
  });

  it('shows sources as a context block, each source once (issue 17)', () => {
    const twice = { ...source(1) };
    const message = renderBlockKit(reply({ title: 'Sourced', sections: [{ body: 'Text' }], sources: [source(1), source(2), twice] }));
    const contexts = message.blocks.filter((b) => b.type === 'context' && JSON.stringify(b).includes('*Sources*'));
    expect(contexts).toHaveLength(1);
    const text = JSON.stringify(contexts[0]);
    expect(text.match(/articles\/1\?/g)).toHaveLength(1);
    expect(text).toContain('2. <https://example.org/articles/2');
    expect(message.blocks.some((b) => b.type === 'section' && JSON.stringify(b).includes('*Sources*'))).toBe(false);
  });
});
