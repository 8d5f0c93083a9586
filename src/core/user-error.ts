// An error the user caused and can fix: its message is shown as is (no apology, no error id).
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do instead, e.g. a usage line. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
