// Answers start one per event-loop turn (so acks of newly arrived requests get in between), FIFO, at most
// `concurrency` at a time, and a failing answer does not stop the queue.
import { describe, expect, it } from 'vitest';
import { AnswerQueue } from '../../src/adapters/answer-queue.ts';

describe('AnswerQueue', () => {
  it('lets other work run between the starts of queued answers', async () => {
    const queue = new AnswerQueue(4);
    const order: string[] = [];
    const a = queue.run(async () => void order.push('A'));
    const b = queue.run(async () => void order.push('B'));
    setImmediate(() => order.push('other'));
    await Promise.all([a, b]);
    expect(order).toEqual(['A', 'other', 'B']);
  });

  it('runs at most `concurrency` answers at once, in arrival order', async () => {
    const queue = new AnswerQueue(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const jobs = [0, 1, 2, 3, 4].map((i) =>
      queue.run(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      }),
    );
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    await turns(10);
    // Two started, none of the others while both are still running.
    expect(started).toEqual([0, 1]);
    while (started.length < 5 || releases.length > 0) {
      releases.shift()?.();
      await turns(3);
    }
    await Promise.all(jobs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });

  it('keeps going after a failed answer and passes the error to its caller', async () => {
    const queue = new AnswerQueue(1);
    const failed = queue.run(async () => {
      throw new Error('boom');
    });
    const next = queue.run(async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(queue.backlog).toBe(0);
  });
});
