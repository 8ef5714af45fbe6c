// The alert scheduler of a server process: one tick a minute (croner), never two at once in one
// process (protect), and never a crash: a failed tick is logged and the next one tries again.
// Several processes may run it side by side; the claims on each state's version keep every
// transition, alert and message to one.
import type { Cron } from 'croner';
import type { Db } from '@/db/client';
import { startScheduledJob } from '@/server/scheduled-job';
import { runAlertTick, type AlertRunResult } from './engine';

function logTick(result: AlertRunResult): void {
  for (const f of result.fired) console.log(`[vigie] alerts: firing "${f.rule}" on ${f.scopeKey} (value ${f.value}, threshold ${f.threshold})`);
  for (const r of result.resolved) console.log(`[vigie] alerts: resolved "${r.rule}" on ${r.scopeKey} (value ${r.value})`);
  if (result.webhooks.sent + result.emails.sent > 0) console.log(`[vigie] alerts: ${result.webhooks.sent} webhook(s) and ${result.emails.sent} e-mail(s) delivered`);
  for (const e of result.errors) console.error(`[vigie] alerts: rule ${e.ruleId}${e.scopeKey ? ` on ${e.scopeKey}` : ''}: ${e.error}`);
  for (const e of result.webhooks.errors) console.error(`[vigie] alerts: webhook delivery ${e.deliveryId} failed: ${e.error}`);
}

/** Starts the per-minute scheduler once per process; later calls answer the running one. */
export function startAlertScheduler(getDb: () => Promise<Db>): Cron {
  return startScheduledJob({
    name: 'vigie-alerts',
    pattern: '* * * * *',
    onOverrun: () => console.warn('[vigie] alerts: the previous tick is still running; this minute is skipped'),
    failure: '[vigie] alerts: the tick failed; the next one will try again',
    run: async () => logTick(await runAlertTick(await getDb())),
  });
}
