// Alerts (issue: alerts). A rule watches one metric over a scope; the engine keeps one state per
// rule and scope (a site, a site's queue, or the network) and moves it ok → pending → firing →
// ok. Each move to firing opens an `alerts` row and each recovery closes it; the move is claimed
// by a conditional update of the state's version, so racing ticks and several instances make one
// transition, one alert and one set of messages. Messages to webhooks wait in alert_deliveries
// (retried with back-off, then failed); e-mails go through the shared email_outbox.
import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import type { AlertChannel, AlertWindow } from '@/lib/alerts/rule-input';
import { emailOutbox } from './digests';
import { sites } from './sites';
import { users } from './users';

export const alertSeverity = pgEnum('alert_severity', ['warning', 'critical']);
export const alertComparison = pgEnum('alert_comparison', ['below', 'above']);
export const alertScopeState = pgEnum('alert_scope_state', ['ok', 'pending', 'firing']);
export const alertStatus = pgEnum('alert_status', ['firing', 'resolved']);
export const alertTransition = pgEnum('alert_transition', ['firing', 'resolved', 'renotify']);
export const alertDeliveryStatus = pgEnum('alert_delivery_status', ['pending', 'sent', 'failed']);

export const alertRules = pgTable(
  'alert_rules',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** An AlertMetric (lib/alerts/metrics.ts), as the API spells it. */
    metric: text('metric').notNull(),
    /** The sites watched, each on its own; empty = every active site. */
    siteIds: integer('site_ids').array().notNull().default(sql`'{}'::int[]`),
    /** The queues watched, each on its own within each site; empty = the site as a whole. */
    queues: text('queues').array().notNull().default(sql`'{}'::text[]`),
    /** The network as one figure instead of each site. */
    network: boolean('network').notNull().default(false),
    /** { trailingMinutes } | { period: 'today' | 'yesterday' }; null for metrics read as of now. */
    window: jsonb('window').$type<AlertWindow>(),
    comparison: alertComparison('comparison').notNull(),
    /** A fixed threshold (ratios as fractions), or null when the threshold is a target's bound. */
    threshold: doublePrecision('threshold'),
    /** 'red' (worse than the amber bound) or 'amber' (worse than the green bound). */
    thresholdTarget: text('threshold_target'),
    minVolume: integer('min_volume').notNull().default(0),
    holdMinutes: integer('hold_minutes').notNull().default(0),
    renotifyMinutes: integer('renotify_minutes'),
    severity: alertSeverity('severity').notNull(),
    /** Webhook secrets are kept to sign with and never answered back. */
    channels: jsonb('channels').$type<AlertChannel[]>().notNull().default([]),
    quietWhenClosed: boolean('quiet_when_closed').notNull().default(true),
    enabled: boolean('enabled').notNull().default(true),
    /** The key of a built-in rule (seeded for the demo), so a seed never adds it twice. */
    builtIn: text('built_in').unique(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('alert_rules_name', sql`length(${t.name}) between 1 and 100`),
    check('alert_rules_threshold', sql`(${t.threshold} is null) <> (${t.thresholdTarget} is null)`),
    check('alert_rules_threshold_target', sql`${t.thresholdTarget} is null or ${t.thresholdTarget} in ('red', 'amber')`),
    check('alert_rules_minutes', sql`${t.minVolume} >= 0 and ${t.holdMinutes} >= 0 and (${t.renotifyMinutes} is null or ${t.renotifyMinutes} > 0)`),
  ],
);

/**
 * One row per rule and scope the engine has looked at. `scopeKey` names the scope: 'network',
 * a site code ('CAS'), or a site code and queue ('CAS/billing').
 */
export const alertStates = pgTable(
  'alert_states',
  {
    ruleId: integer('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    scopeKey: text('scope_key').notNull(),
    siteId: integer('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    queue: text('queue'),
    state: alertScopeState('state').notNull().default('ok'),
    /** When the breach began (pending and firing). */
    breachSince: timestamp('breach_since', { withTimezone: true }),
    /** While firing: when the value stopped breaching (recovery is held like the breach). */
    clearSince: timestamp('clear_since', { withTimezone: true }),
    /** The open alert while firing. */
    alertId: integer('alert_id'),
    lastValue: doublePrecision('last_value'),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    lastNotifiedAt: timestamp('last_notified_at', { withTimezone: true }),
    /** Bumped by every change: a transition is claimed by updating the version it read. */
    version: integer('version').notNull().default(0),
  },
  (t) => [primaryKey({ name: 'alert_states_pk', columns: [t.ruleId, t.scopeKey] })],
);

/** What an alert's figures were, to say why with the numbers. */
export type AlertFigures = {
  /** The numerator and denominator behind a ratio or mean, when it has them. */
  numerator?: number | null;
  denominator?: number | null;
  /** What the rule's minimum volume counted. */
  volume?: number | null;
  /** The formula, in words (lib/alerts/metrics.ts). */
  formula: string;
  /** The window as evaluated: its instants (ISO). */
  from?: string;
  to?: string;
  /** Anything the metric adds (e.g. the mission behind a projection). */
  detail?: string;
};

/** One firing episode: opened on firing, closed on recovery. The history /alerts shows. */
export const alerts = pgTable(
  'alerts',
  {
    id: serial('id').primaryKey(),
    ruleId: integer('rule_id').references(() => alertRules.id, { onDelete: 'set null' }),
    /** The rule's name when it fired (the rule may be renamed or deleted since). */
    ruleName: text('rule_name').notNull(),
    scopeKey: text('scope_key').notNull(),
    siteId: integer('site_id').references(() => sites.id, { onDelete: 'cascade' }),
    queue: text('queue'),
    metric: text('metric').notNull(),
    severity: alertSeverity('severity').notNull(),
    status: alertStatus('status').notNull().default('firing'),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** The value that fired it, and the one that resolved it. */
    value: doublePrecision('value'),
    resolvedValue: doublePrecision('resolved_value'),
    /** The threshold as a number at firing (a target's bound resolved). */
    threshold: doublePrecision('threshold').notNull(),
    comparison: alertComparison('comparison').notNull(),
    window: jsonb('window').$type<AlertWindow>(),
    figures: jsonb('figures').$type<AlertFigures>().notNull(),
  },
  (t) => [
    unique('alerts_rule_scope_fired').on(t.ruleId, t.scopeKey, t.firedAt),
    index('alerts_status_fired').on(t.status, t.firedAt),
    index('alerts_site_fired').on(t.siteId, t.firedAt),
  ],
);

/** A message owed to one channel of a rule for one transition of one alert. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: serial('id').primaryKey(),
    alertId: integer('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    transition: alertTransition('transition').notNull(),
    /** 0 for firing and resolved; the count of reminders for renotify. */
    sequence: integer('sequence').notNull().default(0),
    channelIndex: integer('channel_index').notNull(),
    kind: text('kind').notNull(),
    /** An e-mail address or a webhook URL. */
    target: text('target').notNull(),
    /** The webhook body as it is sent and signed (JSON, Slack or Teams). */
    body: text('body'),
    status: alertDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    emailId: integer('email_id').references(() => emailOutbox.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('alert_deliveries_once').on(t.alertId, t.transition, t.sequence, t.channelIndex, t.target),
    index('alert_deliveries_due').on(t.status, t.nextAttemptAt),
    check('alert_deliveries_kind', sql`${t.kind} in ('email', 'webhook')`),
  ],
);

/** The in-app bell: the newest alert each user has seen. */
export const alertReads = pgTable('alert_reads', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  seenAlertId: integer('seen_alert_id').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AlertRuleRow = typeof alertRules.$inferSelect;
export type AlertStateRow = typeof alertStates.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type AlertDeliveryRow = typeof alertDeliveries.$inferSelect;
