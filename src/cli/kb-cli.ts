// `rustvsgo kb check [--json] [--now ISO]`: which knowledge-base entries are behind the newest stable Go and Rust
// releases the digest collector has stored, or were last checked more than twelve months ago. Exit 1 when any.
import { parseArgs } from 'node:util';
import type { Services } from '../core/services.ts';
import { staleEntryCount, type KbCheckReport } from '../knowledge/kb-freshness.ts';
import { kbStalenessReport } from '../ops/kb-staleness.ts';

const KB_USAGE = `Usage: rustvsgo kb check [--json] [--now ISO]

  kb check                                 list knowledge-base entries checked against an older Go or Rust
                                           release than the newest stable one the digest has stored, or last
                                           checked more than twelve months ago; exit 1 when there are any
`;

export interface KbCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

function renderReport(report: KbCheckReport): string {
  const latest = `Newest stored stable releases: Go ${report.latest.go ?? 'unknown'}, Rust ${report.latest.rust ?? 'unknown'}`;
  const unknown =
    report.latest.go === null || report.latest.rust === null
      ? '\n(No stored release for a toolchain: run `rustvsgo digest collect` so version checks can run; review ages are still checked.)'
      : '';
  if (report.stale.length === 0) return `${latest}${unknown}\nNo stale knowledge-base entries.\n`;
  const lines = report.stale.map((row) => `  ${row.file} ${row.id}: ${row.reason}\n    ${row.url}`);
  return `${latest}${unknown}\n${staleEntryCount(report)} entries need review (${report.stale.length} sources):\n${lines.join('\n')}\n`;
}

export async function runKbCli(argv: string[], services: Services, options: KbCliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'check') {
    stderr(subcommand ? `rustvsgo kb: unknown subcommand "${subcommand.slice(0, 40)}"\n\n${KB_USAGE}` : KB_USAGE);
    return 2;
  }
  let values: { json?: boolean; now?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, now: { type: 'string' } } }));
  } catch (error) {
    stderr(`rustvsgo kb check: ${(error as Error).message}\n`);
    return 2;
  }
  const now = values.now === undefined ? services.now() : new Date(Date.parse(values.now));
  if (Number.isNaN(now.getTime())) {
    stderr(`rustvsgo kb check: --now expects an ISO date-time such as 2026-12-01T09:00:00Z, got "${String(values.now).slice(0, 40)}"\n`);
    return 2;
  }
  const report = await kbStalenessReport({ knowledge: services.knowledge, snapshots: services.store.digestSnapshots, now });
  if (values.json) {
    // The documented contract: {latest: {go, rust}, stale: [{id, file, checked_against, reason}]}, plus each row's url.
    stdout(`${JSON.stringify(report)}\n`);
  } else {
    stdout(renderReport(report));
  }
  return report.stale.length > 0 ? 1 : 0;
}
