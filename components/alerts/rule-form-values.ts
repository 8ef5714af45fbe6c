// The alert rule form's own values and their translation to and from the API's rule
// (lib/alerts/rule-input.ts): a threshold is typed in the metric's display unit (a percentage for
// a ratio, turned into the fraction the API takes), numbers are typed as text in the reader's
// locale, and the e-mail addresses are one list. The form is checked with the API's own schema:
// each issue is taken back to the field it came from, named by a message key the form translates.
// Pure: no React, so it is tested on its own.
import { nestedFieldErrors } from '@/components/forms/issues-resolver';
import type { FieldErrors } from 'react-hook-form';
import { ALERT_METRIC_DEFINITIONS, type AlertMetric, type AlertUnit } from '@/lib/alerts/metrics';
import {
  alertRuleInput,
  type AlertComparison,
  type AlertRuleInput,
  type AlertSeverity,
  type TargetThreshold,
  type WebhookFormat,
} from '@/lib/alerts/rule-input';

export type ScopeMode = 'sites' | 'network';
export type WindowKind = 'trailing' | 'today' | 'yesterday';
export type ThresholdKind = 'number' | TargetThreshold;

export type WebhookValues = { url: string; secret: string; format: WebhookFormat; secretSet: boolean };

export type RuleFormValues = {
  name: string;
  metric: AlertMetric;
  scopeMode: ScopeMode;
  /** Site codes; none chosen = every active site. */
  sites: string[];
  /** Queue names, separated by commas. */
  queues: string;
  windowKind: WindowKind;
  trailingMinutes: string;
  comparison: AlertComparison;
  thresholdKind: ThresholdKind;
  /** In the metric's display unit (percent for a ratio). */
  threshold: string;
  minVolume: string;
  holdMinutes: string;
  /** Empty: no reminder while firing. */
  renotifyMinutes: string;
  severity: AlertSeverity;
  quietWhenClosed: boolean;
  enabled: boolean;
  /** E-mail addresses, separated by commas, spaces or lines. */
  emails: string;
  webhooks: WebhookValues[];
};

/** A rule as the API answers it (alerts.rules.list), as far as the form reads it. */
export type StoredRule = {
  name: string;
  metric: string;
  scope: { sites?: string[]; queues?: string[]; network?: boolean };
  window?: { trailingMinutes: number } | { period: 'today' | 'yesterday' } | null;
  comparison: AlertComparison;
  threshold: number | TargetThreshold;
  minVolume: number;
  holdMinutes: number;
  renotifyMinutes?: number | null;
  severity: AlertSeverity;
  channels: ({ kind: 'email'; to: string[] } | { kind: 'webhook'; url: string; format: WebhookFormat; secretSet?: boolean; secret?: string })[];
  quietWhenClosed: boolean;
  enabled: boolean;
};

/** The message keys the form translates (alerts.form.errors.*). */
export type RuleErrorKey =
  | 'name'
  | 'metric'
  | 'sites'
  | 'queues'
  | 'network'
  | 'window'
  | 'trailingMinutes'
  | 'comparison'
  | 'comparisonTarget'
  | 'threshold'
  | 'thresholdRatio'
  | 'thresholdNoTarget'
  | 'minVolume'
  | 'holdMinutes'
  | 'renotifyMinutes'
  | 'severity'
  | 'emails'
  | 'webhookUrl'
  | 'webhookSecret'
  | 'webhookFormat'
  | 'invalid';

/** The unit a threshold is typed in: a ratio as a percentage, the rest as the metric measures it. */
export function displayUnitOf(metric: AlertMetric): Exclude<AlertUnit, 'ratio'> | 'percent' {
  const unit = ALERT_METRIC_DEFINITIONS[metric].unit;
  return unit === 'ratio' ? 'percent' : unit;
}

/** A number typed in either locale ("80,5" or "80.5"); NaN when it is not one. */
export function parseTypedNumber(text: string): number {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '' || !/^-?\d*\.?\d+$|^-?\d+\.$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** The threshold the API takes from what was typed: a percentage of a ratio becomes its fraction. */
export function thresholdFromDisplay(metric: AlertMetric, typed: string): number {
  const value = parseTypedNumber(typed);
  if (displayUnitOf(metric) !== 'percent' || Number.isNaN(value)) return value;
  // Rounded so that 80.1 % is 0.801, not 0.8009999999999999.
  return Math.round(value * 1e6) / 1e8;
}

/** The threshold as typed in the form from the API's number. */
export function thresholdToDisplay(metric: AlertMetric, threshold: number): string {
  if (displayUnitOf(metric) !== 'percent') return String(threshold);
  return String(Math.round(threshold * 1e8) / 1e6);
}

export function splitList(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const isMetric = (metric: string): metric is AlertMetric => metric in ALERT_METRIC_DEFINITIONS;

export function emptyRuleValues(): RuleFormValues {
  return {
    name: '',
    metric: 'serviceLevel',
    scopeMode: 'sites',
    sites: [],
    queues: '',
    windowKind: 'trailing',
    trailingMinutes: '60',
    comparison: 'below',
    thresholdKind: 'target-red',
    threshold: '',
    minVolume: '10',
    holdMinutes: '0',
    renotifyMinutes: '',
    severity: 'warning',
    quietWhenClosed: true,
    enabled: true,
    emails: '',
    webhooks: [],
  };
}

/** The form's values for a stored rule (its webhook secrets are never answered: left empty, kept). */
export function valuesFromRule(rule: StoredRule): RuleFormValues {
  const metric = isMetric(rule.metric) ? rule.metric : 'serviceLevel';
  const window = rule.window ?? null;
  const windowKind: WindowKind = window && 'period' in window ? window.period : 'trailing';
  return {
    name: rule.name,
    metric,
    scopeMode: rule.scope.network ? 'network' : 'sites',
    sites: [...(rule.scope.sites ?? [])],
    queues: (rule.scope.queues ?? []).join(', '),
    windowKind,
    trailingMinutes: window && 'trailingMinutes' in window ? String(window.trailingMinutes) : '60',
    comparison: rule.comparison,
    thresholdKind: typeof rule.threshold === 'number' ? 'number' : rule.threshold,
    threshold: typeof rule.threshold === 'number' ? thresholdToDisplay(metric, rule.threshold) : '',
    minVolume: String(rule.minVolume),
    holdMinutes: String(rule.holdMinutes),
    renotifyMinutes: rule.renotifyMinutes ? String(rule.renotifyMinutes) : '',
    severity: rule.severity,
    quietWhenClosed: rule.quietWhenClosed,
    enabled: rule.enabled,
    emails: rule.channels.flatMap((c) => (c.kind === 'email' ? c.to : [])).join(', '),
    webhooks: rule.channels.flatMap((c) =>
      c.kind === 'webhook' ? [{ url: c.url, secret: '', format: c.format, secretSet: Boolean(c.secretSet) }] : [],
    ),
  };
}

/**
 * The API's rule from the form's values. Fields the metric does not take (a window for a metric
 * read as of now, queues for a per-site metric) are left out rather than refused: the form hides them.
 */
export function ruleFromValues(values: RuleFormValues): AlertRuleInput {
  const def = ALERT_METRIC_DEFINITIONS[values.metric];
  const queues = def.byQueue && values.scopeMode === 'sites' ? splitList(values.queues, /,/) : [];
  const scope: AlertRuleInput['scope'] =
    values.scopeMode === 'network'
      ? { network: true }
      : { ...(values.sites.length ? { sites: [...values.sites].sort() } : {}), ...(queues.length ? { queues } : {}) };
  const emails = splitList(values.emails, /[\s,;]+/);
  const renotify = values.renotifyMinutes.trim();
  return {
    name: values.name,
    metric: values.metric,
    scope,
    ...(def.windowed
      ? { window: values.windowKind === 'trailing' ? { trailingMinutes: parseTypedNumber(values.trailingMinutes) } : { period: values.windowKind } }
      : {}),
    comparison: values.comparison,
    threshold: values.thresholdKind === 'number' ? thresholdFromDisplay(values.metric, values.threshold) : values.thresholdKind,
    minVolume: parseTypedNumber(values.minVolume),
    holdMinutes: parseTypedNumber(values.holdMinutes),
    renotifyMinutes: renotify === '' ? null : parseTypedNumber(renotify),
    severity: values.severity,
    channels: [
      ...(emails.length ? [{ kind: 'email' as const, to: emails }] : []),
      ...values.webhooks.map((w) => ({ kind: 'webhook' as const, url: w.url.trim(), secret: w.secret, format: w.format })),
    ],
    quietWhenClosed: values.quietWhenClosed,
    enabled: values.enabled,
  };
}

/** Where an issue of the API's schema shows in the form, and what it says there. */
export type FormIssue = { field: string; key: RuleErrorKey };

/** A placeholder for a kept secret while the form is checked: the stored one is kept by the server. */
const KEPT_SECRET = 'kept-secret-kept-secret';

/** An issue's path in the API's rule, taken back to the form's field. */
export function issueToField(values: RuleFormValues, path: readonly PropertyKey[], message: string): FormIssue {
  const [head, second, third] = path;
  switch (head) {
    case 'scope':
      if (second === 'network') return { field: 'scopeMode', key: 'network' };
      return second === 'queues' ? { field: 'queues', key: 'queues' } : { field: 'sites', key: 'sites' };
    case 'window':
      return values.windowKind === 'trailing' ? { field: 'trailingMinutes', key: 'trailingMinutes' } : { field: 'windowKind', key: 'window' };
    case 'comparison':
      return { field: 'comparison', key: message.startsWith('Worse than the target') ? 'comparisonTarget' : 'comparison' };
    case 'threshold':
      if (message.startsWith('This metric has no target')) return { field: 'thresholdKind', key: 'thresholdNoTarget' };
      return { field: 'threshold', key: message.startsWith('A ratio is a fraction') ? 'thresholdRatio' : 'threshold' };
    case 'channels': {
      const emailsFirst = splitList(values.emails, /[\s,;]+/).length > 0;
      const index = typeof second === 'number' ? second : 0;
      if (emailsFirst && index === 0) return { field: 'emails', key: 'emails' };
      const webhook = index - (emailsFirst ? 1 : 0);
      const part = third === 'secret' ? 'secret' : third === 'format' ? 'format' : 'url';
      const key: RuleErrorKey = part === 'secret' ? 'webhookSecret' : part === 'format' ? 'webhookFormat' : 'webhookUrl';
      return { field: `webhooks.${webhook}.${part}`, key };
    }
    case 'name':
    case 'metric':
    case 'minVolume':
    case 'holdMinutes':
    case 'renotifyMinutes':
    case 'severity':
      return { field: head, key: head };
    default:
      return { field: 'name', key: 'invalid' };
  }
}

/** Every field the API's schema refuses, the first issue of each. */
export function checkRuleValues(values: RuleFormValues): FormIssue[] {
  // A kept webhook secret is sent empty (the server keeps the stored one); checked as if present.
  const checked = ruleFromValues({
    ...values,
    webhooks: values.webhooks.map((w) => (w.secretSet && w.secret === '' ? { ...w, secret: KEPT_SECRET } : w)),
  });
  const result = alertRuleInput.safeParse(checked);
  if (result.success) return [];
  const issues: FormIssue[] = [];
  for (const issue of result.error.issues) {
    const found = issueToField(values, issue.path, issue.message);
    if (!issues.some((i) => i.field === found.field)) issues.push(found);
  }
  return issues;
}

/** react-hook-form's errors from the issues: nested where the field is (webhooks.0.url). */
export function formErrorsOf(issues: FormIssue[]): FieldErrors<RuleFormValues> {
  return nestedFieldErrors<RuleFormValues>(issues);
}
