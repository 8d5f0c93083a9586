// Autocomplete fires on every keystroke and is not a command (no shared rate limit, no store), so a client
// flooding it could spend the event loop that acknowledges everyone's commands. Each user gets a small budget of
// suggestion requests per window, in memory (a flood to one replica is that replica's to absorb); past it the
// answer is an empty list, which costs nothing and which Discord shows as "no options".
export interface AutocompleteLimiterOptions {
  perWindow?: number;
  windowMs?: number;
  /** Users tracked at once; the oldest are forgotten first. */
  maxUsers?: number;
  now?: () => number;
}

export class AutocompleteLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(options: AutocompleteLimiterOptions = {}) {
    // Fast typing is about 10 keystrokes a second; 20 in 5 s lets a person through and stops a script.
    this.perWindow = options.perWindow ?? 20;
    this.windowMs = options.windowMs ?? 5000;
    this.maxUsers = options.maxUsers ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one request by the user; false when the user is over the budget. */
  allow(userId: string): boolean {
    const now = this.now();
    const current = this.windows.get(userId);
    if (!current || now - current.start >= this.windowMs) {
      this.windows.delete(userId);
      this.windows.set(userId, { start: now, count: 1 });
      if (this.windows.size > this.maxUsers) this.windows.delete(this.windows.keys().next().value as string);
      return true;
    }
    current.count += 1;
    return current.count <= this.perWindow;
  }
}
