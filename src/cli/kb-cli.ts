// `rustvsgo kb check [--json] [--now ISO]`: which knowledge-base entries are behind the newest stable Go and Rust
// releases the digest collector has stored, or were last checked more than twelve months ago. Exit 1 when any.
import { Command } from 'commander';
import { z } from 'zod';
import type { Services } from '../core/services.ts';
import { staleEntryCount, type KbCheckReport } from '../knowledge/kb-freshness.ts';
import { kbStalenessReport } from '../ops/kb-staleness.ts';
import { invokedAs } from './invoked-as.ts';
import { processOutput, rejectUnknownSubcommands, runProgram, USAGE_EXIT_CODE, type CliContext, type ExitCodeAction } from './cli-program.ts';

export interface KbCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

const kbCheckFlagsSchema = z.object({ json: z.boolean().optional(), now: z.string().optional() });

/** The report as text; `run` is how the person runs this CLI (src/cli/invoked-as.ts), for the collect hint. */
function renderReport(report: KbCheckReport, run: string): string {
  const latest = `Newest stored stable releases: Go ${report.latest.go ?? 'unknown'}, Rust ${report.latest.rust ?? 'unknown'}`;
  const unknown =
    report.latest.go === null || report.latest.rust === null
      ? `\n(No stored release for a toolchain: run \`${run} digest collect\` so version checks can run; review ages are still checked.)`
      : '';
  if (report.stale.length === 0) return `${latest}${unknown}\nNo stale knowledge-base entries.\n`;
  const lines = report.stale.map((row) => `  ${row.file} ${row.id}: ${row.reason}\n    ${row.url}`);
  return `${latest}${unknown}\n${staleEntryCount(report)} entries need review (${report.stale.length} sources):\n${lines.join('\n')}\n`;
}

/** `kb check`, for the `rustvsgo` program (src/cli/main.ts) and runKbCli. */
export function kbCommand(exitCode: ExitCodeAction, context: CliContext): Command {
  const kb = rejectUnknownSubcommands(new Command('kb').description('the knowledge base against the newest stored releases'), (name) => `rustvsgo kb: unknown subcommand "${name}"`);
  kb.command('check')
    .description(
      'list knowledge-base entries checked against an older Go or Rust release than the newest stable one the digest has stored, or last checked more than twelve months ago; exit 1 when there are any',
    )
    .option('--json', 'the report as JSON')
    .option('--now <iso>', 'the date to check against, e.g. 2026-12-01T09:00:00Z')
    .action(exitCode((flags: unknown) => context.withServices((services) => check(kbCheckFlagsSchema.parse(flags), services, context))));
  return kb;
}

/** `rustvsgo kb ...` with the given services (tests and callers that already hold them). */
export async function runKbCli(argv: string[], services: Services, options: KbCliOptions = {}): Promise<number> {
  const output = { stdout: options.stdout ?? processOutput.stdout, stderr: options.stderr ?? processOutput.stderr };
  const context: CliContext = { output, withServices: (fn) => fn(services) };
  return runProgram((exitCode) => new Command('rustvsgo').addCommand(kbCommand(exitCode, context)), ['kb', ...argv], output);
}

async function check(values: z.infer<typeof kbCheckFlagsSchema>, services: Services, { output }: CliContext): Promise<number> {
  const now = values.now === undefined ? services.now() : new Date(Date.parse(values.now));
  if (Number.isNaN(now.getTime())) {
    output.stderr(`rustvsgo kb check: --now expects an ISO date-time such as 2026-12-01T09:00:00Z, got "${String(values.now).slice(0, 40)}"\n`);
    return USAGE_EXIT_CODE;
  }
  const report = await kbStalenessReport({ knowledge: services.knowledge, snapshots: services.store.digestSnapshots, now });
  if (values.json) {
    // The documented contract: {latest: {go, rust}, stale: [{id, file, checked_against, reason}]}, plus each row's url.
    output.stdout(`${JSON.stringify(report)}\n`);
  } else {
    output.stdout(renderReport(report, invokedAs()));
  }
  return report.stale.length > 0 ? 1 : 0;
}
