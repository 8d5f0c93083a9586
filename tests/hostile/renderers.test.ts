// Oversized and hostile Replies straight into every renderer (what a handler bug or a huge knowledge-base entry
// could produce), and the checker itself: it must catch what it claims to catch.
import { describe, expect, it } from 'vitest';
import { reply, type ReplyInput } from '../../src/core/reply.ts';
import { parseCommandText, MAX_INPUT_LENGTH } from '../../src/core/parse-text.ts';
import { commands } from '../../src/commands/index.ts';
import { discordProblems, maskedUserLinkProblems, renderAll, renderedProblems, slackProblems, terminalProblems } from './support/rendered-problems.ts';
import { hostileInputs } from './hostile-inputs.ts';

const source = (i: number) => ({ title: `Source ${i} <!channel>`, url: `https://example.com/${i}`, date: '2026-01-01' });
const big = 'word '.repeat(20_000);

const oversized: [string, ReplyInput][] = [
  ['1000 sections', { title: 'many', sections: Array.from({ length: 1000 }, (_, i) => ({ heading: `H${i}`, body: `body ${i}` })) }],
  ['a 100 KB section', { title: 'long', sections: [{ body: big }] }],
  ['a 100 KB unbroken section', { title: 'long', sections: [{ body: 'x'.repeat(100_000) }] }],
  ['a 100 KB title and summary', { title: big, summary: big }],
  ['500 sources', { title: 'sources', sources: Array.from({ length: 500 }, (_, i) => source(i)) }],
  ['200 fields of 5 KB', { title: 'fields', fields: Array.from({ length: 200 }, (_, i) => ({ label: `L${i} ${'l'.repeat(300)}`, value: 'v'.repeat(5000) })) }],
  ['100 score bars', { title: 'bars', scoreBars: Array.from({ length: 100 }, (_, i) => ({ label: `bar ${i} ${'b'.repeat(200)}`, score: i })) }],
  ['100 actions with 5 KB commands', { title: 'actions', actions: Array.from({ length: 100 }, (_, i) => ({ kind: 'share' as const, label: `Share ${i} ${'x'.repeat(100)}`, command: `ask ${'q'.repeat(5000)}` })) }],
  ['a 10 KB footer', { title: 'footer', footer: 'f'.repeat(10_000) }],
  ['an empty title', { title: '' }],
  ['markup only', { title: '**', summary: '``', sections: [{ heading: '[', body: '](' }] }],
  [
    'everything at once',
    {
      title: big,
      summary: big,
      sections: Array.from({ length: 300 }, () => ({ heading: big.slice(0, 500), body: big.slice(0, 9000) })),
      fields: Array.from({ length: 60 }, () => ({ label: 'x'.repeat(400), value: 'y'.repeat(3000) })),
      scoreBars: Array.from({ length: 30 }, (_, i) => ({ label: `s${i}`, score: i })),
      sources: Array.from({ length: 300 }, (_, i) => source(i)),
      footer: big,
      actions: Array.from({ length: 30 }, () => ({ kind: 'show_full' as const, label: 'Show', command: big })),
    },
  ],
];

describe('renderers under oversized replies', () => {
  it.each(oversized)('given %s, then every platform rendering is within limits and pings no one', (_name, input) => {
    // The terminal has no size limit and cannot ping; its safety is checked on real replies in the dispatch suites.
    expect(renderedProblems(reply(input)).filter((p) => !p.startsWith('terminal:'))).toEqual([]);
  });

  it.each(['answer', 'info', 'warning', 'error'] as const)('given every hostile input as the %s title, summary and section of a reply, then it renders safely', (tone) => {
    // Renderers must be safe even when a handler forgets to neutralize what it echoes.
    const problems = hostileInputs()
      .filter((_, i) => i % 4 === ['answer', 'info', 'warning', 'error'].indexOf(tone))
      .flatMap((input) => {
        const echoed = input.text.slice(0, MAX_INPUT_LENGTH);
        return renderedProblems(reply({ title: echoed, summary: echoed, sections: [{ heading: echoed, body: echoed }], fields: [{ label: echoed || 'x', value: echoed || 'x' }], tone }))
          // A renderer cannot tell user text from knowledge-base markup, so links here are expected: the parser's
          // clean-up keeps user text from forming them (checked by the dispatch suites).
          .filter((p) => !p.startsWith('terminal:') && !p.endsWith('user-typed masked link'))
          .map((p) => `${input.category}: ${p}`);
      });
    expect([...new Set(problems)]).toEqual([]);
  });
});

describe('the parser under hostile input', () => {
  it('given every hostile input (and each with a command word), then it returns a result and never throws', () => {
    let tried = 0;
    for (const input of hostileInputs()) {
      for (const text of [input.text, `ask ${input.text}`, `team set ${input.text}`, `help ${input.text}`]) {
        for (const mode of ['command', 'mention'] as const) {
          const parsed = parseCommandText(text, commands, { mode });
          expect(['command', 'invalid', 'unknown']).toContain(parsed.kind);
          tried += 1;
        }
      }
    }
    expect(tried).toBe(hostileInputs().length * 8);
  });
});

describe('the rendering checker', () => {
  // If these did not fail, the suites above could not fail either.
  it('given a Slack message with a live ping, too many blocks and an overlong section, then it reports each', () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }));
    const problems = slackProblems({ text: 'hi <!channel>', blocks: blocks as never });
    expect(problems).toEqual(expect.arrayContaining(['slack: live ping token', 'slack: 51 blocks', 'slack: section text 3001 chars']));
    expect(problems.some((p) => p.startsWith('slack: control sequence <!channel'))).toBe(true);
  });

  it('given a Discord message over the embed total with pings allowed, then it reports each', () => {
    const embeds = Array.from({ length: 2 }, () => ({ title: 't', description: 'd'.repeat(4000) }));
    const problems = discordProblems({ content: '<@123456789012345678>', embeds, components: [], allowed_mentions: { parse: ['everyone'] } as never });
    expect(problems).toEqual(
      expect.arrayContaining(['discord: live ping token', 'discord: allowed_mentions does not suppress pings', 'discord: embeds total 8002 chars']),
    );
  });

  it('given a reply that carries a masked link to the corpus domain, then both chat renderings are reported', () => {
    const rendered = renderAll(reply({ title: 'x', summary: 'see [the docs](https://evil.example/login)' }));
    expect(maskedUserLinkProblems(rendered)).toEqual(['slack: user-typed masked link', 'discord: user-typed masked link']);
  });

  it('given user text with link markup, then the parser clean-up keeps it from forming a link', () => {
    const parsed = parseCommandText('lookup [the docs](https://evil.example/login)', commands);
    expect(parsed.kind).toBe('command');
    const topic = parsed.kind === 'command' ? String(parsed.args.topic) : '';
    expect(maskedUserLinkProblems(renderAll(reply({ title: 'x', summary: topic })))).toEqual([]);
  });

  it('given terminal text with an escape sequence or a ping, then it reports each', () => {
    expect(terminalProblems('\x1b[2J hello')).toEqual(['terminal: control character U+001b']);
    expect(terminalProblems('hi @everyone')).toEqual(['terminal: live ping token']);
    expect(terminalProblems('line\nnext\ttab')).toEqual([]);
  });
});
