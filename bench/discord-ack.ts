// Discord acknowledgement under a burst (issue 14): 200 signed `/rustvsgo ask` interactions sent at once to the real
// HTTP interactions endpoint (bench/discord-ack-target.ts, its own process), each timed from send to the deferral
// (type 5) as the client sees it; Discord invalidates an interaction not acknowledged within 3 s. The follow-ups
// (the answers) go to a sink here, which counts them. Loopback only.
// Run alone: `npx tsx bench/discord-ack.ts [concurrent asks]`.
import { fork } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const APP_ID = '500000000000000001';
const QUESTIONS = ['Rust or Go for an edge gateway?', 'Rust or Go for a Kubernetes operator, small team that knows Go?', 'Rust or Go for a low-latency trading engine?'];

export interface DiscordAckRun {
  asks: number;
  p50: number;
  p99: number;
  max: number;
  over3s: number;
  failures: number;
  answered: number;
}

export async function runDiscordAckBench(asks = 200): Promise<DiscordAckRun> {
  let answered = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'PATCH') answered += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: '1', channel_id: '1', content: '', embeds: [], components: [] }));
    });
  });
  sink.listen(0, '127.0.0.1');
  await once(sink, 'listening');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const child = fork(fileURLToPath(new URL('./discord-ack-target.ts', import.meta.url)), [`http://127.0.0.1:${(sink.address() as AddressInfo).port}/api`, publicKeyHex, APP_ID], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  const agent = new Agent({ keepAlive: true, maxSockets: asks });
  const post = (i: number) =>
    new Promise<{ ms: number; ok: boolean }>((resolve) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify({
        id: String(700000000000000000n + BigInt(i)),
        application_id: APP_ID,
        type: 2,
        token: `bench-token-${i}`,
        version: 1,
        locale: 'en-US',
        channel_id: '300000000000000001',
        guild_id: '200000000000000001',
        member: { user: { id: String(600000000000000000n + BigInt(i)), username: 'u' }, permissions: '0' },
        data: { id: '1', name: 'rustvsgo', type: 1, options: [{ name: 'ask', type: 1, options: [{ name: 'question', type: 3, value: QUESTIONS[i % QUESTIONS.length] }] }] },
      });
      const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
      const started = performance.now();
      const req = request(ready.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - started, ok: res.statusCode === 200 }));
      });
      req.on('error', () => resolve({ ms: performance.now() - started, ok: false }));
      req.end(body);
    });
  // Warm-up: the first answers load the advisor's data; a real bot has done that long before a burst.
  await Promise.all(Array.from({ length: 5 }, (_, i) => post(100_000 + i)));
  const results = await Promise.all(Array.from({ length: asks }, (_, i) => post(i)));
  const deadline = Date.now() + 120_000;
  while (answered < asks + 5 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  child.send('stop');
  await once(child, 'exit');
  sink.close();
  agent.destroy();
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
  return { asks, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1)!), over3s: sorted.filter((ms) => ms > 3000).length, failures: results.filter((r) => !r.ok).length, answered: answered - 5 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runDiscordAckBench(Number(process.argv[2] ?? 200))));
}
