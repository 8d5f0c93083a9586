// A time limit on work that waits for something outside the process (mostly the database). The work is not
// cancelled (a query cannot be taken back); the caller just stops waiting for it and decides what to do instead.
class DeadlineExceededError extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'DeadlineExceededError';
  }
}

export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(what, ms)), ms);
  });
  // The work may still fail after we stopped waiting; that late failure is expected, not unhandled.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether an error means the database did not answer in time (as opposed to refusing a query): our own deadline,
 * node-postgres' client-side timeouts, PostgreSQL's statement_timeout (57014) or SQLite's busy timeout.
 */
export function isStoreTimeout(error: unknown): boolean {
  if (error instanceof DeadlineExceededError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === '57014' || code === 'SQLITE_BUSY') return true;
  return /Query read timeout|timeout exceeded when trying to connect|Connection terminated due to connection timeout|Connection terminated unexpectedly/i.test(error.message);
}
