// Start-up time and memory: `printf '/rustvsgo help\n' | npm start` as a child process (the bot in shell mode,
// run as `node --import tsx src/main.ts` so npm's own start-up is not counted), timed from spawn to its first
// reply on stdout, against bare `node -e ""` and the TypeScript loader alone in the same run; and the bot's
// resident memory after that first reply (knowledge base loaded, store open) against an idle bare node.
// Run alone: `npx tsx bench/startup.ts [runs]`.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchResult, type BenchResult } from './bench-result.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
/** What the help reply starts with (src/core/usage.ts helpReply). */
const FIRST_REPLY_MARK = 'rustvsgo: Rust or Go';

/** A clean environment: no platform tokens (so the shell starts), an in-memory database, no logs. */
function botEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', HTTP_SERVER: 'auto' };
}

interface ChildRun {
  /** Spawn to the mark on stdout (or to exit when no mark is awaited), ms. */
  ms: number;
  /** Resident set size when the mark appeared, bytes. */
  rssBytes: number;
}

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux: ps reports RSS in KiB on Linux and macOS alike.
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) * 1024;
}

/**
 * Spawns `args`, optionally writes `input`, and resolves when `mark` shows on stdout (then samples RSS and closes
 * stdin so the child exits) or, without a mark, when the child exits.
 */
function runChild(args: string[], input: string | undefined, mark: string | undefined): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: ROOT, env: botEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let result: ChildRun | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: no ${mark ? `"${mark}"` : 'exit'} within 60 s; stderr: ${err.slice(0, 500)}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (mark && !result && out.includes(mark)) {
        result = { ms: performance.now() - started, rssBytes: rssOf(child.pid!) };
        child.stdin.end();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!mark) resolve({ ms: performance.now() - started, rssBytes: 0 });
      else if (result) resolve(result);
      else reject(new Error(`${args.join(' ')} exited ${code} before "${mark}"; stderr: ${err.slice(0, 500)}`));
    });
    if (input !== undefined) child.stdin.write(input);
    if (!mark) child.stdin.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runStartupBench(runs = RUNS): Promise<BenchResult[]> {
  // Interleaved, so a slow moment of the machine hits every variant alike.
  const bare: number[] = [];
  const loader: number[] = [];
  const bot: ChildRun[] = [];
  const idle: number[] = [];
  // One unmeasured bot run warms the file cache (and tsx's transform cache) as a second start would be.
  await runChild(['--import', 'tsx', 'src/main.ts'], '/rustvsgo help\n', FIRST_REPLY_MARK);
  for (let i = 0; i < runs; i++) {
    bare.push((await runChild(['-e', ''], undefined, undefined)).ms);
    loader.push((await runChild(['--import', 'tsx', '-e', ''], undefined, undefined)).ms);
    bot.push(await runChild(['--import', 'tsx', 'src/main.ts'], '/rustvsgo help\n', FIRST_REPLY_MARK));
    idle.push((await runChild(['-e', 'console.log("idle"); process.stdin.resume()'], '', 'idle')).rssBytes);
  }
  const firstReply = median(bot.map((b) => b.ms));
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const round = (ms: number) => Math.round(ms);
  return [
    benchResult({
      name: 'start-up to first reply (`printf "/rustvsgo help\\n" | npm start`, median of ' + runs + ')',
      value: round(firstReply),
      unit: 'ms',
      baselineName: 'bare `node -e ""` spawn to exit',
      baselineValue: round(median(bare)),
    }),
    benchResult({
      name: 'start-up to first reply vs the TypeScript loader alone',
      value: round(firstReply),
      unit: 'ms',
      baselineName: '`node --import tsx -e ""` spawn to exit',
      baselineValue: round(median(loader)),
    }),
    benchResult({
      name: 'resident memory after the first reply (knowledge base loaded, store open)',
      value: mib(median(bot.map((b) => b.rssBytes))),
      unit: 'MiB',
      baselineName: 'idle bare node',
      baselineValue: mib(median(idle)),
    }),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runStartupBench(Number(process.argv[2] ?? RUNS));
  console.table(results);
}
