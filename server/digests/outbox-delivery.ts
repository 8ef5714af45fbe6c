// Delivers the outbox: every pending e-mail whose next attempt is due. Each attempt is leased
// first (attempts + 1, next attempt pushed ahead) so two instances never send the same e-mail; a
// failure is recorded and retried with back-off, and after MAX_ATTEMPTS the e-mail is failed for
// good, visible to admins. Without a transport the outbox is the delivery: e-mails are marked
// sent as they are, kept for admins to read.
import type { Db } from '@/db/client';
import { finishRunOfEmail, leaseDueEmails, markEmailAttemptFailed, markEmailSent } from '@/db/queries/digests';
import type { MailTransport } from './mailer';

export const MAX_ATTEMPTS = 6;
/** Wait before attempt n + 1 after attempt n failed (minutes): about 5½ hours in all. */
export const RETRY_DELAYS_MINUTES = [1, 5, 15, 60, 240] as const;
/** How long a leased e-mail is left to its sender before another tick may try it again. */
export const LEASE_MS = 10 * 60_000;
const BATCH = 25;
/** A tick sends at most this many, so it ends well within its minute; the rest go next tick. */
const MAX_PER_TICK = 500;

export type DeliveryError = { emailId: number; to: string; attempt: number; error: string; final: boolean };
export type DeliveryResult = { sent: number; retrying: number; failed: number; errors: DeliveryError[] };

export function retryDelayMs(attempt: number): number {
  const minutes = RETRY_DELAYS_MINUTES[Math.min(attempt, RETRY_DELAYS_MINUTES.length) - 1] ?? RETRY_DELAYS_MINUTES[0];
  return minutes * 60_000;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
    return (code ? `${code} ` : '') + error.message.slice(0, 500);
  }
  return String(error).slice(0, 500);
}

export async function deliverDueEmails(db: Db, args: { now: Date; transport: MailTransport | null; ids?: number[] }): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, errors: [] };
  let handled = 0;
  while (handled < MAX_PER_TICK) {
    const batch = await leaseDueEmails(db, { now: args.now, leaseMs: LEASE_MS, limit: BATCH, ids: args.ids });
    if (batch.length === 0) break;
    handled += batch.length;
    for (const email of batch) {
      // Only the hand-over to the transport counts as a failed attempt; a database error after a
      // successful send propagates instead, so an e-mail that went out is never sent again.
      let failure: string | null = null;
      try {
        if (args.transport) {
          await args.transport.send({ to: email.toAddress, subject: email.subject, html: email.html, text: email.text, headers: email.headers });
        }
      } catch (error) {
        failure = describeError(error);
      }
      if (failure === null) {
        await markEmailSent(db, email.id, args.now);
        await finishRunOfEmail(db, email.id, { status: 'sent', at: args.now });
        result.sent += 1;
        continue;
      }
      const final = email.attempts >= MAX_ATTEMPTS;
      await markEmailAttemptFailed(db, email.id, { error: failure, retryAt: final ? null : new Date(args.now.getTime() + retryDelayMs(email.attempts)) });
      if (final) {
        await finishRunOfEmail(db, email.id, { status: 'failed', at: args.now, error: failure });
        result.failed += 1;
      } else {
        result.retrying += 1;
      }
      result.errors.push({ emailId: email.id, to: email.toAddress, attempt: email.attempts, error: failure, final });
    }
  }
  return result;
}
