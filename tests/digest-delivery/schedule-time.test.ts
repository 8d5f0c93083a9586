// Wall-clock arithmetic for weekly slots: local ISO weeks, DST gaps and repeats, cron expressions.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, cronExpression, localIsoWeek, slotNextWeek, slotThisWeek, weekStart } from '../../src/digest/delivery/schedule-time.ts';

describe('slotThisWeek', () => {
  it.each([
    // [now, slot, expected week, expected instant]
    ['2026-03-08T12:00:00Z', { day: 'sunday', time: '02:30', timezone: 'America/New_York' }, '2026-W10', '2026-03-08T07:30:00.000Z'], // gap -> 03:30 EDT
    ['2026-11-01T12:00:00Z', { day: 'sunday', time: '01:30', timezone: 'America/New_York' }, '2026-W44', '2026-11-01T05:30:00.000Z'], // repeat -> first (EDT)
    ['2026-03-29T12:00:00Z', { day: 'sunday', time: '02:30', timezone: 'Europe/Berlin' }, '2026-W13', '2026-03-29T01:30:00.000Z'], // gap -> 03:30 CEST
    ['2026-10-25T12:00:00Z', { day: 'sunday', time: '02:30', timezone: 'Europe/Berlin' }, '2026-W43', '2026-10-25T00:30:00.000Z'], // repeat -> first (CEST)
    ['2026-03-04T12:00:00Z', { day: 'monday', time: '09:00', timezone: 'America/New_York' }, '2026-W10', '2026-03-02T14:00:00.000Z'],
    ['2026-03-11T12:00:00Z', { day: 'monday', time: '09:00', timezone: 'America/New_York' }, '2026-W11', '2026-03-09T13:00:00.000Z'],
    // Monday 09:00 in Auckland is Sunday 20:00 UTC: the week is Auckland's.
    ['2026-11-29T21:00:00Z', { day: 'monday', time: '09:00', timezone: 'Pacific/Auckland' }, '2026-W49', '2026-11-29T20:00:00.000Z'],
    // Sunday 23:00 in Honolulu is Monday 09:00 UTC of the next UTC week.
    ['2026-12-07T09:30:00Z', { day: 'sunday', time: '23:00', timezone: 'Pacific/Honolulu' }, '2026-W49', '2026-12-07T09:00:00.000Z'],
    // ISO week 53 and the year boundary.
    ['2026-12-31T12:00:00Z', { day: 'friday', time: '09:00', timezone: 'UTC' }, '2026-W53', '2027-01-01T09:00:00.000Z'],
  ] as const)('at %s, %o is week %s at %s', (now, slot, week, instant) => {
    const result = slotThisWeek(new Date(now), slot);
    expect(result.week).toBe(week);
    expect(result.dueAt.toISOString()).toBe(instant);
  });

  it('slotNextWeek is seven local days on, at the same local time across a DST change', () => {
    const slot = { day: 'monday', time: '09:00', timezone: 'America/New_York' } as const;
    expect(slotNextWeek(new Date('2026-03-03T12:00:00Z'), slot)).toEqual({ week: '2026-W11', dueAt: new Date('2026-03-09T13:00:00Z') });
  });
});

describe('helpers', () => {
  it('localIsoWeek uses the zone’s calendar date', () => {
    expect(localIsoWeek(new Date('2026-11-29T21:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(localIsoWeek(new Date('2026-11-29T21:00:00Z'), 'Pacific/Auckland')).toBe('2026-W49');
  });

  it('weekStart is Monday 00:00 UTC', () => {
    expect(weekStart('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(weekStart('2026-W49').toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it.each([
    [{ day: 'monday', time: '09:00' }, '0 9 * * 1'],
    [{ day: 'sunday', time: '23:45' }, '45 23 * * 0'],
    [{ day: 'saturday', time: '00:05' }, '5 0 * * 6'],
  ] as const)('cronExpression(%o) = %s', (slot, expression) => {
    expect(cronExpression(slot)).toBe(expression);
  });

  it('canonicalTimeZone fixes case and rejects unknown zones', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
  });
});
