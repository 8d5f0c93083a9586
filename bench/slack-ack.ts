// Slack slash-command acknowledgement under load: signed /rustvsgo requests at a fixed rate (open loop, ~200/s)
// through the real HTTP receiver of the full adapter (which then answers each one at its response URL), against a
// minimal Bolt app in the same run that only acknowledges. Loopback only; a few seconds.
// Run alone: `npx tsx bench/slack-ack.ts`.
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver } from '@slack/bolt';
import pino from 'pino';
import { boltLogger } from '../src/adapters/slack/bolt-logger.ts';
import { createSlackAdapter } from '../src/adapters/slack/slack-adapter.ts';
import { commands } from '../src/commands/index.ts';
import { parseConfig } from '../src/config/env.ts';
import { createHttpServer } from '../src/http/server.ts';
import { createServices } from '../src/runtime/create-services.ts';
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
  sent: number;
}

export async function runSlackAckBench(): Promise<BenchResult[]> {
  const sink = await startSink();
  try {
    const baseline = await measure(await startBaseline(), sink.url);
    const subject = await measure(await startSubject(sink.apiUrl), sink.url);
    const answered = sink.responses;
    const target = { rate: `${RATE_PER_SECOND} req/s offered for ${MEASURE_MS / 1000} s` };
    return [
      benchResult({
        name: `slack /rustvsgo throughput through the HTTP receiver (${target.rate}; ${answered}/${subject.sent + WARMUP_REQUESTS} answers delivered, ${subject.failures} failed)`,
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
  close(): Promise<void>;
}

/** The minimal Bolt app: the same receiver and signature checks, a listener that only acks. */
async function startBaseline(): Promise<Target> {
  const logger = boltLogger(pino({ level: 'silent' }));
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logger });
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B1', botUserId: 'U_BOT' }), logger, convoStore: false });
  app.command('/rustvsgo', async ({ ack }) => {
    await ack();
  });
  const server = createServer(receiver.requestListener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, close: () => closeServer(server) };
}

/** The real adapter on the shared HTTP server, answering every command in full after the ack. */
async function startSubject(apiUrl: string): Promise<Target> {
  const config = parseConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl });
  const services = await createServices(config, pino({ level: 'silent' }));
  const http = createHttpServer(services.logger);
  const adapter = createSlackAdapter({ config, services, http, commands, clientOptions: { retryConfig: { retries: 0 } } });
  const port = await http.listen(0, '127.0.0.1');
  await adapter.start();
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      await adapter.stop();
      await http.close();
      await services.store.close();
    },
  };
}

async function measure(target: Target, sinkUrl: string): Promise<AckRun> {
  try {
    await fire(target.url, sinkUrl, WARMUP_REQUESTS, RATE_PER_SECOND);
    const count = Math.round((RATE_PER_SECOND * MEASURE_MS) / 1000);
    return await fire(target.url, sinkUrl, count, RATE_PER_SECOND);
  } finally {
    await target.close();
  }
}

/** Sends `count` signed commands at a fixed rate (open loop: a slow ack does not slow the sending). */
async function fire(url: string, sinkUrl: string, count: number, ratePerSecond: number): Promise<AckRun> {
  const interval = 1000 / ratePerSecond;
  const latencies: number[] = [];
  let failures = 0;
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
          else failures++;
        },
        () => {
          failures++;
        },
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
    sent: count,
  };
}

// node:http with keep-alive: a lighter client than fetch, so the load generator takes less of the CPU it shares
// with the servers being measured.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

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

/** Stands in for Slack: answers auth.test and counts what arrives at response URLs. */
async function startSink(): Promise<{ url: string; apiUrl: string; readonly responses: number; close(): Promise<void> }> {
  let responses = 0;
  const server = createServer(async (req, res) => {
    for await (const _chunk of req) void _chunk;
    if (req.url?.startsWith('/response/')) {
      responses++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const body = req.url?.startsWith('/api/auth.test') ? { ok: true, user_id: 'U_BOT', bot_id: 'B1' } : { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    get responses() {
      return responses;
    },
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = await runSlackAckBench();
  for (const r of results) console.log(JSON.stringify(r));
}
