// A clock whose sleep advances time instantly and records each wait, so back-off and pacing take no real time.
import type { SourceClock } from '../../../src/digest/sources/http-client.ts';

export interface FakeClock extends SourceClock {
  sleeps: number[];
  /** now() at the start of each request, when the test records it. */
  set(ms: number): void;
}

export function fakeClock(startIso = '2025-07-07T09:00:00Z'): FakeClock {
  let current = Date.parse(startIso);
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => current,
    sleep: async (ms) => {
      sleeps.push(ms);
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
