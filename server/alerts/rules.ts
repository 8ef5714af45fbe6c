// Alert rules as headquarters writes them (the settings page, POST /api/v1/alert-rules): validated
// with the one rule schema, site codes resolved to ids, audited, and answered with every webhook
// secret replaced by `secretSet: true` — a secret is kept to sign with, never shown again.
import { ZodRealError, type core, type ZodError } from 'zod';
import type { Db } from '@/db/client';
import { insertAudit } from '@/db/queries/audit';
import {
  closeOpenAlertsOfRule,
  deleteAlertRuleRow,
  findActiveSitesByCodes,
  insertAlertRule,
  listAlertRuleRows,
  lockAlertRule,
  siteCodesById,
  updateAlertRuleRow,
  type NewAlertRule,
} from '@/db/queries/alert-rules';
import type { AlertRuleRow } from '@/db/schema';
import type { Actor } from '@/server/auth/principal';
import { safeEqual } from '@/server/auth/secrets';
import { conflict, notFound } from '@/server/errors';
import type { AlertMetric } from '@/lib/alerts/metrics';
import {
  alertRuleInput,
  type AlertChannel,
  type AlertComparison,
  type AlertRule,
  type AlertRuleInput,
  type AlertSeverity,
  type AlertWindow,
  type TargetThreshold,
  type WebhookFormat,
} from '@/lib/alerts/rule-input';
import { alertRuleEdit, type AlertRuleEdit } from '@/lib/alerts/rule-update-input';

export type AlertChannelAnswer = { kind: 'email'; to: string[] } | { kind: 'webhook'; url: string; format: WebhookFormat; secretSet: true };

export type AlertRuleAnswer = {
  id: number;
  name: string;
  metric: AlertMetric;
  scope: { sites: string[]; queues: string[]; network: boolean };
  window: AlertWindow | null;
  comparison: AlertComparison;
  threshold: number | TargetThreshold;
  minVolume: number;
  holdMinutes: number;
  renotifyMinutes: number | null;
  severity: AlertSeverity;
  channels: AlertChannelAnswer[];
  quietWhenClosed: boolean;
  enabled: boolean;
  builtIn: string | null;
};

type Path = (string | number)[];

/**
 * A fault found after the schema (an unknown site, a missing secret), reported as the schema's
 * are. ZodRealError, not ZodError: the one that is an Error, which tRPC keeps as the cause.
 */
function invalid(issues: { path: Path; message: string; input?: unknown }[]): ZodError {
  return new ZodRealError(issues.map((i) => ({ code: 'custom', path: i.path, message: i.message, input: i.input }) as core.$ZodIssue));
}

/** Parses with a schema, its issues' paths under `prefix` (an edit's rule sits under `rule`). */
function parseUnder<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, prefix: Path): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ZodRealError(result.error.issues.map((i) => ({ ...i, path: [...prefix, ...i.path] })));
  return result.data;
}

function channelAnswer(channel: AlertChannel): AlertChannelAnswer {
  return channel.kind === 'email' ? { kind: 'email', to: [...channel.to] } : { kind: 'webhook', url: channel.url, format: channel.format, secretSet: true };
}

export function alertRuleAnswer(row: AlertRuleRow, codeOf: Map<number, string>): AlertRuleAnswer {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as AlertMetric,
    scope: {
      sites: row.siteIds.map((id) => codeOf.get(id) ?? `#${id}`).sort(),
      queues: [...row.queues],
      network: row.network,
    },
    window: row.window ?? null,
    comparison: row.comparison,
    threshold: row.threshold ?? (`target-${row.thresholdTarget}` as TargetThreshold),
    minVolume: row.minVolume,
    holdMinutes: row.holdMinutes,
    renotifyMinutes: row.renotifyMinutes,
    severity: row.severity,
    channels: row.channels.map(channelAnswer),
    quietWhenClosed: row.quietWhenClosed,
    enabled: row.enabled,
    builtIn: row.builtIn,
  };
}

/** The columns of a validated rule, its sites already resolved to ids. */
export function alertRuleColumns(rule: AlertRule, siteIds: number[]): Omit<NewAlertRule, 'builtIn' | 'createdBy'> {
  return {
    name: rule.name,
    metric: rule.metric,
    siteIds,
    queues: [...new Set(rule.scope.queues ?? [])],
    network: rule.scope.network ?? false,
    window: rule.window ?? null,
    comparison: rule.comparison,
    threshold: typeof rule.threshold === 'number' ? rule.threshold : null,
    thresholdTarget: typeof rule.threshold === 'number' ? null : rule.threshold === 'target-red' ? 'red' : 'amber',
    minVolume: rule.minVolume,
    holdMinutes: rule.holdMinutes,
    renotifyMinutes: rule.renotifyMinutes ?? null,
    severity: rule.severity,
    channels: rule.channels,
    quietWhenClosed: rule.quietWhenClosed,
    enabled: rule.enabled,
  };
}

/** The columns of a validated rule; its site codes must name active sites. */
async function columnsOf(db: Db, rule: AlertRule, prefix: Path): Promise<Omit<NewAlertRule, 'builtIn' | 'createdBy'>> {
  const codes = rule.scope.sites ?? [];
  const found = new Map((await findActiveSitesByCodes(db, codes)).map((s) => [s.code, s.id]));
  const unknown = codes.flatMap((code, i) =>
    found.has(code) ? [] : [{ path: [...prefix, 'scope', 'sites', i], message: `No active site has the code ${code}.`, input: code }],
  );
  if (unknown.length > 0) throw invalid(unknown);
  return alertRuleColumns(rule, [...new Set(codes.map((c) => found.get(c)!))]);
}

/**
 * An edit's webhooks with their secrets: one left empty keeps the secret stored for the same URL
 * (the form cannot show it); a new URL needs its own.
 */
function withKeptSecrets(edit: ReturnType<typeof alertRuleEdit.parse>, stored: AlertChannel[]): unknown {
  const missing: { path: Path; message: string }[] = [];
  const channels = edit.channels.map((channel, i) => {
    if (channel.kind !== 'webhook' || channel.secret) return channel;
    const kept = stored.find((s) => s.kind === 'webhook' && s.url === channel.url);
    if (kept?.kind === 'webhook') return { ...channel, secret: kept.secret };
    missing.push({ path: ['rule', 'channels', i, 'secret'], message: 'A new webhook needs its secret (at least 16 characters).' });
    return channel;
  });
  if (missing.length > 0) throw invalid(missing);
  return { ...edit, channels };
}

function userIdOf(actor: Actor): number | null {
  return actor.actorType === 'user' || actor.actorType === 'user_token' ? actor.actorId : null;
}

function audit(db: Db, actor: Actor, action: string, rule: AlertRuleRow, details: Record<string, unknown>) {
  return insertAudit(db, { ...actor, action, entity: 'alert_rule', entityId: String(rule.id), siteId: null, details: { name: rule.name, ...details } });
}

/**
 * A rule as the audit log keeps it: webhook addresses cut to their host, because Slack and Teams
 * carry their credential in the address itself and the log is read by other people than the rule's.
 */
function forAudit(rule: AlertRuleAnswer): AlertRuleAnswer {
  return { ...rule, channels: rule.channels.map((c) => (c.kind === 'webhook' ? { ...c, url: hostOf(c.url) } : c)) };
}

function hostOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}/…`;
}

/** The fields an edit changed (compared in full), as the audit log keeps them. */
function changesOf(before: AlertRuleAnswer, after: AlertRuleAnswer): Record<string, { from: unknown; to: unknown }> {
  const [from, to] = [forAudit(before), forAudit(after)];
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof AlertRuleAnswer)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = { from: from[key], to: to[key] };
  }
  return changes;
}

function secretsChanged(before: AlertChannel[], after: AlertChannel[]): number[] {
  return after.flatMap((c, i) => (c.kind === 'webhook' && !before.some((b) => b.kind === 'webhook' && b.url === c.url && safeEqual(b.secret, c.secret)) ? [i] : []));
}

export async function listAlertRules(db: Db): Promise<AlertRuleAnswer[]> {
  const [rows, codes] = await Promise.all([listAlertRuleRows(db), siteCodesById(db)]);
  return rows.map((row) => alertRuleAnswer(row, codes));
}

export async function createAlertRule(db: Db, actor: Actor, input: AlertRuleInput): Promise<AlertRuleAnswer> {
  const rule = parseUnder<AlertRule>(alertRuleInput, input, []);
  return db.transaction(async (tx) => {
    const row = await insertAlertRule(tx, { ...(await columnsOf(tx, rule, [])), createdBy: userIdOf(actor) });
    const answer = alertRuleAnswer(row, await siteCodesById(tx));
    const { id: _id, name: _name, ...details } = forAudit(answer);
    await audit(tx, actor, 'alert_rule.create', row, details);
    return answer;
  });
}

export async function updateAlertRule(db: Db, actor: Actor, id: number, input: AlertRuleEdit, now: Date = new Date()): Promise<AlertRuleAnswer> {
  const edit = parseUnder(alertRuleEdit, input, ['rule']);
  return db.transaction(async (tx) => {
    const before = await lockAlertRule(tx, id);
    if (!before) throw notFound('Alert rule');
    const rule = parseUnder<AlertRule>(alertRuleInput, withKeptSecrets(edit, before.channels), ['rule']);
    const row = (await updateAlertRuleRow(tx, id, await columnsOf(tx, rule, ['rule'])))!;
    const codes = await siteCodesById(tx);
    const answer = alertRuleAnswer(row, codes);
    const changes = changesOf(alertRuleAnswer(before, codes), answer);
    const newSecrets = secretsChanged(before.channels, row.channels);
    // Switched off by the edit: its open alerts are closed, as setAlertRuleEnabled does.
    const closedAlerts = before.enabled && !row.enabled ? await closeOpenAlertsOfRule(tx, id, now) : [];
    await audit(tx, actor, 'alert_rule.update', row, {
      changes,
      ...(newSecrets.length > 0 ? { newSecretsForChannels: newSecrets } : {}),
      ...(closedAlerts.length > 0 ? { closedAlerts } : {}),
    });
    return answer;
  });
}

/**
 * Switching a rule off (or on). Off, the engine no longer looks at it, so its open alerts are
 * closed now (without a message: the person who switched it off knows) rather than left firing.
 */
export async function setAlertRuleEnabled(db: Db, actor: Actor, id: number, enabled: boolean, now: Date): Promise<AlertRuleAnswer> {
  return db.transaction(async (tx) => {
    const before = await lockAlertRule(tx, id);
    if (!before) throw notFound('Alert rule');
    const row = before.enabled === enabled ? before : (await updateAlertRuleRow(tx, id, { enabled }))!;
    if (before.enabled !== enabled) {
      const closedAlerts = enabled ? [] : await closeOpenAlertsOfRule(tx, id, now);
      await audit(tx, actor, enabled ? 'alert_rule.enable' : 'alert_rule.disable', row, closedAlerts.length > 0 ? { closedAlerts } : {});
    }
    return alertRuleAnswer(row, await siteCodesById(tx));
  });
}

/**
 * Deleting a rule closes its open alerts (the history keeps them, under the rule's name). A
 * built-in rule is switched off instead, so that no later seed brings it back.
 */
export async function deleteAlertRule(db: Db, actor: Actor, id: number, now: Date = new Date()): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const before = await lockAlertRule(tx, id);
    if (!before) throw notFound('Alert rule');
    if (before.builtIn) throw conflict('A built-in rule is switched off, not deleted');
    const closedAlerts = await closeOpenAlertsOfRule(tx, id, now);
    await deleteAlertRuleRow(tx, id);
    await audit(tx, actor, 'alert_rule.delete', before, closedAlerts.length > 0 ? { closedAlerts } : {});
    return { id };
  });
}
