// `rustvsgo feedback export`: every vote on an answer as one JSON line (question, recommendation, confidence, vote,
// comment, platform, at, plus read_as and kb_version), oldest first: the raw material for new evaluation cases.
import { Command } from 'commander';
import type { Services } from '../core/services.ts';
import { feedbackExportSchema } from '../store/feedback.ts';
import { processOutput, rejectUnknownSubcommands, runProgram, type CliContext, type ExitCodeAction } from './cli-program.ts';

export interface FeedbackCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/** `feedback export`, for the `rustvsgo` program (src/cli/main.ts) and runFeedbackCli. */
export function feedbackCommand(exitCode: ExitCodeAction, context: CliContext): Command {
  const feedback = rejectUnknownSubcommands(
    new Command('feedback').description('the votes on answers').usage('export'),
    (name) => `rustvsgo feedback: unknown subcommand "${name}"`,
  );
  feedback
    .command('export')
    .description('every vote on an answer as one JSON line, oldest first')
    .action(
      exitCode(() =>
        context.withServices(async (services) => {
          for await (const line of services.store.feedback.exportLines()) context.output.stdout(`${JSON.stringify(feedbackExportSchema.parse(line))}\n`);
          return 0;
        }),
      ),
    );
  return feedback;
}

/** `rustvsgo feedback ...` with the given services (tests and callers that already hold them). */
export async function runFeedbackCli(argv: string[], services: Services, options: FeedbackCliOptions = {}): Promise<number> {
  const output = { stdout: options.stdout ?? processOutput.stdout, stderr: options.stderr ?? processOutput.stderr };
  const context: CliContext = { output, withServices: (fn) => fn(services) };
  return runProgram((exitCode) => new Command('rustvsgo').addCommand(feedbackCommand(exitCode, context)), ['feedback', ...argv], output);
}
