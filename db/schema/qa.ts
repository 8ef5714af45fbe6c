import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { sites } from './sites';
import { users } from './users';

export const qaCategory = pgEnum('qa_category', ['language', 'culture', 'compliance', 'resolution', 'soft_skills']);
export const qaFormStatus = pgEnum('qa_form_status', ['draft', 'published', 'retired']);
export const qaScope = pgEnum('qa_scope', ['site', 'hq']);
export const qaDisputeStatus = pgEnum('qa_dispute_status', ['none', 'open', 'upheld', 'rejected']);

/** A scorecard version. Published versions are immutable; a change makes a new version. */
export const qaForms = pgTable(
  'qa_forms',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 32 }).notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    status: qaFormStatus('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('qa_forms_code_version').on(t.code, t.version),
    check('qa_forms_code_format', sql`${t.code} ~ '^[A-Za-z0-9_-]{1,32}$'`),
    check('qa_forms_version_positive', sql`${t.version} >= 1`),
  ],
);

export const qaCriteria = pgTable(
  'qa_criteria',
  {
    id: serial('id').primaryKey(),
    formId: integer('form_id')
      .notNull()
      .references(() => qaForms.id),
    key: varchar('key', { length: 64 }).notNull(),
    label: text('label').notNull(),
    category: qaCategory('category').notNull(),
    weight: doublePrecision('weight').notNull(),
    maxScore: integer('max_score').notNull(),
    critical: boolean('critical').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique('qa_criteria_form_key').on(t.formId, t.key),
    check('qa_criteria_weight_positive', sql`${t.weight} > 0`),
    check('qa_criteria_max_positive', sql`${t.maxScore} > 0`),
    check('qa_criteria_key_format', sql`${t.key} ~ '^[a-z0-9_]{1,64}$'`),
  ],
);

/**
 * A QA evaluation of one agent (usually of one call). Site-scope evaluations come from the site;
 * HQ-scope ones are HQ's, and may re-score (calibrate) a site evaluation of the same call.
 * The score is computed at ingest from the form version and stored.
 */
export const qaEvaluations = pgTable(
  'qa_evaluations',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    scope: qaScope('scope').notNull(),
    externalId: varchar('external_id', { length: 128 }).notNull(),
    formId: integer('form_id')
      .notNull()
      .references(() => qaForms.id),
    agentRef: text('agent_ref').notNull(),
    callExternalId: varchar('call_external_id', { length: 128 }),
    evaluator: text('evaluator').notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull(),
    /** The site-local day of evaluatedAt, computed at ingest (db/local-time.ts), as for call records. */
    localDay: date('local_day', { mode: 'string' }).notNull(),
    /** 0–100; null when no criterion applied. */
    score: doublePrecision('score'),
    criticalFailed: boolean('critical_failed').notNull().default(false),
    comment: text('comment'),
    /** For an HQ evaluation: the site evaluation it re-scores. */
    calibratesId: bigint('calibrates_id', { mode: 'number' }),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    disputeStatus: qaDisputeStatus('dispute_status').notNull().default('none'),
    disputeComment: text('dispute_comment'),
    disputeResolution: text('dispute_resolution'),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'qa_evaluations_pk', columns: [t.siteId, t.id] }),
    unique('qa_evaluations_site_scope_external').on(t.siteId, t.scope, t.externalId),
    index('qa_evaluations_site_evaluated').on(t.siteId, t.evaluatedAt),
    index('qa_evaluations_site_local_day').on(t.siteId, t.localDay),
    // One HQ re-score per site evaluation, found from the site evaluation it calibrates.
    uniqueIndex('qa_evaluations_calibrates_unique').on(t.siteId, t.calibratesId),
    foreignKey({
      name: 'qa_evaluations_calibrates_fk',
      columns: [t.siteId, t.calibratesId],
      foreignColumns: [t.siteId, t.id],
    }),
    check('qa_evaluations_score_range', sql`${t.score} is null or ${t.score} between 0 and 100`),
    check('qa_evaluations_calibrates_scope', sql`${t.calibratesId} is null or ${t.scope} = 'hq'`),
  ],
);

/** Per-criterion scores of an evaluation; a null score means "does not apply". */
export const qaScores = pgTable(
  'qa_scores',
  {
    siteId: integer('site_id').notNull(),
    evaluationId: bigint('evaluation_id', { mode: 'number' }).notNull(),
    criterionId: integer('criterion_id')
      .notNull()
      .references(() => qaCriteria.id),
    score: doublePrecision('score'),
  },
  (t) => [
    primaryKey({ name: 'qa_scores_pk', columns: [t.siteId, t.evaluationId, t.criterionId] }),
    foreignKey({
      name: 'qa_scores_evaluation_fk',
      columns: [t.siteId, t.evaluationId],
      foreignColumns: [qaEvaluations.siteId, qaEvaluations.id],
    }).onDelete('cascade'),
    check('qa_scores_nonnegative', sql`${t.score} is null or ${t.score} >= 0`),
  ],
);

/**
 * A calibration worklist: a random sample of a site's evaluations over a period of site-local
 * days, drawn by HQ to re-score blind. The seed makes the draw reproducible for an audit.
 */
export const qaCalibrationSamples = pgTable(
  'qa_calibration_samples',
  {
    id: serial('id').notNull(),
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** How many evaluations HQ asked for; the worklist holds fewer when fewer were eligible. */
    requestedCount: integer('requested_count').notNull(),
    seed: text('seed').notNull(),
    requestedBy: integer('requested_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'qa_calibration_samples_pk', columns: [t.siteId, t.id] }),
    index('qa_calibration_samples_created').on(t.createdAt),
    check('qa_calibration_samples_period', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('qa_calibration_samples_count', sql`${t.requestedCount} between 1 and 200`),
  ],
);

/** One site evaluation of a worklist; done when HQ has re-scored it. */
export const qaCalibrationItems = pgTable(
  'qa_calibration_items',
  {
    siteId: integer('site_id').notNull(),
    sampleId: integer('sample_id').notNull(),
    evaluationId: bigint('evaluation_id', { mode: 'number' }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'qa_calibration_items_pk', columns: [t.siteId, t.sampleId, t.evaluationId] }),
    // An evaluation is in one worklist at most, so two draws never hand out the same call.
    unique('qa_calibration_items_evaluation').on(t.siteId, t.evaluationId),
    foreignKey({
      name: 'qa_calibration_items_sample_fk',
      columns: [t.siteId, t.sampleId],
      foreignColumns: [qaCalibrationSamples.siteId, qaCalibrationSamples.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'qa_calibration_items_evaluation_fk',
      columns: [t.siteId, t.evaluationId],
      foreignColumns: [qaEvaluations.siteId, qaEvaluations.id],
    }).onDelete('cascade'),
  ],
);

export type QaForm = typeof qaForms.$inferSelect;
export type QaCriterion = typeof qaCriteria.$inferSelect;
export type QaEvaluation = typeof qaEvaluations.$inferSelect;
export type QaCategory = (typeof qaCategory.enumValues)[number];
export type QaCalibrationSample = typeof qaCalibrationSamples.$inferSelect;

/**
 * Per site, site-local day and category, the criterion scores of the site's own evaluations that
 * apply: Σ percentages of each criterion's maximum, how many, and how many evaluations they came
 * from. Kept with agent_qa_category_day by db/queries/ingest/rollups.ts recomputeSiteQaDays, so
 * that a site's QA by category and its weekly QA trends read a few hundred rows, not every score.
 */
export const siteQaCategoryDay = pgTable(
  'site_qa_category_day',
  {
    siteId: integer('site_id')
      .notNull()
      .references(() => sites.id),
    day: date('day', { mode: 'string' }).notNull(),
    category: qaCategory('category').notNull(),
    percentSum: doublePrecision('percent_sum').notNull().default(0),
    scores: integer('scores').notNull().default(0),
    evaluations: integer('evaluations').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'site_qa_category_day_pk', columns: [t.siteId, t.day, t.category] })],
);
