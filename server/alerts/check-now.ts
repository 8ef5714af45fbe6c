// "Check rules now" (the settings page, admins): one alert tick at once instead of waiting for the
// scheduler's next minute, answered as counts. The tick's own transitions are audited by the
// engine; the request to run it is audited here.
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import type { Actor } from '@/server/auth/principal';
import { runAlertTick } from './engine';

export type CheckNowAnswer = {
  at: string;
  rules: number;
  scopes: number;
  fired: number;
  resolved: number;
  reminded: number;
  pending: number;
  cancelled: number;
  alreadyClaimed: number;
  queued: { emails: number; webhooks: number };
  delivered: { webhooks: { sent: number; retried: number; failed: number }; emails: { sent: number; retrying: number; failed: number } };
  errors: { ruleId: number; scopeKey: string | null; error: string }[];
  ms: number;
};

export async function checkAlertRulesNow(db: Db, actor: Actor, now: Date): Promise<CheckNowAnswer> {
  const tick = await runAlertTick(db, now);
  const answer: CheckNowAnswer = {
    at: now.toISOString(),
    rules: tick.rules,
    scopes: tick.scopes,
    fired: tick.fired.length,
    resolved: tick.resolved.length,
    reminded: tick.reminded.length,
    pending: tick.pending,
    cancelled: tick.cancelled,
    alreadyClaimed: tick.alreadyClaimed,
    queued: tick.messages,
    delivered: {
      webhooks: { sent: tick.webhooks.sent, retried: tick.webhooks.retried, failed: tick.webhooks.failed },
      emails: { sent: tick.emails.sent, retrying: tick.emails.retrying, failed: tick.emails.failed },
    },
    errors: tick.errors,
    ms: tick.ms,
  };
  const { errors, ...counts } = answer;
  await insertAudit(db, { ...actor, action: 'alert.check_now', entity: 'alert_rule', entityId: null, siteId: null, details: { ...counts, errors: errors.length } });
  return answer;
}
