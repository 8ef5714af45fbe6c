// One scheduler tick, as of an instant: claim every due digest, put it in the outbox, then deliver
// the outbox. Exactly once per subscription and period: the digest_runs row and its e-mail are
// inserted in one transaction whose unique claim lets a single tick through, whichever instance or
// restart runs it. A render that fails leaves no claim, so the next tick tries again.
import type { Db } from '@/db/client';
import type { DateRange } from '@/lib/kpi/periods';
import { insertAudit } from '@/db/queries/audit';
import { attachRunEmail, claimRun, insertEmail, listActiveSubscriptions, runExists } from '@/db/queries/digests';
import type { Actor } from '@/server/auth/principal';
import { composeDigest } from './compose';
import type { MailTransport } from './mailer';
import { deliverDueEmails, type DeliveryResult } from './outbox-delivery';
import { isOwed, latestDuePeriod, type Cadence } from '@/lib/digests/periods';

export type SendDueOptions = {
  now: Date;
  transport: MailTransport | null;
  publicUrl: string;
  /** Who queues the digests, for the audit log: the server's scheduler unless said otherwise. */
  actor?: Actor;
};

const SCHEDULER: Actor = { actorType: 'system', actorId: null, actorLabel: 'digest scheduler' };

export type QueuedDigest = { subscriptionId: number; recipient: string; cadence: Cadence; period: DateRange; emailId: number; subject: string };
export type TickResult = {
  now: Date;
  /** Active subscriptions looked at. */
  subscriptions: number;
  queued: QueuedDigest[];
  /** Due periods another tick (or instance) had already claimed. */
  alreadyClaimed: number;
  errors: { subscriptionId: number; error: string }[];
  delivery: DeliveryResult;
};

export async function sendDueDigests(db: Db, options: SendDueOptions): Promise<TickResult> {
  const { now } = options;
  const subscriptions = await listActiveSubscriptions(db);
  const queued: QueuedDigest[] = [];
  const errors: TickResult['errors'] = [];
  let alreadyClaimed = 0;

  for (const subscription of subscriptions) {
    try {
      const period = latestDuePeriod(subscription, now);
      // Set up after this period's send time: its first digest is the next one.
      if (!isOwed(subscription, period, subscription.updatedAt, now)) continue;
      // A cheap look first, so that a period already sent costs no rendering.
      if (await runExists(db, subscription.id, period)) {
        alreadyClaimed += 1;
        continue;
      }
      const { email } = await composeDigest(db, { subscription, period, now, publicUrl: options.publicUrl });
      const emailId = await db.transaction(async (tx) => {
        const runId = await claimRun(tx, { subscriptionId: subscription.id, from: period.from, to: period.to, at: now });
        if (runId === null) return null;
        const row = await insertEmail(tx, { toAddress: subscription.email, ...email, at: now });
        await attachRunEmail(tx, runId, row.id);
        await insertAudit(tx, {
          ...(options.actor ?? SCHEDULER),
          action: 'digest.queue',
          entity: 'digest_subscription',
          entityId: String(subscription.id),
          details: { emailId: row.id, to: subscription.email, cadence: subscription.cadence, from: period.from, until: period.to },
        });
        return row.id;
      });
      if (emailId === null) alreadyClaimed += 1;
      else {
        queued.push({
          subscriptionId: subscription.id,
          recipient: subscription.email,
          cadence: subscription.cadence,
          period: { from: period.from, to: period.to },
          emailId,
          subject: email.subject,
        });
      }
    } catch (error) {
      errors.push({ subscriptionId: subscription.id, error: error instanceof Error ? error.message : String(error) });
    }
  }

  const delivery = await deliverDueEmails(db, { now, transport: options.transport });
  return { now, subscriptions: subscriptions.length, queued, alreadyClaimed, errors, delivery };
}
