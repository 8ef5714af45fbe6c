// The alert engine's writes: the state of each rule and scope, and the alerts (firing episodes)
// they open and close. A transition is claimed by updating the version it read, so racing ticks
// and instances make it once; the minute's value is recorded for every scope in one statement, and
// a tick's transitions are claimed, opened and closed a statement for many at once.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { alertDeliveries, alerts, alertStates, type AlertFigures, type AlertRow, type AlertStateRow } from '../schema';
import type { AlertWindow } from '@/lib/alerts/rule-input';
import { typedArray, type ArrayItem, type ArrayType } from './ingest/unnest-arrays';

export async function listStatesOfRules(db: Db, ruleIds: readonly number[]): Promise<AlertStateRow[]> {
  if (ruleIds.length === 0) return [];
  return db.select().from(alertStates).where(inArray(alertStates.ruleId, [...ruleIds]));
}

export type ScopeEvaluation = { ruleId: number; scopeKey: string; siteId: number | null; queue: string | null; value: number | null };

/**
 * Records the value of every scope looked at (creating the states seen for the first time), in one
 * statement, in key order. The version is left alone: this is no transition, and a claim racing it
 * still holds.
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
    -- Rows are locked in the order they are upserted: key order, in the database's collation, as
    -- claimStateChanges locks them. Without it the planner may emit them in a join's order and
    -- deadlock with a claim holding the same states.
    order by e.rule_id, e.scope_key
    on conflict (rule_id, scope_key) do update set last_value = excluded.last_value, last_evaluated_at = excluded.last_evaluated_at`);
}

export type StateChange = {
  ruleId: number;
  scopeKey: string;
  /** The version read: the claim holds only if it is still the state's. */
  version: number;
  state: 'ok' | 'pending' | 'firing';
  breachSince: Date | null;
  clearSince: Date | null;
  lastNotifiedAt: Date | null;
  alertId: number | null;
  lastValue: number | null;
};

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** How a claimed state is named in the set claimStateChanges answers. */
export const stateKey = (ruleId: number, scopeKey: string) => `${ruleId}|${scopeKey}`;

/**
 * Claims transitions of states in one statement: each state moves only if its version is still
 * the one read. Answers the states this caller won (stateKey); a lost one changes nothing. The
 * rows are locked first in key order, so two instances claiming the same states wait on each
 * other instead of deadlocking, and the second then finds the versions moved.
 */
export async function claimStateChanges(tx: Db, changes: readonly StateChange[], at: Date): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const column = <T extends ArrayItem>(type: ArrayType, field: (c: StateChange) => T) => typedArray(changes.map(field), type);
  const result = await tx.execute(sql`
    with v as (
      select * from unnest(
        ${column('int4', (c) => c.ruleId)}, ${column('text', (c) => c.scopeKey)}, ${column('int4', (c) => c.version)}, ${column('text', (c) => c.state)},
        ${column('timestamptz', (c) => isoOrNull(c.breachSince))}, ${column('timestamptz', (c) => isoOrNull(c.clearSince))},
        ${column('timestamptz', (c) => isoOrNull(c.lastNotifiedAt))}, ${column('int4', (c) => c.alertId)}, ${column('float8', (c) => c.lastValue)}
      ) as v(rule_id, scope_key, version, state, breach_since, clear_since, last_notified_at, alert_id, last_value)
    ),
    locked as materialized (
      select s.rule_id, s.scope_key from alert_states s join v on v.rule_id = s.rule_id and v.scope_key = s.scope_key and v.version = s.version
      order by s.rule_id, s.scope_key
      for update of s
    )
    update alert_states s set
      state = v.state::alert_scope_state, breach_since = v.breach_since, clear_since = v.clear_since,
      last_notified_at = v.last_notified_at, alert_id = v.alert_id, last_value = v.last_value,
      last_evaluated_at = ${at.toISOString()}::timestamptz, version = s.version + 1
    from v join locked l on l.rule_id = v.rule_id and l.scope_key = v.scope_key
    where s.rule_id = v.rule_id and s.scope_key = v.scope_key and s.version = v.version
    returning s.rule_id, s.scope_key`);
  return new Set(rowsOf<{ rule_id: number; scope_key: string }>(result).map((r) => stateKey(Number(r.rule_id), r.scope_key)));
}

/** Points firing states at the alerts their claims just opened (same transaction, after the claims). */
export async function attachStateAlerts(tx: Db, links: readonly { ruleId: number; scopeKey: string; alertId: number }[]): Promise<void> {
  if (links.length === 0) return;
  await tx.execute(sql`
    update alert_states s set alert_id = v.alert_id
    from unnest(${typedArray(
      links.map((l) => l.ruleId),
      'int4',
    )}, ${typedArray(
      links.map((l) => l.scopeKey),
      'text',
    )}, ${typedArray(
      links.map((l) => l.alertId),
      'int4',
    )}) as v(rule_id, scope_key, alert_id)
    where s.rule_id = v.rule_id and s.scope_key = v.scope_key`);
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

export async function insertAlerts(tx: Db, values: readonly NewAlert[]): Promise<AlertRow[]> {
  if (values.length === 0) return [];
  return tx.insert(alerts).values([...values]).returning();
}

/** Closes open alerts, each with its value; those gone (deleted with their site) or closed already are left out. */
export async function resolveAlerts(tx: Db, closing: readonly { alertId: number; value: number | null }[], at: Date): Promise<AlertRow[]> {
  if (closing.length === 0) return [];
  const ids = closing.map((c) => c.alertId);
  const valueOf = new Map(closing.map((c) => [c.alertId, c.value]));
  const rows = await tx
    .update(alerts)
    .set({
      status: 'resolved',
      resolvedAt: at,
      resolvedValue: sql`(select v.value from unnest(${typedArray(ids, 'int4')}, ${typedArray(
        ids.map((id) => valueOf.get(id) ?? null),
        'float8',
      )}) as v(id, value) where v.id = ${alerts.id})`,
    })
    .where(and(inArray(alerts.id, ids), eq(alerts.status, 'firing')))
    .returning();
  return rows;
}

export async function findAlertsByIds(tx: Db, alertIds: readonly number[]): Promise<AlertRow[]> {
  if (alertIds.length === 0) return [];
  return tx.select().from(alerts).where(inArray(alerts.id, [...alertIds]));
}

/** The number of each alert's next reminder (1 for the first), counted from those already queued. */
export async function nextReminderSequences(tx: Db, alertIds: readonly number[]): Promise<Map<number, number>> {
  const next = new Map(alertIds.map((id) => [id, 1]));
  if (alertIds.length === 0) return next;
  const rows = await tx
    .select({ alertId: alertDeliveries.alertId, last: sql<number>`max(${alertDeliveries.sequence})::int`.mapWith(Number) })
    .from(alertDeliveries)
    .where(and(inArray(alertDeliveries.alertId, [...alertIds]), eq(alertDeliveries.transition, 'renotify')))
    .groupBy(alertDeliveries.alertId);
  for (const row of rows) next.set(row.alertId, row.last + 1);
  return next;
}
