// alerts:evaluate: one alert scheduler tick as of an instant (now by default), e.g. from cron when
// no server runs, or to replay a morning: `alerts:evaluate --now 2026-11-30T09:10:00Z`. It
// evaluates every enabled rule, then delivers the webhooks and e-mails that are due.
import { runAlertTick } from '@/server/alerts/engine';
import { cliActor } from '@/server/auth/principal';
import { deliveryFromEnv } from '@/server/digests/mailer';
import type { Command } from '../command';
import { withDatabase } from '../run-with-db';
import { parseNow } from './digests';

const valueOf = (v: number | null) => (v === null ? '—' : String(Math.round(v * 10_000) / 10_000));

export const alertsEvaluateCommand: Command = {
  name: 'alerts:evaluate',
  summary: 'evaluate the alert rules and send what is due, as the scheduler does each minute',
  usage: 'alerts:evaluate [--now ISO]',
  options: { now: { type: 'string' } },
  async run(values) {
    const now = parseNow(values.now);
    return withDatabase(async ({ db }) => {
      const result = await runAlertTick(db, now, cliActor());
      console.log(
        `Alerts as of ${now.toISOString()}: ${result.rules} enabled rules over ${result.scopes} scopes; ` +
          `${result.fired.length} fired, ${result.resolved.length} resolved, ${result.reminded.length} reminded, ` +
          `${result.pending} pending, ${result.clearing} recovering (held), ${result.alreadyClaimed} already claimed elsewhere (${Math.round(result.ms)} ms).`,
      );
      for (const f of result.fired) console.log(`  firing    ${f.scopeKey.padEnd(14)} ${f.rule}  value ${valueOf(f.value)}, threshold ${valueOf(f.threshold)}`);
      for (const r of result.resolved) console.log(`  resolved  ${r.scopeKey.padEnd(14)} ${r.rule}  value ${valueOf(r.value)}`);
      for (const r of result.reminded) console.log(`  reminder  ${r.scopeKey.padEnd(14)} ${r.rule}  value ${valueOf(r.value)}`);
      const via = deliveryFromEnv() ?? 'the embedded outbox (set SMTP_URL to send over SMTP)';
      console.log(`Webhooks: ${result.webhooks.sent} sent, ${result.webhooks.retried} to retry, ${result.webhooks.failed} failed.`);
      console.log(`E-mail via ${via}: ${result.emails.sent} sent, ${result.emails.retrying} to retry, ${result.emails.failed} failed.`);
      for (const e of result.errors) console.error(`  rule ${e.ruleId}${e.scopeKey ? ` on ${e.scopeKey}` : ''}: ${e.error}`);
      for (const e of result.webhooks.errors) console.error(`  webhook delivery ${e.deliveryId}: ${e.error}`);
      return result.errors.length > 0 ? 1 : 0;
    });
  },
};
