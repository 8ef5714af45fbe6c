// The digest scheduler of a server process: one tick a minute (croner), never two at once in one
// process (protect), and never a crash: a failed tick is logged and the next one tries again.
// Several processes may run it side by side; the digest_runs claims keep each send to one.
import type { Cron } from 'croner';
import type { Db } from '@/db/client';
import { startScheduledJob } from '@/server/scheduled-job';
import { publicUrlFromEnv } from './compose';
import { mailTransportFromEnv } from './mailer';
import { sendDueDigests, type TickResult } from './send-due';

function logTick(result: TickResult): void {
  if (result.queued.length > 0) {
    console.log(`[vigie] digests: ${result.queued.length} queued (${result.queued.map((q) => `${q.cadence} for ${q.recipient}`).join(', ')})`);
  }
  if (result.delivery.sent > 0) console.log(`[vigie] digests: ${result.delivery.sent} e-mail(s) delivered`);
  for (const e of result.errors) console.error(`[vigie] digests: subscription ${e.subscriptionId} could not be composed: ${e.error}`);
  for (const e of result.delivery.errors) {
    console.error(`[vigie] digests: e-mail ${e.emailId} to ${e.to}, attempt ${e.attempt} failed${e.final ? ' for good' : ', will retry'}: ${e.error}`);
  }
}

/** Runs one tick now, as the scheduler does each minute. */
export async function runDigestTick(db: Db, now = new Date()): Promise<TickResult> {
  const transport = mailTransportFromEnv();
  try {
    return await sendDueDigests(db, { now, transport, publicUrl: publicUrlFromEnv() });
  } finally {
    transport?.close();
  }
}

/** Starts the per-minute scheduler once per process; later calls answer the running one. */
export function startDigestScheduler(getDb: () => Promise<Db>): Cron {
  return startScheduledJob({
    name: 'vigie-digests',
    pattern: '* * * * *',
    onOverrun: () => console.warn('[vigie] digests: the previous tick is still running; this minute is skipped'),
    failure: '[vigie] digests: the tick failed; the next one will try again',
    run: async () => logTick(await runDigestTick(await getDb())),
  });
}
