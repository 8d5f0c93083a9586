// Question understanding: signals survive casing, plurals, typos and word order; negations and team context
// are read; two-component questions are split.
import { describe, expect, it } from 'vitest';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { phraseTokens } from '../../src/advisor/normalize-text.ts';
import { understandQuestion } from '../../src/advisor/understand.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const compiled = compileKb(loadKnowledgeBase());

function read(question: string): { ids: string[]; negated: string[]; components: string[][] } {
  const u = understandQuestion(compiled, question);
  return {
    ids: u.signals.filter((s) => !s.negated).map((s) => s.id),
    negated: u.signals.filter((s) => s.negated).map((s) => s.id),
    components: u.components.map((c) => c.workloads),
  };
}

describe('the lexicon', () => {
  it('no phrase of several words shrinks to a single word once stop words are dropped', () => {
    const kb = compiled.kb;
    for (const signal of [...kb.workloads, ...kb.constraints]) {
      for (const phrase of signal.phrases) {
        if (phrase.trim().split(/\s+/).length > 1) expect(phraseTokens(phrase).length, `${signal.id}: "${phrase}"`).toBeGreaterThan(1);
      }
    }
  });
});

describe('workloads', () => {
  it.each([
    ['Rust or Go for an edge gateway?', 'edge-gateway'],
    ['RUST OR GO FOR AN EDGE GATEWAY', 'edge-gateway'],
    ['rust or go for edge gateways', 'edge-gateway'],
    ['rust or go for an egde gatway?', 'edge-gateway'],
    ['a gateway at the edge: rust or go?', 'edge-gateway'],
    ['Which should we use for a Kubernetes operator?', 'k8s-operator'],
    ['Rust or Go for kubernetes operators', 'k8s-operator'],
    ['Go or Rust for a CRUD REST API?', 'crud-api'],
    ['Rust or Go for a websocket chat server?', 'realtime'],
    ['Rust or Go for a matching engine for our exchange?', 'trading-engine'],
    ['Rust or Go for a log shipper?', 'observability-agent'],
    ['Rust or Go for an AWS Lambda function?', 'serverless-function'],
    ['Rust or Go for a Python extension module?', 'native-extension'],
    ['Rust or Go for a WebAssembly plugin host?', 'wasm-host'],
    ['the code has to run inside the postgres backend process as an extension (custom index access method).', 'native-extension'],
    ["in-car vehicle signal broker that runs on the car's microprocessor", 'iot-gateway'],
    ['new postgres pooler/sharder that speaks the pg wire protocol', 'reverse-proxy'],
    ['in-car signal broker, has to be a few MB static', 'minimal-footprint'],
    ['Rust or Go for a command-line tool?', 'cli-tool'],
    ['We need a video transcoding worker and a CRUD API for job submission.', 'media-processing'],
    ['an image resizing service for user uploads', 'media-processing'],
    ['rust or go for a comand line tool', 'cli-tool'],
    ['back-office reconciliation REST APIs', 'crud-api'],
  ])('%s -> %s', (question, workload) => {
    expect(read(question).ids).toContain(workload);
  });

  // Typo correction only touches words the English model does not know: "liners", "compiled" and "caching" are
  // words, so they keep their meaning (they were read as a linter, a compiler and a cache).
  it.each([
    ['Plugins range from trivial few-liners to long-running collectors. Rust or Go for the new monitoring agent?', ['compiler-tooling', 'cli-tool']],
    ['Which compiled language for the push notification rewrite, Rust or Go?', ['compiler-tooling']],
    ['the tools are compiled on demand at boot from source in flash. rust or go?', ['compiler-tooling']],
  ])('a real word is not corrected into a lexicon word: %s', (question, absent) => {
    const { ids } = read(question);
    for (const id of absent) expect(ids).not.toContain(id);
  });

  // A prototype that exists, or a language "the team gets productive in quickly", is no deadline.
  it.each([
    ['the research prototype we are productising is already written in Rust. rust or go?'],
    ['We want short pauses and a language the team gets productive in quickly. Which one?'],
    ['the team already built a fast python linter. rust or go for the package manager?'],
  ])('no deadline is read from: %s', (question) => {
    expect(read(question).ids).not.toContain('deadline');
  });

  // "Operator" and "controller" name a Kubernetes controller only next to a Kubernetes word.
  it.each([
    ['optimism-stack chain operator. consensus side is Go. Rust or Go for the execution client?'],
    ['Node operators run our binaries on their own boxes. Rust or Go for the mix node?'],
    ['Rust or Go for a motor controller board?'],
  ])('no Kubernetes operator is read from: %s', (question) => {
    expect(read(question).ids).not.toContain('k8s-operator');
  });
  it('a sandbox game is no VM sandbox; a sandbox for untrusted code is', () => {
    expect(read("We're building a voxel sandbox game server for 200 players per world.").ids).not.toContain('vmm-sandbox');
    expect(read('A sandbox that runs untrusted customer code next to our API.').ids).toContain('vmm-sandbox');
  });
  it.each([
    ['Rust or Go for an operator that reconciles our k8s resources?'],
    ['Kubernetes: we need a controller for our custom database. Rust or Go?'],
  ])('a Kubernetes operator is read from: %s', (question) => {
    expect(read(question).ids).toContain('k8s-operator');
  });

  it('a fleet that is mostly one thing but has a few exceptions asks for a split', () => {
    expect(read('thousands of microservices, mostly plain CRUD, but a few of them are performance critical. which language?').ids).toContain('split-question');
    expect(read('mostly plain CRUD services. which language?').ids).not.toContain('split-question');
    expect(read('Should we write the REST API in Go and the image pipeline in Rust, or keep one language?').ids).toContain('split-question');
    expect(read('our chat backend is 300 Go microservices; one service (presence fanout) has strict tail latency we cannot meet in Go').ids).toContain('split-question');
    expect(read('the plugin framework is Go, but the ingestion path burns too much CPU. rewrite the whole agent, or what?').ids).toContain('split-question');
    expect(read('an order gateway owned by the rust team and REST APIs owned by the go team. do we force one language?').ids).toContain('split-question');
    expect(read('we need one service that does billing. rust or go?').ids).not.toContain('split-question');
  });

  it('invariants the compiler enforces are their own need, not memory safety', () => {
    expect(read('we care about the compiler catching missing cases and strong invariants enforced by the type system').ids).toContain('type-invariants');
  });

  it('words a longer phrase of another group read are not read again: a garbage collector is no log collector', () => {
    const { ids } = read('Our Go service keeps a huge heap and the garbage collector hurts our p99. Rust or Go for the rewrite?');
    expect(ids).toContain('gc-pauses-hurt');
    expect(ids).not.toContain('observability-agent');
  });

  it('a longer phrase wins inside its group: a caching proxy is a proxy, not a cache', () => {
    const { ids } = read('Rust or Go for a caching proxy?');
    expect(ids).toContain('reverse-proxy');
    expect(ids).not.toContain('cache');
  });

  it('a catch-all "service" gives way to a specific workload', () => {
    expect(read('Rust or Go for an authorization service?').ids).not.toContain('backend-service');
    expect(read('Rust or Go for a new service?').ids).toContain('backend-service');
  });

  it('"Rust or Go" itself is never read as team context', () => {
    const { ids } = read('Rust or Go for a service that handles payments?');
    expect(ids).not.toContain('codebase-go');
    expect(ids).not.toContain('codebase-rust');
  });
});

describe('constraints and team context', () => {
  it.each([
    ['our service is written in Go', 'codebase-go'],
    ['the existing codebase is Golang', 'codebase-go'],
    ['the team knows Go', 'team-knows-go'],
    ['we are experienced in Rust', 'team-knows-rust'],
    ['we are moving off Python', 'from-dynamic'],
    ['currently a Node.js service', 'from-dynamic'],
    ['replacing our NGINX + Lua layer', 'from-native'],
    ['rewrite of a C++ service', 'from-native'],
    ['memory-constrained devices', 'memory-tight'],
    ['it is CPU-bound', 'cpu-bound'],
    ['we must ship quickly with a small team', 'deadline'],
    ['shipped as a single static binary', 'cross-platform-distribution'],
    ['multi-tenant isolation', 'untrusted-input'],
    ['thousands of microservices', 'fleet-scale'],
  ])('%s -> %s', (phrase, signal) => {
    expect(read(`Rust or Go for a backend; ${phrase}.`).ids).toContain(signal);
  });

  it.each([
    ['p99 < 2 ms', 'latency-strict'],
    ['p99 under 500 microseconds', 'latency-strict'],
    ['p99 < 100 ms', 'latency-loose'],
    ['a 64 MiB memory limit per pod', 'memory-tight'],
    ['a 200 GB in-memory heap', 'large-heap'],
  ])('numbers: %s -> %s', (phrase, signal) => {
    expect(read(`Rust or Go for an API with ${phrase}?`).ids).toContain(signal);
  });

  it.each([
    ["We don't care about latency", 'latency-sensitive'],
    ['latency does not matter for us', 'latency-sensitive'],
    ['memory usage is not a concern', 'memory-tight'],
    ['no deadline pressure, take your time', 'deadline'],
  ])('negation: %s', (phrase, signal) => {
    const r = read(`Rust or Go for a batch job? ${phrase}.`);
    expect(r.negated).toContain(signal);
    expect(r.ids).not.toContain(signal);
  });

  it('"can\'t keep up with traffic" is high traffic, not its negation', () => {
    const r = read("Rust or Go for an API that can't keep up with traffic?");
    expect(r.ids).toContain('high-throughput');
    expect(r.negated).not.toContain('high-throughput');
  });

  it('"no Rust experience" means the team does not know Rust, not that it does', () => {
    const { ids } = read('Rust or Go for a proxy? We have no Rust experience.');
    expect(ids).toContain('team-new-to-rust');
    expect(ids).not.toContain('team-knows-rust');
  });
});

describe('two components', () => {
  it.each([
    ['Rust or Go for the proxy and its control plane?', ['reverse-proxy'], ['control-plane']],
    ['Rust or Go for our platform: data plane vs control plane', ['data-plane'], ['control-plane']],
    ['Rust or Go for a storage engine versus a query layer?', ['database-engine'], ['query-layer']],
    ['Rust or Go for a service mesh: the sidecar and the control plane', ['mesh-data-plane'], ['control-plane']],
  ])('%s', (question, a, b) => {
    expect(read(question).components).toEqual([a, b]);
  });

  it.each([
    'Rust or Go: which language for which piece?',
    'Should both parts be the same language?',
    'One language or two for this?',
    'How do we split languages across the system?',
    // Third pass: "language(s)" was missed (the pattern's closing word boundary cannot follow ")"), and
    // plural or "keep the controller" wordings ask which part gets which language too.
    'A search engine plus the services around it: what language(s)?',
    'What languages should we use for these components?',
    'An agent in the guest and an operator outside: same language everywhere?',
    'Language for the new proxy, and do we keep the controller as is?',
    'Language for the new data plane, and does the control plane move?',
  ])('a question asking for a split is read as one: %s', (question) => {
    expect(read(question).ids).toContain('split-question');
  });

  it.each(['Which language should we use?', 'We speak several languages on the team; Rust or Go for the API?', 'Do we keep the cache in memory?'])('no split asked: %s', (question) => {
    expect(read(question).ids).not.toContain('split-question');
  });

  it('"each part" on its own is not a request for a split', () => {
    expect(read('Rust or Go for an API where each part is small?').ids).not.toContain('split-question');
  });

  it('one component named twice is not two components', () => {
    expect(read('Rust or Go for a fast and safe reverse proxy?').components).toEqual([]);
  });
});
