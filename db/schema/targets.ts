import { sql } from 'drizzle-orm';
import { check, doublePrecision, integer, pgEnum, pgTable, serial, timestamp, unique } from 'drizzle-orm/pg-core';
import { sites } from './sites';

export const kpiMetric = pgEnum('kpi_metric', [
  'aht',
  'asa',
  'service_level',
  'abandon_rate',
  'fcr',
  'csat',
  'qa_score',
  'report_compliance',
  'mission_completion',
]);

/**
 * RAG bounds per metric: the network default (site_id null) and per-site overrides.
 * For a higher-is-better metric, green when value >= green, amber when >= amber, else red;
 * the reverse for lower-is-better metrics (see server/kpi/definitions.ts).
 */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id').references(() => sites.id),
    metric: kpiMetric('metric').notNull(),
    green: doublePrecision('green').notNull(),
    amber: doublePrecision('amber').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('kpi_targets_site_metric').on(t.siteId, t.metric).nullsNotDistinct(),
    check('kpi_targets_nonnegative', sql`${t.green} >= 0 and ${t.amber} >= 0`),
  ],
);

export type KpiTarget = typeof kpiTargets.$inferSelect;
export type KpiMetric = (typeof kpiMetric.enumValues)[number];
