// The alert engine's writes: the state of each rule and scope, and the alerts (firing episodes)
// they open and close. A transition is claimed by updating the version it read, so racing ticks
// and instances make it once; the minute's value is recorded for every scope in one statement.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { alertDeliveries, alerts, alertStates, type AlertFigures, type AlertRow, type AlertStateRow } from '../schema';
import type { AlertWindow } from '@/lib/alerts/rule-input';
import { typedArray } from './ingest/unnest-arrays';

export async function listStatesOfRules(db: Db, ruleIds: readonly number[]): Promise<AlertStateRow[]> {
  if (ruleIds.length === 0) return [];
  return db.select().from(alertStates).where(inArray(alertStates.ruleId, [...ruleIds]));
}

export type ScopeEvaluation = { ruleId: number; scopeKey: string; siteId: number | null; queue: string | null; value: number | null };

/**
 * Records the value of every scope looked at (creating the states seen for the first time), in one
 * statement. The version is left alone: this is no transition, and a claim racing it still holds.
 */
export async function recordEvaluations(db: Db, rows: readonly ScopeEvaluation[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into alert_states (rule_id, scope_key, site_id, queue, last_value, last_evaluated_at)
    select e.rule_id, e.scope_key, e.site_id, e.queue, e.value, ${at.toISOString()}::timestamptz
    from unnest(
      ${typedArray(
        rows.map((r) => r.ruleId),
        'int4',
      )}, ${typedArray(
        rows.map((r) => r.scopeKey),
        'text',
      )}, ${typedArray(
        rows.map((r) => r.siteId),
        'int4',
      )}, ${typedArray(
        rows.map((r) => r.queue),
        'text',
      )}, ${typedArray(
        rows.map((r) => r.value),
        'float8',
      )}
    ) as e(rule_id, scope_key, site_id, queue, value)
    -- A rule deleted since the tick read it has no state to keep.
    where exists (select 1 from alert_rules r where r.id = e.rule_id)
    on conflict (rule_id, scope_key) do update set last_value = excluded.last_value, last_evaluated_at = excluded.last_evaluated_at`);
}

export type StateChange = {
  state: 'ok' | 'pending' | 'firing';
  breachSince: Date | null;
  lastNotifiedAt: Date | null;
  alertId: number | null;
  lastValue: number | null;
  at: Date;
};

/**
 * Claims a transition: the state moves only if its version is still the one read. Answers whether
 * this caller won; a loser changes nothing and sends nothing.
 */
export async function claimStateChange(tx: Db, key: { ruleId: number; scopeKey: string; version: number }, change: StateChange): Promise<boolean> {
  const rows = await tx
    .update(alertStates)
    .set({
      state: change.state,
      breachSince: change.breachSince,
      lastNotifiedAt: change.lastNotifiedAt,
      alertId: change.alertId,
      lastValue: change.lastValue,
      lastEvaluatedAt: change.at,
      version: sql`${alertStates.version} + 1`,
    })
    .where(and(eq(alertStates.ruleId, key.ruleId), eq(alertStates.scopeKey, key.scopeKey), eq(alertStates.version, key.version)))
    .returning({ version: alertStates.version });
  return rows.length === 1;
}

/** Points a firing state at the alert its claim just opened (same transaction, after the claim). */
export async function attachStateAlert(tx: Db, key: { ruleId: number; scopeKey: string }, alertId: number): Promise<void> {
  await tx
    .update(alertStates)
    .set({ alertId })
    .where(and(eq(alertStates.ruleId, key.ruleId), eq(alertStates.scopeKey, key.scopeKey)));
}

export type NewAlert = {
  ruleId: number;
  ruleName: string;
  scopeKey: string;
  siteId: number | null;
  queue: string | null;
  metric: string;
  severity: 'warning' | 'critical';
  firedAt: Date;
  value: number | null;
  threshold: number;
  comparison: 'below' | 'above';
  window: AlertWindow | null;
  figures: AlertFigures;
};

export async function insertAlert(tx: Db, values: NewAlert): Promise<AlertRow> {
  const [row] = await tx.insert(alerts).values(values).returning();
  return row!;
}

/** Closes an open alert; null when it is gone (deleted with its site) or closed already. */
export async function resolveAlert(tx: Db, alertId: number, args: { at: Date; value: number | null }): Promise<AlertRow | null> {
  const [row] = await tx
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: args.at, resolvedValue: args.value })
    .where(and(eq(alerts.id, alertId), eq(alerts.status, 'firing')))
    .returning();
  return row ?? null;
}

export async function findAlertById(tx: Db, alertId: number): Promise<AlertRow | null> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, alertId));
  return row ?? null;
}

/** The number of the next reminder of an alert (1 for the first), counted from those already queued. */
export async function nextReminderSequence(tx: Db, alertId: number): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${alertDeliveries.sequence}), 0)::int`.mapWith(Number) })
    .from(alertDeliveries)
    .where(and(eq(alertDeliveries.alertId, alertId), eq(alertDeliveries.transition, 'renotify')));
  return (row?.last ?? 0) + 1;
}
