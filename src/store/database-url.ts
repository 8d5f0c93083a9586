// What DATABASE_URL names, read without opening anything (no Kysely, no driver): start-up checks the URL here even
// when the store itself opens later (the terminal shell opens it on the first command that needs it), and the two
// errors of opening a database live here so the start-up error report need not load the store to recognise them.
import { closeSync, openSync, readSync } from 'node:fs';

export type DatabaseKind = 'sqlite' | 'postgres';

export class DatabaseUrlError extends Error {}

/** The database could not be opened or migrated; the message says why without the URL (it may hold a password). */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`cannot open or migrate the database named by DATABASE_URL: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** `sqlite:./data/x.db`, `sqlite::memory:` (tests), or a postgres:// URL; anything else is a DatabaseUrlError. */
export function databaseKindOf(url: string): DatabaseKind {
  if (url.startsWith('sqlite:')) {
    if (url === 'sqlite:') throw new DatabaseUrlError('DATABASE_URL: expected sqlite:<path>');
    return 'sqlite';
  }
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  throw new DatabaseUrlError('DATABASE_URL: expected sqlite:<path> or postgres://...');
}

/** The first 16 bytes of every SQLite 3 database file. */
const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * For a store that opens on first use: fails now, as opening would, when DATABASE_URL names a file that exists and is
 * not a SQLite database (an empty or missing file becomes a new database). Reading 16 bytes costs nothing next to
 * loading the driver, and a person who pointed the shell at the wrong file hears it at start, not on a later command.
 */
export function checkSqliteFile(url: string): void {
  if (databaseKindOf(url) !== 'sqlite') return;
  const path = url.slice('sqlite:'.length);
  if (path === ':memory:') return;
  let header: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      header = Buffer.alloc(SQLITE_HEADER.length);
      header = header.subarray(0, readSync(fd, header, 0, header.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    // Missing or unreadable: opening decides (it creates the file, or reports the permission problem).
    return;
  }
  if (header.length > 0 && header.toString('latin1') !== SQLITE_HEADER) throw new DatabaseUnavailableError(new Error('file is not a database'));
}
