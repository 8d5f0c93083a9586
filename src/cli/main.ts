// The `rustvsgo` command line: start | ask | lookup | digest | kb | feedback | help, parsed by commander (usage text
// generated from the definitions below). Results go to stdout and nothing else does (logs go to stderr), so
// `npm run --silent rustvsgo -- ask --json "..."` is safe to pipe.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { z } from 'zod';
import { renderText } from '../adapters/shell/render-text.ts';
import { commands } from '../commands/index.ts';
import type { Config } from '../config/env.ts';
import { loadConfig } from '../config/load-config.ts';
import { dispatchStructured } from '../core/dispatch.ts';
import { processOutput, rejectUnknownSubcommands, runProgram, type CliContext, type ExitCodeAction } from './cli-program.ts';
import { digestCommand } from './digest-cli.ts';
import { invokedAs } from './invoked-as.ts';
import { kbCommand } from './kb-cli.ts';
import { feedbackCommand } from './feedback-cli.ts';
import { printAdr } from './adr-cli.ts';
import { exitQuietlyWhenStdoutCloses } from './closed-stdout.ts';
import { packageVersion } from './version.ts';
import type { InvocationOrigin } from '../core/invocation.ts';
import { newRequestId } from '../core/request-id.ts';
import type { Services } from '../core/services.ts';
import { createLogger } from '../logging/logger.ts';
import { createServices } from '../runtime/create-services.ts';
import { exitOnStartupProblem } from '../runtime/fatal-start-error.ts';
import { loadStartConfig } from '../runtime/start-config.ts';
import { startBot } from '../runtime/start.ts';
import { withTerminalLogLevel } from '../runtime/terminal-log-level.ts';

const cliOrigin = (): InvocationOrigin => ({
  platform: 'cli',
  workspaceId: 'local',
  channelId: 'cli',
  userId: 'local-user',
  locale: 'en',
  requestId: newRequestId(),
  // The person at the terminal owns the local database: they count as the channel's admin.
  isChannelAdmin: async () => true,
  mode: 'command',
});

const batchCaseSchema = z.object({ id: z.union([z.string(), z.number()]), question: z.string() });

// The configuration is read only when an action runs: help, --version and usage mistakes need none. `start` checks
// the platform credentials too (loadStartConfig), the one-shot commands need no platform.
function configOrExit(load: () => Config = loadConfig): Config {
  try {
    return load();
  } catch (error) {
    exitOnStartupProblem(error);
  }
}

async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const config = configOrExit();
  const services = await createServices(config, createLogger(config));
  try {
    return await fn(services);
  } finally {
    await services.store.close();
  }
}

async function runCommandOnce(services: Services, path: string, options: Record<string, unknown>, json: boolean): Promise<number> {
  const rawText = `${path} ${Object.values(options).filter((v) => typeof v === 'string').join(' ')}`;
  const { reply, outcome } = await dispatchStructured(path, options, rawText, cliOrigin(), services, commands);
  if (json) process.stdout.write(`${JSON.stringify(reply.data ?? { error: reply.title, detail: reply.summary ?? null })}\n`);
  else process.stdout.write(`${renderText(reply, { color: Boolean(process.stdout.isTTY) })}\n`);
  return outcome === 'ok' ? 0 : 1;
}

/** The batch file's non-empty lines, or undefined (said on stderr) when it cannot be read. */
function readBatchLines(file: string): string[] | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    process.stderr.write(`rustvsgo ask: cannot read the --batch file ${JSON.stringify(file)} (${reason})\n`);
    return undefined;
  }
}

async function runBatch(services: Services, lines: string[]): Promise<number> {
  let failures = 0;
  for (const [index, line] of lines.entries()) {
    let parsed: z.infer<typeof batchCaseSchema>;
    try {
      parsed = batchCaseSchema.parse(JSON.parse(line));
    } catch {
      failures++;
      process.stdout.write(`${JSON.stringify({ id: null, line: index + 1, error: 'expected a JSON object {"id", "question"}' })}\n`);
      continue;
    }
    const { reply, outcome } = await dispatchStructured('ask', { question: parsed.question }, parsed.question, cliOrigin(), services, commands);
    if (outcome !== 'ok') failures++;
    const data = reply.data && typeof reply.data === 'object' ? reply.data : { error: reply.title };
    process.stdout.write(`${JSON.stringify({ id: parsed.id, ...data })}\n`);
  }
  return failures === 0 ? 0 : 1;
}

const askFlagsSchema = z.object({ json: z.boolean().optional(), full: z.boolean().optional(), batch: z.string().optional(), adr: z.boolean().optional() });
const lookupFlagsSchema = z.object({ json: z.boolean().optional() });
const wordsSchema = z.array(z.string());

/** The `rustvsgo` program: commander parses the arguments and writes the help from these definitions. */
function rustvsgoProgram(exitCode: ExitCodeAction): Command {
  const context: CliContext = { output: processOutput, withServices };
  const version = `rustvsgo ${packageVersion()}`;
  const run = invokedAs();
  const program = rejectUnknownSubcommands(new Command('rustvsgo'), (name) => `rustvsgo: unknown command "${name}"`)
    .description('Rust or Go for a backend component: sourced answers, facts and a weekly ecosystem digest.')
    .version(version, '-v, --version', 'the installed version')
    .helpCommand('help [command]', 'this text, or one command in detail')
    .addHelpText('after', `\nExamples:\n  ${run} ask "Rust or Go for an edge gateway?"\n  ${run} lookup "gc pauses"\n  ${run} digest preview --demo\n`);

  program
    .command('start')
    .description('run the bot (shell when no platform tokens are set)')
    .action(
      exitCode(async () => {
        const config = configOrExit(loadStartConfig);
        const bot = await startBot(config, createLogger(withTerminalLogLevel(config, process.env, process)), { handleSignals: true });
        await bot.stopped;
        return 0;
      }),
    );

  program
    .command('ask')
    .description('answer one question (condensed)')
    .argument('[question...]', 'the question, e.g. "Rust or Go for an edge gateway?"')
    .option('--json', 'the answer as one JSON object')
    .option('--full', 'every reason and source')
    .option('--adr', 'the answer as a Markdown architecture decision record (MADR)')
    .option('--batch <file>', 'answer JSON lines {"id","question"}; one JSON line out per case (use with --json)')
    .action(
      exitCode(async (words: unknown, flags: unknown) => {
        const values = askFlagsSchema.parse(flags);
        const { batch } = values;
        if (batch) {
          // Read before the database is opened: a wrong path is a usage mistake (exit 2), not a crash.
          const lines = readBatchLines(batch);
          return lines ? withServices((s) => runBatch(s, lines)) : 2;
        }
        const question = wordsSchema.parse(words).join(' ').trim();
        if (!question) {
          process.stderr.write(`rustvsgo ask: give a question, e.g. ${run} ask "Rust or Go for an edge gateway?"\n`);
          return 2;
        }
        if (values.adr) {
          if (question.length > 1000) {
            process.stderr.write('rustvsgo ask: the question is longer than 1000 characters\n');
            return 2;
          }
          return withServices(async (s) => printAdr(s, question));
        }
        return withServices((s) => runCommandOnce(s, 'ask', { question, full: Boolean(values.full) }, Boolean(values.json)));
      }),
    );

  program
    .command('lookup')
    .description('search the facts')
    .argument('[topic...]', 'what to look up, e.g. "gc pauses"')
    .option('--json', 'the facts as JSON')
    .action(
      exitCode(async (words: unknown, flags: unknown) => {
        const topic = wordsSchema.parse(words).join(' ').trim();
        if (!topic) {
          process.stderr.write(`rustvsgo lookup: give a topic, e.g. ${run} lookup "gc pauses"\n`);
          return 2;
        }
        return withServices((s) => runCommandOnce(s, 'lookup', { topic }, Boolean(lookupFlagsSchema.parse(flags).json)));
      }),
    );

  program.addCommand(digestCommand(exitCode, context, { color: Boolean(process.stdout.isTTY), logReader: process }));
  program.addCommand(kbCommand(exitCode, context));
  program.addCommand(feedbackCommand(exitCode, context));
  // `rustvsgo version`, as scripts may already call it; --version is the documented spelling.
  program.command('version', { hidden: true }).action(
    exitCode(() => {
      processOutput.stdout(`${version}\n`);
      return 0;
    }),
  );
  return program;
}

/** Runs the command line `argv` (no node or script path); returns the exit code. */
export function cli(argv: string[]): Promise<number> {
  // No command at all is a request for help, answered on stdout with exit 0 as always.
  return runProgram(rustvsgoProgram, argv.length === 0 ? ['help'] : argv, processOutput);
}

exitQuietlyWhenStdoutCloses();
try {
  process.exitCode = await cli(process.argv.slice(2));
} catch (error) {
  exitOnStartupProblem(error);
}
