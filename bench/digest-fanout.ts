// Digest fan-out: one delivery round (runDue: ledger claims, per-channel digest build, Slack chat.postMessage,
// ledger record) to N subscribed channels on a loopback fake Slack API with no rate limit and no pacing, on the
// default SQLite store. Each size runs in its own child process so its peak memory is its own: time for 1,000
// channels (target < 30 s) against 1,000 bare chat.postMessage calls to the same fake, and peak RSS for 1,000
// channels against 100 (target: flat, i.e. ratio close to 1).
// Run alone: `npx tsx bench/digest-fanout.ts`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { parseConfig } from '../src/config/env.ts';
import { loadDemoCollections } from '../src/digest/demo/load-demo.ts';
import { createStoredDigestContent } from '../src/digest/digest-content.ts';
import { postersFromConfig } from '../src/runtime/digest-posters.ts';
import { runDue } from '../src/digest/run-due.ts';
import { isoWeek } from '../src/store/snapshot.ts';
import { openStore } from '../src/store/store.ts';
import { benchResult, type BenchResult } from './bench-result.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = new Date('2026-03-02T09:05:00Z'); // five minutes after the channels' Monday 09:00 UTC slot

interface FanoutRun {
  channels: number;
  ms: number;
  /** Bare chat.postMessage calls, same count, same fake, same process. */
  bareMs: number;
  peakRssBytes: number;
  sent: number;
}

/**
 * A fake Slack Web API that answers every call at once and keeps only a count (its memory stays flat too). It
 * serves the files.uploadV2 steps too (upload URL, upload, complete), since each digest carries its trend chart.
 */
async function startCountingSlack(): Promise<{ apiUrl: string; posts: () => number; close: () => Promise<void> }> {
  let posts = 0;
  let ts = 1_700_000_000;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url?.includes('chat.postMessage')) posts += 1;
      ts += 1;
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const upload = req.url?.includes('files.getUploadURLExternal') ? { upload_url: `${origin}/upload/F${ts}`, file_id: `F${ts}` } : {};
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, ts: `${ts}.000100`, channel: 'C', messages: [], files: [{ id: `F${ts}` }], ...upload }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    posts: () => posts,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** One fan-out in this process (the child side). */
async function fanOut(channels: number): Promise<FanoutRun> {
  const slack = await startCountingSlack();
  const dir = mkdtempSync(join(tmpdir(), 'rustvsgo-bench-fanout-'));
  const config = parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'silent' });
  const store = await openStore(config.DATABASE_URL);
  const logger = pino({ level: 'silent' });
  try {
    const demo = loadDemoCollections().at(-1)!;
    await store.digestSnapshots.save({ ...demo, week: isoWeek(NOW), collectedAt: NOW.toISOString() });
    for (let i = 0; i < channels; i++) {
      await store.digestSubscriptions.subscribe({ platform: 'slack', workspaceId: 'T1', channelId: `C${i}` }, { day: 'monday', time: '09:00', timezone: 'UTC' }, 'U1', new Date('2026-02-01T00:00:00Z'));
    }
    const posters = await postersFromConfig(config, store);
    const content = createStoredDigestContent({
      store,
      config,
      logger,
      holder: 'bench',
      collector: () => Promise.reject(new Error('the bench pre-seeds the week; no collection expected')),
    });

    let peakRssBytes = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const result = await runDue({ store, content, posters, holder: 'bench', now: () => NOW, logger });
    const ms = performance.now() - started;
    clearInterval(sampler);
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage().rss);

    // Floor: the same number of posts through a bare client to the same fake (no store, no digest building).
    const bareStarted = performance.now();
    for (let i = 0; i < channels; i++) {
      await fetch(`${slack.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: 'Bearer xoxb-bench', 'content-type': 'application/json' }, body: JSON.stringify({ channel: `C${i}`, text: 'x' }) }).then((r) => r.json());
    }
    const bareMs = performance.now() - bareStarted;
    return { channels, ms, bareMs, peakRssBytes, sent: result.deliveries.filter((d) => d.outcome === 'sent').length };
  } finally {
    await store.close();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(channels: number): Promise<FanoutRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(channels)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`fan-out child (${channels} channels) exited ${code}: ${err.slice(-800)}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)!) as FanoutRun);
    });
  });
}

export async function runDigestFanoutBench(): Promise<BenchResult[]> {
  const small = await runChild(100);
  const large = await runChild(1_000);
  for (const run of [small, large]) {
    if (run.sent !== run.channels) throw new Error(`fan-out sent ${run.sent} of ${run.channels} digests`);
  }
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  return [
    benchResult({
      name: 'digest fan-out to 1,000 Slack channels, no rate limit (SQLite)',
      value: seconds(large.ms),
      unit: 's',
      baselineName: '1,000 bare chat.postMessage calls to the same fake',
      baselineValue: seconds(large.bareMs),
      target: '< 30 s',
      met: large.ms < 30_000,
    }),
    benchResult({
      name: 'digest fan-out peak RSS, 1,000 channels',
      value: mb(large.peakRssBytes),
      unit: 'MB',
      baselineName: 'the same fan-out to 100 channels',
      baselineValue: mb(small.peakRssBytes),
      target: 'flat in channels (ratio < 1.25)',
      met: large.peakRssBytes / small.peakRssBytes < 1.25,
    }),
  ];
}

if (process.argv.includes('--child')) {
  const channels = Number(process.argv[process.argv.indexOf('--child') + 1]);
  process.stdout.write(`${JSON.stringify(await fanOut(channels))}\n`);
  process.exit(0);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runDigestFanoutBench()) console.log(`${r.name}: ${r.value} ${r.unit} (baseline ${r.baselineName}: ${r.baselineValue}; ratio ${r.ratio}; target ${r.target}: ${r.met ? 'met' : 'NOT met'})`);
}
