// When a channel's weekly digest is due, as stored with its subscription: a weekday and a wall-clock time in an
// IANA zone. Here (not in the digest's schedule math) because the store validates rows against it.
import { z } from 'zod';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
type Weekday = z.infer<typeof weekdaySchema>;

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');

export interface WeeklySlot {
  day: Weekday;
  /** HH:MM, 24-hour, in `timezone`. */
  time: string;
  /** IANA zone name, e.g. Europe/Berlin. */
  timezone: string;
}
