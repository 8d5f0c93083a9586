// `rustvsgo digest collect|preview|run`: the digest from the command line. `--now` pins the clock so every step
// is reproducible; `--demo` renders recorded data shipped in src/digest/demo with no network and no database.
// commander parses the arguments and writes the usage (src/cli/cli-program.ts).
import { Command } from 'commander';
import { z } from 'zod';
import { renderText } from '../adapters/shell/render-text.ts';
import type { Services } from '../core/services.ts';
import { writeFile } from 'node:fs/promises';
import { loadDemoCollections } from '../digest/demo/load-demo.ts';
import { renderDigest } from '../digest/render-digest.ts';
import type { Collection } from '../store/snapshot.ts';
import type { SourceClock } from '../digest/sources/http-client.ts';
import { renderTrendChart } from '../digest/trend-chart.ts';
import { collectWeek, ensureEdition } from '../digest/weekly-digest.ts';
import { buildEdition, type WeeklyEdition } from '../digest/weekly-edition.ts';
import { runDueCommand } from '../digest/run-due.ts';
import { postersFromConfig } from '../runtime/digest-posters.ts';
import { KnowledgeFileError } from '../knowledge/load-data-file.ts';
import { loadWatchlist, type WatchItem } from '../knowledge/watchlist.ts';
import { invokedAs } from './invoked-as.ts';
import { holdsSourceWarnings, type LogReader } from './source-warnings.ts';
import { processOutput, rejectUnknownSubcommands, runProgram, USAGE_EXIT_CODE, type CliContext, type ExitCodeAction } from './cli-program.ts';

export interface DigestCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Tests inject a fake clock so crates.io pacing and rate-limit waits take no real time. */
  clock?: SourceClock;
  watchlist?: WatchItem[];
}

class UsageError extends Error {}

const digestFlagsSchema = z.object({
  now: z.string().optional(),
  json: z.boolean().optional(),
  demo: z.boolean().optional(),
  watchlist: z.string().optional(),
  chart: z.string().optional(),
});
type DigestFlags = z.infer<typeof digestFlagsSchema>;
type Subcommand = 'collect' | 'preview' | 'run';

/** What a caller may fix beyond the flags: the sources' clock, the watchlist, whether text is coloured, and who reads the logs. */
interface DigestRunOptions {
  clock?: SourceClock;
  watchlist?: WatchItem[];
  color: boolean;
  /** The process's environment and stderr, when a person may be reading its logs (src/cli/source-warnings.ts). */
  logReader?: LogReader;
}

function parseNow(value: string | undefined, fallback: () => Date): Date {
  if (value === undefined) return fallback();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--now expects an ISO date-time such as 2025-07-08T09:00:00Z, got "${value.slice(0, 40)}"`);
  return new Date(time);
}

/** `digest` and its subcommands, for the `rustvsgo` program (src/cli/main.ts) and runDigestCli. */
export function digestCommand(exitCode: ExitCodeAction, context: CliContext, options: DigestRunOptions): Command {
  const digest = rejectUnknownSubcommands(
    new Command('digest').description("the weekly ecosystem digest: collect, preview or deliver this week's"),
    (name) => `rustvsgo digest: unknown subcommand "${name}"`,
  ).addHelpText('after', () => {
    const run = invokedAs();
    return `\nExamples:\n  ${run} digest preview --demo\n  ${run} digest collect --now 2025-07-08T09:00:00Z\n  ${run} digest run\n`;
  });
  const run = (subcommand: Subcommand) =>
    exitCode((flags: unknown) => context.withServices((services) => runSubcommand(subcommand, digestFlagsSchema.parse(flags), services, context, options)));
  digest
    .command('collect')
    .description("collect this week's data from every source and store it (exit 1 naming the sources when every source failed)")
    .option('--now <iso>', 'the clock for this run, e.g. 2025-07-08T09:00:00Z')
    .option('--json', 'a JSON summary instead of text')
    .option('--watchlist <file>', 'a YAML watchlist instead of the default one')
    .action(run('collect'));
  digest
    .command('preview')
    .description("show this week's digest (collects first if the week has none)")
    .option('--now <iso>', 'the clock for this run, e.g. 2025-07-08T09:00:00Z')
    .option('--json', 'the digest as JSON')
    .option('--demo', 'recorded sample data: no network, no database')
    .option('--watchlist <file>', 'a YAML watchlist instead of the default one')
    .option('--chart <file.png>', 'also write the trend chart as a PNG')
    .action(run('preview'));
  digest
    .command('run')
    .description('collect if due and deliver what is due')
    .option('--now <iso>', 'the clock for this run, e.g. 2025-07-08T09:00:00Z')
    .action(run('run'));
  return digest;
}

/** `rustvsgo digest ...` with the given services (tests and callers that already hold them). */
export async function runDigestCli(argv: string[], services: Services, options: DigestCliOptions = {}): Promise<number> {
  const output = { stdout: options.stdout ?? processOutput.stdout, stderr: options.stderr ?? processOutput.stderr };
  const context: CliContext = { output, withServices: (fn) => fn(services) };
  const args = argv[0] === 'digest' ? argv.slice(1) : argv;
  const runOptions = { clock: options.clock, watchlist: options.watchlist, color: Boolean(process.stdout.isTTY) && !options.stdout };
  return runProgram((exitCode) => new Command('rustvsgo').addCommand(digestCommand(exitCode, context, runOptions)), ['digest', ...args], output);
}

async function runSubcommand(subcommand: Subcommand, values: DigestFlags, services: Services, context: CliContext, options: DigestRunOptions): Promise<number> {
  const { stdout, stderr } = context.output;
  try {
    const now = parseNow(values.now, services.now);
    const watchlist = options.watchlist ?? (values.watchlist ? watchlistFile(values.watchlist) : undefined);
    const quiet = options.logReader !== undefined && holdsSourceWarnings(services.config, options.logReader);
    const logger = quiet ? services.logger.child({}, { level: 'error' }) : services.logger;
    const collectInput = { store: services.store, config: services.config, now, watchlist, clock: options.clock, logger };

    switch (subcommand) {
      case 'collect': {
        const collection = await collectWeek(collectInput);
        const failed = failedSources(collection);
        if (values.json) {
          stdout(`${JSON.stringify({ week: collection.week, collectedAt: collection.collectedAt, items: collection.items.length, sources: collection.sources })}\n`);
        } else {
          const statuses = collection.sources.map((source) => `  ${source.source}: ${source.status}${source.detail ? ` (${source.detail})` : ''}`).join('\n');
          stdout(`Collected week ${collection.week} at ${collection.collectedAt}: ${collection.items.length} watched items, ${collection.feeds.length} feeds.\n${statuses}\n`);
        }
        // Every source down is an outage, not a week: say so and fail, so cron and CI notice. Some down is a warning.
        if (failed.length > 0 && failed.length === collection.sources.length) {
          stderr(`rustvsgo digest: every source failed, nothing was collected: ${failed.join(', ')}\n`);
          return 1;
        }
        if (failed.length > 0) stderr(`rustvsgo digest: warning: ${failed.length} of ${collection.sources.length} sources failed (their parts of the digest are unknown this week): ${failed.join(', ')}\n`);
        return 0;
      }
      case 'preview': {
        const edition = values.demo ? demoEdition() : await ensureEdition(collectInput);
        const digest = edition.digest;
        if (values.chart) await writeChart(values.chart, edition, stderr);
        if (values.json) {
          stdout(`${JSON.stringify(digest)}\n`);
        } else {
          const reply = renderDigest(digest);
          const text = renderText(values.demo ? { ...reply, title: `${reply.title} (demo: recorded sample data, values illustrative)` } : reply, { color: options.color });
          stdout(`${text}\n`);
        }
        return 0;
      }
      case 'run':
        // Collect if due and deliver what is due (src/digest/run-due.ts); --now pins the clock for every step.
        return runDueCommand({ ...services, now: () => now }, await postersFromConfig(services.config, services.store), (line) => stdout(`${line}\n`));
    }
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`rustvsgo digest: ${error.message}\n`);
      return USAGE_EXIT_CODE;
    }
    throw error;
  }
}

/**
 * The --watchlist file. Its loader is the knowledge base's, whose errors say "knowledge file <name>"; the person
 * named a watchlist, so the error names it as such, with the path as they typed it.
 */
function watchlistFile(path: string): WatchItem[] {
  try {
    return loadWatchlist(path);
  } catch (error) {
    if (!(error instanceof KnowledgeFileError)) throw error;
    const where = (error.entry === undefined ? '' : `, entry ${error.entry}`) + (error.field ? `, field ${error.field}` : '');
    throw new UsageError(`watchlist file ${path}${where}: ${error.problem.replace(`cannot read ${path}:`, 'cannot read it:')}`);
  }
}

/** The demo: the recorded weeks through the same pipeline as a live preview and a delivery. */
function demoEdition(): WeeklyEdition {
  return buildEdition(loadDemoCollections());
}

function failedSources(collection: Collection): string[] {
  return collection.sources.filter((source) => source.status !== 'ok').map((source) => `${source.source} (${source.status === 'rate_limited' ? 'rate-limited' : 'unavailable'})`);
}

/** Writes the edition's trend chart; a path that cannot be written is a usage error, not a crash. */
async function writeChart(path: string, edition: WeeklyEdition, stderr: (text: string) => void): Promise<void> {
  if (!path.toLowerCase().endsWith('.png')) throw new UsageError(`--chart expects a .png file name, got "${path.slice(0, 80)}"`);
  const chart = await renderTrendChart(edition.history);
  if (!chart) {
    stderr('rustvsgo digest: no chart: the history window holds no downloads or stars\n');
    return;
  }
  try {
    await writeFile(path, chart.png);
  } catch (error) {
    throw new UsageError(`cannot write the chart to "${path.slice(0, 80)}": ${error instanceof Error ? error.message : String(error)}`);
  }
  stderr(`Chart written to ${path} (${chart.png.length} bytes). Alt text: ${chart.altText}\n`);
}
