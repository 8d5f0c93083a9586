// Issue 11, item 7 (and item 6 for the condensed answer): a reason cut to fit one line shows the part of the
// sentence that speaks for its side and fits the question, cites the sources that say that part, and quotes the
// asker's clause it answers. Asserted on the reply as the terminal receives it.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/shell/render-text.ts';
import { renderBlockKit } from '../../src/adapters/slack/render-block-kit.ts';
import { advise } from '../../src/advisor/advise.ts';
import { adviceReply } from '../../src/advisor/advice-reply.ts';
import { askedClause, clausesOf, reasonPoint } from '../../src/advisor/reason-line.ts';
import { reply } from '../../src/core/reply.ts';
import { containsLivePing } from '../../src/core/safe-text.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { makeAdvice } from '../helpers/advice-fixtures.ts';

const kb = loadKnowledgeBase();
const assessment = (id: string) => kb.assessments.find((a) => a.id === id)!;
const asReason = (id: string, favours: 'rust' | 'go') => {
  const a = assessment(id);
  return { criterion: a.criterion, favours, text: a.text, sources: a.sources };
};
const terminal = (advice: ReturnType<typeof makeAdvice>) => renderText(reply(adviceReply(advice)), { color: false });

describe('reasonPoint: the part of the sentence a line shows', () => {
  const tail = assessment('tail-latency.default');

  it('the whole sentence when it fits, citing every source', () => {
    const p = reasonPoint(tail.text, tail.sources, 'rust', '', 1000);
    expect(p.text).toBe(tail.text.replace(/\s+/g, ' ').trim());
    expect(p.sources).toEqual(tail.sources);
  });

  it('for Rust, the clause about Rust, not the opening clause that makes the case for Go', () => {
    const p = reasonPoint(tail.text, tail.sources, 'rust', 'Rust or Go for a rate limiter?', 120);
    expect(p.text).toMatch(/^Rust has no collector at all/);
    expect(p.text).not.toMatch(/Go's concurrent collector/);
  });

  it('an opening clause that speaks for the side cites the first source (the one listed for it)', () => {
    const build = assessment('build-speed.default');
    const p = reasonPoint(build.text, build.sources, 'go', 'Rust or Go for a CLI?', 100);
    expect(p.text).toMatch(/^Go was designed to build large programs in seconds/);
    expect(p.sources).toEqual(build.sources.slice(0, 1));
  });

  it('a later clause cites the sources whose titles name what it says', () => {
    const conc = assessment('concurrency.default');
    const p = reasonPoint(conc.text, conc.sources, 'rust', 'Rust or Go for a job runner?', 150);
    // The Rust clause of the concurrency sentence is about Tokio: it cites the Tokio docs, not Effective Go.
    expect(p.text).toMatch(/Tokio/);
    expect(p.sources.map((s) => s.title).join(' | ')).toMatch(/Tokio/);
    expect(p.sources.map((s) => s.title).join(' | ')).not.toMatch(/Effective Go/);
  });

  it('never shows a clause that points back to the one before it on its own ("Building on that favours Rust.")', () => {
    const text = 'The team has some Rust experience and has no Go experience with this kind of long clause; building on that favours Rust, while Go would still need its learning period.';
    const p = reasonPoint(text, [], 'rust', 'Team of ex-ClickHouse engineers. Rust or Go?', 60);
    expect(p.text).not.toMatch(/^Building on that/);
    expect(p.text).toMatch(/^The team has some Rust experience/);
  });

  it('the case for Go from a sentence that opens with Rust fluency shows Go\'s remaining edge (after the colon)', () => {
    const fluent = assessment('productivity.rust-fluent');
    const p = reasonPoint(fluent.text, fluent.sources, 'go', 'Our team knows Rust well. Rust or Go for an API?', 100);
    expect(p.text).toBe("What remains of Go's productivity edge is its smaller language and faster builds.");
  });

  it('splits at clause ends, never inside a clause', () => {
    expect(clausesOf('A is fast; B is slow. C, whereas D is not — E: F.')).toEqual(['A is fast;', 'B is slow.', 'C', 'whereas D is not', 'E:', 'F.']);
  });
});

describe('askedClause: the asker’s words a reason answers', () => {
  const q = 'A metrics agent on a Raspberry Pi with 256 MB of RAM that parses untrusted input from sensors. Rust or Go?';
  it.each([
    { criterion: 'memory-efficiency' as const, text: 'Under a tight memory budget Rust needs less.', want: 'with 256 MB of RAM' },
    { criterion: 'team-fit' as const, text: 'The team knows Go well.', q: 'Our team of eight knows Go well and nobody knows Rust. Billing service in 6 weeks.', want: 'Our team of eight knows Go well' },
    { criterion: 'tail-latency' as const, text: 'Rust has no collector.', q: 'We run a trading gateway with a p99 budget of 200 microseconds.', want: 'with a p99 budget of 200 microseconds' },
  ])('$criterion -> "$want"', ({ criterion, text, want, q: question }) => {
    expect(askedClause(question ?? q, criterion, text, 60)).toBe(want);
  });

  it('a quote starts at the asker\'s point, not at the word joining it ("and the best library ...")', () => {
    expect(askedClause('we need syntax highlighting and the best library for it (sublime grammars) is a rust crate', 'ecosystem', 'The library it needs is in Rust.', 60)).toBe('the best library for it');
  });

  it('no quote when no clause names the criterion ("Rust or Go?" says nothing about build speed)', () => {
    expect(askedClause(q, 'build-speed', 'Go builds fast.', 60)).toBeUndefined();
  });

  it('"memory safety" is not a memory-efficiency clause, and a memory clause is not a safety one', () => {
    expect(askedClause('The parser must be memory safe because it reads untrusted files.', 'memory-efficiency', 'Rust uses less RAM.', 60)).toBeUndefined();
    expect(askedClause('The parser must be memory safe because it reads untrusted files.', 'safety', 'Rust is safe.', 60)).toBe('The parser must be memory safe');
    expect(askedClause('It runs with 64 MB of memory.', 'safety', 'Rust is safe.', 60)).toBeUndefined();
  });

  it('"a real product" does not name productivity', () => {
    expect(askedClause('A side project turning into a real product. Rust or Go?', 'productivity', 'Go is simple.', 60)).toBeUndefined();
    expect(askedClause('It parses files in parallel on all cores.', 'concurrency', 'Goroutines.', 60)).toBe('It parses files in parallel on all cores');
  });

  it('no quote from a negated clause, or from "compiled language" for build speed', () => {
    expect(askedClause('The agent runs on routers with no package manager.', 'ecosystem', 'Go has the libraries.', 60)).toBeUndefined();
    expect(askedClause('Which compiled language for the rewrite?', 'build-speed', 'Go builds fast.', 60)).toBeUndefined();
  });

  it('a clause longer than the room is left out, not cut', () => {
    expect(askedClause(q, 'memory-efficiency', 'memory', 10)).toBeUndefined();
  });
});

describe('the condensed answer as the terminal shows it', () => {
  it('the case for Rust shows Rust’s side of a sentence that opens with Go’s', () => {
    const advice = makeAdvice({ tradeoff: asReason('tail-latency.default', 'rust') });
    const line = terminal(advice).split('\n').find((l) => l.startsWith('Case for Rust'))!;
    expect(line).toMatch(/^Case for Rust: Rust has no collector at all/);
  });

  it('a reason quotes the clause of the question it answers, and the quote never pings', () => {
    const advice = makeAdvice({
      question: 'A metrics agent on a Raspberry Pi with 256 MB of RAM @here that parses untrusted input. Rust or Go?',
      recommendation: 'rust',
      scores: { rust: 79, go: 21 },
      reasons: [asReason('memory-efficiency.constrained', 'rust')],
    });
    const text = terminal(advice);
    const line = text.split('\n').find((l) => l.includes('memory-efficiency'))!;
    expect(line).toMatch(/^• memory-efficiency \(“with 256 MB of RAM .?@.?here”\): /);
    expect(containsLivePing(text)).toBe(false);
  });

  it('every real answer’s reason lines cite only sources of their own reason', () => {
    const q = 'We run a trading gateway with a p99 budget of 200 microseconds and a large in-memory order book. Rust or Go?';
    const a = makeAdvice({ question: q, reasons: [asReason('tail-latency.gc-sensitive', 'rust'), asReason('memory-efficiency.large-heap', 'rust')], recommendation: 'rust' });
    const r = adviceReply(a);
    const lines = r.sections![0]!.body.split('\n');
    lines.forEach((line, i) => {
      const own = new Set(a.reasons[i]!.sources.map((s) => s.url));
      for (const m of line.matchAll(/\[(\d+)\]/g)) expect(own.has(r.sources![Number(m[1]) - 1]!.url), line).toBe(true);
    });
  });
});

describe('a real answer as Slack receives it', () => {
  it('the Raspberry Pi agent: the memory reason quotes the RAM budget and says the constrained-memory evidence', () => {
    const a = advise('A metrics agent on a Raspberry Pi with 256 MB of RAM that parses untrusted input from sensors. Rust or Go?', undefined, kb);
    const blocks = JSON.stringify(renderBlockKit(reply(adviceReply(a))));
    expect(blocks).toContain('memory-efficiency* (“with 256 MB of RAM”): Under a tight memory budget');
    // The line cites the constrained-memory evidence's first source, which the reply lists once.
    expect(blocks.split('A Guide to the Go Garbage').length - 1).toBe(1);
    expect(containsLivePing(blocks)).toBe(false);
  });
});
