// The inspiring article's wrong claims (../shared/knowledge/facts.md, Part B) must never appear in the facts.
// Each pattern is first shown to catch the wrong claim itself, so a pass means "absent", not "pattern broken".
import { describe, expect, it } from 'vitest';
import { shippedFacts } from './facts-data.ts';

interface WrongClaim {
  claim: string;
  pattern: RegExp;
  /** Phrasings of the wrong claim the pattern must catch. */
  examples: string[];
}

// Sentence-scoped: [^.]*? may not cross a full stop, except the ones inside version numbers like 1.10.0.
const s = String.raw`(?:[^.]|\.\d)*?`;

const wrongClaims: WrongClaim[] = [
  {
    claim: 'Rust 1.72 stabilized async runtime interoperability',
    pattern: new RegExp(String.raw`rust 1\.72${s}(async|runtime[- ]interop|interoperab)`, 'i'),
    examples: [
      'Rust 1.72 stabilized enhancements in async runtime interoperability.',
      'Since Rust 1.72.0, async runtimes interoperate.',
    ],
  },
  {
    claim: 'Go 1.22 cut GC pause times by up to 40% (incremental scheduling)',
    pattern: new RegExp(String.raw`go 1\.22${s}(40\s?%|incremental|(reduc|cut|lower|shorten)\w*${s}pause)`, 'i'),
    examples: [
      'Go 1.22 improved its GC with incremental scheduling, reducing pause times by up to 40%.',
      'Go 1.22 cut GC pauses substantially.',
    ],
  },
  {
    claim: 'Green Tea / a Go release reduces pause times by 10-40%',
    pattern: new RegExp(String.raw`40\s?%${s}pause|pause${s}40\s?%`, 'i'),
    examples: ['Green Tea reduces pause times by 10-40%.', 'GC pauses dropped 40% with Green Tea.'],
  },
  {
    claim: 'Tokio 1.10 brought improved task scheduling',
    pattern: new RegExp(String.raw`tokio (v)?1\.10${s}schedul`, 'i'),
    examples: ['Tokio 1.10 with improved task scheduling.', 'Tokio v1.10.0 shipped a faster scheduler.'],
  },
  {
    claim: 'CNCF survey: ~35% of backend developers use Go, ~20% Rust',
    pattern: new RegExp(String.raw`cncf${s}\d+\s?%|35\s?%${s}\bgo\b|\bgo\b${s}35\s?%|20\s?%${s}\brust\b(?!${s}tokio)`, 'i'),
    examples: [
      'A CNCF survey found about 35% of backend developers use Go and 20% use Rust.',
      'Around 35% of backend developers use Go.',
    ],
  },
  {
    claim: 'Go GC pauses are typically in the low milliseconds',
    pattern: new RegExp(String.raw`(gc|garbage[- ]collect\w*)${s}pause${s}(milliseconds?|\d+\s?ms\b)`, 'i'),
    examples: [
      'Go GC pauses are typically in the low milliseconds range.',
      "Go's garbage collector pauses for a few milliseconds.",
    ],
  },
  {
    claim: "Rust's static linking produces compact binaries; Go binaries tend to be larger",
    pattern: new RegExp(
      String.raw`static(ally)?[- ]link\w*${s}(compact|small|tiny)|(compact|small|tiny)${s}because${s}static|go binaries (tend to be|are) (larger|bigger)`,
      'i',
    ),
    examples: [
      "Rust's static linking produces compact binaries.",
      'Go binaries tend to be larger.',
      'Rust binaries are small because they are statically linked.',
    ],
  },
  {
    claim: 'Tide is a popular Rust framework',
    pattern: new RegExp(String.raw`tide${s}(popular|widely used|recommended|actively maintained)`, 'i'),
    examples: ['Tide is a popular Rust framework.', 'Tide, a widely used web framework.'],
  },
];

describe('wrong-claim patterns', () => {
  it.each(wrongClaims.flatMap((c) => c.examples.map((example) => [c.claim, example] as const)))(
    'given the wrong claim "%s" then its pattern catches "%s"',
    (claim, example) => {
      const entry = wrongClaims.find((c) => c.claim === claim);
      expect(entry?.pattern.test(example)).toBe(true);
    },
  );
});

describe('facts.yaml', () => {
  const facts = shippedFacts();
  it.each(wrongClaims.map((c) => [c.claim, c] as const))('given every fact then none states "%s"', (_claim, { pattern }) => {
    const offenders = facts.filter((fact) =>
      [fact.topic, fact.text, fact.tags.join(' '), ...fact.sources.map((src) => src.title)].some((field) =>
        pattern.test(field.replace(/\s+/g, ' ')),
      ),
    );
    expect(offenders.map((f) => f.id)).toEqual([]);
  });
});
