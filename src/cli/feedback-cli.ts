// `rustvsgo feedback export`: every vote on an answer as one JSON line (question, recommendation, confidence, vote,
// comment, platform, at, plus read_as and kb_version), oldest first: the raw material for new evaluation cases.
import type { Services } from '../core/services.ts';
import { feedbackExportSchema } from '../store/feedback.ts';

const FEEDBACK_USAGE = `Usage: rustvsgo feedback export

  feedback export                          every vote on an answer as one JSON line, oldest first
`;

export interface FeedbackCliOptions {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export async function runFeedbackCli(argv: string[], services: Services, options: FeedbackCliOptions = {}): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'export' || rest.length > 0) {
    stderr(subcommand ? `rustvsgo feedback: unknown arguments "${argv.join(' ').slice(0, 40)}"\n\n${FEEDBACK_USAGE}` : FEEDBACK_USAGE);
    return 2;
  }
  for await (const line of services.store.feedback.exportLines()) stdout(`${JSON.stringify(feedbackExportSchema.parse(line))}\n`);
  return 0;
}
