// Table tests of the reading step alone (issue 11): negation, team statements, existing code, policies,
// deployment targets, numbers and scope, asserted on the Situation without any scoring.
import { describe, expect, it } from 'vitest';
import { compileKb } from '../../src/advisor/compiled-kb.ts';
import { readQuestion } from '../../src/advisor/read-question.ts';
import type { Situation } from '../../src/advisor/situation.ts';
import { loadKnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const compiled = compileKb(loadKnowledgeBase());
const read = (q: string): Situation => readQuestion(compiled, q).situation;

type Team = Situation['team'];
const TEAM: [string, Partial<Pick<Team, 'rust' | 'go'>>][] = [
  ['Our team is ten senior Rust engineers with no Go experience. We need a REST API for internal tools.', { rust: 'strong', go: 'none' }],
  ['Nobody on the team knows Rust.', { rust: 'none', go: null }],
  // Comparatives and superlatives state skill; a pronoun takes the language of the clause before it.
  ['Our team is strongest in Rust by a distance; Go would be the obvious pick but few of us know it well.', { rust: 'strong', go: 'some' }],
  ['We are much stronger in Go than anything else.', { go: 'strong' }],
  // A team that writes its code in a language knows it; a platform written in it says nothing about the team.
  ['Most operators are Go, but our team writes the rest of the platform in Rust.', { rust: 'strong', go: null }],
  ['We write all our services in Go.', { go: 'strong' }],
  ['Two senior Go devs plus three juniors learning Go. New billing API.', { go: 'strong' }],
  ['Three juniors are learning Go; two senior Go devs lead them.', { go: 'strong' }],
  ["We're pretty much a pure Rust house. New CRUD API for internal tools.", { rust: 'strong' }],
  // A proposal is not a statement about the team.
  ['Should we write the API in Go and the image-processing hot loop in Rust?', { rust: null, go: null }],
  ['Should we write the public REST API in Go and the image pipeline in Rust, or keep one language?', { rust: null, go: null }],
  // A negated negation affirms; "shipped it" takes the language named before it.
  ["It's not that nobody here knows Rust - three of us shipped it at our last job - but not one of us has written Go.", { rust: 'strong', go: 'none' }],
  ["It isn't true that none of us know Rust. New cache service.", { rust: 'strong' }],
  // A negated "anyone" negates its relative clause too.
  ['We no longer have anyone who writes Rust. New cache service.', { rust: 'none' }],
  ["The team's language is Go. New pricing API.", { go: 'strong' }],
  ['The team has been writing Go for years.', { go: 'strong' }],
  ['Our platform is written in Go.', { go: null }],
  // The people a product serves are not the team.
  ["We want to give developers who don't write Rust a framework for writing plugins.", { rust: null, go: null }],
  ['Never had GC problems in our Go services. Team is all Go.', { go: 'strong' }],
  ["We're all go for launch next week.", { go: null }],
  // Head counts written as a list or a number before the language.
  ['Go people on the team: 0. Rust people: 4. Service: an upload gateway.', { rust: 'strong', go: 'none' }],
  ['We have 0 Go engineers and 5 Rust engineers.', { rust: 'strong', go: 'none' }],
  ['Rust devs: 1, Go devs: 6. New billing worker.', { rust: 'some', go: 'strong' }],
  ['Not one of us has written Go; we need a metrics agent.', { go: 'none', rust: null }],
  ['Our team knows Go well, not Rust.', { go: 'strong', rust: 'none' }],
  ['We are six Rust devs building a websocket gateway.', { rust: 'strong', go: null }],
  ['nobody here knows go. we are building a cache.', { go: 'none' }],
  ['We have some Rust experience but we are strong in Go.', { rust: 'some', go: 'strong' }],
  ['The team is new to Rust and ships Go every week.', { rust: 'none' }],
  ['None of us has ever touched Rust.', { rust: 'none' }],
  ['Two of us have dabbled in Rust.', { rust: 'some' }],
  ['Our engineers have never used Go.', { go: 'none' }],
  ['We are a team of Go developers.', { go: 'strong', rust: null }],
  ['Everyone on the team writes Go daily.', { go: 'strong' }],
  ['Our developers are experienced Rust programmers.', { rust: 'strong' }],
  ['We know neither Rust nor Go.', { rust: 'none', go: 'none' }],
  ['We need to go live in six weeks with a small API.', { rust: null, go: null }],
  ['Rust or Go for an API? We are ready to go next month.', { rust: null, go: null }],
  ['Should we go with Rust or Go for the proxy?', { rust: null, go: null }],
  ['Let us go fast: which language for a CRUD service?', { rust: null, go: null }],
  ['Not only do we know Go well, we also run it everywhere.', { go: 'strong' }],
  ['We have no Rust experience, but plenty of Go engineers.', { rust: 'none', go: 'strong' }],
  ['I have written Rust for years; my team knows Go.', { rust: 'strong', go: 'strong' }],
  // Idioms with "go" after "good to" / "ready to" are verbs, whatever follows them.
  ["We're good to go, the team wrote it in Rust already.", { rust: 'strong', go: null }],
  // A slash list of backgrounds is not a C++ shop (no guessed Rust skill).
  ['Team knows Java/C++/Node today. What should the new payment services be written in?', { rust: null, go: null }],
];

const NEGATION: [string, string, boolean][] = [
  // [question, constraint id, negated]
  ["We don't have any GC-sensitive workloads; it's a CRUD API.", 'gc-pauses-hurt', true],
  ['GC pauses hurt our p99 badly.', 'gc-pauses-hurt', false],
  // "No X" after a wish is a requirement that X never happens; after nothing it reports X's absence.
  ['We want no GC hiccups while streaming tokens to the client.', 'gc-pauses-hurt', false],
  ['A streaming service with no GC pauses, please.', 'gc-pauses-hurt', false],
  // "No X" as an item of a list of requirements is one; a report of none so far is not.
  ['Parallel execution across all cores, pipelined networking, no GC hiccups in the leader slot.', 'gc-pauses-hurt', false],
  ['We care about the compiler catching missing cases and no GC hiccups while streaming.', 'gc-pauses-hurt', false],
  ['Our Go services run fine, no GC hiccups so far.', 'gc-pauses-hurt', true],
  ['Never had GC problems in any of our Go services.', 'gc-pauses-hurt', true],
  ["Latency doesn't matter for this batch job.", 'latency-sensitive', true],
  ['We do not care about latency, only throughput.', 'latency-sensitive', true],
  ['There is no deadline pressure for this service.', 'deadline', true],
  ['We have a hard deadline next quarter.', 'deadline', false],
  ['Memory is not a concern on these boxes.', 'memory-tight', true],
  ['It is not only latency-sensitive but also memory constrained.', 'latency-sensitive', false],
  // An aversion to a problem states the need: "without the segfaults" wants safety.
  ['We want C++-level speed for the transcoding workers without the segfaults.', 'safety-critical', false],
  ["We really don't want memory-safety bugs in consensus code.", 'safety-critical', false],
  ["We'd rather not pay for a GC on small devices.", 'gc-pauses-hurt', false],
  // A dash ends the negation scope: the speed after it is wanted.
  ['not unsafe C++ again — we want C++-level speed for the video transcoding workers', 'cpu-bound', false],
  // A stated number outranks a loose word.
  ['REST + Postgres CRUD service for an internal admin panel, heavily loaded at 50 rps.', 'high-throughput', true],
  ['Our Go JSON API uses 2% CPU; my manager wants it faster.', 'cpu-bound', true],
  ['IoT gateway on an ARM box with 2 GB RAM, memory constrained they say.', 'memory-tight', true],
  // "CPU cycles" are not cyclic data structures.
  ['Every CPU cycle costs us money at this scale.', 'cyclic-data', true],
  ['A programmable proxy framework; memory bugs are not acceptable at this layer.', 'safety-critical', false],
  ['Instances run on cheap VPSes, so the server must be light on RAM.', 'memory-tight', false],
  // Serving browsers is not running in one.
  ['We push optimization hints to browsers over a websocket.', 'wasm-target', true],
  ['Light nodes that run inside a browser tab and verify proofs.', 'wasm-target', false],
  ['The service must handle thousands of requests concurrently.', 'concurrency-heavy', false],
  // Reported speech about a language is a claim, not a requirement.
  ['My manager read that Rust is faster. Our service is a Go JSON API.', 'performance-critical', true],
  ['Rust is faster and this service must be as fast as possible.', 'performance-critical', false],
];

const CODE: [string, Partial<Situation['codebase']>][] = [
  ['Our whole platform is Go and every shared library we have is Go. New rate-limiting service.', { language: 'go', linksIn: true }],
  ['Our existing codebase is Rust; the new parser links into it.', { language: 'rust', linksIn: true }],
  ['We are rewriting our Go monolith; which language for the new core?', { language: 'go', leaving: true }],
  // Building on a framework or SDK in a language is linking into that code.
  ['The app-chain framework and BFT consensus engine we would build on are Go. Which language for the node?', { language: 'go', linksIn: true }],
  ["We're building on top of a Go SDK for the chain; the indexer is new.", { language: 'go', linksIn: true }],
  // "No longer" negates the present; a retired service is code being left.
  ['We are no longer a Go shop: the last Go service was retired in March.', { language: 'go', leaving: true }],
  ['Our services are all written in Go. We need a new queue consumer.', { language: 'go', linksIn: false }],
  ['Our backend is Python today and we need a fast ingestion service.', { language: 'other' }],
  ['It will be a library embedded in our existing Go services.', { language: 'go', linksIn: true }],
  ['Rust or Go for a brand new image resizing service?', { language: null }],
  ['Everything we run is in Rust already; new metrics exporter.', { language: 'rust' }],
  ['Batch ETL worker; the team already has a big Go codebase with all our DB clients.', { language: 'go', linksIn: true }],
  // What embeds the new part names the code it links into.
  ['We want a wasm runtime that Go services can embed for plugins.', { language: 'go', linksIn: true }],
  ['Our distributed database is all Go; the storage engine is a C++ LSM we call through cgo.', { language: 'go', linksIn: true }],
  // The best library *for the new part* is what the part would use, not a library for the existing code.
  ['Our services are all Go. We need PDF rendering and the best library for it is a Rust crate.', { language: 'go', linksIn: false }],
  ['We are writing a client library for our Go services.', { language: 'go', linksIn: true }],
  // A blockchain, archive or worker "node" is a machine or a program, not Node.js code.
  ["our blockchain node (p2p, chain sync, mining orchestration) is written in go and that's where the team is.", { language: 'go' }],
  ['Our EVM node is written in Go; what about the new state store?', { language: 'go' }],
  ['Each worker node runs our agent, which is all Rust.', { language: 'rust' }],
  ['Our backend is all node and python.', { language: 'other' }],
  ['Same monorepo, 80% Go and 20% Rust. New admin API that only uses the Go services client libraries and auth middleware.', { language: 'go', linksIn: true }],
  ['Our light node has to verify proofs; which language for the node?', { language: null }],
  ['Our idea: Go for the admin dashboard backend, Rust for the packet-capture agent on each host.', { language: null }],
  ['dotnet or go for the orders service?', { language: null }],
  ['The chain side is all cosmos modules. Should all of it be in go, or the crypto daemon in rust behind grpc?', { language: null }],
  ['The chain framework and consensus engine we plan to use are written in Go. What should the node be written in?', { language: 'go', linksIn: true }],
  ["A PHP application server built as a module of an existing Go web server.", { language: 'go', linksIn: true }],
  ['Our services are Node.js today; we need a new API.', { language: 'other' }],
  ['Our backend is a node monolith; we need a new API.', { language: 'other' }],
  // Code described by what it is ("our node software is Go", "the library we call is a Go one").
  ['Our blockchain node software is Go; we need a new light client.', { language: 'go' }],
  ['The shared library we call is a Go one. New pricing API.', { language: 'go' }],
  // Someone else's code is not ours.
  ["A competitor's client is written in Go. Rust or Go for our client?", { language: null }],
  // A part that does not link into the code is said so; the negation holds.
  ['Our container host is Go. The shim is not linked into the Go host; it runs as its own process.', { language: 'go', linksIn: false }],
  ["Our platform is all go. containerd starts a separate shim process per container, so the shim doesn't link into our go code.", { language: 'go', linksIn: false }],
];

const RULES: [string, Partial<Situation['rules']>][] = [
  ['Company policy bans Rust. Which language for the ingestion service?', { excludes: ['rust'], mandates: null }],
  ['Our security team requires a memory-safe language; the service must be memory safe.', { memorySafe: true }],
  ["We don't want a second language; everything is in Go.", { noSecondLanguage: true }],
  ['We want to consolidate our Rust core and the small Go control plane on one language.', { noSecondLanguage: true }],
  ['Policy: all new services must be written in Go. Building a log shipper.', { mandates: 'go' }],
  ['Our standard says services have to be in Rust. New auth service.', { mandates: 'rust' }],
  ['We only have one language across the company and want to keep a single language for everything.', { noSecondLanguage: true }],
  ['Go is not allowed by our compliance team for this product.', { excludes: ['go'] }],
  ['Rust or Go for an API gateway with a p99 under 5 ms?', { mandates: null, excludes: [], noSecondLanguage: false }],
  // A policy language or engine is the product's subject, not a rule on the team's choice.
  ['We evaluate RBAC rules written in a standard policy language whose reference engine is a Rust library.', { mandates: null, excludes: [] }],
  ['The security team requires memory safety and forbids C/C++ for the new proxy.', { memorySafe: true }],
  ['Our access proxy is written in Go and we only want memory-safe code.', { memorySafe: true }],
  // Asking whether to use one language is a question, not a rule.
  ['We used to have a rule that every service must be Go, but it was dropped last quarter.', { mandates: null }],
  ['Platform governance: new services must be in Rust or Kotlin; Go was deprecated for new work. We need a small chat-bot backend.', { mandates: 'rust' }],
  ['Should we use one language for everything, Rust or Go?', { noSecondLanguage: false }],
  ['Architecture board decision: one language, Rust, for all new services. We need a log shipper.', { mandates: 'rust' }],
  ['Our engineering handbook allows exactly one backend language, Go. New billing API.', { mandates: 'go', noSecondLanguage: true }],
  ['One language for everything, or split the hot path out?', { noSecondLanguage: false }],
];

const DEPLOYMENT: [string, Situation['deployment']][] = [
  ['We are writing a Linux kernel driver for our NIC.', 'kernel'],
  ['Firmware for a Cortex-M microcontroller with no OS.', 'bare-metal'],
  ['It runs on an STM32 board, bare metal.', 'bare-metal'],
  ['The module must run in the browser as WebAssembly.', 'browser-wasm'],
  ['A sync library shared by our iOS and Android apps.', 'mobile'],
  ['It will run as AWS Lambda functions.', 'serverless'],
  ['It runs on edge boxes in retail stores.', 'edge'],
  ['A websocket chat server for our users.', null],
  // Code around the kernel is not in it: a daemon that loads eBPF programs, userland tools next to a kernel.
  ['One privileged daemon per node that loads and unloads eBPF programs pulled as OCI images.', null],
  ['Replacing firmware with a Linux kernel plus a tiny userland in the boot flash; the initramfs tools in what?', null],
  ['We are writing eBPF programs for packet filtering.', 'kernel'],
  ['an in-tree Linux storage driver for our SSD controller', 'kernel'],
  ['a new kernel-space block device driver, loaded as a module', 'kernel'],
  ['It runs in the kernel as a loadable module and talks to our FPGA.', 'kernel'],
  // A driver in user space is not in the kernel; a database driver is a client library.
  ['A user-space NVMe driver built on SPDK for our storage engine.', null],
  ['We need a Postgres database driver for our ingestion service.', null],
  ['How should we build an eBPF program manager for k8s that attaches XDP programs on every node?', null],
  // A Wasm runtime or host runs Wasm; it is not deployed to the browser.
  ['We want a wasm runtime that Go services can embed for plugins.', null],
  ['A containerd shim on each node that executes the Wasm modules.', null],
  ['The editor core must compile to WebAssembly for our web app.', 'browser-wasm'],
  ['Firecracker itself is Rust and wasm support is mature; a service to manage microVMs on our hosts.', null],
  ['Rust or Go for a wasm module that runs in the browser to decode video?', 'browser-wasm'],
  // "Bare metal" alone is servers without a hypervisor; only embedded words make it a microcontroller target.
  ['A service that creates and manages microVMs on bare metal hosts, driven from Cluster API.', null],
  ['We run Kubernetes on bare-metal servers in our own racks.', null],
  ['Bare-metal firmware for the sensor board.', 'bare-metal'],
];

const SCOPE: [string, Situation['outOfScope'] extends infer T ? (T extends { kind: infer K } ? K | null : null) : null][] = [
  ['Should we use Zig or Rust for the new proxy?', 'other-language'],
  ['Rust or Java for the payment service?', 'other-language'],
  ['Go or Python for the data pipeline?', 'other-language'],
  ['dotnet or go for the orders service?', 'other-language'],
  ["we're choosing between Go and C# for the payments backend", 'other-language'],
  // A question about a language itself names no component of theirs.
  ["How does Go's garbage collector decide when to run?", 'nothing-named'],
  ['What is a goroutine, and how is it different from a thread?', 'nothing-named'],
  ['How should we size the goroutine pool in our Go ingestion service?', null],
  ['What language for an edge proxy?', null],
  ['What is better for a websocket gateway, Rust or Go?', null],
  ['Platform governance: new services must be in Rust or Kotlin; Go was deprecated for new work. We need a small chat-bot backend.', null],
  ['Rust vs C++ for a game engine?', 'other-language'],
  ['Rust or Go for our iOS app\'s UI?', 'front-end'],
  ['Rust or Go for the front end of our dashboard?', 'front-end'],
  ['Rust or Go?', 'nothing-named'],
  ['Rust or Go for a Kafka consumer? The team comes from Java.', null],
  ['We are moving off Python. Rust or Go for the ingestion API?', null],
  ['Rust or Go for the backend of our mobile app?', null],
  // A slash list is background, not the choice: the question is still asked of a Rust-or-Go advisor.
  ['New payment services, high concurrency. The team knows Java/C++/Node today. What should we write them in?', null],
  ['A container engine shipped as one binary with no Python/Ruby/JVM deps. What language?', null],
  ['Java or Kotlin for the new service?', 'other-language'],
  ['Kotlin Multiplatform or Swift for the shared logic in our mobile apps?', 'other-language'],
  ['Our data team asks: Spark (Scala) or Polars for the nightly ETL?', 'other-language'],
  ["I have an interview tomorrow: what's the difference between Rust's ownership and Go's garbage collector?", 'nothing-named'],
  ["What's the difference between Rust and Go for a proxy with a p99 under 1 ms?", null],
  ['Should we write the iOS and Android screens of our banking app in Rust or Go?', 'front-end'],
  ['which language is better in general, Rust or Go? just curious', 'nothing-named'],
  ['which language has the cuter mascot, rust or go?', 'nothing-named'],
  ['Rust or Go for our new backend service?', null],
  // A UI that comes with a backend part is in scope; "Rust" capitalised names the choice in a how-to question.
  ['Two-person rule for our secrets, served by a small internal HTTPS service with a web UI. Rust or Go?', null],
  ['How should we build an eBPF program manager for k8s? The loader could use a pure Rust BPF crate.', null],
  // A long question names a component even in words the reader does not know.
  ['Our L2 rollup nodes pair a Go consensus client with a Go execution client; archive disk grows 500 GB a week and there is a Rust execution client. What should we run for each half of the node?', null],
];

const NUMBERS: [string, Partial<Situation['numbers']>][] = [
  ['New rate limiter, p99 budget 20 ms.', { latencyMs: 20, percentile: 'p99' }],
  ['We need p999 latency under 2 ms.', { latencyMs: 2, percentile: 'p999' }],
  ['Each pod has a 64 MB memory limit.', { memoryMiB: 64 }],
  ['It must handle 50k requests per second.', { throughputPerSecond: 50000 }],
  ['An admin panel API at 50 rps.', { throughputPerSecond: 50 }],
  ['A gateway at 200k rps.', { throughputPerSecond: 200000 }],
  ['The in-guest agent binary is 11MB and eats guest memory.', { memoryMiB: null }],
  ['We have to ship in 6 weeks.', { deadlineWeeks: 6 }],
  ['Launch is in two months.', { deadlineWeeks: 8.6 }],
];

describe('Situation table: team statements (subject, verb, quantity; Go the verb is not the language)', () => {
  it.each(TEAM)('%s', (q, expected) => {
    expect(read(q).team).toMatchObject(expected);
  });
});

describe('Situation table: negation is scoped per clause', () => {
  // Negated: the constraint is either kept as negated (negatable ones) or dropped, never read as holding.
  it.each(NEGATION)('%s -> %s negated=%s', (q, id, negated) => {
    const c = read(q).constraints.find((x) => x.id === id);
    const holds = c !== undefined && !c.negated;
    expect(holds, JSON.stringify(read(q).constraints)).toBe(!negated);
  });
});

describe('Situation table: existing code and whether the new part links into it', () => {
  it.each(CODE)('%s', (q, expected) => {
    expect(read(q).codebase).toMatchObject(expected);
  });
});

describe('Situation table: hard rules', () => {
  it.each(RULES)('%s', (q, expected) => {
    expect(read(q).rules).toMatchObject(expected);
  });
});

describe('Situation table: deployment target', () => {
  it.each(DEPLOYMENT)('%s -> %s', (q, expected) => {
    expect(read(q).deployment).toBe(expected);
  });
});

describe('Situation table: scope', () => {
  it.each(SCOPE)('%s -> %s', (q, expected) => {
    expect(read(q).outOfScope?.kind ?? null).toBe(expected);
  });
});

describe('Situation table: numbers', () => {
  it.each(NUMBERS)('%s', (q, expected) => {
    expect(read(q).numbers).toMatchObject(expected);
  });
});

describe('Situation table: what does not matter, and "Go" the verb', () => {
  it('records what the asker says does not matter', () => {
    expect(read("Latency doesn't matter for this batch job.").doesNotMatter).toEqual(['Latency']);
  });
  it.each([
    ["Raw performance really doesn't matter here.", 'Raw performance'],
    ['Speed is irrelevant for this admin API.', 'Speed'],
  ])('names only the subject of "does not matter": %s', (q, subject) => {
    expect(read(q).doesNotMatter).toEqual([subject]);
  });
  it('a negated care about a constraint negates it', () => {
    const c = read('Performance is not something we care about at all for the admin API.').constraints.find((x) => x.id === 'performance-critical');
    expect(c === undefined || c.negated).toBe(true);
  });
  it('a hot loop calling C is read', () => {
    expect(read('The service must call a C compression library millions of times a second in its hot loop.').hotCInterop).toBe(true);
  });
  it('has at least 60 table rows', () => {
    expect(TEAM.length + NEGATION.length + CODE.length + RULES.length + DEPLOYMENT.length + SCOPE.length + NUMBERS.length).toBeGreaterThanOrEqual(60);
  });
});
