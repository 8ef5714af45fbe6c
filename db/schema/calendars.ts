// Site calendars: weekly opening hours live on `sites.weekly_hours`; this file holds the dated
// exceptions. Public holidays come from the holiday library per country and year and are kept here
// so that HQ can confirm, move (moon sighting) or drop each one; closures and special periods
// (Ramadan hours, a training day, a strike) are entered by HQ.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/** Opening periods of one day, site-local "HH:MM" pairs, end after start ("24:00" allowed). */
export type DayHours = [string, string][];
/** Opening periods per ISO weekday; a missing or empty day is closed. */
export type WeeklyHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', DayHours>>;

export const siteHolidays = pgTable(
  'site_holidays',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    /** Stable identity of the library's holiday: "<library date>:<name>". */
    holidayKey: text('holiday_key').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    /** The date the library gives. */
    libraryDate: date('library_date', { mode: 'string' }).notNull(),
    /** The date the site observes it (differs when HQ moved it). */
    observedOn: date('observed_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('proposed'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'site_holidays_pk', columns: [t.siteId, t.holidayKey] }),
    index('site_holidays_site_observed').on(t.siteId, t.observedOn),
    check('site_holidays_status', sql`${t.status} in ('proposed', 'confirmed', 'dropped')`),
  ],
);

export const siteCalendarPeriods = pgTable(
  'site_calendar_periods',
  {
    id: serial('id').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** For a special period: its own weekly hours; null for a closure. */
    hours: jsonb('hours').$type<WeeklyHours>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'site_calendar_periods_pk', columns: [t.siteId, t.id] }),
    check('site_calendar_periods_kind', sql`${t.kind} in ('closed', 'special')`),
    check('site_calendar_periods_range', sql`${t.endsOn} >= ${t.startsOn}`),
    check('site_calendar_periods_name', sql`length(${t.name}) between 1 and 200`),
  ],
);

export type SiteHolidayRow = typeof siteHolidays.$inferSelect;
export type SiteCalendarPeriodRow = typeof siteCalendarPeriods.$inferSelect;
