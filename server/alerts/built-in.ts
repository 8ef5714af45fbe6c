// The rules headquarters needs from the first day, seeded (on) with the demo: each has a key, so
// seeding twice adds nothing. They notify in the app only; channels are added on the settings page.
import type { Db } from '@/db/client';
import { insertBuiltInAlertRule } from '@/db/queries/alert-rules';
import { insertAudit } from '@/db/queries/audit';
import type { Actor } from '@/server/auth/principal';
import { alertRuleInput, type AlertRuleInput } from '@/lib/alerts/rule-input';
import { alertRuleColumns } from './rules';

export type BuiltInAlertRule = { key: string; rule: AlertRuleInput };

export const BUILT_IN_ALERT_RULES: readonly BuiltInAlertRule[] = [
  {
    key: 'feed-silent',
    rule: { name: 'Feed silent for 30 minutes', metric: 'feedSilentMinutes', comparison: 'above', threshold: 30, severity: 'critical', quietWhenClosed: true },
  },
  {
    key: 'report-missing',
    rule: { name: 'Daily report not filed by its deadline', metric: 'reportMissing', comparison: 'above', threshold: 0.5, severity: 'warning' },
  },
  {
    // The last hour's service level as one figure, fired at once (hold 0) rather than a shorter
    // window held for an hour: the alert's figures are then exactly the hour it speaks of, and a
    // 60-minute aggregate does not flicker on a few slow calls. Ten calls at least.
    key: 'service-level-red',
    rule: {
      name: 'Service level below red over the last hour',
      metric: 'serviceLevel',
      window: { trailingMinutes: 60 },
      comparison: 'below',
      threshold: 'target-red',
      minVolume: 10,
      holdMinutes: 0,
      severity: 'critical',
    },
  },
  {
    key: 'mission-projection',
    rule: { name: 'Mission projected below 90 % of its target', metric: 'missionProjection', comparison: 'below', threshold: 0.9, severity: 'warning' },
  },
];

const SEED_ACTOR: Actor = { actorType: 'system', actorId: null, actorLabel: 'built-in alert rules' };

/** Adds the built-in rules that are not there yet (by key); answers the keys it added. */
export async function ensureBuiltInAlertRules(db: Db, actor: Actor = SEED_ACTOR): Promise<{ created: string[] }> {
  return db.transaction(async (tx) => {
    const created: string[] = [];
    for (const { key, rule: input } of BUILT_IN_ALERT_RULES) {
      const rule = alertRuleInput.parse(input);
      const row = await insertBuiltInAlertRule(tx, { ...alertRuleColumns(rule, []), builtIn: key });
      if (!row) continue;
      created.push(key);
      await insertAudit(tx, { ...actor, action: 'alert_rule.create', entity: 'alert_rule', entityId: String(row.id), siteId: null, details: { name: row.name, builtIn: key } });
    }
    return { created };
  });
}
