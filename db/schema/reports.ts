import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';
import { users } from './users';

export type ReportIncident = { category: string; description: string; minutesLost?: number | null };

/** One report per site and site-local day, filed by the site; HQ acknowledges and comments. */
export const dailyReports = pgTable(
  'daily_reports',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    scheduledAgents: integer('scheduled_agents').notNull(),
    presentAgents: integer('present_agents').notNull(),
    leavers: integer('leavers').notNull().default(0),
    /** Hours the site counts as productive that day (billed by per-productive-hour contracts). */
    productiveHours: doublePrecision('productive_hours'),
    incidents: jsonb('incidents').$type<ReportIncident[]>().notNull().default([]),
    highlights: text('highlights').notNull().default(''),
    blockers: text('blockers').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: text('submitted_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    hqComment: text('hq_comment'),
  },
  (t) => [
    primaryKey({ name: 'daily_reports_pk', columns: [t.siteId, t.day] }),
    check('daily_reports_counts_nonnegative', sql`${t.scheduledAgents} >= 0 and ${t.presentAgents} >= 0 and ${t.leavers} >= 0`),
    check('daily_reports_productive_hours', sql`${t.productiveHours} is null or (${t.productiveHours} >= 0 and ${t.productiveHours} <= 100000)`),
    check('daily_reports_incidents_array', sql`jsonb_typeof(${t.incidents}) = 'array'`),
  ],
);

export type DailyReport = typeof dailyReports.$inferSelect;
