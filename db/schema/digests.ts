import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export const digestCadence = pgEnum('digest_cadence', ['daily', 'weekly']);
export const digestRunStatus = pgEnum('digest_run_status', ['claimed', 'sent', 'failed']);
export const emailStatus = pgEnum('email_status', ['pending', 'sent', 'failed']);

export const digestSubscriptions = pgTable(
  'digest_subscriptions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    cadence: digestCadence('cadence').notNull(),
    /** Local send time as minutes after midnight in `timezone`. */
    sendMinute: integer('send_minute').notNull().default(420),
    timezone: text('timezone').notNull(),
    /** Site ids covered; null means every site. */
    siteIds: integer('site_ids').array(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('digest_subscriptions_minute_range', sql`${t.sendMinute} between 0 and 1439`)],
);

/** The claim that makes a digest go out exactly once per subscription and period. */
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: serial('id').primaryKey(),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => digestSubscriptions.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    status: digestRunStatus('status').notNull().default('claimed'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    emailId: integer('email_id'),
    error: text('error'),
  },
  (t) => [
    // A period is its first and last day: a daily and a weekly period may start the same Monday.
    unique('digest_runs_subscription_period').on(t.subscriptionId, t.periodStart, t.periodEnd),
    check('digest_runs_period', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** Every e-mail Vigie sends passes through here: sent over SMTP when configured, else kept. */
export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: serial('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: emailStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('email_outbox_status_next').on(t.status, t.nextAttemptAt)],
);

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;
export type EmailRow = typeof emailOutbox.$inferSelect;
