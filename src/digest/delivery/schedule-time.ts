// Wall-clock arithmetic for weekly deliveries in a subscriber's time zone: which ISO week it is there, the
// instant the week's slot falls on, and the next delivery. DST rule (same as Temporal's "compatible"): a slot in
// the spring-forward gap moves forward by the gap (02:30 -> 03:30); a slot in the repeated fall-back hour takes the
// first occurrence. Pure functions over Intl; no library.
import { WEEKDAYS, type WeeklySlot } from '../../store/weekly-slot.ts';

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The canonical spelling of a zone name typed in any case ("europe/berlin" -> "Europe/Berlin"), or undefined. */
export function canonicalTimeZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `instant`, expressed as if it were UTC milliseconds (seconds kept, ms dropped). */
function wallClock(instant: number, zone: string): number {
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

function offsetAt(instant: number, zone: string): number {
  return wallClock(instant, zone) - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time (as UTC millis) happens in `zone`, with the DST rule above. */
function instantOfWallClock(wall: number, zone: string): number {
  // At most one offset change lies within a day of any wall time in real zones: try the offsets on either side.
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const valid = [...new Set([wall - before, wall - after])].filter((candidate) => wallClock(candidate, zone) === wall).sort((a, b) => a - b);
  if (valid.length > 0) return valid[0] as number;
  // In the gap: read the time with the offset in force before it, which lands just after the gap.
  return wall - before;
}

/** The local calendar date in `zone` at `instant`, as UTC midnight millis. */
function localDate(instant: number, zone: string): number {
  const wall = wallClock(instant, zone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/** ISO week ("2026-W10") of a calendar date given as UTC midnight millis. */
function isoWeekOfDate(date: number): string {
  const day = new Date(date);
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week it is in `zone` at `instant`: a delivery's week is the subscriber's week, not UTC's. */
export function localIsoWeek(instant: Date, zone: string): string {
  return isoWeekOfDate(localDate(instant.getTime(), zone));
}

function mondayOf(date: number): number {
  const weekday = new Date(date).getUTCDay() || 7;
  return date - (weekday - 1) * DAY_MS;
}

function slotInWeekOf(date: number, slot: WeeklySlot): { week: string; dueAt: Date } {
  const [hours, minutes] = slot.time.split(':').map(Number) as [number, number];
  const day = mondayOf(date) + WEEKDAYS.indexOf(slot.day) * DAY_MS;
  const wall = day + (hours * 60 + minutes) * 60_000;
  return { week: isoWeekOfDate(day), dueAt: new Date(instantOfWallClock(wall, slot.timezone)) };
}

/** This week's slot (the subscriber's ISO week at `now`) and the instant it falls on; it may be past. */
export function slotThisWeek(now: Date, slot: WeeklySlot): { week: string; dueAt: Date } {
  return slotInWeekOf(localDate(now.getTime(), slot.timezone), slot);
}

/** The slot in the week after the one containing `now` in the subscriber's zone. */
export function slotNextWeek(now: Date, slot: WeeklySlot): { week: string; dueAt: Date } {
  return slotInWeekOf(localDate(now.getTime(), slot.timezone) + 7 * DAY_MS, slot);
}

/** Monday 00:00 UTC of an ISO week such as 2026-W10. */
export function weekStart(week: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new Error(`not an ISO week: ${week}`);
  const year = Number(match[1]);
  const jan4 = Date.UTC(year, 0, 4);
  return new Date(mondayOf(jan4) + (Number(match[2]) - 1) * 7 * DAY_MS);
}

/** Formats an instant in the subscriber's zone for humans, e.g. "Mon 9 Mar 2026, 09:00 (America/New_York)". */
export function formatInZone(instant: Date, zone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${zone})`;
}

/** The node-cron expression for a slot (minute hour * * weekday), evaluated by node-cron in the slot's zone. */
export function cronExpression(slot: Pick<WeeklySlot, 'day' | 'time'>): string {
  const [hours, minutes] = slot.time.split(':').map(Number) as [number, number];
  const cronDay = (WEEKDAYS.indexOf(slot.day) + 1) % 7; // cron: 0 = Sunday
  return `${minutes} ${hours} * * ${cronDay}`;
}
