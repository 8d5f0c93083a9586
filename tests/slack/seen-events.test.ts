// Retried Events API deliveries are recognised by event id for a while, and memory stays bounded.
import { describe, expect, it } from 'vitest';
import { SeenEvents } from '../../src/adapters/slack/seen-events.ts';

describe('SeenEvents', () => {
  it('recognises an event id seen within the TTL, and forgets it after', () => {
    let now = 0;
    const seen = new SeenEvents(1000, 100, () => now);
    expect(seen.checkAndRemember('Ev1')).toBe(false);
    now = 999;
    expect(seen.checkAndRemember('Ev1')).toBe(true);
    now = 2500;
    expect(seen.checkAndRemember('Ev1')).toBe(false);
  });

  it('keeps at most maxEntries ids, dropping the oldest', () => {
    const seen = new SeenEvents(60_000, 3, () => 0);
    for (const id of ['a', 'b', 'c', 'd']) seen.checkAndRemember(id);
    expect(seen.size).toBe(3);
    expect(seen.checkAndRemember('a')).toBe(false);
    expect(seen.checkAndRemember('d')).toBe(true);
  });
});
