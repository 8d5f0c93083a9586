// Wall-clock arithmetic for weekly slots (luxon underneath): local ISO weeks, DST gaps and repeats, week boundaries.
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, formatInZone, localIsoWeek, slotNextWeek, slotThisWeek, weekStart } from '../../src/digest/delivery/schedule-time.ts';

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
    // New Year in Auckland is still week 53 of 2026; its Monday is in December.
    ['2027-01-01T12:00:00Z', { day: 'monday', time: '00:30', timezone: 'Pacific/Auckland' }, '2026-W53', '2026-12-27T11:30:00.000Z'],
    // Half-hour DST (Lord Howe): 02:15 in the 30-minute gap moves to 02:45 (+11); 01:45 repeats, first is +11.
    ['2026-10-04T12:00:00Z', { day: 'sunday', time: '02:15', timezone: 'Australia/Lord_Howe' }, '2026-W40', '2026-10-03T15:45:00.000Z'],
    ['2027-04-04T12:00:00Z', { day: 'sunday', time: '01:45', timezone: 'Australia/Lord_Howe' }, '2027-W13', '2027-04-03T14:45:00.000Z'],
  ] as const)('at %s, %o is week %s at %s', (now, slot, week, instant) => {
    const result = slotThisWeek(new Date(now), slot);
    expect(result.week).toBe(week);
    expect(result.dueAt.toISOString()).toBe(instant);
  });

  it('slotNextWeek is seven local days on, at the same local time across a DST change', () => {
    const slot = { day: 'monday', time: '09:00', timezone: 'America/New_York' } as const;
    expect(slotNextWeek(new Date('2026-03-03T12:00:00Z'), slot)).toEqual({ week: '2026-W11', dueAt: new Date('2026-03-09T13:00:00Z') });
    expect(slotNextWeek(new Date('2026-10-27T12:00:00Z'), slot)).toEqual({ week: '2026-W45', dueAt: new Date('2026-11-02T14:00:00Z') });
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

  it('weekStart refuses what is not an ISO week', () => {
    expect(() => weekStart('2026-10')).toThrow('not an ISO week: 2026-10');
    expect(() => weekStart('2026-W54')).toThrow('not an ISO week');
  });

  it('formatInZone shows the zone’s wall clock and names the zone', () => {
    expect(formatInZone(new Date('2026-03-09T13:00:00Z'), 'America/New_York')).toBe('Mon, 9 Mar 2026, 09:00 (America/New_York)');
  });

  it('canonicalTimeZone fixes case and rejects unknown zones', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
  });
});
