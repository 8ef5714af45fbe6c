// Live queue status pushed by the sites (POST /api/v1/queue-status): the latest per queue, and a
// per-minute history of recent days. Both keyed by site_id first, like every table of a site's data.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sites } from './sites';

/** A function: each table gets its own column builders. */
const figures = () => ({
  waiting: integer('waiting').notNull(),
  longestWaitSeconds: integer('longest_wait_seconds').notNull(),
  agentsAvailable: integer('agents_available').notNull(),
  agentsBusy: integer('agents_busy').notNull(),
  agentsWrapUp: integer('agents_wrap_up').notNull(),
  agentsAway: integer('agents_away').notNull(),
});

/** The most recent status of each queue of a site; an older `at` never overwrites a newer one. */
export const queueStatusLatest = pgTable(
  'queue_status_latest',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    queue: text('queue').notNull(),
    /** When the site's telephony took this status. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    ...figures(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'queue_status_latest_pk', columns: [t.siteId, t.queue] }),
    check(
      'queue_status_latest_figures_nonnegative',
      sql`${t.waiting} >= 0 and ${t.longestWaitSeconds} >= 0 and ${t.agentsAvailable} >= 0 and ${t.agentsBusy} >= 0 and ${t.agentsWrapUp} >= 0 and ${t.agentsAway} >= 0`,
    ),
  ],
);

/**
 * The last status of each minute (the UTC minute `at` falls in, which is the site-local minute
 * too), per site and queue. Rows older than the retention (server/queue-status/service.ts) are
 * pruned as pushes arrive.
 */
export const queueStatusMinutes = pgTable(
  'queue_status_minutes',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    queue: text('queue').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    ...figures(),
  },
  (t) => [
    primaryKey({ name: 'queue_status_minutes_pk', columns: [t.siteId, t.queue, t.minute] }),
    index('queue_status_minutes_site_minute').on(t.siteId, t.minute),
    check(
      'queue_status_minutes_figures_nonnegative',
      sql`${t.waiting} >= 0 and ${t.longestWaitSeconds} >= 0 and ${t.agentsAvailable} >= 0 and ${t.agentsBusy} >= 0 and ${t.agentsWrapUp} >= 0 and ${t.agentsAway} >= 0`,
    ),
  ],
);

export type QueueStatusLatestRow = typeof queueStatusLatest.$inferSelect;
export type QueueStatusMinuteRow = typeof queueStatusMinutes.$inferSelect;
