// Start-up errors a person must fix (bad variable, broken knowledge file, bad DATABASE_URL): one clear
// message on stderr and exit code 2, never a stack trace. A database that cannot be reached exits 1, also
// with one message.
import { ConfigError } from '../config/env.ts';
import { DatabaseUrlError } from '../store/database.ts';
import { DatabaseUnavailableError } from '../store/store.ts';

export function isStartupProblem(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseUrlError ||
    (error instanceof Error && (error.name === 'KnowledgeFileError' || error.name === 'ConfigFileError' || error.name === 'DiscordLoginError'))
  );
}

export function exitOnStartupProblem(error: unknown): never {
  if (error instanceof DatabaseUnavailableError) {
    process.stderr.write(`rustvsgo: ${error.message}\n`);
    process.exit(1);
  }
  if (isStartupProblem(error)) {
    process.stderr.write(`rustvsgo: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
