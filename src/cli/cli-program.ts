// How every `rustvsgo` command line runs on commander: output goes through writers the caller gives (tests capture
// it; results on stdout, everything else on stderr), and the exit code is ours instead of commander's
// process.exit(): 0 for --help and --version, 2 for a command line we could not make sense of (unknown command,
// subcommand or option, a missing subcommand), otherwise what the chosen action returns.
import { Command, CommanderError } from 'commander';
import type { Services } from '../core/services.ts';

export interface CliOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processOutput: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** What a command's action needs: where to write, and the services (opened only once an action runs). */
export interface CliContext {
  output: CliOutput;
  withServices<T>(fn: (services: Services) => Promise<T>): Promise<T>;
}

/** Exit code of a command line the CLI could not make sense of, as it has always been. */
export const USAGE_EXIT_CODE = 2;

/** Turns an action returning an exit code into a commander action; runProgram reads the code back. */
export type ExitCodeAction = <A extends unknown[]>(fn: (...args: A) => Promise<number> | number) => (...args: A) => Promise<void>;

/** Unknown subcommands of `command` answered with our message (`<label>: unknown subcommand "x"`) and its help. */
export function rejectUnknownSubcommands(command: Command, message: (name: string) => string): Command {
  command.on('command:*', (operands: string[]) => command.error(message(String(operands[0] ?? '').slice(0, 40)), { exitCode: USAGE_EXIT_CODE }));
  return command;
}

/** Builds the program, parses `argv` (user arguments, no node or script path) and runs the chosen action. */
export async function runProgram(build: (exitCode: ExitCodeAction) => Command, argv: string[], output: CliOutput): Promise<number> {
  let code = 0;
  const program = build((fn) => async (...args) => {
    code = await fn(...args);
  });
  configureTree(program, output);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
    throw error;
  }
}

// commander copies these settings only to subcommands created with .command() after they are set, not to ones
// added with .addCommand(), so the whole tree is configured once it is built.
function configureTree(command: Command, output: CliOutput): void {
  command
    .exitOverride()
    // commander's own messages ("error: unknown option '--x'") read like ours: "rustvsgo: unknown option '--x'".
    .configureOutput({ writeOut: output.stdout, writeErr: output.stderr, outputError: (text, write) => write(text.replace(/^error: /, 'rustvsgo: ')) })
    .showHelpAfterError();
  for (const subcommand of command.commands) configureTree(subcommand, output);
}
