// Runs the work behind acknowledged requests (Slack and Discord alike) so that acknowledging stays fast under load. Answers are CPU work on
// the one event loop; started all at once, a burst of them would delay the 3-second acks of the requests still
// arriving. Here at most one answer starts per turn of the event loop (after pending I/O, so new requests are
// read and acknowledged in between), and only `concurrency` run at a time. Backlogged answers wait; the ack never
// does. A Slack response URL stays usable for 30 minutes, a Discord interaction token for 15.
export class AnswerQueue {
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private pumping = false;

  constructor(private readonly concurrency = 4) {}

  /** Answers still waiting to start. */
  get backlog(): number {
    return this.waiting.length;
  }

  run<T>(job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        this.running++;
        job()
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.pump();
          });
      });
      this.pump();
    });
  }

  private pump(): void {
    if (this.pumping || this.waiting.length === 0 || this.running >= this.concurrency) return;
    this.pumping = true;
    setImmediate(() => {
      this.pumping = false;
      if (this.running < this.concurrency) this.waiting.shift()?.();
      this.pump();
    });
  }
}
