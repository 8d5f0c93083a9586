import { describe, expect, it } from 'vitest';
import { cleanUserText, containsLivePing, neutralizeMentions, truncate } from '../../src/core/safe-text.ts';
import { splitText } from '../../src/core/split-text.ts';
import { mentionInjectionCorpus } from '../fixtures/mention-injection.ts';

describe('neutralizeMentions', () => {
  it.each(mentionInjectionCorpus)('given %j then no live ping remains', (input) => {
    expect(containsLivePing(neutralizeMentions(input))).toBe(false);
  });

  it('keeps ordinary text and e-mail addresses as they are', () => {
    expect(neutralizeMentions('Rust or Go? mail me at a@b.com')).toBe('Rust or Go? mail me at a@b.com');
  });

  it('detects live pings it is given', () => {
    for (const live of ['<!channel>', '<!here>', '<@U123>', '@everyone', '<@&123>', '<!subteam^S1>']) expect(containsLivePing(live)).toBe(true);
  });
});

describe('cleanUserText', () => {
  it('removes control and bidi-override characters but keeps newlines', () => {
    expect(cleanUserText('a\u0000b\u202Ec\nd\u0007')).toBe('abc\nd');
  });
});

describe('truncate and splitText', () => {
  it('never exceeds the limit and never splits a surrogate pair', () => {
    const text = '😀'.repeat(100);
    for (const max of [1, 2, 3, 10, 99]) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('splits on line breaks within the limit and caps the number of chunks', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(30)}`).join('\n');
    const chunks = splitText(text, 200);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join('\n')).toBe(text);
    const capped = splitText(text, 200, 2);
    expect(capped).toHaveLength(2);
    expect(capped.every((c) => c.length <= 200)).toBe(true);
  });
});
