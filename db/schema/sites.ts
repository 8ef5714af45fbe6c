import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import type { WeeklyHours } from './calendars';

export const siteKind = pgEnum('site_kind', ['onshore', 'nearshore', 'offshore']);

/** A contact-centre site. Reference data: small, read everywhere, replicated on Citus. */
export const sites = pgTable(
  'sites',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 8 }).notNull().unique(),
    name: text('name').notNull(),
    country: varchar('country', { length: 2 }).notNull(),
    timezone: text('timezone').notNull(),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    kind: siteKind('kind').notNull().default('offshore'),
    seats: integer('seats').notNull().default(0),
    slaSeconds: integer('sla_seconds').notNull().default(20),
    /** Minutes after site-local midnight by which the daily report is due (default 21:00). */
    reportDeadlineMinute: integer('report_deadline_minute').notNull().default(1260),
    active: boolean('active').notNull().default(true),
    /** Opening hours per weekday in site-local time; null = open around the clock. */
    weeklyHours: jsonb('weekly_hours').$type<WeeklyHours>(),
    /** Service level leaves out calls offered outside opening hours (DESIGN's definition otherwise). */
    slExcludesOutOfHours: boolean('sl_excludes_out_of_hours').notNull().default(false),
    /** "Today" on the wallboard: the site-local day, or the last 24 hours (sites open around the clock). */
    liveWindow: text('live_window').notNull().default('day'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('sites_code_format', sql`${t.code} ~ '^[A-Z]{2,8}$'`),
    check('sites_country_format', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('sites_timezone_nonempty', sql`length(${t.timezone}) > 0`),
    check('sites_seats_nonnegative', sql`${t.seats} >= 0`),
    check('sites_sla_positive', sql`${t.slaSeconds} > 0 and ${t.slaSeconds} <= 3600`),
    check('sites_live_window', sql`${t.liveWindow} in ('day', 'rolling24')`),
    check('sites_report_deadline_range', sql`${t.reportDeadlineMinute} between 0 and 1439`),
  ],
);

/** Freshness of each site's feed: when its last accepted push arrived. */
export const siteFeeds = pgTable('site_feeds', {
  siteId: integer('site_id')
    .primaryKey()
    .references(() => sites.id),
  lastPushAt: timestamp('last_push_at', { withTimezone: true }),
  lastCallPushAt: timestamp('last_call_push_at', { withTimezone: true }),
  lastEvaluationPushAt: timestamp('last_evaluation_push_at', { withTimezone: true }),
});

export type Site = typeof sites.$inferSelect;
export type NewSite = typeof sites.$inferInsert;
