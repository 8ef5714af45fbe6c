// One alert tick, as of an instant: measure every enabled rule's scopes (one set of reads for all),
// move each scope's state (evaluate-state.ts), and claim each transition with a conditional update
// of the state's version. Only the tick that wins a claim opens or closes the alert, queues its
// messages and writes the audit row, all in the claim's transaction: racing ticks and several
// instances make each transition, alert and message once. Scopes without a transition only get
// their value recorded, in one statement for the whole tick.
import type { Db } from '@/db/client';
import {
  attachStateAlert,
  claimStateChange,
  findAlertById,
  insertAlert,
  listStatesOfRules,
  nextReminderSequence,
  recordEvaluations,
  resolveAlert,
  type ScopeEvaluation,
} from '@/db/queries/alert-states';
import { listAlertRuleRows } from '@/db/queries/alert-rules';
import { insertAudit } from '@/db/queries/audit';
import type { AlertRuleRow, AlertStateRow } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { publicUrlFromEnv } from '@/server/digests/compose';
import { mailTransportFromEnv } from '@/server/digests/mailer';
import { deliverDueEmails, type DeliveryResult } from '@/server/digests/outbox-delivery';
import { decideScopeState, INITIAL_STATE, isBreach, type StateDecision, type StateTransition } from './evaluate-state';
import { measureTick, unwatchedScope, type MeasuredScope } from './measure';
import { deliverDueAlertMessages, queueAlertMessages, type AlertDeliveryResult } from './notify';

const SCHEDULER: Actor = { actorType: 'system', actorId: null, actorLabel: 'alert scheduler' };
/** Transitions claimed at once: well within a pool's connections, leaving some to the requests. */
const CLAIM_CONCURRENCY = 4;

export type AlertTransitionNote = { ruleId: number; rule: string; scopeKey: string; alertId: number | null; value: number | null; threshold: number | null };

export type AlertTickResult = {
  now: Date;
  /** Enabled rules, and the scopes they were measured on. */
  rules: number;
  scopes: number;
  fired: AlertTransitionNote[];
  resolved: AlertTransitionNote[];
  reminded: AlertTransitionNote[];
  /** Breaches that began (held for their hold-for before firing) and those that ended before it. */
  pending: number;
  cancelled: number;
  /** Transitions another tick or instance claimed first. */
  alreadyClaimed: number;
  messages: { emails: number; webhooks: number };
  errors: { ruleId: number; scopeKey: string | null; error: string }[];
  /** How long the evaluation took (ms), delivery not included. */
  ms: number;
};

export type AlertRunResult = AlertTickResult & { webhooks: AlertDeliveryResult; emails: DeliveryResult };

type Claim = { rule: AlertRuleRow; scope: MeasuredScope; decision: StateDecision & { transition: StateTransition }; read: AlertStateRow | null };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether a scope breaches: the wrong side of its threshold, with enough volume. */
export function scopeBreaches(rule: Pick<AlertRuleRow, 'comparison' | 'minVolume'>, scope: Pick<MeasuredScope, 'value' | 'volume' | 'threshold'>): boolean {
  return isBreach(scope.value, rule.comparison, scope.threshold) && (scope.volume === null || scope.volume >= rule.minVolume);
}

export type EvaluateOptions = {
  now: Date;
  publicUrl: string;
  /** Who moves the alerts, for the audit log: the server's scheduler unless said otherwise. */
  actor?: Actor;
};

export async function evaluateAlerts(db: Db, options: EvaluateOptions): Promise<AlertTickResult> {
  const started = performance.now();
  const { now } = options;
  const rules = (await listAlertRuleRows(db)).filter((r) => r.enabled);
  const [{ scopes: measured, sites }, states] = await Promise.all([
    measureTick(db, rules, now),
    listStatesOfRules(
      db,
      rules.map((r) => r.id),
    ),
  ]);
  const stateOf = new Map(states.map((s) => [`${s.ruleId}|${s.scopeKey}`, s]));
  const result: AlertTickResult = {
    now,
    rules: rules.length,
    scopes: 0,
    fired: [],
    resolved: [],
    reminded: [],
    pending: 0,
    cancelled: 0,
    alreadyClaimed: 0,
    messages: { emails: 0, webhooks: 0 },
    errors: [],
    ms: 0,
  };

  const evaluations: ScopeEvaluation[] = [];
  const claims: Claim[] = [];
  for (const rule of rules) {
    const scopes = measured.get(rule.id) ?? [];
    const watched = new Set(scopes.map((s) => s.scopeKey));
    const unwatched = states.filter((s) => s.ruleId === rule.id && s.state !== 'ok' && !watched.has(s.scopeKey)).map((s) => unwatchedScope(s, rule, sites));
    for (const scope of [...scopes, ...unwatched]) {
      result.scopes += 1;
      const read = stateOf.get(`${rule.id}|${scope.scopeKey}`) ?? null;
      const previous = read ? { state: read.state, breachSince: read.breachSince, lastNotifiedAt: read.lastNotifiedAt } : INITIAL_STATE;
      const decision = decideScopeState(
        previous,
        { value: scope.value, breached: scopeBreaches(rule, scope), closed: scope.closed },
        { holdMinutes: rule.holdMinutes, renotifyMinutes: rule.renotifyMinutes },
        now,
      );
      evaluations.push({ ruleId: rule.id, scopeKey: scope.scopeKey, siteId: scope.siteId, queue: scope.queue, value: scope.value });
      if (decision.transition) claims.push({ rule, scope, decision: decision as Claim['decision'], read });
    }
  }
  // Every state claimed below exists after this, at the version read (or 0 when new). Rows go in
  // key order, so two instances recording at once lock them in the same order (no deadlock).
  evaluations.sort((a, b) => a.ruleId - b.ruleId || (a.scopeKey < b.scopeKey ? -1 : a.scopeKey > b.scopeKey ? 1 : 0));
  await recordEvaluations(db, evaluations, now);

  // Claims on different states never wait on each other: a few run at once, so a storm of
  // transitions (a feed down at every site) is not one round trip after another.
  let next = 0;
  const worker = async () => {
    while (next < claims.length) {
      const claim = claims[next++]!;
      try {
        await applyTransition(db, claim, options, result);
      } catch (error) {
        result.errors.push({ ruleId: claim.rule.id, scopeKey: claim.scope.scopeKey, error: messageOf(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLAIM_CONCURRENCY, claims.length) }, worker));
  // In the order of the rules and scopes, whichever claim committed first.
  const order = (a: AlertTransitionNote, b: AlertTransitionNote) => a.ruleId - b.ruleId || a.scopeKey.localeCompare(b.scopeKey);
  for (const list of [result.fired, result.resolved, result.reminded]) list.sort(order);
  result.ms = performance.now() - started;
  return result;
}

async function applyTransition(db: Db, claim: Claim, options: EvaluateOptions, result: AlertTickResult): Promise<void> {
  const { rule, scope, decision, read } = claim;
  const { now } = options;
  const key = { ruleId: rule.id, scopeKey: scope.scopeKey, version: read?.version ?? 0 };
  const openAlertId = read?.alertId ?? null;
  const note: AlertTransitionNote = { ruleId: rule.id, rule: rule.name, scopeKey: scope.scopeKey, alertId: openAlertId, value: scope.value, threshold: scope.threshold };
  const change = { ...decision.next, lastValue: scope.value, at: now };
  const audit = (tx: Db, action: string, alertId: number, details: Record<string, unknown>) =>
    insertAudit(tx, { ...(options.actor ?? SCHEDULER), action, entity: 'alert', entityId: String(alertId), siteId: scope.siteId, details: { rule: rule.name, ruleId: rule.id, scope: scope.scopeKey, ...details } });
  const count = (m: { emails: number; webhooks: number }) => {
    result.messages.emails += m.emails;
    result.messages.webhooks += m.webhooks;
  };

  const won = await db.transaction(async (tx) => {
    switch (decision.transition) {
      case 'pending':
      case 'cancel':
        return claimStateChange(tx, key, { ...change, alertId: null });
      case 'fire': {
        if (!(await claimStateChange(tx, key, { ...change, alertId: null }))) return false;
        const alert = await insertAlert(tx, {
          ruleId: rule.id,
          ruleName: rule.name,
          scopeKey: scope.scopeKey,
          siteId: scope.siteId,
          queue: scope.queue,
          metric: rule.metric,
          severity: rule.severity,
          firedAt: now,
          value: scope.value,
          // A breach has a threshold: scopeBreaches is false without one.
          threshold: scope.threshold!,
          comparison: rule.comparison,
          window: rule.window,
          figures: scope.figures,
        });
        await attachStateAlert(tx, key, alert.id);
        count(await queueAlertMessages(tx, { alert, rule, transition: 'firing', sequence: 0, site: scope.site, at: now }, { publicUrl: options.publicUrl }));
        await audit(tx, 'alert.fire', alert.id, { value: scope.value, threshold: scope.threshold, figures: scope.figures });
        note.alertId = alert.id;
        return true;
      }
      case 'resolve': {
        if (!(await claimStateChange(tx, key, { ...change, alertId: null }))) return false;
        const alert = openAlertId !== null ? await resolveAlert(tx, openAlertId, { at: now, value: scope.value }) : null;
        if (alert) {
          count(await queueAlertMessages(tx, { alert, rule, transition: 'resolved', sequence: 0, site: scope.site, at: now }, { publicUrl: options.publicUrl }));
          await audit(tx, 'alert.resolve', alert.id, { value: scope.value, firedAt: alert.firedAt.toISOString() });
        }
        return true;
      }
      case 'renotify': {
        if (!(await claimStateChange(tx, key, { ...change, alertId: openAlertId }))) return false;
        const alert = openAlertId !== null ? await findAlertById(tx, openAlertId) : null;
        if (alert && alert.status === 'firing') {
          const sequence = await nextReminderSequence(tx, alert.id);
          count(await queueAlertMessages(tx, { alert, rule, transition: 'renotify', sequence, site: scope.site, at: now, value: scope.value }, { publicUrl: options.publicUrl }));
          await audit(tx, 'alert.renotify', alert.id, { value: scope.value, sequence });
        }
        return true;
      }
    }
  });

  if (!won) {
    result.alreadyClaimed += 1;
    return;
  }
  if (decision.transition === 'fire') result.fired.push(note);
  else if (decision.transition === 'resolve') result.resolved.push(note);
  else if (decision.transition === 'renotify') result.reminded.push(note);
  else if (decision.transition === 'pending') result.pending += 1;
  else result.cancelled += 1;
}

/**
 * One scheduler tick: evaluate, then send the webhooks and e-mails that are due (the outbox with
 * the SMTP transport the environment names, as the digest tick does).
 */
export async function runAlertTick(db: Db, now = new Date(), actor?: Actor): Promise<AlertRunResult> {
  const evaluation = await evaluateAlerts(db, { now, publicUrl: publicUrlFromEnv(), actor });
  const webhooks = await deliverDueAlertMessages(db, { now });
  const transport = mailTransportFromEnv();
  try {
    const emails = await deliverDueEmails(db, { now, transport });
    return { ...evaluation, webhooks, emails };
  } finally {
    transport?.close();
  }
}
