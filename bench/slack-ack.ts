// Slack slash-command acknowledgement under load: signed /rustvsgo requests at a fixed rate (open loop, ~200/s)
// through the real HTTP receiver of the full adapter (which then answers each one at its response URL), against a
// minimal Bolt app in the same run that only acknowledges. Each is measured in its own process
// (bench/slack-ack-target.ts); this process sends the load and plays Slack. Loopback only; a few seconds each.
// Run alone: `npx tsx bench/slack-ack.ts [requests per second] [measured ms]`.
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { benchResult, type BenchResult } from './bench-result.ts';

const SECRET = 'bench-signing-secret-0123456789';
const RATE_PER_SECOND = 200;
const MEASURE_MS = 3000;
const WARMUP_REQUESTS = 100;
const QUESTION = 'Rust or Go for an edge gateway?';

export interface AckRun {
  /** Completed requests per second over the whole run (until the last ack). */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  /** Why requests failed (status code or error code), with counts. */
  failureReasons: Record<string, number>;
  sent: number;
}

export interface SlackAckBenchOptions {
  /** Offered load (default 200 requests a second, the issue's figure). */
  ratePerSecond?: number;
  /** Measured window after the warm-up (default 3000 ms). */
  measureMs?: number;
}

export async function runSlackAckBench({ ratePerSecond = RATE_PER_SECOND, measureMs = MEASURE_MS }: SlackAckBenchOptions = {}): Promise<BenchResult[]> {
  const sink = await startSink();
  try {
    const baseline = await measure(await startTarget('baseline', sink.apiUrl), sink.url, ratePerSecond, measureMs);
    const subject = await measure(await startTarget('subject', sink.apiUrl), sink.url, ratePerSecond, measureMs);
    const answered = await sink.responses();
    const target = { rate: `${ratePerSecond} req/s offered for ${measureMs / 1000} s` };
    return [
      benchResult({
        name: `slack /rustvsgo throughput through the HTTP receiver (${target.rate}; ${answered}/${subject.sent + WARMUP_REQUESTS} answers delivered, ${subject.failures} failed${subject.failures ? ` ${JSON.stringify(subject.failureReasons)}` : ''}; CPU ${round(subject.cpuMsPerRequest)} ms/request vs baseline ${round(baseline.cpuMsPerRequest)})`,
        value: round(subject.throughput),
        unit: 'req/s',
        baselineName: 'minimal Bolt app that only acknowledges',
        baselineValue: round(baseline.throughput),
        target: '>= 80% of baseline',
        met: subject.failures === 0 && subject.throughput >= 0.8 * baseline.throughput,
      }),
      benchResult({
        name: `slack /rustvsgo ack latency p99 (${target.rate}; p50 ${round(subject.p50)} ms, max ${round(subject.max)} ms)`,
        value: round(subject.p99),
        unit: 'ms',
        baselineName: `minimal Bolt app that only acknowledges (p50 ${round(baseline.p50)} ms)`,
        baselineValue: round(baseline.p99),
        target: 'p99 < 50 ms',
        met: subject.failures === 0 && subject.p99 < 50,
      }),
    ];
  } finally {
    agent.destroy();
    await sink.close();
  }
}

interface Target {
  url: string;
  /** Stops the target after it finished its work; resolves with the CPU time it used while running, in ms. */
  close(): Promise<number>;
}

/** Starts bench/slack-ack-target.ts in a child process and waits for its URL. */
async function startTarget(kind: 'baseline' | 'subject', apiUrl: string): Promise<Target> {
  const child = fork(fileURLToPath(new URL('./slack-ack-target.ts', import.meta.url)), [kind, apiUrl, SECRET], {
    execArgv: ['--import', import.meta.resolve('tsx'), ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])],
    env: { ...process.env, RUSTVSGO_BENCH_TARGET: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [first] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => [undefined])])) as [{ url?: string } | undefined];
  if (!first?.url) throw new Error(`bench target ${kind} did not start`);
  return {
    url: first.url,
    async close() {
      let cpuMs = Number.NaN;
      child.on('message', (m: { cpuMs?: number }) => {
        if (typeof m.cpuMs === 'number') cpuMs = m.cpuMs;
      });
      const exited = once(child, 'exit');
      child.send('stop');
      await exited;
      return cpuMs;
    },
  };
}

async function measure(target: Target, sinkUrl: string, ratePerSecond: number, measureMs: number): Promise<AckRun & { cpuMsPerRequest: number }> {
  let run: AckRun;
  try {
    await fire(target.url, sinkUrl, WARMUP_REQUESTS, ratePerSecond);
    const count = Math.round((ratePerSecond * measureMs) / 1000);
    run = await fire(target.url, sinkUrl, count, ratePerSecond);
  } catch (error) {
    await target.close();
    throw error;
  }
  const cpuMs = await target.close();
  return { ...run, cpuMsPerRequest: cpuMs / (run.sent + WARMUP_REQUESTS) };
}

/** Sends `count` signed commands at a fixed rate (open loop: a slow ack does not slow the sending). */
async function fire(url: string, sinkUrl: string, count: number, ratePerSecond: number): Promise<AckRun> {
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let failures = 0;
  const failureReasons: Record<string, number> = {};
  const fail = (reason: string) => {
    failures++;
    failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
  };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const body = new URLSearchParams({
      command: '/rustvsgo',
      text: QUESTION,
      team_id: 'T1',
      channel_id: 'C1',
      user_id: 'U1',
      user_name: 'bench',
      response_url: `${sinkUrl}/response/${i}`,
      trigger_id: '1',
      api_app_id: 'A1',
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const sentAt = performance.now();
    inFlight.push(
      post(url, body, { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }).then(
        (status) => {
          if (status === 200) latencies.push(performance.now() - sentAt);
          else fail(`HTTP ${status}`);
        },
        (error: NodeJS.ErrnoException) => fail(error.code ?? error.message),
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    throughput: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    failures,
    failureReasons,
    sent: count,
  };
}

// node:http with keep-alive: a lighter client than fetch, so the load generator takes less of the CPU it shares
// with the servers being measured. FIFO reuse keeps every pooled socket busy: with LIFO, sockets opened during a
// slow spell sit idle past the server's 5 s keep-alive timeout and a later request can race its close (ECONNRESET).
const agent = new Agent({ keepAlive: true, maxSockets: 256, scheduling: 'fifo' });

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Stands in for Slack: answers auth.test and counts what arrives at response URLs. It runs on a worker thread, so
 * the subject's answers do not slow this thread's measuring of acks (the baseline sends no answers).
 */
async function startSink(): Promise<{ url: string; apiUrl: string; responses(): Promise<number>; close(): Promise<void> }> {
  const worker = new Worker(SINK_SOURCE, { eval: true });
  const [first] = (await once(worker, 'message')) as [{ port: number }];
  const url = `http://127.0.0.1:${first.port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    async responses() {
      const answer = once(worker, 'message') as Promise<[{ responses: number }]>;
      worker.postMessage('count');
      return (await answer)[0].responses;
    },
    async close() {
      await worker.terminate();
    },
  };
}

const SINK_SOURCE = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
let responses = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.url.startsWith('/response/')) {
      responses++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const body = req.url.startsWith('/api/auth.test') ? { ok: true, user_id: 'U_BOT', bot_id: 'B1' } : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => parentPort.postMessage({ responses }));
`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // Optional: `npx tsx bench/slack-ack.ts <requests per second> <measured ms>`.
  const [rate, ms] = process.argv.slice(2).map(Number);
  const results = await runSlackAckBench({ ...(rate ? { ratePerSecond: rate } : {}), ...(ms ? { measureMs: ms } : {}) });
  for (const r of results) console.log(JSON.stringify(r));
}
