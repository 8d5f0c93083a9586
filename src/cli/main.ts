// The `rustvsgo` command line: start | ask | lookup | help | digest | kb. Results go to stdout and nothing else
// does (logs go to stderr), so `npm run --silent rustvsgo -- ask --json "..."` is safe to pipe.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { renderText } from '../adapters/shell/render-text.ts';
import { commands } from '../commands/index.ts';
import type { Config } from '../config/env.ts';
import { loadConfig } from '../config/load-config.ts';
import { dispatchStructured } from '../core/dispatch.ts';
import { runDigestCli } from './digest-cli.ts';
import { runKbCli } from './kb-cli.ts';
import { runFeedbackCli } from './feedback-cli.ts';
import { printAdr } from './adr-cli.ts';
import { packageVersion } from './version.ts';
import type { InvocationOrigin } from '../core/invocation.ts';
import { newRequestId } from '../core/request-id.ts';
import type { Services } from '../core/services.ts';
import { createLogger } from '../logging/logger.ts';
import { createServices } from '../runtime/create-services.ts';
import { exitOnStartupProblem } from '../runtime/fatal-start-error.ts';
import { startBot } from '../runtime/start.ts';
import { withTerminalLogLevel } from '../runtime/terminal-log-level.ts';

const USAGE = `Usage: rustvsgo <command>

  rustvsgo start                          run the bot (shell when no platform tokens are set)
  rustvsgo ask [--json] [--full] "<question>"
                                          answer one question (condensed; --full: every reason and source)
  rustvsgo ask --adr "<question>"         the answer as a Markdown architecture decision record (MADR)
  rustvsgo ask --json --batch FILE        answer JSON lines {"id","question"}; one JSON line out per case
  rustvsgo lookup [--json] "<topic>"      search the facts
  rustvsgo digest collect [--now ISO] [--watchlist FILE]
                                          collect this week's ecosystem data (exit 1 if every source failed)
  rustvsgo digest preview [--now ISO] [--json] [--demo] [--watchlist FILE] [--chart FILE.png]
                                          show this week's digest (--demo: recorded data, no network;
                                          --watchlist: a YAML watchlist instead of the default one;
                                          --chart: also write the trend chart as a PNG)
  rustvsgo digest run [--now ISO]         collect if due and deliver what is due
  rustvsgo kb check [--json] [--now ISO]  knowledge-base entries behind the newest stored Go/Rust releases
                                          or reviewed more than 12 months ago (exit 1 when any)
  rustvsgo feedback export                every vote on an answer (thumbs up/down) as one JSON line
  rustvsgo help                           this text
  rustvsgo --version                      the installed version
`;

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

async function withServices<T>(config: Config, fn: (services: Services) => Promise<T>): Promise<T> {
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

async function runBatch(services: Services, file: string): Promise<number> {
  let failures = 0;
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
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

export async function cli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(`rustvsgo ${packageVersion()}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    exitOnStartupProblem(error);
  }
  switch (command) {
    case 'start': {
      const bot = await startBot(config, createLogger(withTerminalLogLevel(config, process.env, process)), { handleSignals: true });
      await bot.stopped;
      return 0;
    }
    case 'ask': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean' }, full: { type: 'boolean' }, batch: { type: 'string' }, adr: { type: 'boolean' } },
      });
      if (values.batch) return withServices(config, (s) => runBatch(s, values.batch!));
      const question = positionals.join(' ').trim();
      if (!question) {
        process.stderr.write('rustvsgo ask: give a question, e.g. rustvsgo ask "Rust or Go for an edge gateway?"\n');
        return 2;
      }
      if (values.adr) {
        if (question.length > 1000) {
          process.stderr.write('rustvsgo ask: the question is longer than 1000 characters\n');
          return 2;
        }
        return withServices(config, async (s) => printAdr(s, question));
      }
      return withServices(config, (s) => runCommandOnce(s, 'ask', { question, full: Boolean(values.full) }, Boolean(values.json)));
    }
    case 'lookup': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' } } });
      const topic = positionals.join(' ').trim();
      if (!topic) {
        process.stderr.write('rustvsgo lookup: give a topic, e.g. rustvsgo lookup "gc pauses"\n');
        return 2;
      }
      return withServices(config, (s) => runCommandOnce(s, 'lookup', { topic }, Boolean(values.json)));
    }
    case 'digest':
      return withServices(config, (s) => runDigestCli(rest, s));
    case 'kb':
      return withServices(config, (s) => runKbCli(rest, s));
    case 'feedback':
      return withServices(config, (s) => runFeedbackCli(rest, s));
    default:
      process.stderr.write(`rustvsgo: unknown command "${command.slice(0, 40)}"\n\n${USAGE}`);
      return 2;
  }
}

try {
  process.exitCode = await cli(process.argv.slice(2));
} catch (error) {
  exitOnStartupProblem(error);
}
