// `npm run bench`: runs every area's benchmark in one process, one after another, prints one table and writes
// bench/REPORT.md (figure, unit, baseline, ratio, target, met). A benchmark module that is missing or fails is
// reported as such in the table and makes the run exit 1: nothing is skipped silently.
// `npm run bench -- --only startup,advisor` runs a subset and prints it without rewriting the report.
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-result.ts';

interface BenchModule {
  area: string;
  /** Path from the project root. */
  file: string;
  exportName: string;
  /** What the issue asks this benchmark to show. */
  about: string;
}

export const BENCH_MODULES: readonly BenchModule[] = [
  { area: 'advisor', file: 'bench/advisor.ts', exportName: 'runAdvisorBench', about: 'answer latency, knowledge-base load, memory' },
  { area: 'slack-ack', file: 'bench/slack-ack.ts', exportName: 'runSlackAckBench', about: 'slash-command ack throughput and latency vs a bare Bolt app' },
  { area: 'store', file: 'bench/store.ts', exportName: 'runStoreBench', about: 'store operations per second on SQLite and PostgreSQL' },
  { area: 'digest-fanout', file: 'bench/digest-fanout.ts', exportName: 'runDigestFanoutBench', about: 'digest fan-out time and memory' },
  { area: 'startup', file: 'bench/startup.ts', exportName: 'runStartupBench', about: 'start-up to first reply and memory vs bare node' },
];

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export type AreaOutcome =
  | { area: string; status: 'ok'; results: BenchResult[]; seconds: number }
  | { area: string; status: 'missing' | 'failed'; problem: string; seconds: number };

type BenchFunction = () => Promise<BenchResult[]>;

/** The module's named export, or its one `run…Bench` function if it was named differently. */
function benchFunction(mod: Record<string, unknown>, exportName: string): BenchFunction | undefined {
  if (typeof mod[exportName] === 'function') return mod[exportName] as BenchFunction;
  const candidates = Object.entries(mod).filter(([name, value]) => /^run\w*Bench$/.test(name) && typeof value === 'function');
  return candidates.length === 1 ? (candidates[0]![1] as BenchFunction) : undefined;
}

export async function runArea(m: BenchModule, root = ROOT): Promise<AreaOutcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const path = `${root}/${m.file}`;
  if (!existsSync(path)) return { area: m.area, status: 'missing', problem: `${m.file} does not exist (expected export ${m.exportName})`, seconds: 0 };
  try {
    const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const run = benchFunction(mod, m.exportName);
    if (!run) return { area: m.area, status: 'missing', problem: `${m.file} exports no ${m.exportName}()`, seconds: seconds() };
    const results = await run();
    if (!Array.isArray(results) || results.length === 0) return { area: m.area, status: 'failed', problem: `${m.exportName}() returned no results`, seconds: seconds() };
    return { area: m.area, status: 'ok', results, seconds: seconds() };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { area: m.area, status: 'failed', problem: message.split('\n').slice(0, 3).join(' | '), seconds: seconds() };
  }
}

function figure(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? String(Math.round(n)) : abs >= 1 ? String(Math.round(n * 100) / 100) : String(Number(n.toPrecision(3)));
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The report's table, one row per figure; missing and failed areas get a row saying so. */
export function reportTable(outcomes: readonly AreaOutcome[]): string {
  const rows = ['| area | figure | value | unit | baseline (same run) | baseline value | ratio | target | met |', '|---|---|---|---|---|---|---|---|---|'];
  for (const o of outcomes) {
    if (o.status !== 'ok') {
      rows.push(`| ${o.area} | **${o.status.toUpperCase()}**: ${cell(o.problem)} | | | | | | | no |`);
      continue;
    }
    for (const r of o.results) {
      const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
      rows.push(`| ${o.area} | ${cell(r.name)} | ${figure(r.value)} | ${cell(r.unit)} | ${cell(r.baselineName)} | ${figure(r.baselineValue)} | ${figure(r.ratio)} | ${cell(r.target ?? '')} | ${met} |`);
    }
  }
  return rows.join('\n');
}

/** 1-minute load averages before and after the run: a busy machine inflates absolute figures. */
export interface RunContext {
  loadBefore?: number;
  loadAfter?: number;
}

export function reportMarkdown(outcomes: readonly AreaOutcome[], now = new Date(), context: RunContext = {}): string {
  const cpu = cpus();
  return [
    '# Benchmark report',
    '',
    'Written by `npm run bench` (bench/run.ts). Every figure is next to a baseline measured in the same run on the same',
    'machine, so the ratio is the number to compare across machines; absolute figures depend on the host and its load.',
    '',
    `- run: ${now.toISOString()}`,
    `- host: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}`,
    `- time per area: ${outcomes.map((o) => `${o.area} ${o.seconds} s`).join(', ')}`,
    ...(context.loadBefore === undefined ? [] : [`- 1-minute load average: ${context.loadBefore.toFixed(1)} before, ${context.loadAfter?.toFixed(1) ?? '?'} after (${cpu.length} CPUs; above ${cpu.length} means other work competed with the benchmarks)`]),
    '',
    reportTable(outcomes),
    '',
    'Ratio is value / baseline: for throughput higher is better, for latency, time and memory lower is better.',
    'What each benchmark measures and how: the header comment of its file under bench/, and docs/operations.md.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const onlyArg = process.argv.find((a) => a.startsWith('--only'));
  const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : process.argv[process.argv.indexOf(onlyArg) + 1] ?? '').split(',') : undefined;
  const selected = only ? BENCH_MODULES.filter((m) => only.includes(m.area)) : BENCH_MODULES;
  if (only && selected.length !== only.length) {
    console.error(`unknown area in --only; areas: ${BENCH_MODULES.map((m) => m.area).join(', ')}`);
    process.exit(2);
  }
  const outcomes: AreaOutcome[] = [];
  const loadBefore = loadavg()[0];
  for (const m of selected) {
    console.error(`bench: ${m.area} (${m.about}) ...`);
    const outcome = await runArea(m);
    console.error(`bench: ${m.area} ${outcome.status} in ${outcome.seconds} s`);
    outcomes.push(outcome);
  }
  console.log(reportTable(outcomes));
  if (!only) {
    writeFileSync(`${ROOT}/bench/REPORT.md`, reportMarkdown(outcomes, new Date(), { loadBefore, loadAfter: loadavg()[0] }));
    console.error('bench: wrote bench/REPORT.md');
  }
  const bad = outcomes.filter((o) => o.status !== 'ok');
  if (bad.length > 0) {
    console.error(`bench: ${bad.map((o) => `${o.area} ${o.status}`).join(', ')}`);
    process.exitCode = 1;
  }
  // Benchmarks may leave pools or servers open by mistake; the report is written, so end here.
  setImmediate(() => process.exit());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
