// Agents: their rollups (kept by ingest, as site_day is), the roster a site imports, and the
// coaching sessions opened on them. An agent is the pseudonymous reference a site's telephony and
// QA put on calls and evaluations (call_records.agent_ref, qa_evaluations.agent_ref), per site.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { callSums } from './calls';
import { qaCategory, qaEvaluations } from './qa';
import { sites } from './sites';
import { users } from './users';

/**
 * The call sums of site_day per agent: calls with an agent reference, by their stored site-local
 * day. Recomputed with site_day in the ingest's transaction (db/queries/ingest/rollups.ts), so a
 * site-day's agents sum to the part of its site_day row that carries an agent.
 */
export const agentDay = pgTable(
  'agent_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    agentRef: text('agent_ref').notNull(),
    ...callSums,
  },
  (t) => [
    primaryKey({ name: 'agent_day_pk', columns: [t.siteId, t.day, t.agentRef] }),
    index('agent_day_site_agent_day').on(t.siteId, t.agentRef, t.day),
  ],
);

/**
 * Site-scope QA evaluations per agent and site-local day of evaluatedAt (the definition of the
 * site's QA score): how many, how many scored, the sum of scores and the critical fails.
 */
export const agentQaDay = pgTable(
  'agent_qa_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    agentRef: text('agent_ref').notNull(),
    evaluations: integer('evaluations').notNull().default(0),
    scoredEvaluations: integer('scored_evaluations').notNull().default(0),
    scoreSum: doublePrecision('score_sum').notNull().default(0),
    criticalFails: integer('critical_fails').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'agent_qa_day_pk', columns: [t.siteId, t.day, t.agentRef] }),
    index('agent_qa_day_site_agent_day').on(t.siteId, t.agentRef, t.day),
  ],
);

/**
 * Per agent, day and QA category (language, culture…): Σ criterion percentages and how many
 * criterion scores applied, from which lib/kpi/qa.ts categoryPercent gives the category's figure.
 */
export const agentQaCategoryDay = pgTable(
  'agent_qa_category_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    agentRef: text('agent_ref').notNull(),
    category: qaCategory('category').notNull(),
    percentSum: doublePrecision('percent_sum').notNull().default(0),
    scores: integer('scores').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'agent_qa_category_day_pk', columns: [t.siteId, t.day, t.agentRef, t.category] })],
);

/**
 * The site's roster: who is behind a reference, their team and their dates. Imported by the site
 * (CSV); a person's name can be removed while their reference and figures stay (nameRemovedAt).
 */
export const siteAgents = pgTable(
  'site_agents',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    agentRef: text('agent_ref').notNull(),
    name: text('name'),
    team: text('team'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** When the name was removed; an import does not bring it back unless it names the person again. */
    nameRemovedAt: timestamp('name_removed_at', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'site_agents_pk', columns: [t.siteId, t.agentRef] }),
    check('site_agents_ref_nonempty', sql`length(${t.agentRef}) between 1 and 128`),
    check('site_agents_dates', sql`${t.endDate} is null or ${t.startDate} is null or ${t.startDate} <= ${t.endDate}`),
  ],
);

export const coachingSource = pgEnum('coaching_source', ['evaluation', 'dispute', 'outlier']);
export const coachingStatus = pgEnum('coaching_status', ['open', 'done', 'dropped']);

/**
 * A coaching session for one agent, opened from an evaluation, a dispute or an outlier flag; done
 * when a follow-up evaluation of the agent closes it, or dropped with a reason.
 */
export const coachingSessions = pgTable(
  'coaching_sessions',
  {
    id: serial('id').primaryKey(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    agentRef: text('agent_ref').notNull(),
    source: coachingSource('source').notNull(),
    /** The evaluation (or disputed evaluation) it was opened from. */
    sourceEvaluationId: bigint('source_evaluation_id', { mode: 'number' }),
    /** The metric an outlier was flagged on (lib/agents/outliers.ts OutlierMetric). */
    sourceMetric: text('source_metric'),
    objective: text('objective').notNull(),
    ownerUserId: integer('owner_user_id')
      .notNull()
      .references(() => users.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: coachingStatus('status').notNull().default('open'),
    followUpEvaluationId: bigint('follow_up_evaluation_id', { mode: 'number' }),
    dropReason: text('drop_reason'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    openedByUserId: integer('opened_by_user_id').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedByUserId: integer('closed_by_user_id').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coaching_sessions_site_agent').on(t.siteId, t.agentRef),
    index('coaching_sessions_site_opened').on(t.siteId, t.openedAt),
    foreignKey({
      name: 'coaching_sessions_source_evaluation_fk',
      columns: [t.siteId, t.sourceEvaluationId],
      foreignColumns: [qaEvaluations.siteId, qaEvaluations.id],
    }),
    foreignKey({
      name: 'coaching_sessions_follow_up_fk',
      columns: [t.siteId, t.followUpEvaluationId],
      foreignColumns: [qaEvaluations.siteId, qaEvaluations.id],
    }),
    check('coaching_sessions_objective', sql`length(${t.objective}) between 1 and 2000`),
    check(
      'coaching_sessions_source_shape',
      sql`(${t.source} = 'outlier' and ${t.sourceMetric} is not null) or (${t.source} <> 'outlier' and ${t.sourceEvaluationId} is not null)`,
    ),
    check(
      'coaching_sessions_status_shape',
      sql`(${t.status} = 'open' and ${t.closedAt} is null)
        or (${t.status} = 'done' and ${t.followUpEvaluationId} is not null and ${t.closedAt} is not null)
        or (${t.status} = 'dropped' and ${t.dropReason} is not null and length(${t.dropReason}) >= 1 and ${t.closedAt} is not null)`,
    ),
  ],
);

export type SiteAgentRow = typeof siteAgents.$inferSelect;
export type CoachingSessionRow = typeof coachingSessions.$inferSelect;
