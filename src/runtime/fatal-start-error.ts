// Start-up errors a person must fix (bad variable, half-set credentials, broken knowledge file, bad DATABASE_URL,
// a port in use, a HOST that does not resolve): one clear message on stderr and exit code 2, never a stack
// trace. A database that cannot be opened (unreachable, or a file that is not a database) exits 1, also with one
// message. Anything else is a defect and keeps its stack trace.
import { ConfigError } from '../config/env.ts';
import { DatabaseUnavailableError, DatabaseUrlError } from '../store/database-url.ts';

export function isStartupProblem(error: unknown): error is Error {
  return (
    error instanceof ConfigError ||
    error instanceof DatabaseUrlError ||
    (error instanceof Error && (error.name === 'KnowledgeFileError' || error.name === 'ConfigFileError' || error.name === 'DiscordLoginError'))
  );
}

interface SystemError extends Error {
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** The one line and exit code for a start-up failure a person can act on, or undefined for a defect. */
function startupFailure(error: unknown): { message: string; exitCode: 1 | 2 } | undefined {
  if (error instanceof DatabaseUnavailableError) return { message: error.message, exitCode: 1 };
  if (isStartupProblem(error)) return { message: error.message, exitCode: 2 };
  if (!(error instanceof Error)) return undefined;
  // better-sqlite3 throws SqliteError while opening a file that is corrupt, not a database, or not writable.
  if (error.name === 'SqliteError') return { message: `cannot open the SQLite database named by DATABASE_URL: ${error.message}`, exitCode: 1 };
  const system = error as SystemError;
  if (system.syscall === 'listen' && (system.code === 'EADDRINUSE' || system.code === 'EACCES')) {
    const why = system.code === 'EADDRINUSE' ? 'is already in use (another rustvsgo, or another server?)' : 'needs privileges this process lacks';
    return { message: `PORT ${system.port ?? '?'} on HOST ${system.address ?? '?'} ${why}: set PORT to a free port`, exitCode: 2 };
  }
  if (system.syscall === 'listen' && system.code === 'EADDRNOTAVAIL') {
    return { message: `HOST ${system.address ?? '?'} is not an address of this machine: set HOST (0.0.0.0 listens on all)`, exitCode: 2 };
  }
  if (system.syscall === 'getaddrinfo' && (system.code === 'ENOTFOUND' || system.code === 'EAI_AGAIN')) {
    return { message: `HOST ${system.hostname ?? '?'} does not resolve: set HOST to an address of this machine (0.0.0.0 listens on all)`, exitCode: 2 };
  }
  return undefined;
}

export function exitOnStartupProblem(error: unknown): never {
  const failure = startupFailure(error);
  if (!failure) throw error;
  process.stderr.write(`rustvsgo: ${failure.message}\n`);
  process.exit(failure.exitCode);
}
