// `rustvsgo digest collect|preview|run`: the digest from the command line. `--now` pins the clock so every step
// is reproducible; `--demo` renders recorded data shipped in src/digest/demo with no network and no database.
import { parseArgs } from 'node:util';
import { renderText } from '../adapters/shell/render-text.ts';
import type { Services } from '../core/services.ts';
import { buildDigest } from '../digest/build.ts';
import { loadDemoCollections } from '../digest/demo/load-demo.ts';
import { renderDigest } from '../digest/render-digest.ts';
import type { SourceClock } from '../digest/sources/http-client.ts';
import { collectWeek, ensureDigest } from '../digest/weekly-digest.ts';
import { runDueCommand } from '../digest/run-due.ts';
import { loadWatchlist, type WatchItem } from '../knowledge/watchlist.ts';

export const DIGEST_USAGE = `Usage: rustvsgo digest <subcommand>

  digest collect [--now ISO] [--watchlist FILE]            collect this week's data from every source and store it
  digest preview [--now ISO] [--json] [--demo] [--watchlist FILE]
                                                          show this week's digest (collects first if the week has none)
  digest run [--now ISO]                                  collect if due and deliver what is due
`;

export interface DigestCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Tests inject a fake clock so crates.io pacing and rate-limit waits take no real time. */
  clock?: SourceClock;
  watchlist?: WatchItem[];
}

class UsageError extends Error {}

function parseNow(value: string | undefined, fallback: () => Date): Date {
  if (value === undefined) return fallback();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--now expects an ISO date-time such as 2025-07-08T09:00:00Z, got "${value.slice(0, 40)}"`);
  return new Date(time);
}

export async function runDigestCli(argv: string[], services: Services, options: DigestCliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const args = argv[0] === 'digest' ? argv.slice(1) : argv;
  const [subcommand, ...rest] = args;
  if (subcommand !== 'collect' && subcommand !== 'preview' && subcommand !== 'run') {
    // Before anything else: an unknown subcommand needs neither the clock nor the store.
    stderr(subcommand ? `rustvsgo digest: unknown subcommand "${subcommand.slice(0, 40)}"\n\n${DIGEST_USAGE}` : DIGEST_USAGE);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      allowPositionals: false,
      options: { now: { type: 'string' }, json: { type: 'boolean' }, demo: { type: 'boolean' }, watchlist: { type: 'string' } },
    });
    const now = parseNow(values.now, services.now);
    const watchlist = options.watchlist ?? (values.watchlist ? loadWatchlist(values.watchlist) : undefined);
    const collectInput = { store: services.store, config: services.config, now, watchlist, clock: options.clock, logger: services.logger };

    switch (subcommand) {
      case 'collect': {
        const collection = await collectWeek(collectInput);
        if (values.json) {
          stdout(`${JSON.stringify({ week: collection.week, collectedAt: collection.collectedAt, items: collection.items.length, sources: collection.sources })}\n`);
        } else {
          const statuses = collection.sources.map((source) => `  ${source.source}: ${source.status}${source.detail ? ` (${source.detail})` : ''}`).join('\n');
          stdout(`Collected week ${collection.week} at ${collection.collectedAt}: ${collection.items.length} watched items, ${collection.feeds.length} feeds.\n${statuses}\n`);
        }
        return 0;
      }
      case 'preview': {
        const digest = values.demo ? demoDigest() : await ensureDigest(collectInput);
        if (values.json) {
          stdout(`${JSON.stringify(digest)}\n`);
        } else {
          const reply = renderDigest(digest);
          const text = renderText(values.demo ? { ...reply, title: `${reply.title} (demo: recorded sample data, values illustrative)` } : reply, { color: Boolean(process.stdout.isTTY) && !options.stdout });
          stdout(`${text}\n`);
        }
        return 0;
      }
      case 'run':
        // Collect if due and deliver what is due (src/digest/run-due.ts); --now pins the clock for every step.
        return runDueCommand({ ...services, now: () => now }, (line) => stdout(`${line}\n`));
    }
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      stderr(`rustvsgo digest: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The demo: the last recorded week against the one before, exactly as a live preview would build it. */
function demoDigest() {
  const collections = loadDemoCollections();
  const current = collections.at(-1);
  if (!current) throw new Error('demo data is missing');
  return buildDigest({ current, previous: collections.at(-2), history: collections });
}
