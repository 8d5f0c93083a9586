// Issue 11 behaviour end to end: the issue's own examples, scope, hard rules, follow-ups that settle it,
// confidence that never pairs "high" with a near tie, and reasons that fit the situation.
import { describe, expect, it } from 'vitest';
import { adviceSchema } from '../../src/advisor/advice.ts';
import { advise } from '../../src/advisor/advise.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { readCases } from '../../scripts/evaluate-advisor.ts';

const kb = loadKnowledgeBase();
const ask = (q: string) => adviceSchema.parse(advise(q, undefined, kb));

describe('the issue examples, read as an engineer would', () => {
  it('ten senior Rust engineers with no Go experience get Rust for an internal REST API', () => {
    const a = ask('Our team is ten senior Rust engineers with no Go experience. We need a REST API for internal tools. Rust or Go?');
    expect(a.recommendation).toBe('rust');
    expect(a.read_as).toMatch(/knows Rust well and has no Go experience/);
  });

  it('"nobody on the team knows Rust" is read as no Rust experience', () => {
    const a = ask('Nobody on the team knows Rust. Rust or Go for our REST API?');
    expect(a.read_as).toContain('no Rust experience');
    expect(a.recommendation).toBe('go');
  });

  it('"we don\'t have any GC-sensitive workloads" is not read as GC pauses hurting', () => {
    const a = ask("We don't have any GC-sensitive workloads. Rust or Go for our order service?");
    expect(a.signals.some((s) => s.id === 'gc-pauses-hurt' && !s.negated)).toBe(false);
  });

  it('a new service on an all-Go platform that reuses its shared libraries gets Go', () => {
    const a = ask('Our whole platform is Go and every shared library we have is Go. New rate-limiting service, p99 budget 20 ms.');
    expect(a.recommendation).toBe('go');
    expect(a.read_as).toContain('existing code in Go');
  });

  it('a hot loop calling a C library millions of times a second leans Rust', () => {
    expect(ask('The service must call a C compression library millions of times a second in its hot loop. Rust or Go?').recommendation).toBe('rust');
  });
});

describe('scope: recommendation "none" outside a Rust-vs-Go backend choice', () => {
  it.each([
    'Should we use Zig or Rust for the new proxy?',
    'Rust or Java for the payment service?',
    "Rust or Go for our iOS app's UI?",
    'Rust or Go?',
    'Elixir or Erlang for our chat backend?',
  ])('%s -> none, with what the bot can judge and a question for the component', (q) => {
    const a = ask(q);
    expect(a.recommendation).toBe('none');
    expect(a.scores).toEqual({ rust: 0, go: 0 });
    expect(a.reasons).toEqual([]);
    expect(a.read_as).toMatch(/I compare Rust and Go for backend and systems components/);
    expect(a.clarifying_question).toMatch(/component/);
  });

  it('a Linux kernel driver is Rust, said plainly: Go cannot be used there', () => {
    const a = ask('We are writing a Linux kernel driver. Rust or Go?');
    expect(a.recommendation).toBe('rust');
    expect(a.flip).toMatch(/Only Rust can do this/);
    expect(a.reasons[0]!.text).toMatch(/6\.1/);
  });

  it('bare-metal firmware without an OS is Rust', () => {
    expect(ask('Firmware for a Cortex-M microcontroller, no OS. Rust or Go?').recommendation).toBe('rust');
  });
});

describe('hard rules decide before any weighing, and say so', () => {
  it('a policy that bans Rust gives Go', () => {
    const a = ask('Company policy bans Rust. We need a latency-critical proxy with a p99 under 2 ms.');
    expect(a.recommendation).toBe('go');
    expect(a.flip).toMatch(/policy/);
  });
  it('"no second language" with existing Go code gives Go, even for a hot path', () => {
    const a = ask("Everything we run is in Go and we don't want a second language. New CPU-bound image resizing service.");
    expect(a.recommendation).toBe('go');
    expect(a.hybrid).toBeNull();
  });
  it('no garbage-collected languages in the media path gives Rust', () => {
    expect(ask('Team rule: no garbage-collected languages in the media path. New SFU media forwarder.').recommendation).toBe('rust');
  });
});

describe('follow_up: present when a decisive fact is open, options re-ask with the fact and settle it', () => {
  const q = 'Rust or Go for our new backend service?';
  const a = ask(q);

  it('is present, with 2-4 options that each re-ask the full question', () => {
    expect(a.follow_up).not.toBeNull();
    expect(a.follow_up!.options.length).toBeGreaterThanOrEqual(2);
    for (const o of a.follow_up!.options) expect(o.ask.startsWith(q)).toBe(true);
  });

  it('options lead to different answers when re-asked', () => {
    const answers = new Set(a.follow_up!.options.map((o) => ask(o.ask).recommendation));
    expect(answers.size).toBeGreaterThan(1);
  });

  it('a question that settles the team has no team follow-up', () => {
    const settled = ask(a.follow_up!.options[0]!.ask);
    expect(settled.follow_up?.question ?? '').not.toMatch(/team/);
  });

  it('an answer at >= 0.6 with every decisive fact known has no follow_up', () => {
    const b = ask('We are writing a Linux kernel driver. Rust or Go?');
    expect(b.follow_up).toBeNull();
  });
});

describe('confidence never pairs "high" with a near tie', () => {
  const questions = [...readCases(), ...readCases(new URL('../fixtures/holdout-cases.jsonl', import.meta.url).pathname)].map((c) => c.question);
  it('every answer at >= 0.8 has scores at least 20 points apart, and a 2-point gap is below 0.6', () => {
    for (const q of questions) {
      const a = ask(q);
      if (a.recommendation !== 'rust' && a.recommendation !== 'go') continue;
      const gap = Math.abs(a.scores.rust - a.scores.go);
      if (a.confidence >= 0.8) expect(gap, q).toBeGreaterThanOrEqual(20);
      if (gap <= 2) expect(a.confidence, q).toBeLessThan(0.6);
    }
  });
});

describe('reasons that fit the situation', () => {
  it('a WebSocket question gets no WebAssembly evidence', () => {
    const a = ask('Rust or Go for a WebSocket chat server with 100k connections?');
    expect(JSON.stringify(a.reasons)).not.toMatch(/WebAssembly|wasm/i);
  });

  it('a plain Go service gets no V8/embedding reason', () => {
    const a = ask('Our services are all written in Go. Rust or Go for a new REST API for orders?');
    expect(JSON.stringify(a.reasons)).not.toMatch(/V8|embedd/i);
  });

  it.each([
    'Rust or Go for a CRUD API for our internal admin tool?',
    'Rust or Go for a game server?',
    'Rust or Go for a Kubernetes operator?',
    'Rust or Go for a WebSocket chat server?',
  ])('no interop reason for a question that never raises interop: %s', (q) => {
    expect(ask(q).reasons.some((r) => r.criterion === 'interop')).toBe(false);
  });

  it('an interop reason appears when the question is about linking into other code', () => {
    const a = ask('Rust or Go for a native extension loaded by our Python service, called in its hot path?');
    expect(a.reasons.some((r) => r.criterion === 'interop')).toBe(true);
  });
});

describe('bad input never crashes', () => {
  it.each(['', '?', 'go go go go', 'Rust or Go for 1,5 M req per sec at 0 ms p99 with 0 MB?', 'x'.repeat(5000)])('%#', (q) => {
    expect(() => ask(q)).not.toThrow();
  });
});
