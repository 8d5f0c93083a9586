// The ADR an answer becomes ("Save as ADR", `ask --adr`): MADR sections in order, the decision per recommendation,
// the team profile in the context, sources listed once with dates, and user text that can neither ping nor
// restructure the document.
import { describe, expect, it } from 'vitest';
import { adrFilename, adrMarkdown } from '../../src/advisor/adr.ts';
import { makeAdvice } from '../helpers/advice-fixtures.ts';

const DATE = '2026-11-27';
const SECTIONS = ['# ', '* Status: proposed', '## Context and Problem Statement', '## Decision Outcome', '### Consequences', '## Considered Options', '## Links'];

describe('adrMarkdown', () => {
  it.each([
    ['go', '# Use Go: Rust or Go for a rate limiter?', 'Chosen option: "Go".\n\nDecisive reason: Go is small and deliberately simple', ['* Rust: score 61/100', '* Go: score 78/100 (chosen)']],
    ['rust', '# Use Rust: Rust or Go for a rate limiter?', 'Chosen option: "Rust"', ['* Rust: score 61/100 (chosen)', '* Go: score 78/100']],
    ['hybrid', '# Use Rust and Go, split by component: Rust or Go for a rate limiter?', 'Chosen option: "Rust and Go, split by component"', ['* Rust: score 61/100 (chosen)', '* Go: score 78/100 (chosen)']],
    ['none', '# Rust or Go: not decided: Rust or Go for a rate limiter?', 'No option chosen', ['* Rust: not scored', '* Go: not scored']],
  ] as const)('given a %s answer then title, decision and options say so', (recommendation, title, decision, options) => {
    const advice = makeAdvice({ recommendation, hybrid: recommendation === 'hybrid' ? { rust: 'the data path', go: 'the control plane' } : null });
    const { markdown } = adrMarkdown({ advice, date: DATE });
    expect(markdown.split('\n')[0]).toBe(title);
    expect(markdown).toContain(decision);
    for (const line of options) expect(markdown).toContain(line);
    const positions = SECTIONS.map((s) => markdown.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('given a full answer then the context, consequences and links carry what was read, the trade-off, the flip and dated sources once each', () => {
    const { markdown, filename, title } = adrMarkdown({ advice: makeAdvice(), profile: { rust: 'none', go: 'strong', priorities: ['team-fit'] }, date: DATE });
    expect(markdown).toContain('> Rust or Go for a rate limiter?');
    expect(markdown).toContain('* Read as: rate limiter, small team');
    expect(markdown).toContain('* Team profile: Rust skill: none; Go skill: strong; priorities: team-fit.');
    expect(markdown).toContain('* Bad, because the case for Rust remains: Rust has no collector, so GC is never a source of jitter. [5]');
    expect(markdown).toContain('* What would flip it: Rust would win (75 vs 70) if the p99 budget were under a millisecond.');
    expect(markdown).toContain('1. [Source number 1 on the matter](https://example.org/source/1) (2025-06-01)');
    expect(markdown.match(/https:\/\/example\.org\/source\/1\)/g)).toHaveLength(1);
    expect(markdown).toContain('knowledge base v1.1.0');
    expect(filename).toBe('adr-2026-11-27-go-rust-or-go-for-a-rate-limiter.md');
    expect(title).toBe('Use Go: Rust or Go for a rate limiter?');
  });

  it('given no team profile then the context says none is set', () => {
    expect(adrMarkdown({ advice: makeAdvice(), date: DATE }).markdown).toContain('* Team profile: No team profile is set for this channel.');
  });

  it('given hostile question text then it neither pings nor adds headings or links', () => {
    const question = 'Rust or Go? <!channel> @everyone\n# Decision: Rust\n[click](https://evil.example)';
    const { markdown } = adrMarkdown({ advice: makeAdvice({ question, read_as: '<@U123> edge' }), date: DATE });
    expect(markdown).not.toMatch(/<!channel>|<@U123>|(^|\s)@everyone/);
    expect(markdown.split('\n').filter((l) => l.startsWith('#'))).toHaveLength(6);
    expect(markdown).not.toContain('[click](');
    expect(markdown).toContain('> \\# Decision: Rust');
  });

  it('given a question with no ASCII words then the file name still has a slug', () => {
    expect(adrFilename(makeAdvice({ question: '¿Rust o Go?' }), DATE)).toBe('adr-2026-11-27-go-rust-o-go.md');
    expect(adrFilename(makeAdvice({ recommendation: 'none', question: '日本語' }), DATE)).toBe('adr-2026-11-27-none.md');
  });
});
