// Start-up time and memory, as a user meets them: `printf '/rustvsgo help\n' | npm start` (npm, then the compiled
// bot in shell mode) timed from spawn to its first reply on stdout, against `npm run env` (npm's own start-up,
// spawn to exit) in the same run, interleaved; target: at most 2x. And the resident memory of the bot process
// itself (`node dist/main.js`, no npm) after that reply (knowledge base loaded; the shell alone opens its store on
// the first command that needs one, which help is not), against an idle bare node; target: at most 100 MiB. Runs the build first when dist/ is older than src/ (tests/helpers/ensure-built.ts).
// Run alone: `npx tsx bench/startup.ts [runs]`.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../tests/helpers/ensure-built.ts';
import { benchResult, type BenchResult } from './bench-result.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
/** What the help reply starts with (src/core/usage.ts helpReply). */
const FIRST_REPLY_MARK = 'rustvsgo: Rust or Go';

/** Targets from issue 12. */
const MAX_START_RATIO = 2;
const MAX_RSS_MIB = 100;

/** A clean environment: no platform tokens (so the shell starts), an in-memory database, no logs. */
function botEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', HTTP_SERVER: 'auto' };
}

interface ChildRun {
  /** Spawn to the mark on stdout (or to exit when no mark is awaited), ms. */
  ms: number;
  /** Peak resident set size when the mark appeared, bytes. */
  rssBytes: number;
}

/** Peak resident memory so far (Linux VmHWM), or the current RSS where /proc is missing. */
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
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
function runChild(args: string[], input: string | undefined, mark: string | undefined, command = process.execPath): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: ROOT, env: botEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
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
  ensureBuilt();
  // Interleaved, so a slow moment of the machine hits every variant alike.
  const npmEnv: number[] = [];
  const npmStart: number[] = [];
  const bot: ChildRun[] = [];
  const idle: number[] = [];
  // One unmeasured run of each warms the file cache, as a second start would find it.
  await runChild(['run', 'env', '--silent'], undefined, undefined, 'npm');
  await runChild(['start', '--silent'], '/rustvsgo help\n', FIRST_REPLY_MARK, 'npm');
  for (let i = 0; i < runs; i++) {
    npmEnv.push((await runChild(['run', 'env', '--silent'], undefined, undefined, 'npm')).ms);
    npmStart.push((await runChild(['start', '--silent'], '/rustvsgo help\n', FIRST_REPLY_MARK, 'npm')).ms);
    bot.push(await runChild(['dist/main.js'], '/rustvsgo help\n', FIRST_REPLY_MARK));
    idle.push((await runChild(['-e', 'console.log("idle"); process.stdin.resume()'], '', 'idle')).rssBytes);
  }
  const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const round = (ms: number) => Math.round(ms);
  const startRatio = median(npmStart) / median(npmEnv);
  const rss = mib(median(bot.map((b) => b.rssBytes)));
  return [
    benchResult({
      name: `start-up to the help reply (\`printf "/rustvsgo help\\n" | npm start\`, median of ${runs})`,
      value: round(median(npmStart)),
      unit: 'ms',
      baselineName: '`npm run env` spawn to exit (npm alone)',
      baselineValue: round(median(npmEnv)),
      target: `<= ${MAX_START_RATIO}x npm run env`,
      met: startRatio <= MAX_START_RATIO,
    }),
    benchResult({
      name: `the bot alone to the help reply (\`node dist/main.js\`, median of ${runs})`,
      value: round(median(bot.map((b) => b.ms))),
      unit: 'ms',
      baselineName: '`npm run env` spawn to exit (npm alone)',
      baselineValue: round(median(npmEnv)),
    }),
    benchResult({
      name: 'peak resident memory of the shell answering help (`node dist/main.js`; knowledge base loaded, store not needed yet)',
      value: rss,
      unit: 'MiB',
      baselineName: 'idle bare node (peak)',
      baselineValue: mib(median(idle)),
      target: `<= ${MAX_RSS_MIB} MiB`,
      met: rss <= MAX_RSS_MIB,
    }),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runStartupBench(Number(process.argv[2] ?? RUNS));
  console.table(results);
}
