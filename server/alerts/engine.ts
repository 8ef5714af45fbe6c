// One alert tick, as of an instant: measure every enabled rule's scopes (one set of reads for all),
// move each scope's state (evaluate-state.ts), and claim each transition with a conditional update
// of the state's version. Only the tick that wins a claim opens or closes the alert, queues its
// messages and writes the audit row, all in the claim's transaction: racing ticks and several
// instances make each transition, alert and message once. The tick's transitions go in a few
// transactions of whole rules, a statement for all of them at each step (claim, open, close,
// audit), so a storm (every site firing at once) costs a few round trips, not a few a scope; a
// batch that fails is retried rule by rule, so one faulty rule holds up no other. Scopes without a
// transition only get their value recorded, in one statement for the whole tick.
import type { Db } from '@/db/client';
import {
  attachStateAlerts,
  claimStateChanges,
  stateKey,
  findAlertsByIds,
  insertAlerts,
  listStatesOfRules,
  nextReminderSequences,
  recordEvaluations,
  resolveAlerts,
  type ScopeEvaluation,
} from '@/db/queries/alert-states';
import { listAlertRuleRows } from '@/db/queries/alert-rules';
import { insertAuditEntries } from '@/db/queries/audit';
import type { AlertRow, AlertRuleRow, AlertStateRow, AuditEntry } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { publicUrlFromEnv } from '@/server/digests/compose';
import { mailTransportFromEnv } from '@/server/digests/mailer';
import { deliverDueEmails, type DeliveryResult } from '@/server/digests/outbox-delivery';
import { decideScopeState, INITIAL_STATE, isBreach, type StateDecision, type StateTransition } from './evaluate-state';
import { measureTick, unwatchedScope, type MeasuredScope } from './measure';
import { deliverDueAlertMessages, queueAlertMessages, type AlertDeliveryResult, type AlertTransitionEvent } from './notify';

const SCHEDULER: Actor = { actorType: 'system', actorId: null, actorLabel: 'alert scheduler' };
/** Batches claimed at once: well within a pool's connections, leaving some to the requests. */
const CLAIM_CONCURRENCY = 4;
/** Transitions in one batch (whole rules): a storm of a thousand goes in a handful of transactions. */
const CLAIM_BATCH = 250;

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
  /** Firing scopes that stopped breaching (their recovery held), and those that breached again before it ended. */
  clearing: number;
  relapsed: number;
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
    clearing: 0,
    relapsed: 0,
    alreadyClaimed: 0,
    messages: { emails: 0, webhooks: 0 },
    errors: [],
    ms: 0,
  };

  const evaluations: ScopeEvaluation[] = [];
  const claimsOfRules: Claim[][] = [];
  for (const rule of rules) {
    const claims: Claim[] = [];
    const scopes = measured.get(rule.id) ?? [];
    const watched = new Set(scopes.map((s) => s.scopeKey));
    const unwatched = states.filter((s) => s.ruleId === rule.id && s.state !== 'ok' && !watched.has(s.scopeKey)).map((s) => unwatchedScope(s, rule, sites));
    const gone = new Set(unwatched.map((s) => s.scopeKey));
    for (const scope of [...scopes, ...unwatched]) {
      result.scopes += 1;
      const read = stateOf.get(`${rule.id}|${scope.scopeKey}`) ?? null;
      const previous = read ? { state: read.state, breachSince: read.breachSince, lastNotifiedAt: read.lastNotifiedAt, clearSince: read.clearSince } : INITIAL_STATE;
      const decision = decideScopeState(
        previous,
        { value: scope.value, breached: scopeBreaches(rule, scope), closed: scope.closed, unwatched: gone.has(scope.scopeKey) },
        { holdMinutes: rule.holdMinutes, renotifyMinutes: rule.renotifyMinutes },
        now,
      );
      evaluations.push({ ruleId: rule.id, scopeKey: scope.scopeKey, siteId: scope.siteId, queue: scope.queue, value: scope.value });
      if (decision.transition) claims.push({ rule, scope, decision: decision as Claim['decision'], read });
    }
    if (claims.length > 0) claimsOfRules.push(claims);
  }
  // Every state claimed below exists after this, at the version read (or 0 when new). The
  // statement locks its rows in key order, as the claims do, so instances racing never deadlock.
  await recordEvaluations(db, evaluations, now);

  // Batches of whole rules, in rule order; batches never claim the same states, so a few run at
  // once. Each transaction locks its states in key order, so instances racing never deadlock.
  const batches: Claim[][] = [];
  for (const claims of claimsOfRules) {
    const last = batches[batches.length - 1];
    if (last && last.length + claims.length <= CLAIM_BATCH) last.push(...claims);
    else batches.push([...claims]);
  }
  const applyRule = async (claims: readonly Claim[]) => {
    try {
      await applyTransitions(db, claims, options, result);
    } catch (error) {
      // The rule's transaction is rolled back whole: none of its transitions happened this tick.
      for (const claim of claims) result.errors.push({ ruleId: claim.rule.id, scopeKey: claim.scope.scopeKey, error: messageOf(error) });
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      try {
        await applyTransitions(db, batch, options, result);
      } catch {
        // Rolled back whole, versions untouched: each rule again on its own, to find the faulty one.
        for (const claims of claimsOfRules.filter((c) => batch.includes(c[0]!))) await applyRule(claims);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CLAIM_CONCURRENCY, batches.length) }, worker));
  // In the order of the rules and scopes, whichever claim committed first.
  const order = (a: AlertTransitionNote, b: AlertTransitionNote) => a.ruleId - b.ruleId || a.scopeKey.localeCompare(b.scopeKey);
  for (const list of [result.fired, result.resolved, result.reminded]) list.sort(order);
  result.ms = performance.now() - started;
  return result;
}

/** The alert a state points at after its transition: a fired one is attached once it exists. */
function alertIdAfter(claim: Claim): number | null {
  const { transition } = claim.decision;
  return transition === 'fire' || transition === 'resolve' || transition === 'pending' || transition === 'cancel' ? null : (claim.read?.alertId ?? null);
}

/**
 * Transitions of some rules, in one transaction: claim them all at once, then, for the claims won
 * only, open the alerts, close them, queue the messages and write the audit rows.
 */
async function applyTransitions(db: Db, claims: readonly Claim[], options: EvaluateOptions, result: AlertTickResult): Promise<void> {
  const { now } = options;
  const actor = options.actor ?? SCHEDULER;
  const outcome = await db.transaction(async (tx) => {
    const won = await claimStateChanges(
      tx,
      claims.map((c) => ({ ...c.decision.next, ruleId: c.rule.id, scopeKey: c.scope.scopeKey, version: c.read?.version ?? 0, alertId: alertIdAfter(c), lastValue: c.scope.value })),
      now,
    );
    const winners = claims.filter((c) => won.has(stateKey(c.rule.id, c.scope.scopeKey)));
    const of = (transition: StateTransition) => winners.filter((c) => c.decision.transition === transition);
    const events: { claim: Claim; event: AlertTransitionEvent }[] = [];
    const audits: AuditEntry[] = [];
    const audit = (claim: Claim, action: string, alertId: number, details: Record<string, unknown>) =>
      audits.push({ ...actor, action, entity: 'alert', entityId: String(alertId), siteId: claim.scope.siteId, details: { rule: claim.rule.name, ruleId: claim.rule.id, scope: claim.scope.scopeKey, ...details } });

    const firing = of('fire');
    const opened = await insertAlerts(
      tx,
      firing.map(({ rule, scope }) => ({
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
      })),
    );
    // An alert's rule is only ever null once the rule is deleted: these were written with theirs.
    const openedOf = new Map(opened.map((a) => [stateKey(a.ruleId!, a.scopeKey), a]));
    await attachStateAlerts(
      tx,
      opened.map((a) => ({ ruleId: a.ruleId!, scopeKey: a.scopeKey, alertId: a.id })),
    );
    const alertOf = new Map<Claim, AlertRow>();
    for (const claim of firing) {
      const alert = openedOf.get(stateKey(claim.rule.id, claim.scope.scopeKey))!;
      alertOf.set(claim, alert);
      events.push({ claim, event: { alert, rule: claim.rule, transition: 'firing', sequence: 0, site: claim.scope.site, at: now } });
      audit(claim, 'alert.fire', alert.id, { value: claim.scope.value, threshold: claim.scope.threshold, figures: claim.scope.figures });
    }

    // A state's alert may be gone (deleted with its site) or closed already: nothing to say then.
    const resolving = of('resolve').filter((c) => c.read?.alertId != null);
    const closed = new Map((await resolveAlerts(tx, resolving.map((c) => ({ alertId: c.read!.alertId!, value: c.scope.value })), now)).map((a) => [a.id, a]));
    for (const claim of resolving) {
      const alert = closed.get(claim.read!.alertId!);
      if (!alert) continue;
      events.push({ claim, event: { alert, rule: claim.rule, transition: 'resolved', sequence: 0, site: claim.scope.site, at: now } });
      audit(claim, 'alert.resolve', alert.id, { value: claim.scope.value, firedAt: alert.firedAt.toISOString() });
    }

    const reminding = of('renotify').filter((c) => c.read?.alertId != null);
    if (reminding.length > 0) {
      const ids = reminding.map((c) => c.read!.alertId!);
      const open = new Map((await findAlertsByIds(tx, ids)).filter((a) => a.status === 'firing').map((a) => [a.id, a]));
      const sequences = await nextReminderSequences(tx, [...open.keys()]);
      for (const claim of reminding) {
        const alert = open.get(claim.read!.alertId!);
        if (!alert) continue;
        const sequence = sequences.get(alert.id)!;
        events.push({ claim, event: { alert, rule: claim.rule, transition: 'renotify', sequence, site: claim.scope.site, at: now, value: claim.scope.value } });
        audit(claim, 'alert.renotify', alert.id, { value: claim.scope.value, sequence });
      }
    }

    // In-app only (no channel) queues nothing: no statement at all then.
    const messages = { emails: 0, webhooks: 0 };
    for (const { claim, event } of events) {
      if ((claim.rule.channels ?? []).length > 0) {
        const queued = await queueAlertMessages(tx, event, { publicUrl: options.publicUrl });
        messages.emails += queued.emails;
        messages.webhooks += queued.webhooks;
      }
    }
    await insertAuditEntries(tx, audits);
    return { winners, alertOf, messages };
  });

  // Counted once committed: a rolled-back rule reports an error instead.
  result.alreadyClaimed += claims.length - outcome.winners.length;
  result.messages.emails += outcome.messages.emails;
  result.messages.webhooks += outcome.messages.webhooks;
  for (const claim of outcome.winners) {
    const { scope } = claim;
    const { rule } = claim;
    const note: AlertTransitionNote = { ruleId: rule.id, rule: rule.name, scopeKey: scope.scopeKey, alertId: outcome.alertOf.get(claim)?.id ?? claim.read?.alertId ?? null, value: scope.value, threshold: scope.threshold };
    switch (claim.decision.transition) {
      case 'fire':
        result.fired.push(note);
        break;
      case 'resolve':
        result.resolved.push(note);
        break;
      case 'renotify':
        result.reminded.push(note);
        break;
      case 'pending':
        result.pending += 1;
        break;
      case 'cancel':
        result.cancelled += 1;
        break;
      case 'clearing':
        result.clearing += 1;
        break;
      case 'relapse':
        result.relapsed += 1;
        break;
    }
  }
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
