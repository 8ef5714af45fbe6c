import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { sites } from './sites';

export const callDirection = pgEnum('call_direction', ['inbound', 'outbound']);

/**
 * One call as the site's telephony platform reported it. Keyed by (site, external id) so a
 * retried or corrected push updates the record instead of adding another.
 */
export const callRecords = pgTable(
  'call_records',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    externalId: varchar('external_id', { length: 128 }).notNull(),
    direction: callDirection('direction').notNull(),
    queue: text('queue').notNull(),
    agentRef: text('agent_ref'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    waitSeconds: doublePrecision('wait_seconds').notNull(),
    talkSeconds: doublePrecision('talk_seconds').notNull(),
    holdSeconds: doublePrecision('hold_seconds').notNull(),
    wrapSeconds: doublePrecision('wrap_seconds').notNull(),
    abandoned: boolean('abandoned').notNull(),
    resolved: boolean('resolved'),
    csat: smallint('csat'),
    missionCode: text('mission_code'),
    outcome: text('outcome'),
    /**
     * The site-local day of startedAt, computed at ingest with the runtime's tz rules
     * (db/local-time.ts); every per-day count reads it, no SQL converts time zones.
     */
    localDay: date('local_day', { mode: 'string' }).notNull(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'call_records_pk', columns: [t.siteId, t.externalId] }),
    index('call_records_site_started').on(t.siteId, t.startedAt),
    index('call_records_site_local_day').on(t.siteId, t.localDay),
    check('call_records_external_id_nonempty', sql`length(${t.externalId}) >= 1`),
    check(
      'call_records_durations_range',
      sql`${t.waitSeconds} between 0 and 86400 and ${t.talkSeconds} between 0 and 86400 and ${t.holdSeconds} between 0 and 86400 and ${t.wrapSeconds} between 0 and 86400`,
    ),
    check('call_records_csat_range', sql`${t.csat} is null or ${t.csat} between 1 and 5`),
  ],
);

/**
 * The sums every call KPI needs, per site and site-local day. Recomputed from raw records for
 * the site-days an ingest batch touched, in the same transaction. Dashboards read only this.
 */
export const callSums = {
  calls: integer('calls').notNull().default(0),
  inboundCalls: integer('inbound_calls').notNull().default(0),
  outboundCalls: integer('outbound_calls').notNull().default(0),
  shortAbandons: integer('short_abandons').notNull().default(0),
  offered: integer('offered').notNull().default(0),
  handled: integer('handled').notNull().default(0),
  inboundHandled: integer('inbound_handled').notNull().default(0),
  abandoned: integer('abandoned').notNull().default(0),
  handleSeconds: doublePrecision('handle_seconds').notNull().default(0),
  talkSeconds: doublePrecision('talk_seconds').notNull().default(0),
  holdSeconds: doublePrecision('hold_seconds').notNull().default(0),
  wrapSeconds: doublePrecision('wrap_seconds').notNull().default(0),
  inboundHandledWaitSeconds: doublePrecision('inbound_handled_wait_seconds').notNull().default(0),
  answeredWithinSla: integer('answered_within_sla').notNull().default(0),
  resolvedKnown: integer('resolved_known').notNull().default(0),
  resolvedTrue: integer('resolved_true').notNull().default(0),
  csatResponses: integer('csat_responses').notNull().default(0),
  csatTop2: integer('csat_top2').notNull().default(0),
  csatSum: integer('csat_sum').notNull().default(0),
};

export const siteDay = pgTable(
  'site_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    ...callSums,
    /** Site-scope QA evaluations whose site-local day is this one. */
    qaEvaluations: integer('qa_evaluations').notNull().default(0),
    qaScoredEvaluations: integer('qa_scored_evaluations').notNull().default(0),
    qaScoreSum: doublePrecision('qa_score_sum').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'site_day_pk', columns: [t.siteId, t.day] })],
);

/** The same call sums per queue, for the site page's queue breakdown. */
export const siteQueueDay = pgTable(
  'site_queue_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    queue: text('queue').notNull(),
    ...callSums,
  },
  (t) => [primaryKey({ name: 'site_queue_day_pk', columns: [t.siteId, t.day, t.queue] })],
);

/**
 * The same call sums per site-local 15-minute interval: each call counts in the interval its
 * start falls in, under its stored site-local day. `startsAt` is the interval's first instant
 * (computed in TypeScript from the site's local day, db/local-time.ts): a day has 96 intervals,
 * 92 or 100 on a change of UTC offset. Only intervals with calls have a row. Recomputed with
 * site_day, in the same transaction, so a day's intervals always sum to its site_day row.
 */
export const siteInterval = pgTable(
  'site_interval',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    ...callSums,
  },
  (t) => [primaryKey({ name: 'site_interval_pk', columns: [t.siteId, t.day, t.startsAt] })],
);

/** Calls per mission code and outcome, per site-local day: mission progress reads only this. */
export const siteMissionDay = pgTable(
  'site_mission_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    missionCode: text('mission_code').notNull(),
    outcome: text('outcome').notNull(),
    calls: integer('calls').notNull(),
  },
  (t) => [primaryKey({ name: 'site_mission_day_pk', columns: [t.siteId, t.day, t.missionCode, t.outcome] })],
);

export type CallRecordRow = typeof callRecords.$inferSelect;
export type SiteDayRow = typeof siteDay.$inferSelect;
export type SiteIntervalRow = typeof siteInterval.$inferSelect;
