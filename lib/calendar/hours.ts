// Weekly opening hours: their validation (shared by the settings form, the procedures and the seed)
// and the questions asked of one day's hours. Pure: no clock, no time zone.
import { z } from 'zod';
import type { DayHours, WeeklyHours } from '@/db/schema/calendars';

export type { DayHours, WeeklyHours };

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A whole day: what a site open around the clock, or a special period without hours, keeps. */
export const AROUND_THE_CLOCK: DayHours = [['00:00', '24:00']];

const MINUTES_PER_DAY = 1440;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after local midnight of "HH:MM" ("24:00" is 1440); null when it is not such a time. */
export function minuteOfTime(time: string): number | null {
  if (!TIME.test(time)) return null;
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** "HH:MM" of a minute after local midnight (0–1440). */
export function timeOfMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

// Quarter hours only: the out-of-hours counts are read from the 15-minute interval rollups, which
// then split exactly at each opening and closing (every zone's UTC offset is a whole quarter hour).
const timeSchema = z.string().refine((t) => minuteOfTime(t) !== null, { message: 'Expected a time "HH:MM" (00:00–24:00)' }).refine((t) => (minuteOfTime(t) ?? 0) % 15 === 0, {
  message: 'Opening hours are on the quarter hour (:00, :15, :30 or :45)',
});

/** One day's opening periods: "HH:MM" pairs, each ending after it starts, sorted, not overlapping. */
export const dayHoursSchema = z
  .array(z.tuple([timeSchema, timeSchema]))
  .max(12)
  .superRefine((periods, ctx) => {
    let previousEnd = -1;
    periods.forEach(([start, end], i) => {
      const from = minuteOfTime(start);
      const to = minuteOfTime(end);
      if (from === null || to === null) return;
      if (from === MINUTES_PER_DAY) ctx.addIssue({ code: 'custom', path: [i, 0], message: 'A period cannot start at 24:00' });
      if (to <= from) ctx.addIssue({ code: 'custom', path: [i, 1], message: 'A period ends after it starts' });
      if (from < previousEnd) ctx.addIssue({ code: 'custom', path: [i, 0], message: 'Periods are in order and do not overlap' });
      previousEnd = Math.max(previousEnd, to);
    });
  });

/** Opening hours per weekday; a missing or empty day is closed. */
export const weeklyHoursSchema = z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.optional()])) as Record<Weekday, z.ZodOptional<typeof dayHoursSchema>>).strict();

/** The ISO weekday of a YYYY-MM-DD date (a calendar date: no time zone involved). */
export function weekdayOf(day: string): Weekday {
  const sundayFirst = new Date(`${day}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}

/** The hours a weekly schedule gives a date; null weekly hours mean around the clock. */
export function weeklyHoursOn(weekly: WeeklyHours | null, day: string): DayHours {
  if (weekly === null) return AROUND_THE_CLOCK;
  return weekly[weekdayOf(day)] ?? [];
}

/** Whether a site-local minute of the day (0–1439, wall-clock time) falls in one of its periods. */
export function isOpenAtMinute(hours: DayHours, minute: number): boolean {
  return hours.some(([start, end]) => minute >= minuteOfTime(start)! && minute < minuteOfTime(end)!);
}

/** Minutes open in a day by its wall-clock hours (a DST day is not shortened: see openIntervals). */
export function minutesOpen(hours: DayHours): number {
  return hours.reduce((sum, [start, end]) => sum + minuteOfTime(end)! - minuteOfTime(start)!, 0);
}
