// What the calendar settings submit and what GET /api/v1/sites/{code}/calendar answers: weekly
// hours, HQ's decisions on public holidays, closures and special periods. One set of rules for the
// forms (checked in the browser before the round trip), the tRPC procedures and the REST API.
import { z } from 'zod';
import { isIsoDay, rangeLength } from '@/lib/kpi/periods';
import { siteCode } from '@/lib/kpi/schemas';
import { weeklyHoursSchema } from './hours';

/** Years a calendar is kept for: wide enough for any history and plan, narrow enough to be a real year. */
export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;
/** A closure or special period spans at most a year (a long renovation is still one period). */
export const MAX_PERIOD_DAYS = 366;

/**
 * The reasons a submission is refused, beyond the weekly hours' own (lib/calendar/hours.ts). The
 * forms show each one in the reader's language by looking the message up (components/calendar).
 */
export const CALENDAR_MESSAGES = {
  day: 'Use a date as YYYY-MM-DD',
  year: `A year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
  rangeOrder: 'The last day is not before the first',
  rangeLength: `A period covers at most ${MAX_PERIOD_DAYS} days`,
  name: 'A name of 1 to 200 characters',
  closedHours: 'A closure has no opening hours',
  holidayKey: 'A holiday is named by its key',
  sameYear: 'A holiday is observed in its own year',
} as const;
export type CalendarMessageKey = keyof typeof CALENDAR_MESSAGES;

const calendarDay = z.string().refine(isIsoDay, CALENDAR_MESSAGES.day);

const calendarYear = z.coerce
  .number<number | string>(CALENDAR_MESSAGES.year)
  .int(CALENDAR_MESSAGES.year)
  .min(MIN_CALENDAR_YEAR, CALENDAR_MESSAGES.year)
  .max(MAX_CALENDAR_YEAR, CALENDAR_MESSAGES.year);

/** GET /api/v1/sites/{code}/calendar?year=YYYY and the settings page's year view. */
export const calendarYearInput = z.object({
  code: siteCode.meta({ description: 'Site code', examples: ['TUN'] }),
  year: calendarYear.meta({ description: `Calendar year, ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`, examples: ['2027'] }),
});

/** Weekly hours of a site; null = open around the clock. */
export const setWeeklyHoursInput = z.object({ site: siteCode, weeklyHours: weeklyHoursSchema.nullable() });

/** Whether service level leaves out calls offered outside opening hours. */
export const setSlExclusionInput = z.object({ site: siteCode, excludeOutOfHours: z.boolean() });

const holidayKey = z.string().min(1, CALENDAR_MESSAGES.holidayKey).max(300, CALENDAR_MESSAGES.holidayKey);

/** Confirm, drop or restore one public holiday of a site. */
export const holidayDecisionInput = z.object({ site: siteCode, holidayKey });

/** Observe a holiday on another day of its year (moon sighting moves Islamic holidays a day or two). */
export const moveHolidayInput = z.object({ site: siteCode, holidayKey, observedOn: calendarDay });

/** The move as a form checks it, knowing the holiday's year (the server checks it against the stored holiday). */
export const moveHolidayInYear = (year: number) =>
  moveHolidayInput.refine((v) => v.observedOn.startsWith(`${year}-`), { path: ['observedOn'], message: CALENDAR_MESSAGES.sameYear });

const periodName = z.string().trim().min(1, CALENDAR_MESSAGES.name).max(200, CALENDAR_MESSAGES.name);

const periodFields = z.object({
  kind: z.enum(['closed', 'special']),
  name: periodName,
  startsOn: calendarDay,
  endsOn: calendarDay,
  /** A special period's own weekly hours (null: around the clock); always null for a closure. */
  hours: weeklyHoursSchema.nullable().default(null),
});

type PeriodValues = z.output<typeof periodFields>;

function refinePeriod(value: PeriodValues, ctx: z.core.$RefinementCtx) {
  if (isIsoDay(value.startsOn) && isIsoDay(value.endsOn)) {
    const length = rangeLength({ from: value.startsOn, to: value.endsOn });
    if (length < 1) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: CALENDAR_MESSAGES.rangeOrder });
    else if (length > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: CALENDAR_MESSAGES.rangeLength });
  }
  if (value.kind === 'closed' && value.hours !== null) ctx.addIssue({ code: 'custom', path: ['hours'], message: CALENDAR_MESSAGES.closedHours });
}

/** A closure or special period as the form edits it (without the site). */
export const calendarPeriodSchema = periodFields.superRefine(refinePeriod);
export type CalendarPeriodInput = z.input<typeof calendarPeriodSchema>;

export const createPeriodInput = periodFields.extend({ site: siteCode }).superRefine(refinePeriod);
export const updatePeriodInput = periodFields.extend({ site: siteCode, id: z.number().int().positive() }).superRefine(refinePeriod);
export const deletePeriodInput = z.object({ site: siteCode, id: z.number().int().positive() });

const dayHoursOutput = z.array(z.tuple([z.string(), z.string()]));

/** What GET /api/v1/sites/{code}/calendar answers. */
export const calendarYearOutput = z.object({
  code: z.string(),
  timezone: z.string(),
  year: z.number().int(),
  /** null: open around the clock. A weekday that is absent or empty is closed. */
  weeklyHours: z
    .object({
      mon: dayHoursOutput.optional(),
      tue: dayHoursOutput.optional(),
      wed: dayHoursOutput.optional(),
      thu: dayHoursOutput.optional(),
      fri: dayHoursOutput.optional(),
      sat: dayHoursOutput.optional(),
      sun: dayHoursOutput.optional(),
    })
    .nullable(),
  days: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['holiday', 'closed', 'special']),
      name: z.string().nullable(),
      /** A special day's opening periods. */
      hours: dayHoursOutput.optional(),
    }),
  ),
});
export type CalendarYearOutput = z.output<typeof calendarYearOutput>;
