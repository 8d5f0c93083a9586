// What DATABASE_URL names, read without opening anything (no Kysely, no driver): start-up checks the URL here even
// when the store itself opens later (the terminal shell opens it on the first command that needs it), and the two
// errors of opening a database live here so the start-up error report need not load the store to recognise them.

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
