import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, integer, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Which IANA time-zone release the stored site-local days (call_records.local_day,
 * qa_evaluations.local_day and the rollups built on them) were computed with, and the progress of
 * the rebuild that brings them to the runtime's release (`vigie tz:rebuild`, also started by the
 * server). One row at most; no row means the days came from unknown rules (the database's own,
 * when migration 0004 backfilled them), so everything is checked once.
 */
export const localDayRules = pgTable(
  'local_day_rules',
  {
    id: smallint('id').primaryKey().default(1),
    /** The release the stored days follow ("2026c"); null: unknown rules. */
    tzVersion: text('tz_version'),
    /** The release a rebuild in progress moves the days to; null when none is in progress. */
    rebuildTarget: text('rebuild_target'),
    /** The rebuild recomputes every day's rollups, not only the days of moved rows (unknown origin). */
    rebuildAllDays: boolean('rebuild_all_days').notNull().default(false),
    /** The last site-day batch done: (site, last day of the batch); the next starts after it. */
    cursorSiteId: integer('cursor_site_id'),
    cursorDay: date('cursor_day', { mode: 'string' }),
    checkedRecords: bigint('checked_records', { mode: 'number' }).notNull().default(0),
    movedCalls: bigint('moved_calls', { mode: 'number' }).notNull().default(0),
    movedEvaluations: bigint('moved_evaluations', { mode: 'number' }).notNull().default(0),
    recomputedDays: bigint('recomputed_days', { mode: 'number' }).notNull().default(0),
    rebuildStartedAt: timestamp('rebuild_started_at', { withTimezone: true }),
    /** One rebuild at a time across processes: the holder, until the claim expires unless renewed. */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('local_day_rules_single_row', sql`${t.id} = 1`)],
);

export type LocalDayRules = typeof localDayRules.$inferSelect;
