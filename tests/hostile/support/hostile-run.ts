// Runs hostile inputs through dispatch and every renderer, collecting problems instead of stopping at the first,
// and recording how much text reached command handlers (the work bound).
import { commands } from '../../../src/commands/index.ts';
import type { CommandSpec, LeafCommand } from '../../../src/core/command-spec.ts';
import { condenseReply } from '../../../src/core/condense.ts';
import type { DispatchOutcome } from '../../../src/core/dispatch.ts';
import type { InvocationOrigin } from '../../../src/core/invocation.ts';
import type { Platform } from '../../../src/shared/platform.ts';
import { renderedProblems } from './rendered-problems.ts';

export function origin(platform: Platform, mode: 'command' | 'mention' = 'command'): InvocationOrigin {
  return { platform, workspaceId: 'T0HOSTILE', channelId: 'C0HOSTILE', userId: 'U0HOSTILE', locale: 'en', requestId: 'hostile', isChannelAdmin: async () => true, mode };
}

/** Longest string value any handler received, over the whole run. */
export interface WorkMeter {
  longestArg: number;
  longestArgCommand: string;
  handled: number;
}

function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => Math.max(n, longestString(v)), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((n: number, v) => Math.max(n, longestString(v)), 0);
  return 0;
}

/** The real command registry with each handler wrapped to measure what reaches it. */
export function meteredCommands(meter: WorkMeter): CommandSpec[] {
  const wrap = (leaf: LeafCommand, path: string): LeafCommand => ({
    ...leaf,
    handle(args, ctx) {
      meter.handled += 1;
      const longest = longestString(args);
      if (longest > meter.longestArg) {
        meter.longestArg = longest;
        meter.longestArgCommand = path;
      }
      return leaf.handle(args, ctx);
    },
  });
  return commands.map((spec) =>
    spec.kind === 'command' ? wrap(spec, spec.name) : { ...spec, subcommands: spec.subcommands.map((s) => wrap(s, `${spec.name} ${s.name}`)) },
  );
}

export interface Attempt {
  label: string;
  mode: 'command' | 'mention';
  text: string;
  run: () => Promise<DispatchOutcome>;
}

export interface RunReport {
  tried: number;
  failures: string[];
  slowestMs: number;
  slowestLabel: string;
}

/** Dispatches and renders each attempt; an exception, a "failed" outcome or any rendering problem is a failure. */
export async function runAttempts(attempts: Iterable<Attempt>): Promise<RunReport> {
  const report: RunReport = { tried: 0, failures: [], slowestMs: 0, slowestLabel: '' };
  for (const attempt of attempts) {
    report.tried += 1;
    const started = performance.now();
    try {
      const outcome = await attempt.run();
      if (outcome.outcome === 'failed') report.failures.push(`${attempt.label}: handler failed (${outcome.command})`);
      const shown = attempt.mode === 'mention' && outcome.outcome === 'ok' ? condenseReply(outcome.reply, attempt.text) : outcome.reply;
      for (const problem of renderedProblems(shown)) report.failures.push(`${attempt.label}: ${problem}`);
    } catch (error) {
      report.failures.push(`${attempt.label}: threw ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`);
    }
    const ms = performance.now() - started;
    if (ms > report.slowestMs) {
      report.slowestMs = ms;
      report.slowestLabel = attempt.label;
    }
  }
  return report;
}

/** Failures grouped by problem, each with its count and first example, so one bug reads as one line. */
export function summarizeFailures(failures: readonly string[]): string[] {
  const groups = new Map<string, { count: number; example: string }>();
  for (const failure of failures) {
    const problem = failure.slice(failure.indexOf(': ') + 2).replace(/\d+/g, 'N');
    const group = groups.get(problem);
    if (group) group.count += 1;
    else groups.set(problem, { count: 1, example: failure.slice(0, 160) });
  }
  return [...groups.entries()].map(([problem, g]) => `${g.count}x ${problem} (e.g. ${g.example})`);
}
