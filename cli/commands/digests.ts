// digests:send-due: one scheduler tick as of an instant (now by default), e.g. from cron when no
// server runs, or to replay a morning: `digests:send-due --now 2026-11-30T06:10:00Z`.
import { publicUrlFromEnv } from '@/server/digests/compose';
import { mailTransportFromEnv } from '@/server/digests/mailer';
import { cliActor } from '@/server/auth/principal';
import { sendDueDigests } from '@/server/digests/send-due';
import { isIsoDay } from '@/lib/kpi/periods';
import type { Command } from '../command';
import { withDatabase } from '../run-with-db';

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An ISO 8601 instant with its offset (Z or ±hh:mm): a bare local time would depend on this machine. */
export function parseNow(value: unknown): Date {
  if (value === undefined) return new Date();
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim())) {
    throw new UsageError('--now takes an ISO 8601 instant with its offset, e.g. 2026-11-30T06:10:00Z');
  }
  const now = new Date(value.trim());
  // Date would roll 30 February over into March: check the calendar date itself.
  if (Number.isNaN(now.getTime()) || !isIsoDay(value.trim().slice(0, 10))) throw new UsageError(`--now is not a real instant: ${value}`);
  return now;
}

export const digestsSendDueCommand: Command = {
  name: 'digests:send-due',
  summary: 'send the digests that are due, as the scheduler does each minute',
  usage: 'digests:send-due [--now ISO]',
  options: { now: { type: 'string' } },
  async run(values) {
    const now = parseNow(values.now);
    const transport = mailTransportFromEnv();
    try {
      return await withDatabase(async ({ db }) => {
        const result = await sendDueDigests(db, { now, transport, publicUrl: publicUrlFromEnv(), actor: cliActor() });
        const { queued, delivery } = result;
        console.log(
          `Digests as of ${now.toISOString()}: ${queued.length} queued, ${result.alreadyClaimed} already sent for their period (${result.subscriptions} active subscriptions).`,
        );
        for (const q of queued) {
          const period = q.period.from === q.period.to ? q.period.from : `${q.period.from}..${q.period.to}`;
          console.log(`  ${q.recipient}  ${q.cadence.padEnd(6)}  ${period.padEnd(22)}  ${q.subject}`);
        }
        const via = transport ? transport.describe : 'the embedded outbox (set SMTP_URL to send over SMTP)';
        console.log(`Delivery via ${via}: ${delivery.sent} sent, ${delivery.retrying} to retry, ${delivery.failed} failed.`);
        for (const e of result.errors) console.error(`  subscription ${e.subscriptionId} could not be composed: ${e.error}`);
        for (const e of delivery.errors) {
          console.error(`  e-mail ${e.emailId} to ${e.to}, attempt ${e.attempt}: ${e.error}${e.final ? ' (gave up)' : ' (will retry)'}`);
        }
        return result.errors.length > 0 || delivery.errors.length > 0 ? 1 : 0;
      });
    } finally {
      transport?.close();
    }
  },
};
