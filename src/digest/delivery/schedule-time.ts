// Wall-clock arithmetic for weekly deliveries in a subscriber's time zone, done by luxon: which ISO week it is there,
// the instant the week's slot falls on, and the next delivery. DST rule (Temporal's "compatible"): a slot in the
// spring-forward gap moves forward by the gap (02:30 -> 03:30, luxon's own choice); a slot in the repeated
// fall-back hour takes the first occurrence (luxon would take the second, so we pick among its possible offsets).
import { DateTime } from 'luxon';
import { WEEKDAYS, type WeeklySlot } from '../../store/weekly-slot.ts';
import { isoWeekOf } from '../../store/snapshot.ts';

/** The canonical spelling of a zone name typed in any case ("europe/berlin" -> "Europe/Berlin"), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  // luxon keeps the spelling it was given; Intl resolves it to the zone database's.
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The ISO week it is in `zone` at `instant`: a delivery's week is the subscriber's week, not UTC's. */
export function localIsoWeek(instant: Date, zone: string): string {
  return isoWeekOf(DateTime.fromJSDate(instant, { zone }));
}

/** The slot in the ISO week of `localDay` (a date-time in the slot's zone) and the instant it falls on. */
function slotInWeekOf(localDay: DateTime, slot: WeeklySlot): { week: string; dueAt: Date } {
  const [hour, minute] = slot.time.split(':').map(Number) as [number, number];
  const day = localDay.set({ weekday: (WEEKDAYS.indexOf(slot.day) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7 });
  const wallClock = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: slot.timezone });
  // Two possible offsets only in the repeated hour; the earlier instant is the first occurrence.
  const first = Math.min(...wallClock.getPossibleOffsets().map((candidate) => candidate.toMillis()), wallClock.toMillis());
  return { week: isoWeekOf(day), dueAt: new Date(first) };
}

/** This week's slot (the subscriber's ISO week at `now`) and the instant it falls on; it may be past. */
export function slotThisWeek(now: Date, slot: WeeklySlot): { week: string; dueAt: Date } {
  return slotInWeekOf(DateTime.fromJSDate(now, { zone: slot.timezone }), slot);
}

/** The slot in the week after the one containing `now` in the subscriber's zone. */
export function slotNextWeek(now: Date, slot: WeeklySlot): { week: string; dueAt: Date } {
  return slotInWeekOf(DateTime.fromJSDate(now, { zone: slot.timezone }).plus({ weeks: 1 }), slot);
}

/** Monday 00:00 UTC of an ISO week such as 2026-W10. */
export function weekStart(week: string): Date {
  const monday = /^\d{4}-W\d{2}$/.test(week) ? DateTime.fromISO(`${week}-1`, { zone: 'utc' }) : undefined;
  if (!monday?.isValid) throw new Error(`not an ISO week: ${week}`);
  return monday.toJSDate();
}

/** Formats an instant in the subscriber's zone for humans, e.g. "Mon, 9 Mar 2026, 09:00 (America/New_York)". */
export function formatInZone(instant: Date, zone: string): string {
  const text = DateTime.fromJSDate(instant, { zone }).toLocaleString(
    { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    { locale: 'en-GB' },
  );
  return `${text} (${zone})`;
}
