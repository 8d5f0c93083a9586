// Issue 11, item 6: which reasons an answer gives, and in what order. A table of situations in, criteria out
// (reasonsFor over a scored scene), then whole answers: every non-"none" answer has reasons, what the asker
// stated leads, and the team reason says only what the question said.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advise } from '../../src/advisor/advise.ts';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { reasonsFor } from '../../src/advisor/explain.ts';
import { scoreScene, type Scene } from '../../src/advisor/score.ts';
import type { CriterionId } from '../../src/knowledge/criterion.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const kb = loadKnowledgeBase();
const compiled = compileKb(kb);
const ask = (q: string) => advise(q, undefined, kb);

const scene = (s: Partial<Scene>): Scene => ({ workloads: [], constraints: [], team: {}, priorities: [], ...s });
const stated = (...ids: string[]) => ids.map((id) => ({ id, negated: false }));
const criteriaFor = (s: Scene, side: 'rust' | 'go', min = 2) => reasonsFor(compiled, scoreScene(compiled, s), side, s.team, { limit: 4, min }).map((r) => r.criterion);

describe('reason choice: situation in, criteria out', () => {
  const table: { name: string; scene: Scene; side: 'rust' | 'go'; first?: CriterionId; includes?: CriterionId[]; excludes?: CriterionId[] }[] = [
    // The three answers that had no reasons: a stated constraint pulling the other way left nothing "on point".
    { name: 'only a Go-leaning constraint read, Rust answer: the Rust side still gives its deciding criteria', scene: scene({ constraints: stated('concurrency-heavy') }), side: 'rust', includes: ['memory-efficiency', 'performance'], excludes: ['interop'] },
    { name: 'nothing read at all: the generic trade-off, never interop (weighed below the default)', scene: scene({}), side: 'rust', excludes: ['interop'] },
    { name: 'a memory budget stated for an agent: memory first', scene: scene({ workloads: ['observability-agent'], constraints: stated('memory-tight') }), side: 'rust', first: 'memory-efficiency' },
    { name: 'untrusted input stated: safety first, before what the workload weighs', scene: scene({ workloads: ['crud-api'], constraints: stated('untrusted-input') }), side: 'rust', first: 'safety' },
    { name: 'a deadline stated: productivity first for Go', scene: scene({ workloads: ['crud-api'], constraints: stated('deadline') }), side: 'go', first: 'productivity' },
    { name: 'the team stated: team fit leads the side it favours', scene: scene({ workloads: ['crud-api'], team: { rust: 'strong', go: 'none' } }), side: 'rust', first: 'team-fit' },
    { name: 'a negated constraint states nothing: "latency does not matter" does not put tail latency first', scene: scene({ workloads: ['crud-api'], constraints: [{ id: 'latency-strict', negated: true }] }), side: 'rust', excludes: ['tail-latency'] },
  ];
  it.each(table)('$name', ({ scene: s, side, first, includes = [], excludes = [] }) => {
    const got = criteriaFor(s, side);
    expect(got.length, JSON.stringify(got)).toBeGreaterThan(0);
    if (first) expect(got[0]).toBe(first);
    for (const c of includes) expect(got).toContain(c);
    for (const c of excludes) expect(got).not.toContain(c);
  });

  it('without a minimum, a criterion the question does not touch never speaks (no filler for the trade-off line)', () => {
    expect(criteriaFor(scene({ workloads: ['crud-api'] }), 'rust', 0)).not.toContain('interop');
  });
});

describe('every answer that recommends something says why', () => {
  const questions = ['eval-cases.jsonl', 'holdout-cases.jsonl', 'decisions.jsonl', 'probes.jsonl']
    .flatMap((f) => readFileSync(new URL(`../fixtures/${f}`, import.meta.url), 'utf8').split('\n'))
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { question: string }).question);

  it.each([
    'new L1 blockchain whose whole pitch is throughput: parallel transaction execution across all cores, GPU sig verify, pipelined networking, no GC hiccups in the leader slot. validator language?',
    'Rewriting a monorepo build system for a huge multi-language codebase. Core has to hold giant dependency graphs in memory and run thousands of actions in parallel, remote execution first. We considered Java (the old one), Haskell and Go for the core. What would you pick?',
    'our L2 rollup nodes pair a Go consensus/rollup client with a Go execution client (a geth fork). archive disk grows about 500 GB a week. there is a Rust execution client that supports our stack. what should we run for each half of the node?',
  ])('answers that had "top reasons []" give at least two reasons for their side: %s', (q) => {
    const a = ask(q);
    expect(a.recommendation).not.toBe('none');
    const side = a.recommendation === 'hybrid' ? undefined : a.recommendation;
    const mine = a.reasons.filter((r) => side === undefined || r.favours === side);
    expect(mine.length).toBeGreaterThanOrEqual(2);
  });

  it(`across every labelled question (${questions.length}), a recommendation never comes without a reason`, () => {
    const empty = questions.filter((q) => {
      const a = ask(q);
      return a.recommendation !== 'none' && a.reasons.length === 0;
    });
    expect(empty).toEqual([]);
  });
});

describe('what the asker stated leads the answer', () => {
  it('a kernel driver where the asker stresses safety: after the rule, the safety reason (not generic memory or ecosystem)', () => {
    const a = ask('writing a brand new linux kernel DRM driver for a GPU whose firmware interface is a huge mess of unsafe shared-memory structures and pointer chains; firmware crashes are fatal. which language for the kernel driver?');
    expect(a.recommendation).toBe('rust');
    expect(a.reasons[0]!.text).toMatch(/kernel/i);
    expect(a.reasons[1]!.criterion).toBe('safety');
  });

  it('a Raspberry Pi agent with a RAM budget and untrusted input: memory and safety are the first two reasons', () => {
    const a = ask('A metrics agent on a Raspberry Pi with 256 MB of RAM that parses untrusted input from sensors. Rust or Go?');
    expect(a.reasons.slice(0, 2).map((r) => r.criterion).sort()).toEqual(['memory-efficiency', 'safety']);
  });
});

describe('the team reason says what the question said, no more', () => {
  it('existing Rust code, team not described: the reason speaks of the code, not of a team that "knows Rust well"', () => {
    const a = ask('We have an existing Rust codebase for our storage engine and need a new compaction module that links into it. Rust or Go?');
    const team = a.reasons.find((r) => r.criterion === 'team-fit')!;
    expect(team.text).toMatch(/^The existing code is in Rust; building on that favours Rust/);
    expect(team.text).not.toMatch(/knows Rust/);
    expect(team.text).not.toMatch(/learning curve/);
  });

  it('a C++ team: the reason says "C/C++ background", not "some Rust experience" the asker never claimed', () => {
    const a = ask('Rust or Go (or C++) for a new cloud-native streaming SQL database built by senior C++ engineers?');
    const team = a.reasons.find((r) => r.criterion === 'team-fit')!;
    expect(team.text).toMatch(/^The team has a C\/C\+\+ background/);
    expect(team.text).not.toMatch(/Rust experience/);
  });

  it('ten Rust engineers, no Go: the reason leads with what decided it and claims no code to rewrite', () => {
    const a = ask('Our team is ten senior Rust engineers with no Go experience. We need a REST API for internal tools. Rust or Go?');
    const team = a.reasons.find((r) => r.criterion === 'team-fit')!;
    expect(team.text).toBe('The team knows Rust well and has no Go experience; building on that favours Rust, while Go would still need its (short) learning period.');
  });

  it('a team that says what it knows is described in those words', () => {
    const a = ask('Our team of eight knows Go well and nobody knows Rust. We need a billing service in 6 weeks. Rust or Go?');
    expect(a.reasons.find((r) => r.criterion === 'team-fit')!.text).toMatch(/^The team knows Go well and has no Rust experience/);
  });
});

describe('a split along a library leads with the library', () => {
  it.each([
    ['backend is go, every service is go. we need server side syntax highlighting and the best library for it is a rust crate, nothing comparable in go. do we port it?', 'rust'],
    ['The desktop client is Rust, but the mature tunnel implementation is in Go. What language for the daemon?', 'go'],
  ] as const)('%s', (q, lib) => {
    const a = ask(q);
    expect(a.recommendation).toBe('hybrid');
    const first = a.reasons[0]!;
    expect(first).toMatchObject({ criterion: 'ecosystem', favours: lib });
    expect(first.text).toMatch(new RegExp(`the library it needs is in ${lib === 'rust' ? 'Rust' : 'Go'}, as the question says`));
    expect(first.sources.map((s) => s.url)).toContain('https://pkg.go.dev/cmd/cgo');
  });
});

describe('a split names its parts in the asker’s words and casing, without the preamble', () => {
  it('"we need a high-throughput edge proxy and its control plane ... Which language for which piece?"', () => {
    const a = ask('We need a high-throughput edge proxy and its control plane that talks to Kubernetes. Which language for which piece?');
    expect(a.recommendation).toBe('hybrid');
    expect(a.hybrid).toEqual({ rust: 'a high-throughput edge proxy', go: 'control plane that talks to Kubernetes' });
    for (const r of a.reasons) expect(r.text).toMatch(/^For (a high-throughput edge proxy|control plane that talks to Kubernetes): [A-Z]/);
  });
});

describe('a need for compiler-enforced invariants is argued with evidence about types, not memory safety', () => {
  it('the Rust side cites exhaustive matching (E0004), never the data-race evidence', () => {
    const a = ask('Backend for a conversational app; we care about the compiler catching missing cases and strong invariants enforced by the type system. Rust or Go?');
    const all = [...a.reasons, ...(a.tradeoff ? [a.tradeoff] : [])].flatMap((r) => ('sources' in r ? r.sources : []));
    const urls = all.map((s) => s.url);
    expect(urls).toContain('https://doc.rust-lang.org/error_codes/E0004.html');
    expect(urls).not.toContain('https://doc.rust-lang.org/book/ch16-00-concurrency.html');
  });
});
