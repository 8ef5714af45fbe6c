// The messages owed for alert transitions: one row per channel (a webhook) or address (an e-mail,
// whose sending is the outbox's). Webhook rows are leased before each attempt so that racing ticks
// and several instances never send one twice; e-mail rows mirror their outbox row's outcome.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../client';
import { alertDeliveries, alertRules, alerts, users, type AlertDeliveryRow } from '../schema';
import type { AlertChannel } from '@/lib/alerts/rule-input';

export type NewAlertDelivery = {
  alertId: number;
  transition: AlertDeliveryRow['transition'];
  sequence: number;
  channelIndex: number;
  kind: 'email' | 'webhook';
  target: string;
  body?: string | null;
  at: Date;
};

/**
 * Records a message owed; null when this transition already owes it (the unique key): the engine
 * claims each transition once, and this keeps a replayed call from queueing a second message.
 */
export async function insertAlertDelivery(tx: Db, d: NewAlertDelivery): Promise<AlertDeliveryRow | null> {
  const [row] = await tx
    .insert(alertDeliveries)
    .values({
      alertId: d.alertId,
      transition: d.transition,
      sequence: d.sequence,
      channelIndex: d.channelIndex,
      kind: d.kind,
      target: d.target,
      body: d.body ?? null,
      nextAttemptAt: d.at,
      createdAt: d.at,
    })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

export async function attachDeliveryEmail(tx: Db, deliveryId: number, emailId: number): Promise<void> {
  await tx.update(alertDeliveries).set({ emailId }).where(eq(alertDeliveries.id, deliveryId));
}

/** The language of each address that belongs to a user (addresses are stored lower-case). */
export async function localesOfAddresses(tx: Db, addresses: readonly string[]): Promise<Map<string, 'en' | 'fr'>> {
  const lower = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (lower.length === 0) return new Map();
  const rows = await tx.select({ email: users.email, locale: users.locale }).from(users).where(inArray(users.email, lower));
  return new Map(rows.map((r) => [r.email, r.locale]));
}

export type LeasedWebhookDelivery = AlertDeliveryRow & {
  /** The rule's channels now (null when the rule is gone): the secret to sign with is there. */
  channels: AlertChannel[] | null;
};

/**
 * Takes the pending webhook deliveries whose next attempt is due and counts the attempt, pushing
 * their next attempt `leaseMs` ahead so that no other tick or instance takes them meanwhile. SKIP
 * LOCKED lets two instances lease at the same moment without waiting for each other's rows.
 */
export async function leaseDueWebhookDeliveries(db: Db, args: { now: Date; leaseMs: number; limit: number }): Promise<LeasedWebhookDelivery[]> {
  const now = args.now.toISOString();
  const until = new Date(args.now.getTime() + args.leaseMs).toISOString();
  const result = await db.execute(sql`
    update alert_deliveries set attempts = attempts + 1, next_attempt_at = ${until}::timestamptz
    where id in (
      select id from alert_deliveries
      where kind = 'webhook' and status = 'pending' and next_attempt_at <= ${now}::timestamptz
      order by next_attempt_at, id
      limit ${args.limit}
      for update skip locked
    )
    returning id`);
  const ids = rowsOf<{ id: number }>(result).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const rows = await db
    .select({ delivery: alertDeliveries, channels: alertRules.channels })
    .from(alertDeliveries)
    .innerJoin(alerts, eq(alerts.id, alertDeliveries.alertId))
    .leftJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(inArray(alertDeliveries.id, ids))
    .orderBy(alertDeliveries.id);
  return rows.map((r) => ({ ...r.delivery, channels: r.channels ?? null }));
}

export async function markDeliverySent(db: Db, id: number, at: Date): Promise<void> {
  await db.update(alertDeliveries).set({ status: 'sent', sentAt: at, lastError: null }).where(and(eq(alertDeliveries.id, id), eq(alertDeliveries.status, 'pending')));
}

/** Records a failed attempt: retried at `retryAt`, or failed for good when `retryAt` is null. */
export async function markDeliveryAttemptFailed(db: Db, id: number, args: { error: string; retryAt: Date | null }): Promise<void> {
  await db
    .update(alertDeliveries)
    .set(args.retryAt ? { lastError: args.error, nextAttemptAt: args.retryAt } : { lastError: args.error, status: 'failed' })
    .where(and(eq(alertDeliveries.id, id), eq(alertDeliveries.status, 'pending')));
}

/**
 * E-mail deliveries take the outcome of their outbox row once it has one (sent or failed for
 * good), so an alert's deliveries read the same whatever the channel. Answers how many moved.
 */
export async function settleEmailDeliveries(db: Db): Promise<number> {
  const result = await db.execute(sql`
    update alert_deliveries d
    set status = e.status::text::alert_delivery_status, sent_at = e.sent_at, attempts = e.attempts, last_error = e.last_error
    from email_outbox e
    where d.email_id = e.id and d.kind = 'email' and d.status = 'pending' and e.status in ('sent', 'failed')
    returning d.id`);
  return rowsOf<{ id: number }>(result).length;
}

export async function listDeliveriesOfAlert(db: Db, alertId: number): Promise<AlertDeliveryRow[]> {
  return db.select().from(alertDeliveries).where(eq(alertDeliveries.alertId, alertId)).orderBy(alertDeliveries.id);
}
