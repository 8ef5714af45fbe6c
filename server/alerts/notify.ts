// The messages of an alert's transitions. queueAlertMessages runs inside the transaction that
// claims the transition, so a transition and its messages are written together or not at all:
// one alert_deliveries row per webhook (its body rendered and kept as it will be signed) and one
// outbox e-mail per address, in the recipient's language. deliverDueAlertMessages then sends the
// due webhooks, each leased first so two ticks or instances never send one twice, retried with
// back-off and failed after the last attempt; one slow or failing receiver never holds up the
// others. The e-mails go out with the outbox (server/digests/outbox-delivery.ts).
import type { Db } from '@/db/client';
import {
  attachDeliveryEmail,
  insertAlertDelivery,
  leaseDueWebhookDeliveries,
  localesOfAddresses,
  markDeliveryAttemptFailed,
  markDeliverySent,
  settleEmailDeliveries,
  type LeasedWebhookDelivery,
} from '@/db/queries/alert-deliveries';
import { insertEmail } from '@/db/queries/digests';
import type { AlertRow, AlertRuleRow } from '@/db/schema';
import { renderAlertEmail, type RenderedAlertEmail } from './email';
import type { MessageLocale } from './payloads-format';
import { alertMessage, renderWebhookBody } from './payloads';
import { postWebhook } from './webhook';

export type AlertTransitionEvent = {
  alert: AlertRow;
  rule: AlertRuleRow;
  transition: 'firing' | 'resolved' | 'renotify';
  sequence: number;
  site: { code: string; name: string } | null;
  at: Date;
  /** The latest value, for a reminder (the alert row keeps the value that fired it). */
  value?: number | null;
};

/** Attempts in all: the first, then one after each wait of RETRY_DELAYS_MINUTES. */
export const MAX_WEBHOOK_ATTEMPTS = 6;
/** Wait before attempt n + 1 after attempt n failed (minutes): about half an hour in all. */
export const WEBHOOK_RETRY_DELAYS_MINUTES = [1, 2, 4, 8, 16] as const;
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
/** How long a leased delivery is left to its sender before another tick may try it again. */
const LEASE_MS = 5 * 60_000;
/** Requests in flight at once: enough that a hanging receiver does not hold up the rest. */
const CONCURRENCY = 6;
const BATCH = 24;
/** A tick sends at most this many, and leases no more after TIME_BUDGET_MS, so it ends within its
 * minute even when receivers hang; the rest go next tick. */
const MAX_PER_TICK = 240;
const TIME_BUDGET_MS = 40_000;

export function webhookRetryDelayMs(attempt: number): number {
  const minutes = WEBHOOK_RETRY_DELAYS_MINUTES[Math.min(Math.max(attempt, 1), WEBHOOK_RETRY_DELAYS_MINUTES.length) - 1]!;
  return minutes * 60_000;
}

export async function queueAlertMessages(tx: Db, event: AlertTransitionEvent, options: { publicUrl: string }): Promise<{ emails: number; webhooks: number }> {
  const message = alertMessage(event, options.publicUrl);
  const base = { alertId: event.alert.id, transition: event.transition, sequence: event.sequence, at: event.at };
  const counts = { emails: 0, webhooks: 0 };
  const channels = event.rule.channels ?? [];

  const addresses = channels.flatMap((c) => (c.kind === 'email' ? c.to.map((to) => to.toLowerCase()) : []));
  const locales = await localesOfAddresses(tx, addresses);
  const rendered = new Map<MessageLocale, RenderedAlertEmail>();
  // An address listed by two channels of the rule gets one e-mail.
  const mailed = new Set<string>();

  for (const [channelIndex, channel] of channels.entries()) {
    if (channel.kind === 'webhook') {
      const row = await insertAlertDelivery(tx, { ...base, channelIndex, kind: 'webhook', target: channel.url, body: renderWebhookBody(channel.format, message) });
      if (row) counts.webhooks += 1;
      continue;
    }
    for (const raw of channel.to) {
      const address = raw.toLowerCase();
      if (mailed.has(address)) continue;
      mailed.add(address);
      const row = await insertAlertDelivery(tx, { ...base, channelIndex, kind: 'email', target: address });
      if (!row) continue;
      // Someone with an account reads it in their language; anyone else in English.
      const locale = locales.get(address) ?? 'en';
      let email = rendered.get(locale);
      if (!email) {
        email = renderAlertEmail(message, locale);
        rendered.set(locale, email);
      }
      const outbox = await insertEmail(tx, { toAddress: address, ...email, at: event.at });
      await attachDeliveryEmail(tx, row.id, outbox.id);
      counts.emails += 1;
    }
  }
  return counts;
}

export type AlertDeliveryResult = { sent: number; retried: number; failed: number; errors: { deliveryId: number; error: string }[] };

/** The secret to sign with: the rule's channel at the delivery's index, or one with its address. */
function secretOf(delivery: LeasedWebhookDelivery): string | null {
  const webhooks = (delivery.channels ?? []).filter((c) => c.kind === 'webhook');
  const atIndex = delivery.channels?.[delivery.channelIndex];
  const channel = atIndex?.kind === 'webhook' && atIndex.url === delivery.target ? atIndex : webhooks.find((c) => c.url === delivery.target);
  return channel?.secret ?? null;
}

export async function deliverDueAlertMessages(db: Db, options: { now: Date; fetchImpl?: typeof fetch; timeoutMs?: number }): Promise<AlertDeliveryResult> {
  const result: AlertDeliveryResult = { sent: 0, retried: 0, failed: 0, errors: [] };
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  // A lease outlives the slowest batch: its requests run CONCURRENCY at a time, each bounded.
  const leaseMs = Math.max(LEASE_MS, Math.ceil(BATCH / CONCURRENCY) * timeoutMs * 2);
  const stopLeasingAt = Date.now() + TIME_BUDGET_MS;
  let handled = 0;

  const attempt = async (delivery: LeasedWebhookDelivery) => {
    const secret = secretOf(delivery);
    // Without its channel (the rule deleted or the webhook removed since) nothing can sign it.
    const outcome =
      secret === null || delivery.body === null
        ? ({ ok: false, error: 'The rule no longer has this webhook', final: true } as const)
        : await postWebhook({ url: delivery.target, body: delivery.body, secret, deliveryId: delivery.id, fetchImpl: options.fetchImpl, timeoutMs });
    if (outcome.ok) {
      await markDeliverySent(db, delivery.id, options.now);
      result.sent += 1;
      return;
    }
    const final = ('final' in outcome && outcome.final) || delivery.attempts >= MAX_WEBHOOK_ATTEMPTS;
    await markDeliveryAttemptFailed(db, delivery.id, {
      error: outcome.error,
      retryAt: final ? null : new Date(options.now.getTime() + webhookRetryDelayMs(delivery.attempts)),
    });
    if (final) result.failed += 1;
    else result.retried += 1;
    result.errors.push({ deliveryId: delivery.id, error: outcome.error });
  };

  while (handled < MAX_PER_TICK && Date.now() < stopLeasingAt) {
    const batch = await leaseDueWebhookDeliveries(db, { now: options.now, leaseMs, limit: BATCH });
    if (batch.length === 0) break;
    handled += batch.length;
    await inParallel(batch, CONCURRENCY, attempt);
  }
  await settleEmailDeliveries(db);
  return result;
}

/** Runs `work` over the items with at most `limit` at once. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
