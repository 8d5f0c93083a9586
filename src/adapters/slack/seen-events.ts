// Remembers recent Events API event ids so a retried delivery (X-Slack-Retry-Num) is not answered twice.
// Per process: a retry that reaches another replica is answered again, which Slack's at-least-once delivery allows.
export class SeenEvents {
  private readonly seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when the id was already seen within the TTL; otherwise records it and returns false. */
  checkAndRemember(eventId: string): boolean {
    const now = this.now();
    const previous = this.seenAt.get(eventId);
    if (previous !== undefined && now - previous < this.ttlMs) return true;
    this.seenAt.set(eventId, now);
    this.evict(now);
    return false;
  }

  get size(): number {
    return this.seenAt.size;
  }

  private evict(now: number): void {
    // Map keeps insertion order, so the oldest entries come first.
    for (const [id, at] of this.seenAt) {
      if (this.seenAt.size <= this.maxEntries && now - at < this.ttlMs) break;
      this.seenAt.delete(id);
    }
  }
}
